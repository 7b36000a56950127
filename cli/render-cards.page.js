/* Plain browser JavaScript for cli/render-cards.ts: runs in the page beside the Adaptive Cards renderer. */
/* global AdaptiveCards, document */

// Teams renders the markdown subset the cards use (bold, links, lists); so does this page.
AdaptiveCards.AdaptiveCard.onProcessMarkdown = function (text, result) {
  function esc(t) {
    return t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  }
  function inline(t) {
    return esc(t)
      .replace(/\\([*_[\]`\\])/g, function (_m, c) { return '&#' + c.charCodeAt(0) + ';'; })
      .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
      .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '<a href="$2">$1</a>');
  }
  var blocks = text.split('\n\n').map(function (block) {
    var lines = block.split('\n');
    if (lines.every(function (l) { return l.indexOf('- ') === 0; })) {
      return '<ul style="margin:0;padding:0 0 0 20px;box-sizing:border-box;width:100%;white-space:normal">' + lines.map(function (l) { return '<li>' + inline(l.slice(2)) + '</li>'; }).join('') + '</ul>';
    }
    return '<p style="margin:0">' + inline(block) + '</p>';
  });
  result.outputHtml = blocks.join('<div style="height:6px"></div>');
  result.didProcess = true;
};

/** Renders a card into the element with the given id (default "card") and returns its element. */
window.renderCard = function (json, into) {
  var card = new AdaptiveCards.AdaptiveCard();
  card.hostConfig = new AdaptiveCards.HostConfig({
    fontFamily: "'Segoe UI', system-ui, sans-serif",
    spacing: { small: 4, default: 8, medium: 12, large: 16, extraLarge: 24, padding: 12 },
    actions: { maxActions: 6, buttonSpacing: 6, actionsOrientation: 'horizontal', actionAlignment: 'left' },
  });
  card.parse(json);
  var element = card.render();
  document.getElementById(into || 'card').appendChild(element);
  return element;
};

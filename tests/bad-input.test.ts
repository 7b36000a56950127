import assert from 'node:assert/strict';
import { cardText } from './support/cards';
import { cards, exchange, post, type RunningBot, startBot } from './support/protocol';

describe('bad input gets a clear, kind answer and never a crash or a 5xx', () => {
  let running: RunningBot;
  before(async () => {
    running = await startBot();
  });
  after(async () => running.stop());

  const ask = async (text: string) => cards(await exchange(running.url, { text }));

  it('an empty message gets the help card', async () => {
    const [reply] = await ask('   ');
    assert.match(cardText(reply.card), /Try asking/);
  });

  it('a 50,000-character message is answered', async () => {
    const [reply] = await ask(`smoking ${'x'.repeat(50_000)}`);
    assert.ok(reply.summary);
  });

  it('emoji-only text gets a helpful answer, not a wrong topic', async () => {
    const [reply] = await ask('😀🙏🏽🔥');
    assert.match(reply.summary, /No topic matched|Did you mean/);
  });

  it('HTML and markdown in the text are never echoed into a card', async () => {
    const replies = await ask('<script>alert(1)</script> [click](https://evil.example) **smoking**');
    const json = JSON.stringify(replies);
    assert.ok(!json.includes('<script>'));
    assert.ok(!json.includes('evil.example'));
  });

  it('a card click with unknown or tampered data gets a kind message and a way back', async () => {
    for (const value of [{ action: 'topic', topic: 'not-a-topic' }, { action: 'explode' }, 'just a string', { action: 'setPlace', place: 'atlantis' }, [1, 2, 3], { action: 'ask', query: 'y'.repeat(5000) }]) {
      const [reply] = cards(await exchange(running.url, { value }));
      assert.match(cardText(reply.card), /out of date|Browse topics/, JSON.stringify(value).slice(0, 40));
    }
  });

  it('a body that is not JSON gets a 400', async () => {
    const res = await post(running.url, '{"type": "message", ', { 'content-type': 'application/json' });
    assert.equal(res.status, 400);
  });

  it('a body in another content type gets a 400', async () => {
    const res = await post(running.url, 'smoking', { 'content-type': 'text/plain' });
    assert.equal(res.status, 400);
  });

  it('an activity missing its conversation gets a 400 naming the field', async () => {
    const res = await post(running.url, { type: 'message', text: 'hi', serviceUrl: 'http://127.0.0.1:9/' });
    assert.equal(res.status, 400);
    assert.match(String(res.json?.error), /conversation/);
  });

  it('an unknown activity type is accepted quietly', async () => {
    const replies = await exchange(running.url, { type: 'somethingNew', text: undefined });
    assert.deepEqual(cards(replies), []);
  });

  it('still answers normally afterwards', async () => {
    const [reply] = await ask('smoking');
    assert.match(reply.summary, /Smoking/);
  });
});

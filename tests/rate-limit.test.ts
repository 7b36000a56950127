import assert from 'node:assert/strict';
import sinon from 'sinon';
import { RateLimiter } from '../bot/rate-limit';
import { cards, exchange, startBot } from './support/protocol';

describe('the per-user rate limit', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: new Date('2026-11-22T09:00:00Z') });
  });
  afterEach(() => clock.restore());

  it('allows a burst, warns once, then drops until time refills the bucket', () => {
    const limiter = new RateLimiter(30, 5);
    const verdicts = Array.from({ length: 8 }, () => limiter.take('nurse-1'));
    assert.deepEqual(verdicts, ['ok', 'ok', 'ok', 'ok', 'ok', 'warn', 'drop', 'drop']);
    clock.tick(2_000); // 30 a minute: one more every 2 s
    assert.equal(limiter.take('nurse-1'), 'ok');
    assert.equal(limiter.take('nurse-1'), 'warn', 'a new flood gets a new, single warning');
  });

  it('keeps each member of staff separate', () => {
    const limiter = new RateLimiter(30, 2);
    limiter.take('a');
    limiter.take('a');
    assert.equal(limiter.take('a'), 'warn');
    assert.equal(limiter.take('b'), 'ok');
  });

  it('keeps memory bounded under a flood of distinct ids, forgetting the longest idle first', () => {
    const limiter = new RateLimiter(30, 2, () => Date.now(), 1000);
    limiter.take('flooder');
    limiter.take('flooder');
    for (let i = 0; i < 200_000; i++) {
      limiter.take(`stranger-${i}`);
      if (i % 500 === 0) limiter.take('flooder'); // still active, so never the one forgotten
    }
    assert.equal(limiter.size, 1000);
    assert.equal(limiter.take('flooder'), 'drop', 'the active flooder is still held back');
  });
});

describe('card clicks and staff reports have limits of their own', () => {
  it('100 quick "ask" clicks from one person are not 100 answers; 20 quick reports are not 20 stored', async () => {
    const running = await startBot({ env: { CARD_RATE_LIMIT_PER_MINUTE: '60', REPORT_RATE_LIMIT_PER_HOUR: '10' } });
    try {
      const clicks = await Promise.all(Array.from({ length: 100 }, () => exchange(running.url, { value: { action: 'ask', query: 'smoking' } }, { user: 'clicker' })));
      const answered = clicks.filter((r) => cards(r).length > 0).length;
      assert.ok(answered <= 25, `answered ${answered}`);
      assert.equal(clicks.filter((r) => r.some((a) => /very quickly/.test(a.text ?? ''))).length, 1, 'one polite slow-down');
      for (let i = 0; i < 20; i++) await exchange(running.url, { value: { action: 'report', service: 'llbd', reason: 'other' } }, { user: 'reporter' });
      assert.equal((await running.bot.reports.list()).length, 5, 'five at once, then one every six minutes');
      const other = cards(await exchange(running.url, { value: { action: 'ask', query: 'smoking' } }, { user: 'colleague' }));
      assert.equal(other.length, 1, 'others are unaffected');
    } finally {
      await running.stop();
    }
  });
});

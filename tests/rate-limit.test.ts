import assert from 'node:assert/strict';
import sinon from 'sinon';
import { RateLimiter } from '../bot/rate-limit';

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
});

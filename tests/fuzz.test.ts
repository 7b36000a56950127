import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cards, exchange, post, type RunningBot, startBot } from './support/protocol';

const KNOWN_ACTIONS = ['topic', 'moreServices', 'guide', 'changePlace', 'setPlace', 'ask', 'help', 'browse', 'walk', 'practice', 'practiceAnswer', 'reportForm', 'report', 'resolveReport'];
const INVOKES = ['composeExtension/query', 'composeExtension/selectItem', 'adaptiveCard/action', 'task/fetch', 'signin/verifyState', 'message/submitAction'];

const weirdText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.constantFrom('', ' ', '\u0000', '\u202e\u202d', '👩🏽‍⚕️'.repeat(200), '<at>MECC</at>', '<script>alert(1)</script>', 'x'.repeat(60_000), '%00%ff', '\\u0000'),
);

const cardValue = fc.oneof(
  fc.anything({ maxDepth: 6 }),
  fc.record({ action: fc.constantFrom(...KNOWN_ACTIONS), topic: fc.anything({ maxDepth: 2 }), place: fc.anything({ maxDepth: 2 }), step: fc.anything({ maxDepth: 1 }), version: fc.anything({ maxDepth: 1 }), scenario: fc.integer(), choice: fc.integer(), service: fc.string(), reason: fc.string(), query: weirdText }, { requiredKeys: ['action'] }),
);

const activityArb = fc.record(
  {
    type: fc.oneof(fc.constantFrom('message', 'invoke', 'conversationUpdate', 'installationUpdate', 'messageReaction', 'event', 'typing', 'endOfConversation'), fc.string({ minLength: 1, maxLength: 64 })),
    text: fc.oneof(weirdText, fc.constant(undefined), fc.constant(null), fc.integer()),
    value: fc.oneof(cardValue, fc.constant(undefined)),
    name: fc.oneof(fc.constantFrom(...INVOKES), fc.string()),
    membersAdded: fc.oneof(fc.constant([{ id: '28:mecc-bot' }]), fc.anything({ maxDepth: 2 })),
    action: fc.oneof(fc.constantFrom('add', 'remove'), fc.anything({ maxDepth: 1 })),
    entities: fc.oneof(fc.constant([{ type: 'mention', mentioned: { id: '28:mecc-bot' }, text: '<at>MECC</at>' }]), fc.anything({ maxDepth: 3 })),
    channelData: fc.anything({ maxDepth: 4 }),
    conversationType: fc.constantFrom('personal', 'groupChat', 'channel'),
    drop: fc.subarray(['from', 'recipient', 'channelId', 'id', 'conversation', 'serviceUrl']),
  },
  { requiredKeys: ['type', 'conversationType', 'drop'] },
);

describe('hostile and odd input (property-based)', function () {
  this.timeout(120_000);
  let running: RunningBot;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  before(async () => {
    process.on('unhandledRejection', onUnhandled);
    running = await startBot();
  });
  after(async () => {
    process.off('unhandledRejection', onUnhandled);
    await running.stop();
  });

  it('1,000 generated activities: no crash, no unhandled rejection, no 5xx but the protocol\'s own 501', async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(activityArb, async (a) => {
        const { drop, conversationType, ...fields } = a;
        const body: Record<string, unknown> = {
          id: 'fuzz',
          channelId: 'msteams',
          serviceUrl: 'http://127.0.0.1:9/',
          from: { id: '29:fuzzer', aadObjectId: 'aad-fuzzer' },
          recipient: { id: '28:mecc-bot' },
          conversation: { id: `a:fuzz-${conversationType}`, conversationType },
          deliveryMode: 'expectReplies',
          ...fields,
        };
        for (const key of drop) delete body[key];
        const res = await post(running.url, body);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const unknownInvoke = body.type === 'invoke' && res.status === 501;
        return res.status < 500 || unknownInvoke;
      }),
      { numRuns: 1000, seed: 20261122 },
    );
    assert.deepEqual(unhandled, []);
    assert.ok((statuses.get(200) ?? 0) > 100, JSON.stringify([...statuses]));
  });

  it('answers a normal question correctly afterwards', async () => {
    const [answer] = cards(await exchange(running.url, { text: 'cold flat in Glossop' }));
    assert.match(answer.summary, /Affordable warmth/);
  });
});

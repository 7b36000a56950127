import assert from 'node:assert/strict';
import { cardProblems } from './support/cards';
import { activity, post, type RunningBot, startBot, type Json } from './support/protocol';

describe('the search message extension over the protocol', () => {
  let running: RunningBot;
  before(async () => {
    running = await startBot();
  });
  after(async () => running.stop());

  const invoke = async (name: string, value: unknown): Promise<Json> => {
    const res = await post(running.url, activity({ type: 'invoke', name, value, text: undefined, deliveryMode: undefined }));
    assert.equal(res.status, 200, res.text);
    return res.json!;
  };
  const query = (text: string | undefined, options: Json = {}) =>
    invoke('composeExtension/query', {
      commandId: 'searchServices',
      parameters: text === undefined ? [{ name: 'initialRun', value: 'true' }] : [{ name: 'query', value: text }],
      queryOptions: { skip: 0, count: 10, ...options },
    });

  it('lists services for "carers" with a preview each', async () => {
    const body = await query('carers');
    const { attachments } = body.composeExtension;
    assert.equal(body.composeExtension.type, 'result');
    assert.ok(attachments.length >= 2);
    for (const a of attachments) {
      assert.ok(a.preview.content.title);
      assert.ok(a.preview.content.text);
      assert.deepEqual(cardProblems(a.content), []);
    }
    assert.ok(attachments.some((a: Json) => /carer/i.test(a.preview.content.title)));
  });

  it('finds services for a topic and Place: "stop smoking chesterfield"', async () => {
    const { attachments } = (await query('stop smoking chesterfield')).composeExtension;
    assert.ok(attachments.length >= 1);
    assert.ok(attachments.every((a: Json) => !/Derby City$/.test(a.preview.content.text)), 'no Derby City-only service for Chesterfield');
  });

  it('shows the most used topics on the initial run (empty query)', async () => {
    const { attachments } = (await query(undefined)).composeExtension;
    assert.equal(attachments[0].preview.content.title, 'Smoking and vaping');
    const empty = await query('');
    assert.equal(empty.composeExtension.attachments.length, attachments.length);
  });

  it('pages with skip and count', async () => {
    const first = (await query('mental health', { skip: 0, count: 2 })).composeExtension.attachments;
    const second = (await query('mental health', { skip: 2, count: 2 })).composeExtension.attachments;
    assert.equal(first.length, 2);
    assert.ok(second.length >= 1);
    assert.notEqual(first[0].preview.content.title, second[0].preview.content.title);
    const beyond = await query('mental health', { skip: 500, count: 10 });
    assert.equal(beyond.composeExtension.type, 'message');
  });

  it('answers an unknown command with a clear message, not an error', async () => {
    const body = await invoke('composeExtension/query', { commandId: 'somethingOld', parameters: [{ name: 'query', value: 'x' }] });
    assert.equal(body.composeExtension.type, 'message');
    assert.match(body.composeExtension.text, /not available/);
  });

  it('inserts the full service card when a result is chosen', async () => {
    const { attachments } = (await query('samaritans')).composeExtension;
    const samaritans = attachments.find((a: Json) => a.preview.content.tap.value.id === 'samaritans');
    assert.ok(samaritans);
    const chosen = await invoke('composeExtension/selectItem', samaritans.preview.content.tap.value);
    const card = chosen.composeExtension.attachments[0].content;
    assert.deepEqual(cardProblems(card), []);
    assert.match(JSON.stringify(card), /116 123/);
  });

  it('a tampered selection gets a clear message', async () => {
    const body = await invoke('composeExtension/selectItem', { kind: 'service', id: 'nope' });
    assert.equal(body.composeExtension.type, 'message');
  });
});

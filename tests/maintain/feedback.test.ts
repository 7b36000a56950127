import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadConfig } from '../../bot/config';
import { LevelStorage } from '../../bot/storage/level-storage';
import { feedbackCommand } from '../../cli/feedback';
import { ReportStore } from '../../reports/store';
import { realDirectory } from '../support/directory';
import { tempDir } from '../support/process';

describe('directory feedback: staff reports on the command line', () => {
  const run = async (args: string[], state: string) => {
    let out = '';
    let err = '';
    const code = await feedbackCommand(args, { out: (t) => (out += t), err: (t) => (err += t) }, { directory: realDirectory(), config: loadConfig({ STATE_DIR: state }) });
    return { code, out, err };
  };

  it('lists open reports oldest first and resolves one with a note, in the store the bot uses', async () => {
    const state = tempDir('mecc-feedback-');
    const store = new ReportStore(new LevelStorage(join(state, 'reports'), { holdOpen: false }));
    const first = await store.add({ serviceId: 'llbd', reason: 'wrong-phone', comment: 'rings out', reporter: 'u1' });
    await store.add({ serviceId: 'samaritans', reason: 'other', reporter: 'u2' });

    const listed = await run([], state);
    assert.equal(listed.code, 0);
    assert.match(listed.out, /2 open staff reports, oldest first/);
    assert.ok(listed.out.indexOf('llbd') < listed.out.indexOf('samaritans'));
    assert.match(listed.out, /Wrong phone number .*Live Life Better Derbyshire/);
    assert.match(listed.out, /"rings out"/);

    const refused = await run(['resolve', first.id], state);
    assert.equal(refused.code, 64, 'a note is required');

    const resolved = await run(['resolve', first.id, '--note', 'number checked with the provider'], state);
    assert.equal(resolved.code, 0);
    assert.match(resolved.out, /is resolved/);
    assert.match((await run([], state)).out, /1 open staff report,/);
    assert.match((await run(['--all'], state)).out, /resolved/);
    assert.equal((await store.get(first.id))?.note, 'number checked with the provider');
  });

  it('says so when a report id does not exist', async () => {
    const { code, err } = await run(['resolve', 'nope', '--note', 'x'], tempDir('mecc-feedback-'));
    assert.equal(code, 1);
    assert.match(err, /No report 'nope'/);
  });

  it('prints staff comments without terminal control codes (no erased lines, hidden text or links)', async () => {
    const state = tempDir('mecc-feedback-');
    const store = new ReportStore(new LevelStorage(join(state, 'reports'), { holdOpen: false }));
    await store.add({ serviceId: 'llbd', reason: 'other', comment: 'ok\u001b[2K\u001b[1A\u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007\u009b31m\u202ereversed', reporter: 'u1' });
    const { out } = await run([], state);
    assert.doesNotMatch(out, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
    assert.match(out, /"ok\[2K\[1A\]8;;https:\/\/evil\.exampleclick\]8;;31mreversed"/);
  });
});

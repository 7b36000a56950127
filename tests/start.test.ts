import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { ClassicLevel } from 'classic-level';
import { freePort, spawnBot, tempDir } from './support/process';

const BOT = join(__dirname, '..', 'bot', 'index.ts');

/** What the bot prints on stderr besides its JSON log lines. */
const plainLines = (out: string) => out.split('\n').filter((l) => l.trim() && !l.startsWith('{'));

describe('starting the bot', function () {
  this.timeout(30_000);

  describe('when its port is already taken', () => {
    let taken: Server;
    let port: number;
    before(async () => {
      port = await freePort();
      taken = createServer();
      await new Promise<void>((resolve) => taken.listen(port, '127.0.0.1', resolve));
    });
    after(() => new Promise<void>((resolve) => taken.close(() => resolve())));

    it('says in one plain line which port, and how to choose another; exits non-zero with no stack trace', () => {
      const run = spawnSync(process.execPath, ['--import', 'tsx', BOT], {
        env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', STORAGE: 'memory', MicrosoftAppId: '', LOG_LEVEL: 'info' },
        encoding: 'utf8',
        timeout: 25_000,
      });
      assert.equal(run.status, 69, run.stderr);
      const about = plainLines(run.stderr).filter((l) => !/^The directory data has \d+ warning/.test(l));
      assert.deepEqual(about, [
        `Port ${port} on 127.0.0.1 is already in use (is the bot already running?): stop the other process, or choose another port with PORT, e.g. PORT=3978 npm start`,
      ]);
      assert.doesNotMatch(run.stderr + run.stdout, /EADDRINUSE|\n\s+at /);
    });
  });

  it('says in one plain line when another bot holds its state folder, and how to choose another', async () => {
    const stateDir = tempDir('mecc-state-held-');
    const held = new ClassicLevel(join(stateDir, 'state'));
    await held.open();
    try {
      const run = spawnSync(process.execPath, ['--import', 'tsx', BOT], {
        env: { ...process.env, PORT: String(await freePort()), HOST: '127.0.0.1', STORAGE: 'disk', STATE_DIR: stateDir, MicrosoftAppId: '', LOG_LEVEL: 'info' },
        encoding: 'utf8',
        timeout: 25_000,
      });
      assert.equal(run.status, 69, run.stderr);
      const about = plainLines(run.stderr).filter((l) => !/^The directory data has \d+ warning/.test(l));
      assert.deepEqual(about, [
        `The state folder ${stateDir} is in use by another bot process (one bot per STATE_DIR): stop the other bot, or give this one its own folder, e.g. STATE_DIR=data-2 npm start`,
      ]);
    } finally {
      await held.close();
    }
  });

  it('prints no deprecation or other Node warnings', async () => {
    const bot = await spawnBot({ STORAGE: 'memory', WATCH_DIRECTORY: 'false' });
    await bot.stop();
    const out = bot.output();
    assert.match(out, /"event":"started"/);
    assert.doesNotMatch(out, /DeprecationWarning|\(node:\d+\)|Warning:/);
  });
});

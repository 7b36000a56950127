import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { freePort, spawnBot } from './support/process';

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

  it('prints no deprecation or other Node warnings', async () => {
    const bot = await spawnBot({ STORAGE: 'memory', WATCH_DIRECTORY: 'false' });
    await bot.stop();
    const out = bot.output();
    assert.match(out, /"event":"started"/);
    assert.doesNotMatch(out, /DeprecationWarning|\(node:\d+\)|Warning:/);
  });
});

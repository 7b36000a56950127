/**
 * Every command in README.md is run, as written, by this file or by a named CI step, so the
 * README cannot drift from the code. A command added to the README with neither fails the
 * first test below.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describeState } from '../cli/playground';
import { LevelStorage } from '../bot/storage/level-storage';
import { ActivityLog } from '../activity/store';
import { editStorage } from '../bot/storage/edit-storage';
import { EditingService } from '../editing/service';
import { EditStore } from '../editing/store';
import { PublishedChanges } from '../editing/published';
import { cards, exchange } from './support/protocol';
import { DataCopy } from './support/directory';
import { freePort, tempDir } from './support/process';

const ROOT = join(__dirname, '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const CI_SCRIPT = readFileSync(join(ROOT, '.ci', 'run'), 'utf8');

/** Splits off a trailing `# comment` outside quotes, and reports whether quotes are still open. */
function scan(text: string): { code: string; open: boolean } {
  let single = false;
  let double = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'" && !double) single = !single;
    else if (c === '"' && !single) double = !double;
    else if (c === '#' && !single && !double && (i === 0 || /\s/.test(text[i - 1]))) return { code: text.slice(0, i).trimEnd(), open: false };
  }
  return { code: text.trimEnd(), open: single || double };
}

/** The shell commands in README.md: every line of its ```sh blocks, and inline `npm ...` code. */
export function readmeCommands(readme: string): string[] {
  const found: string[] = [];
  for (const block of readme.matchAll(/^([ \t]*)```sh\n([\s\S]*?)^[ \t]*```/gm)) {
    const indent = block[1].length;
    let pending = '';
    for (const raw of block[2].split('\n')) {
      const unindented = raw.slice(Math.min(indent, raw.length - raw.trimStart().length));
      // After a backslash the next line's indentation is layout; inside quotes it is content.
      const line = pending.endsWith(' ') ? unindented.trimStart() : unindented;
      if (!pending && (!line.trim() || line.trim().startsWith('#'))) continue;
      const { code, open } = scan(pending + line);
      if (open) {
        pending += `${line}\n`;
      } else if (code.endsWith('\\')) {
        pending = `${code.slice(0, -1).trimEnd()} `;
      } else {
        pending = '';
        found.push(code.trim());
      }
    }
  }
  for (const inline of readme.matchAll(/`((?:[A-Z_]+=\S+ )*(?:npm|npx|bash) [^`]+|(?:CI=true )bash [^`]+)`/g)) {
    const command = inline[1].replace(/\s+/g, ' ').trim();
    if (!found.includes(command)) found.push(command);
  }
  return [...new Set(found)];
}

/**
 * Commands that CI runs rather than this file, with the text of the step in .ci/run. Long
 * runs (the full benchmark, a ten-minute soak) run there shortened, with the same script
 * and options, so a renamed script or option still fails.
 */
const BY_CI: Record<string, string> = {
  'npm install': 'npm ci --no-audit --no-fund', // the same install, from package-lock.json
  'npm ci': 'npm ci --no-audit --no-fund',
  'npm test': 'npm test',
  'npm run typecheck': 'npm run typecheck',
  'npm run test:e2e': 'npm run test:e2e',
  'apt-get install -y chromium': 'missing="$missing chromium"',
  'apt-get update && apt-get install -y chromium': 'apt-get update -qq',
  'CI=true bash .ci/run': 'mktemp -d',
  'npm run bench -- --quick': 'npm run bench -- --quick',
  'npm run bench': 'npm run bench -- --quick',
  'npm run soak': 'npm run soak -- --minutes',
  'npm run soak -- --minutes 10 --rps 200': 'npm run soak -- --minutes',
  'npm run soak -- --hostile --seconds 60 --rps 50': 'npm run soak -- --hostile --seconds',
  'npm run render-cards': 'npm run render-cards -- --out',
  'npm run render-cards -- --out DIR': 'npm run render-cards -- --out',
  'npm run soak -- --minutes 0.5 --rps 50': 'npm run soak -- --minutes 0.5 --rps 50',
};

/** Commands run below, registered as their tests are declared. */
const RUN_HERE = new Set<string>();

interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

function sh(command: string, env: Record<string, string> = {}, timeout = 120_000): Ran {
  const run = spawnSync('bash', ['-c', command], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', timeout });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Declares a test that runs README commands; each must appear in the README word for word. */
function runs(commands: string | string[], title: string, check: () => void | Promise<void>, timeout = 120_000): void {
  const list = typeof commands === 'string' ? [commands] : commands;
  for (const c of list) RUN_HERE.add(c);
  it(`${list.join(' ; ')}: ${title}`, async function () {
    this.timeout(timeout);
    for (const c of list) assert.ok(readmeCommands(README).includes(c), `README.md no longer says: ${c}`);
    await check();
  });
}

/** Contents of every file under a folder, to show a command changed nothing there. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p, 'base64'));
    }
  };
  walk(dir);
  return out;
}

/** A long-running README command in its own process group, with its output so far. */
interface Running {
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

function start(command: string, env: Record<string, string>): Running {
  const child = spawn('bash', ['-c', command], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return {
    child,
    output: () => out,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const kill = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        process.kill(-child.pid!, 'SIGTERM');
      }),
  };
}

async function waitForOutput(running: Running, pattern: RegExp, ms: number): Promise<RegExpExecArray> {
  const deadline = Date.now() + ms;
  for (;;) {
    const m = pattern.exec(running.output());
    if (m) return m;
    if (running.child.exitCode !== null) throw new Error(`exited (${running.child.exitCode}) before printing ${pattern}:\n${running.output()}`);
    if (Date.now() > deadline) throw new Error(`did not print ${pattern} within ${ms / 1000} s:\n${running.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Lines a command printed that are neither npm's "> script" banner nor a JSON log line. */
const plainLines = (out: string) => out.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('>') && !l.startsWith('{'));

describe('the README', function () {
  this.timeout(30_000);

  it('has every command run by a test here or by a CI step', () => {
    const commands = readmeCommands(README);
    assert.ok(commands.length >= 30, `found only ${commands.length} commands`);
    const unrun = commands.filter((c) => !RUN_HERE.has(c) && !(c in BY_CI));
    assert.deepEqual(unrun, [], 'README commands that nothing runs: add a test here or a CI step');
    for (const [command, step] of Object.entries(BY_CI)) assert.ok(CI_SCRIPT.includes(step), `.ci/run runs '${step}' (for the README's '${command}')`);
  });

  it('finds commands the way a reader copies them', () => {
    const found = readmeCommands('```sh\nnpm run x -- "a\'s" # note\n# only a comment\nA=1 \\\n  npm run y\ncurl -d \'{\n  "a": 1\n}\'\n```\nthen `npm run z -- --k`.');
    assert.deepEqual(found, ['npm run x -- "a\'s"', 'A=1 npm run y', 'curl -d \'{\n  "a": 1\n}\'', 'npm run z -- --k']);
  });

  describe('reports for MECC leads', () => {
    const report = 'npm run activity -- report --from 2026-11-01 --to 2026-11-30 --by topic,outcome --csv';
    const chart = 'npm run activity -- chart --from 2026-09-07 --to 2026-11-29 --out mecc-activity.png';
    runs([report, chart], 'report suppresses small numbers; the chart is a PNG', async () => {
      const state = tempDir('mecc-readme-activity-');
      const log = new ActivityLog(new LevelStorage(join(state, 'activity'), { holdOpen: false }) as never, () => new Date('2026-11-20T12:00:00Z'));
      const tap = (i: number, topic: 'smoking' | 'diabetes') => log.record({ key: `${String(i).padStart(8, '0')}-0000-4000-8000-000000000000`, topic, place: null, outcome: 'signposted', setting: null, ageBand: null, organisation: 'x', staff: 's', at: '2026-11-10T10:00:00.000Z' });
      for (let i = 0; i < 6; i++) await tap(i, 'smoking');
      for (let i = 6; i < 8; i++) await tap(i, 'diabetes');
      const r = sh(report, { STATE_DIR: state, STORAGE: 'disk' });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /Smoking and vaping,Signposted,6/);
      assert.match(r.stdout, /Diabetes[^,]*,Signposted,<5/);
      const c = sh(chart, { STATE_DIR: state, STORAGE: 'disk' });
      assert.equal(c.status, 0, c.stderr);
      const png = join(ROOT, 'mecc-activity.png');
      assert.deepEqual([...readFileSync(png).subarray(1, 4)], [0x50, 0x4e, 0x47]);
      rmSync(png);
      assert.equal(c.status, 0, c.stderr);
    });
  });

  describe('asking from the command line', () => {
    runs('npm run --silent ask -- "cant afford heating in Buxton"', 'answers with the topic and the Place', () => {
      const r = sh('npm run --silent ask -- "cant afford heating in Buxton"');
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /Affordable warmth/);
      assert.match(r.stdout, /Place: High Peak/);
    });
    runs('npm run --silent ask -- "smoking" --place derby-city --json', 'prints the documented JSON object', () => {
      const r = sh('npm run --silent ask -- "smoking" --place derby-city --json');
      assert.equal(r.status, 0, r.stderr);
      const out = JSON.parse(r.stdout);
      assert.deepEqual(Object.keys(out), ['query', 'topic', 'place', 'crisis', 'services', 'alternatives']);
      assert.equal(out.topic, 'smoking');
      assert.equal(out.place, 'derby-city');
    });
    runs('npm run --silent eval -- tests/queries/dev.tsv', 'scores the development query set shipped in the repository', () => {
      const r = sh('npm run --silent eval -- tests/queries/dev.tsv');
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /topic accuracy/i);
      assert.match(r.stdout, /crisis recall/i);
    });
  });

  describe('for vaccination and pharmacy teams', () => {
    runs('npm run --silent cohort-eval -- tests/queries/cohort-round1.tsv', 'scores the cohort set shipped in the repository', () => {
      const r = sh('npm run --silent cohort-eval -- tests/queries/cohort-round1.tsv');
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /239 queries: cohort \d+\.\d% \(age band/);
    });
    runs('npm run --silent cohort-eval -- tests/queries/cohort-round2.tsv --today 2026-12-02', 'scores the second cohort set on the day it was written', () => {
      const r = sh('npm run --silent cohort-eval -- tests/queries/cohort-round2.tsv --today 2026-12-02');
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /224 queries: cohort \d+\.\d% \(age band/);
    });
    runs('npm run --silent cohort-eval -- --topics tests/queries/unseen-round2.tsv', 'prints the replies\' topic accuracy beside search\'s', () => {
      const r = sh('npm run --silent cohort-eval -- --topics tests/queries/unseen-round2.tsv');
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /topic accuracy of search \d+\.\d%, of the replies \d+\.\d%/);
    });
  });

  describe('the bot on a fresh clone', () => {
    const stateDir = tempDir('mecc-readme-state-');
    let bot: Running | undefined;
    let port = 0;
    after(() => bot?.stop());

    runs(['npm start', 'PORT=3979 npm start'], 'serves with the embedded defaults and prints nothing unexplained', async () => {
      port = await freePort();
      bot = start(`PORT=${port} npm start`, { STATE_DIR: stateDir, LOG_LEVEL: 'info' });
      await waitForOutput(bot, /"event":"started"/, 170_000);
      const health = await (await fetch(`http://127.0.0.1:${port}/healthz`)).json();
      assert.ok(health.services > 0);
      const started = JSON.parse(bot.output().split('\n').find((l) => l.includes('"event":"started"'))!);
      assert.equal(started.storage, 'disk');
      assert.equal(started.stateDir, stateDir);
      const explained = [/^Building \(tsc -p tsconfig\.json\)\.\.\.$/, /^The directory data has \d+ warning\(s\), which do not stop the bot: run 'npm run directory -- validate' for details\.$/];
      assert.deepEqual(plainLines(bot.output()).filter((l) => !explained.some((e) => e.test(l))), []);
      const warnings = bot.output().split('\n').filter((l) => l.startsWith('{') && JSON.parse(l).level >= 40).map((l) => JSON.parse(l).event);
      assert.deepEqual(warnings, ['local-development']);
    }, 180_000);

    const curl = readmeCommands(README).find((c) => c.startsWith('curl -s http://127.0.0.1:3978/api/messages'))!;
    runs(curl, 'gets one message holding the Adaptive Card', () => {
      assert.ok(bot, 'npm start ran');
      const r = sh(curl.replace('127.0.0.1:3978', `127.0.0.1:${port}`));
      assert.equal(r.status, 0, r.stderr);
      const { activities } = JSON.parse(r.stdout);
      assert.deepEqual(activities.map((a: { type: string }) => a.type), ['message']);
      assert.deepEqual(activities[0].attachments.map((a: { contentType: string }) => a.contentType), ['application/vnd.microsoft.card.adaptive']);
    });
  });

  describe('the Playground keeps reports in the same embedded store as npm start', () => {
    const stateDir = tempDir('mecc-readme-playground-');
    let reportId = '';
    const feedback = (command: string) => sh(command, { STATE_DIR: stateDir, STORAGE: 'disk' });

    runs(['npm run playground', 'STATE_DIR=data-playground npm run playground'], 'a staff report made there is listed by the feedback command', async () => {
      const botPort = await freePort();
      const playground = start('npm run playground', { PORT: String(botPort), PLAYGROUND_PORT: String(await freePort()), STATE_DIR: stateDir, STORAGE: 'disk' });
      try {
        const [, url] = await waitForOutput(playground, /Open (http:\/\/localhost:\d+\/) in your browser/, 170_000);
        assert.ok((await fetch(url)).ok);
        assert.match(playground.output(), new RegExp(`State: +kept in ${stateDir} \\(STORAGE=disk\\), as with npm start`));
        const thanks = cards(await exchange(`http://127.0.0.1:${botPort}`, { value: { action: 'report', service: 'samaritans', reason: 'closed' } }, { user: 'readme-1' }));
        assert.ok(thanks.length >= 1);
      } finally {
        await playground.stop();
      }
      const listed = JSON.parse(feedback('npm run --silent directory -- feedback --json').stdout) as { id: string; serviceId: string }[];
      assert.deepEqual(listed.map((r) => r.serviceId), ['samaritans']);
      reportId = listed[0].id;
    }, 180_000);

    runs('STORAGE=memory npm run playground', 'says plainly that nothing is kept', () => {
      assert.match(describeState('{"event":"started","storage":"memory"}\n'), /in memory only \(STORAGE=memory\): Places and staff reports made here are not kept/);
    });

    runs(['npm run directory -- feedback', 'npm run directory -- feedback --all', 'npm run directory -- feedback resolve 3f2a9c1d --note "phone updated from the provider\'s website"'], 'lists the open report, resolves it, and lists it as resolved', () => {
      assert.ok(reportId, 'the Playground test made a report');
      const open = feedback('npm run directory -- feedback');
      assert.equal(open.status, 0, open.stderr);
      assert.match(open.stdout, new RegExp(`${reportId} .*\\(samaritans\\)`));
      const resolve = feedback(`npm run directory -- feedback resolve ${reportId} --note "phone updated from the provider's website"`);
      assert.equal(resolve.status, 0, resolve.stderr);
      assert.match(resolve.stdout, new RegExp(`Report ${reportId} \\(samaritans\\) is resolved`));
      assert.doesNotMatch(feedback('npm run directory -- feedback').stdout, new RegExp(reportId));
      assert.match(feedback('npm run directory -- feedback --all').stdout, new RegExp(`${reportId} .*resolved`));
    });
  });

  describe('the maintainers\' commands', () => {
    runs('npm run directory -- <command> [options]', 'the synopsis: --help lists every command', () => {
      const r = sh('npm run directory -- --help');
      assert.equal(r.status, 0, r.stderr);
      for (const c of ['validate', 'report', 'export', 'import', 'feedback', 'history']) assert.match(r.stdout, new RegExp(`\\b${c}\\b`));
    });
    runs('npm run directory -- validate', 'finds the shipped directory valid', () => {
      const r = sh('npm run directory -- validate');
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /The directory is valid/);
    });
    runs('npm run directory -- validate --confirm-crisis-change', 'records the crisis lines as confirmed (on a copy of the data)', () => {
      const copy = new DataCopy();
      try {
        const r = sh(`npm run directory -- validate --confirm-crisis-change --data ${copy.root}`);
        assert.equal(r.status, 0, r.stdout + r.stderr);
        assert.ok(existsSync(join(copy.root, 'services', 'crisis-lines.confirmed')));
      } finally {
        copy.remove();
      }
    });
    runs('npm run directory -- report', 'prints the review report', () => {
      const r = sh('npm run directory -- report');
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /review/i);
    });

    const dataDir = join(ROOT, 'directory-data');
    const roundTrip = (made: string, commands: string[], unchanged: RegExp) => () => {
      assert.ok(!existsSync(join(ROOT, made)), `${made} is in the way: move it before running the tests`);
      const before = snapshot(dataDir);
      try {
        for (const c of commands) {
          const r = sh(c);
          assert.equal(r.status, 0, `${c}\n${r.stdout}${r.stderr}`);
          if (c.includes('import')) assert.match(r.stdout, unchanged, c);
        }
        assert.deepEqual(snapshot(dataDir), before, 'exporting and importing again changed nothing');
      } finally {
        rmSync(join(ROOT, made), { recursive: true, force: true });
      }
    };
    const csv = ['npm run directory -- export --csv services.csv', 'npm run directory -- import --csv services.csv --dry-run', 'npm run directory -- import --csv services.csv'];
    runs(csv, 'export and import again change nothing', roundTrip('services.csv', csv, /nothing|no change|unchanged/i));
    const oruk = ['npm run directory -- export --oruk oruk/', 'npm run directory -- import --oruk oruk/'];
    runs(oruk, 'export and import again change nothing', roundTrip('oruk', oruk, /nothing|no change|unchanged/i));
    runs('npx mocha --no-config -r tsx/cjs --timeout 20000 tests/maintain/csv.test.ts', 'runs one test file on its own', () => {
      const r = sh('npx mocha --no-config -r tsx/cjs --timeout 20000 tests/maintain/csv.test.ts');
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /passing/);
    });
  });

  describe('changes made in Teams: the audit trail and the files', () => {
    // A change to llbd proposed by one maintainer and published by another, in the embedded
    // store a bot would use (the data files themselves are never written by the bot).
    const withChange = tempDir('mecc-readme-edits-');
    const empty = tempDir('mecc-readme-no-edits-');
    before(async () => {
      const store = new EditStore(editStorage(new LevelStorage(join(withChange, 'edits'), { holdOpen: false })));
      const editing = new EditingService({ root: join(ROOT, 'directory-data'), store, published: new PublishedChanges(store), selfApproval: false }, { loaded: () => undefined, failed: () => undefined });
      editing.load();
      const ref = { kind: 'service' as const, id: 'llbd' };
      const before = editing.served(ref)!;
      const after = { ...before, hours: 'Example hours (README test)' };
      const p = await editing.propose({ ref, kind: 'edit', before, after, fields: ['hours'], by: { name: 'Alex Maintainer', ref: 'aaaaaaaaaaaaaaaa' } });
      assert.equal((await editing.publish(p.record, p.id, { name: 'Sam Second', ref: 'bbbbbbbbbbbbbbbb' })).status, 'published');
    });
    const env = (state: string) => ({ STATE_DIR: state, STORAGE: 'disk' });
    runs(['npm run directory -- history', 'npm run directory -- history llbd'], 'lists the change: who proposed and approved it, before and after', () => {
      for (const c of ['npm run directory -- history', 'npm run directory -- history llbd']) {
        const r = sh(c, env(withChange));
        assert.equal(r.status, 0, r.stderr);
        assert.match(r.stdout, /edit · published \(#1\) by Sam Second/);
        assert.match(r.stdout, /proposed by Alex Maintainer/);
        assert.match(r.stdout, /hours: \(none\) -> "Example hours \(README test\)"/);
      }
    });
    runs(['npm run directory -- export --files --dry-run', 'npm run directory -- export --files'], 'says what it would write, and writes only what is published', () => {
      const before = snapshot(join(ROOT, 'directory-data'));
      const dry = sh('npm run directory -- export --files --dry-run', env(withChange));
      assert.equal(dry.status, 0, dry.stdout + dry.stderr);
      assert.match(dry.stdout, /Would write 1 file with the changes published from Teams/);
      assert.match(dry.stdout, /services\/llbd\.json \(hours\)/);
      // With nothing published (a store with no changes), there is nothing to write.
      const r = sh('npm run directory -- export --files', env(empty));
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /Nothing to write/);
      assert.deepEqual(snapshot(join(ROOT, 'directory-data')), before, 'the shipped data is untouched');
    });
  });

  describe('the Teams app package and icons', () => {
    const zip = join(ROOT, 'manifest', 'build', 'appPackage.zip');
    runs(['npm run package'], 'builds the package with the development defaults', () => {
      const r = sh('npm run package');
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.ok(statSync(zip).size > 0);
    }, 60_000);
    const filled = readmeCommands(README).find((c) => c.startsWith('TEAMS_APP_ID=<your app GUID>'))!;
    runs(filled, 'with the placeholders filled in, builds the package with the real values', () => {
      const command = filled
        .replace('<your app GUID>', '6d1a7c2e-0b4f-4a8e-9c3d-2f5e8a1b7c90')
        .replace('<MicrosoftAppId>', '0c9e3f4a-5b6d-4e7f-8a9b-1c2d3e4f5a6b')
        .replaceAll('https://...', 'https://mecc-bot.example.nhs.uk/about');
      const r = sh(command);
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.doesNotMatch(r.stdout + r.stderr, /development default/i);
    }, 60_000);
    runs('npm run icons', 'redraws exactly the committed icons', () => {
      const icons = ['color.png', 'outline.png'].map((f) => join(ROOT, 'manifest', f));
      const before = icons.map((f) => readFileSync(f));
      try {
        const r = sh('npm run icons');
        assert.equal(r.status, 0, r.stdout + r.stderr);
        assert.deepEqual(icons.map((f) => readFileSync(f).toString('base64')), before.map((b) => b.toString('base64')));
      } finally {
        icons.forEach((f, i) => writeFileSync(f, before[i]));
      }
    });
  });
});

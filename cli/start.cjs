// `npm start`: compile only if a source file is newer than the build, then run the bot.
// Plain JavaScript so it runs before anything is compiled.
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const ENTRY = join(ROOT, 'dist', 'bot', 'index.js');
const STAMP = join(ROOT, 'dist', '.build-stamp');
/** Folders compiled into dist/ (tsconfig "include"). */
const SOURCE_DIRS = ['bot', 'cards', 'chat', 'directory', 'search', 'reports', 'cli', 'maintain'];

function newest(dir) {
  let latest = 0;
  if (!existsSync(dir)) return latest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(path));
    else if (entry.name.endsWith('.ts')) latest = Math.max(latest, statSync(path).mtimeMs);
  }
  return latest;
}

function buildIsStale() {
  if (!existsSync(ENTRY) || !existsSync(STAMP)) return true;
  const sources = Math.max(statSync(join(ROOT, 'tsconfig.json')).mtimeMs, ...SOURCE_DIRS.map((d) => newest(join(ROOT, d))));
  return sources > statSync(STAMP).mtimeMs;
}

/** Builds when dist/ is missing or older than the sources; returns whether it built. */
function ensureBuilt(options = {}) {
  if (!options.force && !buildIsStale()) return false;
  if (options.log) options.log('Building (tsc -p tsconfig.json)...');
  const tsc = require.resolve('typescript/bin/tsc', { paths: [ROOT] });
  const run = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.json')], { cwd: ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`The build failed:\n${run.stdout}${run.stderr}`);
  writeFileSync(STAMP, `${new Date().toISOString()}\n`);
  return true;
}

module.exports = { ensureBuilt, buildIsStale, ENTRY };

if (require.main === module) {
  try {
    ensureBuilt({ log: (line) => process.stderr.write(`${line}\n`) });
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  require(ENTRY);
}

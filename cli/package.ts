/**
 * Builds the Teams app package: `npm run package` fills manifest/manifest.template.json
 * from environment variables (and an optional .env), validates it offline against the
 * Teams manifest JSON schema it names, checks the icons, and writes
 * manifest/build/appPackage.zip with manifest.json, color.png and outline.png at its root.
 *
 *   npm run package                               # the real template
 *   npm run package -- --manifest other.json      # another template (tests)
 *   npm run package -- --out /tmp/app.zip --icons some/dir
 *
 * On any problem it lists every one (with its JSON path), writes no zip (and removes a
 * stale one at the output path) and exits 1.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { config as loadDotenv } from 'dotenv';
import JSZip from 'jszip';
import { PNG } from 'pngjs';

/** Finds the project root from cli/ (tsx) or dist/cli/ (compiled). */
function projectRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 4; i++) {
    if (existsSync(join(dir, 'manifest', 'manifest.template.json'))) return dir;
    dir = dirname(dir);
  }
  return resolve(__dirname, '..');
}

export const ROOT = projectRoot();
export const DEFAULT_TEMPLATE = join(ROOT, 'manifest', 'manifest.template.json');
export const DEFAULT_ICONS = join(ROOT, 'manifest');
export const DEFAULT_OUT = join(ROOT, 'manifest', 'build', 'appPackage.zip');

/** A fixed, obviously fake GUID: fine for the Playground or a sideload test, never for production. */
export const DEVELOPMENT_GUID = '00000000-0000-0000-0000-000000000001';
const PLACEHOLDER_URL = 'https://github.com/your-organisation/mecc-signposting-bot#readme';

export interface Setting {
  name: string;
  description: string;
  fallback: () => string;
}

/** Every placeholder the template may use, with its development default. */
export const SETTINGS: Setting[] = [
  { name: 'TEAMS_APP_ID', description: 'Teams app id (a GUID of your choosing, stable across versions)', fallback: () => DEVELOPMENT_GUID },
  { name: 'BOT_ID', description: 'the Azure Bot\'s Microsoft App ID (= MicrosoftAppId)', fallback: () => DEVELOPMENT_GUID },
  { name: 'BOT_DOMAIN', description: 'host name the bot is served from, e.g. mecc-bot.example.nhs.uk', fallback: () => 'localhost' },
  { name: 'DEVELOPER_URL', description: 'support/website page (https)', fallback: () => PLACEHOLDER_URL },
  { name: 'PRIVACY_URL', description: 'privacy statement (https)', fallback: () => PLACEHOLDER_URL },
  { name: 'TERMS_URL', description: 'terms of use (https)', fallback: () => PLACEHOLDER_URL },
  { name: 'APP_VERSION', description: 'app version x.y.z; raise it for every upload', fallback: () => packageVersion() },
];

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version?: string }).version ?? '1.0.0';
  } catch {
    return '1.0.0';
  }
}

export interface Settings {
  values: Record<string, string>;
  /** Names that were not set and took their development default. */
  defaulted: string[];
}

/** Reads the settings from an environment; empty values count as unset. */
export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const values: Record<string, string> = {};
  const defaulted: string[] = [];
  for (const s of SETTINGS) {
    const v = env[s.name]?.trim();
    // BOT_ID falls back to the bot's own MicrosoftAppId before the development default.
    const fromAppId = s.name === 'BOT_ID' ? env.MicrosoftAppId?.trim() : undefined;
    if (v) values[s.name] = v;
    else if (fromAppId) values[s.name] = fromAppId;
    else {
      values[s.name] = s.fallback();
      defaulted.push(s.name);
    }
  }
  return { values, defaulted };
}

const PLACEHOLDER = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Substitutes `${NAME}` placeholders (JSON-escaped) and parses the result. */
export function fillTemplate(text: string, values: Record<string, string>): { manifest?: Record<string, unknown>; errors: string[] } {
  const filled = text.replace(PLACEHOLDER, (whole, name: string) => (name in values ? JSON.stringify(values[name]).slice(1, -1) : whole));
  let manifest: unknown;
  try {
    manifest = JSON.parse(filled);
  } catch (e) {
    return { errors: [`(template): not valid JSON: ${(e as Error).message}`] };
  }
  if (!manifest || typeof manifest !== 'object' || Array.isArray(manifest)) return { errors: ['(template): must be a JSON object'] };
  const errors: string[] = [];
  walk(manifest, '', (path, value) => {
    if (typeof value !== 'string') return;
    for (const m of value.matchAll(PLACEHOLDER)) errors.push(`${path || '/'}: placeholder \${${m[1]}} has no value (known: ${Object.keys(values).join(', ')})`);
  });
  return { manifest: manifest as Record<string, unknown>, errors };
}

function walk(value: unknown, path: string, visit: (path: string, value: unknown) => void): void {
  visit(path, value);
  if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}/${i}`, visit));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, visit);
}

/** Turns the library's "<path> <message>. Details: {...}" into "<path>: <message> {...}". */
function formatSchemaError(raw: string): string {
  const m = /^(\S*) ([\s\S]*?)\.? Details: ([\s\S]*)$/.exec(raw);
  if (!m) return raw;
  let details = '';
  try {
    // Keep only details the message does not already say (e.g. a const's allowed value).
    const extra = Object.entries(JSON.parse(m[3]) as Record<string, unknown>).filter(([, v]) => !m[2].includes(String(v)));
    if (extra.length) details = ` (${extra.map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(', ')})`;
  } catch {
    details = ` ${m[3]}`;
  }
  return `${m[1] || '/'}: ${m[2]}${details}`;
}

/**
 * Validates a filled manifest offline: the JSON schema named by its `$schema` (shipped in
 * @microsoft/app-manifest), plus checks the schema leaves out. Returns every problem.
 */
export async function validateManifest(manifest: Record<string, unknown>): Promise<string[]> {
  const errors: string[] = [];
  const schemaUrl = manifest.$schema;
  if (typeof schemaUrl !== 'string' || !schemaUrl.startsWith('https://developer.microsoft.com/json-schemas/teams/')) {
    errors.push('/$schema: must be the developer.microsoft.com Teams schema URL, e.g. https://developer.microsoft.com/json-schemas/teams/v1.30/MicrosoftTeams.schema.json');
  } else {
    try {
      const raw = await AppManifestUtils.validateAgainstSchema(manifest as unknown as Parameters<typeof AppManifestUtils.validateAgainstSchema>[0]);
      errors.push(...raw.map(formatSchemaError));
    } catch (e) {
      errors.push(`/$schema: could not load the schema offline: ${(e as Error).message}`);
    }
  }
  const version = manifest.version;
  if (typeof version === 'string' && !/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/.test(version)) {
    errors.push(`/version: must be a version x.y.z (numbers only), got '${version}'`);
  }
  const bots = Array.isArray(manifest.bots) ? (manifest.bots as { botId?: unknown }[]) : [];
  const extensions = Array.isArray(manifest.composeExtensions) ? (manifest.composeExtensions as { botId?: unknown }[]) : [];
  extensions.forEach((x, i) => {
    if (bots[0] && x.botId !== bots[0].botId) errors.push(`/composeExtensions/${i}/botId: must be the same as /bots/0/botId`);
  });
  const domains = Array.isArray(manifest.validDomains) ? manifest.validDomains : [];
  domains.forEach((d, i) => {
    if (typeof d === 'string' && !/^(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(:\d+)?$/.test(d)) {
      errors.push(`/validDomains/${i}: must be a host name without https:// or a path, got '${d}'`);
    }
  });
  return errors;
}

export interface IconSpec {
  file: string;
  size: number;
  whiteOnTransparent: boolean;
}

/** Checks one icon's size and, for the outline icon, that it is white on transparent. */
export function checkIcon(path: string, spec: IconSpec, jsonPath: string): string[] {
  if (!existsSync(path)) return [`${jsonPath}: icon file not found: ${path}`];
  let png: PNG;
  try {
    png = PNG.sync.read(readFileSync(path));
  } catch (e) {
    return [`${jsonPath}: ${spec.file} is not a readable PNG: ${(e as Error).message}`];
  }
  const errors: string[] = [];
  if (png.width !== spec.size || png.height !== spec.size) errors.push(`${jsonPath}: ${spec.file} must be ${spec.size}x${spec.size} pixels, is ${png.width}x${png.height}`);
  if (spec.whiteOnTransparent) {
    let coloured = 0;
    let opaque = 0;
    let clear = 0;
    for (let i = 0; i < png.data.length; i += 4) {
      const a = png.data[i + 3];
      if (a === 0) clear++;
      else {
        opaque++;
        if (png.data[i] !== 255 || png.data[i + 1] !== 255 || png.data[i + 2] !== 255) coloured++;
      }
    }
    if (coloured) errors.push(`${jsonPath}: ${spec.file} must be white on transparent; ${coloured} visible pixels are not white`);
    if (!clear) errors.push(`${jsonPath}: ${spec.file} must have a transparent background`);
    if (!opaque) errors.push(`${jsonPath}: ${spec.file} is completely transparent`);
  }
  return errors;
}

export interface PackageOptions {
  /** Template to fill (default manifest/manifest.template.json). */
  manifest?: string;
  /** Folder holding the icon files the manifest names (default manifest/). */
  icons?: string;
  /** Zip to write (default manifest/build/appPackage.zip). */
  out?: string;
  env?: NodeJS.ProcessEnv;
}

export interface PackageResult {
  ok: boolean;
  errors: string[];
  defaulted: string[];
  values: Record<string, string>;
  /** The zip written, when ok. */
  out: string;
  manifest?: Record<string, unknown>;
}

/** Fills, validates and zips. Writes nothing (and removes a stale zip at `out`) on any problem. */
export async function buildPackage(options: PackageOptions = {}): Promise<PackageResult> {
  const templatePath = resolve(options.manifest ?? DEFAULT_TEMPLATE);
  const iconsDir = resolve(options.icons ?? DEFAULT_ICONS);
  const out = resolve(options.out ?? DEFAULT_OUT);
  const { values, defaulted } = readSettings(options.env ?? process.env);
  const fail = (errors: string[], manifest?: Record<string, unknown>): PackageResult => {
    rmSync(out, { force: true });
    return { ok: false, errors, defaulted, values, out, manifest };
  };

  let text: string;
  try {
    text = readFileSync(templatePath, 'utf8');
  } catch (e) {
    return fail([`(template): cannot read ${templatePath}: ${(e as Error).message}`]);
  }
  const filled = fillTemplate(text, values);
  if (!filled.manifest) return fail(filled.errors);
  const manifest = filled.manifest;
  const errors = [...filled.errors, ...(await validateManifest(manifest))];

  const icons = (manifest.icons ?? {}) as Record<string, unknown>;
  const files: Record<string, Buffer> = {};
  for (const [key, size, whiteOnTransparent] of [['color', 192, false], ['outline', 32, true]] as const) {
    const file = icons[key];
    if (typeof file !== 'string') continue; // the schema has reported it
    if (file.includes('/') || file.includes('\\')) {
      errors.push(`/icons/${key}: must be a file at the package root, got '${file}'`);
      continue;
    }
    const path = join(iconsDir, file);
    const problems = checkIcon(path, { file, size, whiteOnTransparent }, `/icons/${key}`);
    errors.push(...problems);
    if (!problems.length) files[file] = readFileSync(path);
  }
  if (errors.length) return fail(errors, manifest);

  const zip = new JSZip();
  zip.file('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
  for (const [name, data] of Object.entries(files)) zip.file(name, data);
  const data = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, data);
  return { ok: true, errors: [], defaulted, values, out, manifest };
}

function parseArgs(argv: string[]): PackageOptions & { help?: boolean } {
  const options: PackageOptions & { help?: boolean } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (!v) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--manifest') options.manifest = value();
    else if (arg === '--icons') options.icons = value();
    else if (arg === '--out') options.out = value();
    else if (arg === '--help' || arg === '-h') options.help = true;
    else throw new Error(`unknown option ${arg}`);
  }
  return options;
}

const USAGE = `Usage: npm run package -- [--manifest <template.json>] [--icons <dir>] [--out <file.zip>]

Environment (or .env): ${SETTINGS.map((s) => s.name).join(', ')}.
${SETTINGS.map((s) => `  ${s.name.padEnd(14)} ${s.description}`).join('\n')}
`;

async function main(): Promise<void> {
  // An optional .env, as the bot itself reads; real environment variables win.
  loadDotenv();
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return;
  }
  const result = await buildPackage(options);
  if (result.defaulted.length) {
    process.stdout.write(`Not set, so using development defaults (fine for local testing, not for a real tenant):\n`);
    for (const name of result.defaulted) process.stdout.write(`  ${name}=${result.values[name]}\n`);
  }
  if (!result.ok) {
    process.stderr.write(`The Teams app package was not built: ${result.errors.length} problem(s):\n`);
    for (const e of result.errors) process.stderr.write(`  - ${e}\n`);
    process.exit(1);
  }
  const v = result.values;
  process.stdout.write(`Manifest ${String(result.manifest?.manifestVersion)} is valid (app ${v.TEAMS_APP_ID}, bot ${v.BOT_ID}, domain ${v.BOT_DOMAIN}, version ${v.APP_VERSION}).\n`);
  process.stdout.write(`Wrote ${result.out}\n`);
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`${(e as Error).stack ?? e}\n`);
    process.exit(1);
  });
}

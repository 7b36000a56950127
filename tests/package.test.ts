import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { buildPackage, checkIcon, DEFAULT_ICONS, DEFAULT_TEMPLATE, DEVELOPMENT_GUID, readSettings, ROOT } from '../cli/package';
import { tempDir } from './support/process';

type Json = Record<string, any>;

const template = (): Json => JSON.parse(readFileSync(DEFAULT_TEMPLATE, 'utf8'));

describe('Teams app package (npm run package)', function () {
  this.timeout(20_000);
  let dir: string;

  before(() => {
    dir = tempDir('mecc-package-');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const env = {
    TEAMS_APP_ID: '11111111-2222-3333-4444-555555555555',
    BOT_ID: '66666666-7777-8888-9999-000000000000',
    BOT_DOMAIN: 'mecc-bot.example.nhs.uk',
    DEVELOPER_URL: 'https://example.nhs.uk/mecc',
    PRIVACY_URL: 'https://example.nhs.uk/mecc/privacy',
    TERMS_URL: 'https://example.nhs.uk/mecc/terms',
    APP_VERSION: '1.2.3',
  };

  it('builds a zip with exactly manifest.json, color.png and outline.png at its root, and the manifest passes the schema', async () => {
    const out = join(dir, 'good', 'appPackage.zip');
    const result = await buildPackage({ out, env });
    assert.deepEqual(result.errors, []);
    assert.equal(result.ok, true);
    assert.deepEqual(result.defaulted, []);
    const zip = await JSZip.loadAsync(readFileSync(out));
    assert.deepEqual(Object.keys(zip.files).sort(), ['color.png', 'manifest.json', 'outline.png']);

    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as Json;
    assert.deepEqual(await AppManifestUtils.validateAgainstSchema(manifest as any), []);
    assert.ok(Number(manifest.manifestVersion) >= 1.22, `manifest ${manifest.manifestVersion} should be 1.22 or newer`);
    assert.equal(manifest.$schema, `https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`);
    assert.doesNotMatch(JSON.stringify(manifest), /\$\{/, 'every placeholder is filled');
    assert.equal(manifest.id, env.TEAMS_APP_ID);
    assert.equal(manifest.version, '1.2.3');
    assert.equal(manifest.name.short, 'MECC Signposting');
    assert.deepEqual(manifest.validDomains, [env.BOT_DOMAIN]);
    assert.equal(manifest.developer.privacyUrl, env.PRIVACY_URL);

    const [bot] = manifest.bots;
    assert.equal(bot.botId, env.BOT_ID);
    assert.deepEqual([...bot.scopes].sort(), ['groupChat', 'personal', 'team']);
    const scopesWithCommands = bot.commandLists.flatMap((l: Json) => l.scopes).sort();
    assert.deepEqual(scopesWithCommands, ['groupChat', 'personal', 'team']);
    const personal = bot.commandLists.find((l: Json) => l.scopes.includes('personal')).commands.map((c: Json) => c.title);
    for (const title of ['help', 'smoking', 'set my Place', 'train smoking']) assert.ok(personal.includes(title), `personal prompt starters include "${title}"`);

    const [extension] = manifest.composeExtensions;
    assert.equal(extension.botId, env.BOT_ID);
    assert.equal(extension.commands.length, 1);
    const [search] = extension.commands;
    assert.equal(search.id, 'searchServices');
    assert.equal(search.type, 'query');
    assert.deepEqual(search.context, ['compose', 'commandBox']);
    assert.equal(search.initialRun, true);
    assert.deepEqual(search.parameters.map((p: Json) => [p.name, p.title]), [['query', 'Search services']]);

    const color = PNG.sync.read(Buffer.from(await zip.file('color.png')!.async('uint8array')));
    const outline = PNG.sync.read(Buffer.from(await zip.file('outline.png')!.async('uint8array')));
    assert.deepEqual([color.width, color.height, outline.width, outline.height], [192, 192, 32, 32]);
  });

  it('falls back to development defaults, and BOT_ID to MicrosoftAppId, and says which were defaulted', () => {
    const none = readSettings({});
    assert.equal(none.values.TEAMS_APP_ID, DEVELOPMENT_GUID);
    assert.equal(none.values.BOT_ID, DEVELOPMENT_GUID);
    assert.equal(none.values.BOT_DOMAIN, 'localhost');
    assert.match(none.values.PRIVACY_URL, /^https:\/\//);
    assert.deepEqual(none.defaulted.sort(), ['APP_VERSION', 'BOT_DOMAIN', 'BOT_ID', 'DEVELOPER_URL', 'PRIVACY_URL', 'TEAMS_APP_ID', 'TERMS_URL']);
    const fromAppId = readSettings({ MicrosoftAppId: env.BOT_ID, BOT_DOMAIN: ' ' });
    assert.equal(fromAppId.values.BOT_ID, env.BOT_ID);
    assert.ok(!fromAppId.defaulted.includes('BOT_ID'));
    assert.ok(fromAppId.defaulted.includes('BOT_DOMAIN'), 'a blank value counts as unset');
  });

  it('commits no ids or secrets: the template has placeholders where the ids go', () => {
    const t = template();
    assert.equal(t.id, '${TEAMS_APP_ID}');
    assert.equal(t.bots[0].botId, '${BOT_ID}');
    assert.equal(t.composeExtensions[0].botId, '${BOT_ID}');
    assert.deepEqual(t.validDomains, ['${BOT_DOMAIN}']);
    assert.doesNotMatch(readFileSync(DEFAULT_TEMPLATE, 'utf8'), /[0-9a-f]{8}-[0-9a-f]{4}-|password|secret/i);
  });

  it('a template missing name.short fails with the JSON path and writes no zip (removing a stale one)', async () => {
    const broken = template();
    delete broken.name.short;
    const file = join(dir, 'no-short-name.json');
    writeFileSync(file, JSON.stringify(broken));
    const out = join(dir, 'broken', 'appPackage.zip');
    const stale = join(dir, 'stale.zip');
    writeFileSync(stale, 'an old package');
    const result = await buildPackage({ manifest: file, out, env });
    assert.equal(result.ok, false);
    assert.ok(result.errors.some((e) => e.startsWith('/name:') && e.includes("'short'")), result.errors.join('\n'));
    assert.equal(existsSync(out), false);
    const again = await buildPackage({ manifest: file, out: stale, env });
    assert.equal(again.ok, false);
    assert.equal(existsSync(stale), false, 'a stale package at the output path is removed');
  });

  it('lists every problem at once: bad version, wrong manifestVersion, bad ids and domain', async () => {
    const broken = template();
    broken.version = '1.0';
    broken.manifestVersion = '1.99';
    const file = join(dir, 'many.json');
    writeFileSync(file, JSON.stringify(broken));
    const out = join(dir, 'many.zip');
    const result = await buildPackage({ manifest: file, out, env: { ...env, BOT_ID: 'not-a-guid', BOT_DOMAIN: 'https://bot.example/api' } });
    assert.equal(result.ok, false);
    const paths = result.errors.map((e) => e.slice(0, e.indexOf(':')));
    for (const p of ['/version', '/manifestVersion', '/bots/0/botId', '/composeExtensions/0/botId', '/validDomains/0']) {
      assert.ok(paths.includes(p), `expected an error at ${p}:\n${result.errors.join('\n')}`);
    }
    assert.equal(existsSync(out), false);
  });

  it('reports a placeholder with no value by its path', async () => {
    const broken = template();
    broken.developer.name = '${DEVELOPER_NAME}';
    const file = join(dir, 'unknown-placeholder.json');
    writeFileSync(file, JSON.stringify(broken));
    const result = await buildPackage({ manifest: file, out: join(dir, 'p.zip'), env });
    assert.ok(result.errors.some((e) => e.startsWith('/developer/name:') && e.includes('DEVELOPER_NAME')), result.errors.join('\n'));
  });

  it('checks the icons: the committed ones pass; a coloured or wrongly sized outline fails', () => {
    assert.deepEqual(checkIcon(join(DEFAULT_ICONS, 'color.png'), { file: 'color.png', size: 192, whiteOnTransparent: false }, '/icons/color'), []);
    assert.deepEqual(checkIcon(join(DEFAULT_ICONS, 'outline.png'), { file: 'outline.png', size: 32, whiteOnTransparent: true }, '/icons/outline'), []);
    const png = new PNG({ width: 32, height: 32 }); // all transparent
    png.data[3] = 255; // one opaque black pixel
    const bad = join(dir, 'bad-outline.png');
    writeFileSync(bad, PNG.sync.write(png));
    assert.match(checkIcon(bad, { file: 'outline.png', size: 32, whiteOnTransparent: true }, '/icons/outline').join('\n'), /not white/);
    assert.match(checkIcon(bad, { file: 'color.png', size: 192, whiteOnTransparent: false }, '/icons/color').join('\n'), /must be 192x192/);
  });

  it('the command line exits non-zero, prints the error path and writes no zip', () => {
    const broken = template();
    delete broken.name.short;
    const file = join(dir, 'cli-broken.json');
    writeFileSync(file, JSON.stringify(broken));
    const out = join(dir, 'cli.zip');
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'cli', 'package.ts'), '--manifest', file, '--out', out], {
      cwd: ROOT, // every setting is in env, and real variables win over a .env
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.match(run.stderr, /\/name: must have required property 'short'/);
    assert.equal(existsSync(out), false);
  });
});

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOPIC_IDS } from '../../directory/ids';
import { loadDirectory } from '../../directory/load';
import { orukToCandidates, TAXONOMY_NAME, uuid5 } from '../../maintain/oruk';
import { DataCopy, realDirectory } from '../support/directory';
import { tempDir } from '../support/process';
import { run, snapshot, TODAY } from './support';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const readJson = (dir: string, file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8'));

describe('directory export --oruk / import --oruk', () => {
  let out: string;

  before(() => {
    out = tempDir('mecc-oruk-');
    const r = run('export', '--oruk', out);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Wrote Open Referral UK JSON/);
  });

  it('writes services, organizations, taxonomy terms for our topics and a field-mapping note', () => {
    assert.deepEqual(readdirSync(out).sort(), ['FIELD-MAPPING.md', 'locations.json', 'organizations.json', 'services.json', 'taxonomies.json', 'taxonomy_terms.json']);
    const page = readJson(out, 'services.json');
    const services = realDirectory().services;
    assert.equal(page.total_items, services.length);
    assert.equal(page.contents.length, services.length);

    const [taxonomy] = readJson(out, 'taxonomies.json');
    assert.equal(taxonomy.name, TAXONOMY_NAME);
    const terms = readJson(out, 'taxonomy_terms.json');
    assert.deepEqual(terms.map((t: { code: string }) => t.code).sort(), [...TOPIC_IDS].sort());
    assert.ok(terms.every((t: { taxonomy_id: string }) => t.taxonomy_id === taxonomy.id));

    const orgs = readJson(out, 'organizations.json');
    const orgIds = new Set(orgs.map((o: { id: string }) => o.id));
    assert.equal(orgIds.size, orgs.length);
    for (const s of page.contents) {
      assert.match(s.id, UUID);
      assert.equal(s.status, 'active');
      assert.ok(orgIds.has(s.organization_id), s.name);
    }

    const llbd = page.contents.find((s: { x_mecc_id: string }) => s.x_mecc_id === 'llbd');
    assert.equal(llbd.id, uuid5('service:llbd'));
    assert.equal(llbd.organization.name, 'Derbyshire County Council (in-house healthy lifestyle service)');
    assert.deepEqual(llbd.contacts[0].phones.map((p: { number: string; type: string }) => [p.number, p.type]), [['01629 538200', 'voice']]);
    assert.deepEqual(llbd.attributes.map((a: { taxonomy_term: { code: string } }) => a.taxonomy_term.code), ['smoking', 'healthy-weight']);
    assert.equal(llbd.service_areas.length, 7);
    assert.equal(llbd.service_areas[0].x_place_id, 'high-peak');
    assert.equal(llbd.x_area, 'derbyshire-county');
    assert.equal(llbd.assured_date, '2026-11-22');

    const shout = page.contents.find((s: { x_mecc_id: string }) => s.x_mecc_id === 'shout-85258');
    assert.deepEqual(shout.contacts[0].phones[0], { id: shout.contacts[0].phones[0].id, contact_id: shout.contacts[0].id, number: '85258', type: 'text', description: 'Text SHOUT to 85258' });
    assert.deepEqual(readJson(out, 'locations.json'), []);
    assert.match(readFileSync(join(out, 'FIELD-MAPPING.md'), 'utf8'), /\| sources \| `x_sources`/);
  });

  it('round trip: import into a fresh copy with no services gives back every offered service, field for field', () => {
    const data = new DataCopy();
    try {
      const original = snapshot(data.root);
      for (const f of readdirSync(join(data.root, 'services')).filter((n) => n.endsWith('.json'))) rmSync(join(data.root, 'services', f));
      const r = run('import', '--oruk', out, '--data', data.root, '--today', TODAY);
      assert.equal(r.code, 0, r.out);
      assert.match(r.out, new RegExp(`Changed ${realDirectory().services.length} services: ${realDirectory().services.length} added, 0 changed, 0 removed \\(0 unchanged\\)`));
      assert.deepEqual(loadDirectory(data.root).services, realDirectory().services);
      // Byte for byte, too: same formatting and key order. Retired services are not exported.
      const retired = new Set(realDirectory().retired.map((s) => `services/${s.id}.json`));
      assert.ok(retired.size > 0);
      assert.deepEqual(snapshot(data.root), new Map([...original].filter(([file]) => !retired.has(file))));
    } finally {
      data.remove();
    }
  });

  it('importing the export into an unchanged copy changes nothing', () => {
    const data = new DataCopy();
    try {
      const before = snapshot(data.root);
      const r = run('import', '--oruk', join(out, 'services.json'), '--data', data.root, '--today', TODAY);
      assert.equal(r.code, 0, r.out);
      assert.match(r.out, /^No changes/);
      assert.deepEqual(snapshot(data.root), before);
    } finally {
      data.remove();
    }
  });

  it('one edited service from a single-service file, keeping the others with --keep-missing', () => {
    const data = new DataCopy();
    try {
      const llbd = readJson(out, 'services.json').contents.find((s: { x_mecc_id: string }) => s.x_mecc_id === 'llbd');
      llbd.schedules = [{ id: uuid5('schedule:llbd'), service_id: llbd.id, description: 'Monday to Friday 9am to 5pm' }];
      const file = join(tempDir('mecc-oruk-'), 'llbd.json');
      writeFileSync(file, JSON.stringify(llbd));
      const r = run('import', '--oruk', file, '--data', data.root, '--today', TODAY, '--keep-missing');
      assert.equal(r.code, 0, r.out);
      assert.match(r.out, /Changed 1 service: 0 added, 1 changed, 0 removed .*\n {2}changed: llbd \(hours\)/);
      assert.equal(data.read('services/llbd.json').hours, 'Monday to Friday 9am to 5pm');
      assert.ok(existsSync(join(data.root, 'services/samaritans.json')));
    } finally {
      data.remove();
    }
  });

  it('a record from another ORUK feed: Places from area names, the area worked out, and missing sources named', () => {
    const foreign = {
      id: 'f0e1d2c3-0000-4000-8000-000000000001',
      name: 'Erewash Walking Group',
      description: 'Weekly guided walks.',
      status: 'active',
      url: 'https://example.org/walks',
      assured_date: '2026-10-01',
      organization: { id: 'x', name: 'Erewash Borough Council', description: 'Council' },
      service_areas: [{ id: 'a', name: 'Erewash' }],
      attributes: [{ id: 'b', taxonomy_term: { id: 'c', code: 'physical-activity', name: 'Physical activity', taxonomy: TAXONOMY_NAME } }],
    };
    const [c] = orukToCandidates([foreign], new Map([['erewash', 'erewash']]));
    assert.deepEqual(c.service, {
      id: 'erewash-walking-group', name: 'Erewash Walking Group', provider: 'Erewash Borough Council', description: 'Weekly guided walks.',
      topics: ['physical-activity'], area: 'local', places: ['erewash'], contact: { website: 'https://example.org/walks' }, sources: [], reviewed: '2026-10-01',
    });

    const data = new DataCopy();
    try {
      const file = join(tempDir('mecc-oruk-'), 'feed.json');
      writeFileSync(file, JSON.stringify({ contents: [foreign] }));
      const before = snapshot(data.root);
      const r = run('import', '--oruk', file, '--data', data.root, '--today', TODAY, '--keep-missing');
      assert.equal(r.code, 1);
      assert.match(r.out, /service 1 \('Erewash Walking Group'\), field 'x_sources' \(service 'erewash-walking-group'\): needs at least one source/);
      assert.deepEqual(snapshot(data.root), before);
    } finally {
      data.remove();
    }
  });

  it('a file that is not valid JSON gives only that problem', () => {
    const file = join(tempDir('mecc-oruk-'), 'broken.json');
    writeFileSync(file, '{"services": [');
    const data = new DataCopy();
    try {
      const r = run('import', '--oruk', file, '--data', data.root, '--today', TODAY);
      assert.equal(r.code, 1);
      assert.match(r.out, /has 1 problem; nothing was changed:\n  - cannot read ORUK services/);
      assert.doesNotMatch(r.out, /crisis|after the import/);
    } finally {
      data.remove();
    }
  });
});

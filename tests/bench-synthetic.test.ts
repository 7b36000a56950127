import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { COUNTY_PLACE_IDS, PLACE_IDS, TOPIC_IDS } from '../directory/ids';
import { loadDirectory } from '../directory/load';
import { serviceSchema } from '../directory/schema';
import { loadDirectoryForServing } from '../maintain/serve';
import { generateServices, SYNTHETIC_ID_PREFIX, writeSyntheticDirectory } from '../bench/synthetic';

describe('benchmark: synthetic directory generator', () => {
  it('is deterministic: the same seed gives the same records, another seed different ones', () => {
    const a = generateServices(200, 42);
    assert.deepEqual(generateServices(200, 42), a);
    assert.notDeepEqual(generateServices(200, 43), a);
    // A longer run starts with the same records (each record draws only from the seed's stream).
    assert.deepEqual(generateServices(10, 42).map((s) => s.id), a.slice(0, 10).map((s) => s.id));
  });

  it('writes records that pass the service schema and are plainly synthetic', () => {
    const services = generateServices(200, 7);
    for (const s of services) {
      const parsed = serviceSchema.safeParse(s);
      assert.ok(parsed.success, `${s.id}: ${parsed.success ? '' : JSON.stringify(parsed.error.issues)}`);
      assert.ok(s.id.startsWith(SYNTHETIC_ID_PREFIX), s.id);
      assert.match(s.notes, /SYNTHETIC/);
      assert.match(s.contact.website, /^https:\/\/example\.org\//);
      if (s.contact.phone) assert.match(s.contact.phone, /^(01\d{2} 49[68] 0\d{3}|01632 960\d{3}|0306 999 0\d{3})$/, s.id);
    }
    assert.equal(new Set(services.map((s) => s.id)).size, services.length, 'ids are unique');
    const phones = services.flatMap((s) => (s.contact.phone ? [s.contact.phone] : []));
    assert.equal(new Set(phones).size, phones.length, 'no two services share a phone number');
    // A spread of areas, topics and Places, as a national directory would have.
    assert.deepEqual(new Set(services.map((s) => s.area)), new Set(['local', 'derbyshire-county', 'derby-city', 'derby-and-derbyshire', 'national']));
    assert.ok(new Set(services.map((s) => s.topics[0])).size >= TOPIC_IDS.length - 4);
    for (const s of services.filter((x) => x.area === 'derbyshire-county')) assert.deepEqual(s.places, [...COUNTY_PLACE_IDS]);
    for (const s of services.filter((x) => x.area === 'national')) assert.deepEqual(s.places, [...PLACE_IDS]);
  });

  it('writes a data folder that loadDirectory (and the bot\'s serving checks) accept, and removes it', () => {
    const data = writeSyntheticDirectory(200, 3);
    try {
      const synthetic = readdirSync(join(data.root, 'services')).filter((f) => f.startsWith(SYNTHETIC_ID_PREFIX));
      assert.equal(synthetic.length, 200);
      const directory = loadDirectory(data.root);
      assert.equal(directory.services.filter((s) => s.id.startsWith(SYNTHETIC_ID_PREFIX)).length, 200);
      assert.ok(directory.crisisLines.length >= 4, 'the real crisis lines are still there');
      loadDirectoryForServing(data.root);
    } finally {
      data.remove();
    }
    assert.equal(existsSync(data.root), false);
  });
});

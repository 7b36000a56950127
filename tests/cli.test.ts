import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..');
const run = (script: string, args: string[]) => execFileSync(process.execPath, ['--import', 'tsx', join(root, 'cli', `${script}.ts`), ...args], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('command line', function () {
  this.timeout(30_000);

  it('ask --json prints the contract object', () => {
    const out = JSON.parse(run('ask', ['smoking ilkeston', '--json']));
    assert.deepEqual(Object.keys(out), ['query', 'topic', 'place', 'crisis', 'services', 'alternatives']);
    assert.equal(out.query, 'smoking ilkeston');
    assert.equal(out.topic, 'smoking');
    assert.equal(out.place, 'erewash');
    assert.equal(out.crisis, false);
    assert.ok(out.services.length >= 2);
    for (const s of out.services) {
      assert.deepEqual(Object.keys(s), ['id', 'name', 'places', 'phone', 'website']);
      assert.ok(s.places.includes('erewash'));
    }
  });

  it('ask --place sets the Place when the query names none, and a crisis leads with 999', () => {
    const out = JSON.parse(run('ask', ['he wants to end it all', '--place', 'derby-city', '--json']));
    assert.equal(out.place, 'derby-city');
    assert.equal(out.crisis, true);
    assert.equal(out.services[0].phone, '999');
  });

  it('ask without --json prints the answer readably', () => {
    const out = run('ask', ['cold house in Buxton']);
    assert.match(out, /Affordable warmth/);
    assert.match(out, /Ask: /);
    assert.match(out, /Place: High Peak/);
  });

  it('eval --json prints one object per query, then the summary', () => {
    const lines = run('eval', [join(root, 'tests', 'queries', 'dev.tsv'), '--json']).trim().split('\n').map((l) => JSON.parse(l));
    const summary = lines.pop();
    assert.equal(lines.length, summary.summary.queries);
    assert.ok('expected_topic' in lines[0] && 'expected_place' in lines[0] && 'expected_crisis' in lines[0]);
    assert.deepEqual(Object.keys(summary.summary).slice(0, 5), ['queries', 'topic_accuracy', 'place_accuracy', 'crisis_recall', 'crisis_expected']);
  });

  it('an unknown --place is refused with the list of Places', () => {
    assert.throws(() => run('ask', ['smoking', '--place', 'atlantis']), /Unknown Place 'atlantis'/);
  });
});

import assert from 'node:assert/strict';
import { TOPIC_IDS } from '../directory/ids';
import { loadDirectory } from '../directory/load';
import { DirectoryError, formatProblem } from '../directory/problems';
import { DataCopy, realDirectory } from './support/directory';

function problemsAfter(change: (data: DataCopy) => void): string[] {
  const data = new DataCopy();
  try {
    change(data);
    loadDirectory(data.root);
  } catch (e) {
    if (e instanceof DirectoryError) return e.problems.map(formatProblem);
    throw e;
  } finally {
    data.remove();
  }
  return [];
}

describe('directory data', () => {
  it('loads and validates the real data: all 26 topics, services with sources, the crisis block, Places', () => {
    const d = realDirectory();
    assert.deepEqual(d.topics.map((t) => t.id).sort(), [...TOPIC_IDS].sort());
    assert.ok(d.services.length >= 50);
    assert.equal(d.places.length, 8);
    assert.ok(d.locations.length > 300);
    for (const s of d.services) assert.ok(s.sources.length > 0, s.id);
  });

  it('every topic has prompt content with a source', () => {
    for (const t of realDirectory().topics) {
      assert.match(t.prompt.assistSource.url, /^https:\/\//, t.id);
      assert.ok(t.synonyms.length >= 10, `${t.id} has enough synonyms`);
    }
  });

  it('a missing field names the file, the record and the field', () => {
    const problems = problemsAfter((d) => d.edit('services/samaritans.json', (s) => delete s.name));
    assert.deepEqual(problems, ["services/samaritans.json: record 'samaritans': field 'name': is missing"]);
  });

  it('a wrong topic id names the file, record and field', () => {
    const problems = problemsAfter((d) => d.edit('services/samaritans.json', (s) => (s.topics = ['suicide-prevention', 'feelings'])));
    assert.equal(problems.length, 1);
    assert.match(problems[0], /^services\/samaritans\.json: record 'samaritans': field 'topics\[1\]': is not one of the topic ids/);
  });

  it('lists every problem at once, across files', () => {
    const problems = problemsAfter((d) => {
      d.edit('services/samaritans.json', (s) => (s.contact.website = 'http://www.samaritans.org'));
      d.edit('topics/smoking.json', (t) => delete t.prompt.assistSource);
      d.write('topics/dementia.json', '{ "id": "dementia", ');
    });
    assert.equal(problems.length, 3, problems.join('\n'));
    assert.ok(problems.some((p) => /samaritans.*contact\.website.*https/.test(p)));
    assert.ok(problems.some((p) => /topics\/smoking\.json: record 'smoking': field 'prompt\.assistSource': is missing/.test(p)));
    assert.ok(problems.some((p) => /topics\/dementia\.json: is not valid JSON/.test(p)));
  });

  it('a contact detail with no source is refused', () => {
    const problems = problemsAfter((d) =>
      d.edit('services/samaritans.json', (s) => {
        s.contact.email = 'jo@samaritans.org';
      }),
    );
    assert.match(problems.join('\n'), /field 'contact\.email': has no source/);
  });

  it('an area that disagrees with the Places listed is refused', () => {
    const problems = problemsAfter((d) => d.edit('services/samaritans.json', (s) => (s.places = ['derby-city'])));
    assert.match(problems.join('\n'), /field 'places': area 'national' means the Places/);
  });

  it('a crisis line that names no service is refused', () => {
    const problems = problemsAfter((d) => d.edit('crisis.json', (c) => (c.lines[1] = 'no-such-service')));
    assert.match(problems.join('\n'), /crisis\.json: record 'crisis': field 'lines\[1\]': names service 'no-such-service'/);
  });

  it('a topic with no file is named', () => {
    const problems = problemsAfter((d) => d.write('topics/carers.json', JSON.stringify({ ...d.read('topics/carers.json'), id: 'dementia' })));
    assert.ok(problems.some((p) => /topics\/carers\.json: record 'dementia': field 'id': must match the file name/.test(p)), problems.join('\n'));
  });

  it('a bad date is explained in plain words', () => {
    const problems = problemsAfter((d) => d.edit('services/samaritans.json', (s) => (s.reviewed = '22/11/2026')));
    assert.match(problems.join('\n'), /field 'reviewed': must be a date written YYYY-MM-DD/);
  });

  it('refuses to start the bot with broken data, naming the problem (start-up check)', () => {
    const data = new DataCopy();
    try {
      data.edit('services/samaritans.json', (s) => delete s.sources);
      assert.throws(() => loadDirectory(data.root), (e: unknown) => e instanceof DirectoryError && /samaritans.*sources.*is missing/.test(e.message));
    } finally {
      data.remove();
    }
  });
});

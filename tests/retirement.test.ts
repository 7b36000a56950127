import assert from 'node:assert/strict';
import { ComposeSearch } from '../chat/compose-search';
import { serviceBlock } from '../cards/service';
import { PLACE_IDS } from '../directory/ids';
import { DirectoryError, formatProblem } from '../directory/problems';
import { loadDirectory } from '../directory/load';
import { toOruk } from '../maintain/oruk';
import { Signposter } from '../search/answer';
import { DataCopy, realDirectory, realSignposter } from './support/directory';
import { run, TODAY } from './maintain/support';

const problemsAfter = (change: (d: DataCopy) => void): string[] => {
  const data = new DataCopy();
  try {
    change(data);
    loadDirectory(data.root);
    return [];
  } catch (e) {
    if (!(e instanceof DirectoryError)) throw e;
    return e.problems.map(formatProblem);
  } finally {
    data.remove();
  }
};

describe('retired services', () => {
  const directory = realDirectory();
  const retired = directory.retired;

  it('are kept in the data with a reason, and are not among the services offered', () => {
    assert.ok(retired.length >= 5, 'the issue 17 records are retired');
    for (const s of retired) {
      assert.ok(s.retired!.reason.length > 20, s.id);
      assert.equal(directory.service(s.id), undefined, s.id);
      assert.ok(!directory.services.includes(s), s.id);
    }
    assert.deepEqual(directory.service('talking-mental-health-derbyshire'), undefined);
    assert.deepEqual(retired.find((s) => s.id === 'talking-mental-health-derbyshire')!.retired!.successors, ['nhs-talking-therapies-derbyshire']);
  });

  it('name successors that staff are offered', () => {
    for (const s of retired) for (const next of s.retired!.successors ?? []) assert.ok(directory.service(next), `${s.id} -> ${next}`);
  });

  it('never appear in an answer, for any of their topics in any Place', () => {
    const signposter = realSignposter();
    const ids = new Set(retired.map((s) => s.id));
    for (const s of retired) {
      for (const topic of s.topics) {
        for (const place of [...PLACE_IDS, null]) {
          const answer = signposter.topic(topic, place);
          const offered = [...answer.services, ...answer.allServices].map((x) => x.id);
          assert.ok(!offered.some((id) => ids.has(id)), `${topic} in ${place}: ${offered.join(', ')}`);
        }
      }
      const byName = signposter.ask(s.name);
      assert.ok(![...byName.services, ...byName.allServices].some((x) => ids.has(x.id)), `asking for '${s.name}'`);
    }
  });

  it('never appear in the message extension: not in a search, and not insertable by id', () => {
    const compose = new ComposeSearch(new Signposter(directory));
    const ids = new Set(retired.map((s) => s.id));
    const idsFound = (text: string) => {
      const result = compose.query({ commandId: 'searchServices', parameters: [{ name: 'query', value: text }], queryOptions: { count: 25 } }) as {
        composeExtension: { attachments?: { preview?: { content?: { tap?: { value?: { id?: string } } } } }[] };
      };
      return (result.composeExtension.attachments ?? []).map((a) => a.preview?.content?.tap?.value?.id).filter(Boolean);
    };
    // The check can see a service: a successor is found by its name.
    assert.ok(idsFound('Derby young people drug and alcohol Change Grow Live').includes('derby-young-people-drug-alcohol-cgl'));
    for (const s of retired) {
      const result = compose.query({ commandId: 'searchServices', parameters: [{ name: 'query', value: s.name }], queryOptions: { count: 25 } }) as {
        composeExtension: { attachments?: { preview?: { content?: { tap?: { value?: { id?: string } } } } }[] };
      };
      const hitIds = (result.composeExtension.attachments ?? []).map((a) => a.preview?.content?.tap?.value?.id).filter(Boolean);
      assert.ok(!hitIds.some((id) => ids.has(id!)), `searching '${s.name}' found ${hitIds.join(', ')}`);
      const picked = compose.selectItem({ kind: 'service', id: s.id }) as { composeExtension: { type: string; text?: string } };
      assert.equal(picked.composeExtension.type, 'message', s.id);
      assert.match(picked.composeExtension.text!, /no longer available/);
    }
  });

  it('never appear in the Open Referral export shared with other directories, and an ORUK import never deletes them', () => {
    const exported = toOruk(directory).services.map((s) => s.x_mecc_id);
    assert.equal(exported.length, directory.services.length);
    for (const s of retired) assert.ok(!exported.includes(s.id), s.id);

    const data = new DataCopy();
    try {
      const out = `${data.root}-oruk`;
      assert.equal(run('export', '--oruk', out, '--data', data.root).code, 0);
      const r = run('import', '--oruk', out, '--data', data.root, '--today', TODAY, '--dry-run');
      assert.equal(r.code, 0, r.out);
      assert.match(r.out, /^No changes/);
      for (const s of retired) assert.ok(!r.out.includes(`removed: ${s.id}`), s.id);
    } finally {
      data.remove();
    }
  });

  it('are listed in the report with why, and no longer count as services without a contact route', () => {
    const r = run('report', '--today', TODAY);
    assert.equal(r.code, 0);
    assert.match(r.out, new RegExp(`7\\. Retired services \\(kept in the data, never shown to staff\\): ${retired.length} services`));
    assert.match(r.out, /- talking-mental-health-derbyshire \(2026-12-01\): Derbyshire Healthcare NHS FT stopped .* Replaced by: nhs-talking-therapies-derbyshire\./);
    assert.match(r.out, /4\. Services with no way to contact them[^\n]*: 0 services\n {3}None\./);
  });

  it('cannot be a crisis line, a successor or the way to reach another service', () => {
    assert.deepEqual(problemsAfter((d) => d.edit('services/samaritans.json', (s) => (s.retired = { date: '2026-12-01', reason: 'a test of the rule' }))), [
      "crisis.json: record 'crisis': field 'lines[2]': names service 'samaritans', which is retired: a crisis line must be one staff can call; replace it in the list first",
    ]);
    assert.deepEqual(problemsAfter((d) => d.edit('services/drinkline.json', (s) => (s.retired.successors = ['derby-dementia-support-service', 'no-such-service']))), [
      "services/drinkline.json: record 'drinkline': field 'retired.successors[0]': names service 'derby-dementia-support-service', which is retired too: name the service that replaced it",
      "services/drinkline.json: record 'drinkline': field 'retired.successors[1]': names service 'no-such-service', which has no file in services/",
    ]);
    assert.deepEqual(problemsAfter((d) => d.edit('services/safe-haven-derby.json', (s) => (s.access.via = 'drinkline'))), [
      "services/safe-haven-derby.json: record 'safe-haven-derby': field 'access.via': names service 'drinkline', which is retired: staff could not reach it",
    ]);
  });
});

describe('access routes for services with no contact detail of their own', () => {
  it('show staff how to reach the service, with the contact of the service it goes through', () => {
    const directory = realDirectory();
    const card = JSON.stringify(serviceBlock(directory, directory.service('safe-haven-derby')!));
    assert.match(card, /How to reach it:\*\* Reached through the Derbyshire Mental Health Helpline/);
    assert.match(card, /Derbyshire Mental Health Helpline[^"]*:\*\* \[0800 028 0077\]\(tel:\+448000280077\)/);
    assert.doesNotMatch(card, /Contact details not yet confirmed/);
  });
});

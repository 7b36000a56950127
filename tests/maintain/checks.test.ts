import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkDirectory, checkPhoneFormats, isSharedShortNumber, phoneProblem, textNumberProblem } from '../../maintain/checks';
import { validateDirectory } from '../../maintain/validate';
import { DataCopy, realDirectory } from '../support/directory';
import { lines, run, TODAY, validateAfter } from './support';

/** The problems after one change, as the lines `validate` prints, for one file only. */
// The freshness rules have their own tests (freshness.test.ts): left out here so that each test
// sees only the problems its change causes.
const FRESHNESS_RULES = new Set(['stale-contact', 'crisis-unconfirmed', 'known-change-passed', 'coverage-gap', 'example-answered-elsewhere', 'example-collision']);

function problemsIn(file: string, change: (d: DataCopy) => void, today = TODAY): string[] {
  // The freshness rules and the crisis-line guard have tests of their own: here only the rule at hand.
  return lines(validateAfter(change, today).filter((p) => !FRESHNESS_RULES.has(p.rule) && p.rule !== 'crisis-change')).filter((l) => l.startsWith(`${file}:`));
}

describe('directory validate: checks beyond the schema', () => {
  it('the real data has no errors, and the pure checks agree over the loaded directory', () => {
    const v = validateDirectory(join(__dirname, '..', '..', 'directory-data'), { today: TODAY });
    assert.deepEqual(lines(v.errors), []);
    assert.ok(v.directory);
    assert.deepEqual(checkDirectory(realDirectory(), { today: TODAY }).filter((f) => f.severity === 'error'), []);
  });

  it('duplicate ids: named even when the copy also fails the schema (where loadDirectory stops)', () => {
    const problems = validateAfter((d) => {
      copyFileSync(join(d.root, 'services/samaritans.json'), join(d.root, 'services/samaritans2.json'));
      d.edit('services/samaritans2.json', (s) => delete s.description);
    });
    const text = lines(problems);
    assert.ok(text.includes("services/samaritans2.json: record 'samaritans': field 'description': is missing"), text.join('\n'));
    assert.ok(text.includes("services/samaritans2.json: record 'samaritans': field 'id': is also used by services/samaritans.json: ids must be unique; give this service its own id and rename the file to match"), text.join('\n'));
  });

  it('the same phone number on two services is refused, naming both', () => {
    const problems = lines(validateAfter((d) => d.edit('services/silver-line.json', (s) => (s.contact.phone = '0800 028 0077'))));
    assert.deepEqual(problems.filter((p) => /shared|share a number/.test(p)), [
      "services/derbyshire-mh-helpline.json: record 'derbyshire-mh-helpline': field 'contact.phone': '0800 028 0077' is also the phone number of 'silver-line' " +
        '(services/silver-line.json): two services should not share a number (only 999, 111 and 116 xxx may repeat); check which service it belongs to',
      "services/silver-line.json: record 'silver-line': field 'contact.phone': '0800 028 0077' is also the phone number of 'derbyshire-mh-helpline' " +
        '(services/derbyshire-mh-helpline.json): two services should not share a number (only 999, 111 and 116 xxx may repeat); check which service it belongs to',
    ]);
  });

  it('999, 111 and 116 xxx may repeat (the real data gives 111 for NHS 111 and urgent dental care)', () => {
    assert.deepEqual(problemsIn('services/silver-line.json', (d) => d.edit('services/silver-line.json', (s) => (s.contact.phone = '116 123'))), []);
    assert.ok(isSharedShortNumber('111') && isSharedShortNumber('999') && isSharedShortNumber('116117'));
    assert.ok(!isSharedShortNumber('01629538200'));
  });

  it('an unknown topic id is named with a suggestion', () => {
    assert.deepEqual(problemsIn('services/samaritans.json', (d) => d.edit('services/samaritans.json', (s) => (s.topics = ['suicide-prevention', 'lonliness']))), [
      "services/samaritans.json: record 'samaritans': field 'topics[1]': 'lonliness' is not a topic id: did you mean 'loneliness'? the topic ids are listed in docs/topics.md",
    ]);
  });

  it('an unknown Place id is named, and a town name points to its Place', () => {
    const problems = problemsIn('services/warmer-derby-derbyshire-mea.json', (d) =>
      d.edit('services/warmer-derby-derbyshire-mea.json', (s) => (s.places = ['chesterfield', 'ilkeston'])));
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0], /^services\/warmer-derby-derbyshire-mea\.json: record 'warmer-derby-derbyshire-mea': field 'places\[1\]': 'ilkeston' is not a Place id: that is a name in the Place 'erewash'; use one of high-peak, /);
  });

  it('a phone number with the wrong number of digits (the example in issue 4)', () => {
    const problems = problemsIn('services/llbd.json', (d) => d.edit('services/llbd.json', (s) => (s.contact.phone = '01629 53820')));
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.ok(problems[0].startsWith("services/llbd.json: record 'llbd': field 'contact.phone': '01629 53820' has 10 digits; UK numbers have 11"), problems[0]);
  });

  it('phone numbers: international form, stray characters, ranges and spacing', () => {
    assert.match(phoneProblem('+44 1629 538200')!.message, /international form/);
    assert.match(phoneProblem('0800-028-0077')!.message, /contains '-'/);
    assert.match(phoneProblem('12345 678901')!.message, /does not start with 0/);
    assert.match(phoneProblem('04629 538200')!.message, /not a UK number range/);
    assert.deepEqual(phoneProblem('01629538200'), { severity: 'warning', message: "'01629538200' has no spaces: write it the UK way, e.g. '01629 538200' or '0800 028 0077'" });
    for (const ok of ['01629 538200', '0800 028 0077', '999', '111', '116 123']) assert.equal(phoneProblem(ok), undefined, ok);
  });

  it('a text number that is not a short code or a mobile, and a text word with no number', () => {
    assert.deepEqual(problemsIn('services/shout-85258.json', (d) => d.edit('services/shout-85258.json', (s) => (s.contact.text = '8525'))), [
      "services/shout-85258.json: record 'shout-85258': field 'contact.text': '8525' is not a number to text: use a short code of 5 or 6 digits (e.g. '85258') or a mobile number (11 digits starting 07); put the word to text in 'textMessage'",
    ]);
    assert.equal(textNumberProblem('07700 900123'), undefined);
    const f = checkPhoneFormats([{ file: 'services/x.json', value: { id: 'x', contact: { textMessage: 'SHOUT' } } }]);
    assert.equal(f[0].field, 'contact.textMessage');
    assert.match(f[0].message, /no 'contact.text' number/);
  });

  it('a website that is not https is an error, named once, with the address', () => {
    assert.deepEqual(problemsIn('services/stepchange.json', (d) => d.edit('services/stepchange.json', (s) => (s.contact.website = 'http://www.stepchange.org'))), [
      "services/stepchange.json: record 'stepchange': field 'contact.website': 'http://www.stepchange.org' is not https: staff and the public are sent to this address, so use the https:// address (and check that it opens)",
    ]);
  });

  it('a source address that is not https is a warning: validate passes unless --strict', () => {
    const data = new DataCopy();
    try {
      data.edit('services/samaritans.json', (s) => (s.sources[0].url = 'http://mecclink.co.uk/southend-on-sea/suicide-prevention'));
      const v = validateDirectory(data.root, { today: TODAY });
      const w = lines(v.warnings).filter((l) => l.startsWith('services/samaritans.json'));
      assert.deepEqual(w, ["services/samaritans.json: record 'samaritans': field 'sources[0].url': 'http://mecclink.co.uk/southend-on-sea/suicide-prevention' is not https: use the https:// address of the page if it has one (an old or archived page may only exist over http)"]);
      assert.equal(run('validate', '--data', data.root, '--today', TODAY).code, 0);
      assert.equal(run('validate', '--data', data.root, '--today', TODAY, '--strict').code, 1);
    } finally {
      data.remove();
    }
  });

  it('a contact detail without a supporting source, also in a file the schema stops at', () => {
    assert.deepEqual(problemsIn('services/samaritans.json', (d) => d.edit('services/samaritans.json', (s) => {
      s.contact.email = 'jo@samaritans.org';
      delete s.name;
    })), [
      "services/samaritans.json: record 'samaritans': field 'name': is missing",
      "services/samaritans.json: record 'samaritans': field 'contact.email': has no source: add a source whose 'supports' lists 'email', or remove the detail",
    ]);
  });

  it('a reviewed date or a source checked date in the future', () => {
    assert.deepEqual(problemsIn('services/llbd.json', (d) => d.edit('services/llbd.json', (s) => {
      s.reviewed = '2026-12-03';
      s.sources[1].checked = '2027-01-05';
    })), [
      "services/llbd.json: record 'llbd': field 'reviewed': '2026-12-03' is in the future (today is 2026-12-02): use the date the record was actually reviewed",
      "services/llbd.json: record 'llbd': field 'sources[1].checked': '2027-01-05' is in the future (today is 2026-12-02): use the date the source was actually read",
    ]);
    assert.deepEqual(problemsIn('topics/smoking.json', (d) => d.edit('topics/smoking.json', (t) => (t.reviewed = '2030-01-01'))), [
      "topics/smoking.json: record 'smoking': field 'reviewed': '2030-01-01' is in the future (today is 2026-12-02): use the date it was actually reviewed",
    ]);
  });

  it('validate lists every problem at once, exits 1, and says what to do', () => {
    const data = new DataCopy();
    try {
      data.edit('services/llbd.json', (s) => (s.contact.phone = '01629 53820'));
      data.edit('services/frank.json', (s) => (s.reviewed = '2027-01-01'));
      data.write('topics/dementia.json', '{ "id": "dementia", ');
      const r = run('validate', '--data', data.root, '--today', TODAY);
      assert.equal(r.code, 1);
      assert.match(r.out, /^services\/frank\.json: record 'frank': field 'reviewed': '2027-01-01' is in the future/m);
      assert.match(r.out, /^services\/llbd\.json: record 'llbd': field 'contact\.phone': '01629 53820' has 10 digits; UK numbers have 11/m);
      assert.match(r.out, /^topics\/dementia\.json: is not valid JSON/m);
      assert.match(r.out, /3 problems and \d+ warnings in .*\nFix them/);
      const json = JSON.parse(run('validate', '--data', data.root, '--today', TODAY, '--json').out);
      assert.equal(json.valid, false);
      assert.deepEqual(json.errors.map((e: { rule: string }) => e.rule).sort(), ['future-date', 'phone-format', 'schema']);
    } finally {
      data.remove();
    }
  });

  it('validate on the real data passes and says so', () => {
    const r = run('validate', '--today', TODAY);
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /The directory is valid: \d+ services, 26 topics, 8 Places, \d+ cohorts, with \d+ warnings/);
  });
});

import assert from 'node:assert/strict';
import { formatProblem } from '../directory/problems';
import { todayIso } from '../maintain/dates';
import { validateDirectory } from '../maintain/validate';
import type { FakeConnector } from './support/fake-connector';
import { cardProblems, cardText } from './support/cards';
import { DataCopy } from './support/directory';
import { ALEX, as, button, formSubmission, inputsOf, JO, MAINTAINER_IDS, maintainersChannel, postedCards, SAM, STAFF } from './support/editing';
import { cards, exchange, type Json, type RunningBot, startBot } from './support/protocol';

/** A made-up source page for test changes (example.org is reserved for examples). */
const SOURCE = { sourceUrl: 'https://www.example.org/llbd-contact', sourceChecked: todayIso() };

/** Card text as it reads once rendered: data is escaped for markdown (`\[` shows as `[`). */
function shown(card: Json): string {
  return cardText(card).replace(/\\([\\*_[\]<>`])/g, '$1');
}

async function metrics(bot: RunningBot): Promise<Json> {
  return (await fetch(`${bot.url}/metrics`)).json() as Promise<Json>;
}

function logged(bot: RunningBot, from: number): Json[] {
  return bot.logs.lines.slice(from).map((l) => JSON.parse(l));
}

describe('maintainers keep the directory from Teams', function () {
  this.timeout(30_000);
  let bot: RunningBot;
  let channel: FakeConnector;
  beforeEach(async () => {
    bot = await startBot({ env: { MAINTAINER_IDS } });
    channel = await maintainersChannel(bot, ALEX);
  });
  afterEach(async () => {
    await bot.stop();
    await channel.stop();
  });

  describe('editing a service', () => {
    it('a maintainer who types a crisis message that starts like a command gets crisis support, not a lookup', async () => {
      for (const message of ['history self harm, says she wants to end it all', 'edit: he said he wants to kill himself']) {
        const [first] = await as(bot, ALEX).say(message);
        assert.match(JSON.stringify(first.card), /999/, message);
      }
    });

    it('"edit llbd" in a 1:1 chat opens a form with every field of the record filled in', async () => {
      const [form] = await as(bot, ALEX).say('edit llbd');
      assert.deepEqual(cardProblems(form.card, form.summary), []);
      assert.match(form.summary, /Edit: Live Life Better Derbyshire/);
      const inputs = inputsOf(form.card);
      const llbd = bot.bot.directory().service('llbd')!;
      assert.equal(inputs.name.value, llbd.name);
      assert.equal(inputs.description.value, llbd.description);
      assert.equal(inputs.phone.value, '01629 538200');
      assert.equal(inputs.eligibility.value, llbd.eligibility);
      assert.equal(inputs.area.value, 'derbyshire-county');
      assert.equal(inputs.places.value, llbd.places.join(','));
      assert.equal(inputs.mainTopic.value, 'smoking');
      assert.equal(inputs.topics.value, 'healthy-weight');
      assert.equal(inputs.referral.value, 'unknown');
      for (const id of ['text', 'email', 'website', 'hours', 'sourceUrl', 'sourceChecked', 'reviewedToday']) assert.ok(inputs[id], `an input for ${id}`);
    });

    it('every form (edit, add, retire, mark reviewed, a topic prompt, with problems) and the review card pass the Adaptive Card checks', async () => {
      const forms = [
        ...(await as(bot, ALEX).say('edit llbd')), ...(await as(bot, ALEX).say('add a service')), ...(await as(bot, ALEX).say('retire llbd')),
        ...(await as(bot, ALEX).say('mark llbd reviewed')), ...(await as(bot, ALEX).say('edit topic falls')),
      ];
      assert.deepEqual(forms.map((f) => f.summary.split(':')[0]), ['Edit', 'Add a service', 'Retire', 'Mark reviewed', 'Edit']);
      const [problems] = await as(bot, ALEX).click(formSubmission(forms[0].card, { phone: '1', website: 'x', places: 'nowhere' }));
      const [review] = await as(bot, ALEX).click(formSubmission(forms[4].card, { act: 'Shall I give you their details? (test)' }));
      for (const c of [...forms, problems, review]) assert.deepEqual(cardProblems(c.card, c.summary), [], c.summary);
      assert.match(review.summary, /Change to review: Topic prompt: Falls and frailty/);
    });

    it('finds the service by a misspelt name, and asks which one when several match', async () => {
      const [byName] = await as(bot, ALEX).say('edit live life beter derbyshire');
      assert.match(byName.summary, /Edit: Live Life Better Derbyshire/);
      const [which] = await as(bot, ALEX).say('edit citizens');
      assert.match(cardText(which.card), /Which one\?/);
      const titles = (which.card.actions as Json[]).map((a) => a.title);
      assert.ok(titles.length >= 2 && titles.every((t) => /Citizens Advice/i.test(t)), titles.join(' | '));
      const [none] = await as(bot, ALEX).say('edit zzqx florbish');
      assert.match(cardText(none.card), /No service matches/);
      assert.ok(button(none.card, 'Add a service'));
    });

    it('shows every problem at once, in the words of `npm run directory -- validate`, and keeps what was typed', async () => {
      const [form] = await as(bot, ALEX).say('edit llbd');
      const typed = { phone: '01629 53820', website: 'http://llbd.example.org', mainTopic: 'smoking', topics: 'healthy-weight,lonliness', ...SOURCE, sourceSupports: 'phone,website' };
      const [again] = await as(bot, ALEX).click(formSubmission(form.card, typed));
      const text = shown(again.card);
      assert.match(text, /problems to fix \(nothing was proposed yet; what you typed is kept\)/);
      // The same change made to the files, and validated as the command line does.
      const data = new DataCopy();
      try {
        data.edit('services/llbd.json', (s) => {
          s.contact = { phone: '01629 53820', website: 'http://llbd.example.org' };
          s.topics = ['smoking', 'healthy-weight', 'lonliness'];
          s.sources.push({ url: SOURCE.sourceUrl, checked: SOURCE.sourceChecked, supports: ['phone', 'website'] });
        });
        const validate = validateDirectory(data.root, { today: todayIso() }).errors.filter((p) => p.file === 'services/llbd.json').map(formatProblem);
        assert.ok(validate.length >= 3, validate.join('\n'));
        for (const line of validate) assert.ok(text.includes(line), `the form shows validate's line:\n${line}\n---\n${text}`);
      } finally {
        data.remove();
      }
      const inputs = inputsOf(again.card);
      assert.equal(inputs.phone.value, '01629 53820', 'what was typed is kept');
      assert.equal(inputs.website.value, 'http://llbd.example.org');
      assert.equal(inputs.topics.value, 'healthy-weight,lonliness');
      assert.equal(inputs.sourceUrl.value, SOURCE.sourceUrl);
      // Each problem is also beside its input.
      assert.match(text, /Problem: '01629 53820' has 10 digits/);
      assert.deepEqual(await bot.bot.editing.open(), [], 'nothing was proposed');
    });

    it('a new or changed contact detail needs a source address and a checked date', async () => {
      const [form] = await as(bot, ALEX).say('edit llbd');
      const [noSource] = await as(bot, ALEX).click(formSubmission(form.card, { phone: '01629 538201' }));
      assert.match(cardText(noSource.card), /field 'contact\.phone': has changed, so it needs a source: give the address of the page that shows it and the date you checked it/);
      const [noDate] = await as(bot, ALEX).click(formSubmission(form.card, { phone: '01629 538201', sourceUrl: SOURCE.sourceUrl, sourceChecked: '' }));
      assert.match(shown(noDate.card), /field 'sources\[\d+\]\.checked': is missing/);
      const [future] = await as(bot, ALEX).click(formSubmission(form.card, { phone: '01629 538201', sourceUrl: SOURCE.sourceUrl, sourceChecked: '2099-01-01' }));
      assert.match(cardText(future.card), /'2099-01-01' is in the future/);
      assert.deepEqual(await bot.bot.editing.open(), []);
      const [proposed] = await as(bot, ALEX).click(formSubmission(form.card, { phone: '01629 538201', ...SOURCE }));
      assert.match(proposed.summary, /Change to review/);
    });

    it('a proposed change goes to the maintainers\' channel with before and after side by side, and is published when another maintainer approves', async () => {
      const [form] = await as(bot, ALEX).say('edit llbd');
      const posted = channel.delivered().length;
      const [mine] = await as(bot, ALEX).click(formSubmission(form.card, { phone: '01629 538201', hours: 'Monday to Friday, 9am to 5pm', ...SOURCE }));
      assert.match(mine.summary, /Change to review: Live Life Better Derbyshire/);
      const [review] = postedCards(channel, posted);
      assert.ok(review, 'the review card is posted to the maintainers\' channel');
      assert.deepEqual(cardProblems(review), []);
      const columns = JSON.stringify(review.body);
      assert.match(columns, /"ColumnSet"/);
      const text = cardText(review);
      assert.match(text, /\*\*Phone\*\*\nBefore\n01629 538200\nAfter\n01629 538201/);
      assert.match(text, /\*\*Hours\*\*\nBefore\n\(none\)\nAfter\nMonday to Friday, 9am to 5pm/);
      assert.match(text, /Proposed by Alex Maintainer/);
      assert.match(text, /https:\/\/www\.example\.org\/llbd-contact · checked/);

      // Staff still get the old number until it is approved.
      const staffSees = async () => cardText((await as(bot, STAFF).click({ action: 'moreServices', topic: 'smoking', place: 'chesterfield' }))[0].card);
      assert.match(await staffSees(), /01629 538200/);

      const [self] = await as(bot, ALEX).click(button(review, 'Approve'), {}, true);
      assert.match(cardText(self.card), /Another maintainer must approve a change before it is published/);
      assert.match(await staffSees(), /01629 538200/);

      const [published] = await as(bot, SAM).click(button(review, 'Approve'), {}, true);
      assert.match(cardText(published.card), /Published by Sam Second, .* · change #1\./);
      assert.doesNotMatch(cardText(published.card), /self-approved/);
      assert.match(await staffSees(), /01629 538201/);
      assert.equal(bot.bot.directory().service('llbd')!.hours, 'Monday to Friday, 9am to 5pm');
    });

    it('"Add a service": a new service is proposed, approved and offered to staff', async () => {
      const [form] = await as(bot, ALEX).say('add a service');
      assert.deepEqual(cardProblems(form.card, form.summary), []);
      const [problems] = await as(bot, ALEX).click(formSubmission(form.card, { name: 'Glossop Test Befriending Group' }));
      const text = cardText(problems.card);
      for (const missing of [/field 'description': is missing/, /field 'topics': must list at least one topic/, /field 'area': /]) assert.match(text, missing);
      assert.equal(inputsOf(problems.card).name.value, 'Glossop Test Befriending Group', 'the name typed is kept');
      const [review] = await as(bot, ALEX).click(formSubmission(problems.card, {
        name: 'Glossop Test Befriending Group', description: 'Weekly befriending group for older people (a test record).', mainTopic: 'loneliness', area: 'local', places: 'high-peak',
        // 01632 960xxx is Ofcom's range for drama: never a real number.
        phone: '01632 960123', referral: 'self', sourceUrl: 'https://www.example.org/glossop-befriending', sourceChecked: todayIso(),
      }));
      assert.match(review.summary, /New service to review: Glossop Test Befriending Group/);
      assert.equal(bot.bot.directory().service('glossop-test-befriending-group'), undefined, 'not offered before approval');
      const [published] = await as(bot, SAM).click(button(review.card, 'Approve'), {}, true);
      assert.match(cardText(published.card), /Published by Sam Second/);
      const offered = bot.bot.directory().service('glossop-test-befriending-group');
      assert.equal(offered?.contact.phone, '01632 960123');
      const [more] = await as(bot, STAFF).click({ action: 'moreServices', topic: 'loneliness', place: 'high-peak' });
      assert.match(cardText(more.card), /Glossop Test Befriending Group/);
    });

    it('an added service cannot take the id of one that exists', async () => {
      const [form] = await as(bot, ALEX).say('add a service');
      const [again] = await as(bot, ALEX).click(formSubmission(form.card, { newId: 'llbd', name: 'Another LLBD' }));
      assert.match(cardText(again.card), /'llbd' is already the id of 'Live Life Better Derbyshire \(LLBD\)': give the new service its own id/);
      const [bad] = await as(bot, ALEX).click(formSubmission(form.card, { newId: '../../etc/passwd', name: 'x' }));
      assert.match(cardText(bad.card), /must be lower-case words joined by hyphens/);
    });

    it('"Retire a service": hidden from staff once approved, kept with the reason', async () => {
      const [form] = await as(bot, ALEX).say('retire silver line');
      assert.match(form.summary, /Retire: The Silver Line/i);
      const [noReason] = await as(bot, ALEX).click(formSubmission(form.card, {}));
      assert.match(cardText(noReason.card), /field 'retired\.reason': must not be empty/);
      const [review] = await as(bot, ALEX).click(formSubmission(form.card, { retireReason: 'Test: the helpline closed (made-up reason for this test).' }));
      assert.match(review.summary, /Retire to review/);
      await as(bot, SAM).click(button(review.card, 'Approve'), {}, true);
      const d = bot.bot.directory();
      assert.equal(d.service('silver-line'), undefined, 'not offered to staff');
      assert.equal(d.retired.find((s) => s.id === 'silver-line')?.retired?.reason, 'Test: the helpline closed (made-up reason for this test).');
      const [more] = await as(bot, STAFF).click({ action: 'moreServices', topic: 'loneliness', place: 'chesterfield' });
      assert.doesNotMatch(cardText(more.card), /Silver Line/);
    });

    it('"Edit this service" on a staff report opens the form, and publishing the fix resolves the report', async () => {
      const before = channel.delivered().length;
      await as(bot, STAFF).click({ action: 'report', service: 'llbd', reason: 'wrong-phone' });
      const [reportCard] = postedCards(channel, before);
      const [form] = await as(bot, ALEX).click(button(reportCard, 'Edit this service'), {}, true);
      assert.match(form.summary, /Edit: Live Life Better Derbyshire/);
      const [review] = await as(bot, ALEX).click(formSubmission(form.card, { phone: '01629 538202', ...SOURCE }), {}, true);
      const [report] = await bot.bot.reports.list({ status: 'open' });
      assert.equal(report.serviceId, 'llbd');
      await as(bot, SAM).click(button(review.card, 'Approve'), {}, true);
      const resolved = await bot.bot.reports.get(report.id);
      assert.equal(resolved?.status, 'resolved');
      assert.match(resolved?.note ?? '', /Fixed by directory change #1 from Teams/);
    });
  });

  describe('review before publish', () => {
    it('a crisis line change always needs a second maintainer, even where self-approval is on, and a newer source', async () => {
      await bot.stop();
      bot = await startBot({ env: { MAINTAINER_IDS, EDIT_SELF_APPROVAL: 'true' } });
      const [form] = await as(bot, ALEX).say('edit samaritans');
      assert.match(cardText(form.card), /It changes a crisis line, so another maintainer must approve it/);
      const [old] = await as(bot, ALEX).click(formSubmission(form.card, { hours: '24 hours a day, every day (test)', sourceUrl: 'https://www.samaritans.org/how-we-can-help/contact-samaritan/', sourceChecked: '2026-11-01', sourceSupports: 'hours' }));
      assert.match(shown(old.card), /crisis line 'samaritans' hours: .* -> "24 hours a day, every day \(test\)": crisis lines are protected, so this needs a source checked after 2026-11-22 whose 'supports' lists 'hours'/);
      const [review] = await as(bot, ALEX).click(formSubmission(form.card, { hours: '24 hours a day, every day (test)', sourceUrl: 'https://www.samaritans.org/how-we-can-help/contact-samaritan/', sourceChecked: todayIso(), sourceSupports: 'hours' }));
      assert.match(cardText(review.card), /Waiting for another maintainer\. It changes a crisis line/);
      const [self] = await as(bot, ALEX).click(button(review.card, 'Approve'));
      assert.match(cardText(self.card), /It changes a crisis line, so another maintainer must approve it\. You proposed it, so it waits for a colleague/);
      assert.notEqual(bot.bot.directory().service('samaritans')!.hours, '24 hours a day, every day (test)');
      const [published] = await as(bot, SAM).click(button(review.card, 'Approve'));
      assert.match(cardText(published.card), /Published by Sam Second/);
      assert.equal(bot.bot.directory().service('samaritans')!.hours, '24 hours a day, every day (test)', 'the crisis guard serves it: confirmed by the second maintainer with a newer source');
    });

    it('a topic\'s Ask / Assist / Act prompt always needs a second maintainer', async () => {
      await bot.stop();
      bot = await startBot({ env: { MAINTAINER_IDS, EDIT_SELF_APPROVAL: 'true' } });
      const [form] = await as(bot, ALEX).say('edit topic smoking');
      assert.match(form.summary, /Edit: Topic prompt: Smoking and vaping/);
      const ask = 'Would it be all right to talk about smoking for a moment? (test)';
      const [review] = await as(bot, ALEX).click(formSubmission(form.card, { ask }));
      assert.match(cardText(review.card), /\*\*Ask\*\*\nBefore\n.*\nAfter\nWould it be all right to talk about smoking for a moment\? \(test\)/);
      const [self] = await as(bot, ALEX).click(button(review.card, 'Approve'));
      assert.match(cardText(self.card), /changes a topic's Ask \/ Assist \/ Act prompt, so another maintainer must approve it/);
      await as(bot, JO).click(button(review.card, 'Approve'));
      const [topic] = await as(bot, STAFF).say('smoking');
      assert.match(cardText(topic.card), /talk about smoking for a moment\? \(test\)/);
    });

    it('with EDIT_SELF_APPROVAL=true a single maintainer may publish an ordinary change, recorded as self-approved', async () => {
      await bot.stop();
      bot = await startBot({ env: { MAINTAINER_IDS: ALEX.id, EDIT_SELF_APPROVAL: 'true' } });
      const [form] = await as(bot, ALEX).say('edit llbd');
      assert.match(cardText(form.card), /self-approval is on here/);
      const [review] = await as(bot, ALEX).click(formSubmission(form.card, { hours: 'Weekdays (test)' }));
      const [published] = await as(bot, ALEX).click(button(review.card, 'Approve'));
      assert.match(cardText(published.card), /Published by Alex Maintainer, .* \(self-approved\)/);
      const [history] = await as(bot, ALEX).say('history llbd');
      assert.match(cardText(history.card), /\(self-approved\)/);
      assert.equal((await metrics(bot))['edits.published'], 1);
    });

    it('a rejected change is never published; the proposer may withdraw their own', async () => {
      const [form] = await as(bot, ALEX).say('edit llbd');
      const [review] = await as(bot, ALEX).click(formSubmission(form.card, { hours: 'Rejected hours (test)' }));
      const [rejected] = await as(bot, SAM).click(button(review.card, 'Reject'));
      assert.match(cardText(rejected.card), /Rejected by Sam Second/);
      const [late] = await as(bot, JO).click(button(review.card, 'Approve'));
      assert.match(cardText(late.card), /Rejected by Sam Second/, 'a decided change stays decided');
      assert.equal(bot.bot.directory().service('llbd')!.hours, undefined);
      const [form2] = await as(bot, ALEX).say('edit llbd');
      const [review2] = await as(bot, ALEX).click(formSubmission(form2.card, { hours: 'Withdrawn hours (test)' }));
      const [notYours] = await as(bot, SAM).click(button(review2.card, 'Withdraw'));
      assert.match(cardText(notYours.card), /Only the proposer can withdraw it/);
      const [withdrawn] = await as(bot, ALEX).click(button(review2.card, 'Withdraw'));
      assert.match(cardText(withdrawn.card), /Withdrawn by Alex Maintainer/);
    });
  });

  describe('refusals', () => {
    it('someone who is not a maintainer is refused politely, logged (ids only) and counted, and nothing changes', async () => {
      const from = bot.logs.lines.length;
      const [refused] = await as(bot, STAFF).say('edit llbd');
      assert.match(cardText(refused.card), /Only the directory maintainers can edit the directory from Teams/);
      assert.ok(refused.card.actions.length, 'never a dead end');
      const [form] = await as(bot, ALEX).say('edit llbd');
      const [review] = await as(bot, ALEX).click(formSubmission(form.card, { hours: 'Someone else (test)' }));
      for (const data of [formSubmission(form.card, { hours: 'by staff (test)' }), button(review.card, 'Approve'), button(review.card, 'Reject'), { action: 'editAdd' }, { action: 'editDigest' }]) {
        const [no] = await as(bot, STAFF).click(data);
        assert.match(cardText(no.card), /Only the directory maintainers/);
      }
      const lines = logged(bot, from).filter((l) => l.event === 'maintainer-refused' && l.action === 'edit-directory');
      assert.equal(lines.length, 6);
      assert.ok(lines.every((l) => l.user === STAFF.id), 'the Entra id, nothing else');
      assert.ok(!bot.logs.lines.slice(from).some((l) => l.includes('Someone else') || l.includes('by staff') || l.includes('Staff Member')), 'nothing typed, no names');
      assert.equal((await metrics(bot))['refused.maintainer.edit-directory'], 6);
      assert.equal((await bot.bot.editing.open()).length, 1, 'only the maintainer\'s own proposal');
      assert.equal(bot.bot.directory().service('llbd')!.hours, undefined);
    });

    it('tampered card data is refused politely, logged and counted: unknown ids, wrong types, stale versions, __proto__', async () => {
      const [form] = await as(bot, ALEX).say('edit llbd');
      const good = formSubmission(form.card, { hours: 'Tampered (test)' });
      const [review] = await as(bot, ALEX).click(good);
      const approve = button(review.card, 'Approve');
      const from = bot.logs.lines.length;
      const tampered: Json[] = [
        { ...approve, proposal: '0000000000zzzz' },
        { ...approve, record: 'service:no-such-service' },
        { ...approve, proposal: 42 },
        { ...good, record: 'service:../../etc' },
        { ...good, version: 12345 },
        { ...good, hours: { nested: 'object' } },
        { ...good, unknownField: 'x' },
        JSON.parse(`{"action":"editApprove","record":"${approve.record}","proposal":"${approve.proposal}","__proto__":{"admin":true}}`),
        { action: 'editOpen', record: 'service:no-such-service' },
        { action: 'editOpen', record: 'topic:not-a-topic' },
        { action: 'editHistory', record: 'crisis' },
      ];
      for (const data of tampered) {
        const [refused] = await as(bot, SAM).click(data);
        assert.match(cardText(refused.card), /could not be used|out of date/, JSON.stringify(data));
      }
      // A version the record never had: told the form is out of date, and given it afresh.
      const [stale] = await as(bot, ALEX).click({ ...good, version: 'abcdefabcdef' });
      assert.match(cardText(stale.card), /That form was out of date/);
      const lines = logged(bot, from).filter((l) => l.event === 'edit-refused');
      assert.equal(lines.filter((l) => l.outcome === 'tampered').length, tampered.length);
      assert.equal(lines.filter((l) => l.outcome === 'stale').length, 1);
      const m = await metrics(bot);
      assert.equal(m['refused.edit.tampered'], tampered.length);
      assert.equal(m['refused.edit.stale'], 1);
      assert.ok(!bot.logs.lines.slice(from).some((l) => l.includes('Tampered (test)')), 'nothing typed is logged');
      assert.equal((await bot.bot.editing.open()).length, 1);
      assert.equal(bot.bot.directory().service('llbd')!.hours, undefined, 'nothing was published');
      assert.equal(({} as Json).admin, undefined, 'no prototype was touched');
    });

    it('forms are not shown in other group chats or channels, and "history of falls" from staff is still a topic question', async () => {
      const [elsewhere] = cards(await exchange(bot.url, { text: 'edit llbd', from: { id: '29:alex', name: ALEX.name, aadObjectId: ALEX.id } }, { conversation: '19:general@thread.tacv2', conversationType: 'channel', user: 'alex' }));
      assert.match(cardText(elsewhere.card), /Directory edits are made in the maintainers' channel, or in a 1:1 chat with me/);
      const [inChannel] = await as(bot, ALEX).say('edit llbd', true);
      assert.match(inChannel.summary, /Edit: Live Life Better Derbyshire/);
      const [topic] = await as(bot, STAFF).say('history of falls');
      assert.doesNotMatch(topic.summary, /Only for the directory maintainers|history/i);
    });
  });

  describe('the audit trail', () => {
    it('the service card in the maintainers\' channel has a history section: who proposed and approved, when, before and after, the source', async () => {
      const [form] = await as(bot, ALEX).say('edit llbd', true);
      const [review] = await as(bot, ALEX).click(formSubmission(form.card, { phone: '01629 538209', ...SOURCE }), {}, true);
      await as(bot, SAM).click(button(review.card, 'Approve'), {}, true);
      const [form2] = await as(bot, SAM).say('edit llbd', true);
      const [review2] = await as(bot, SAM).click(formSubmission(form2.card, { hours: 'Audit hours (test)' }), {}, true);
      await as(bot, JO).click(button(review2.card, 'Reject'), {}, true);
      const [card] = await as(bot, JO).say('history llbd', true);
      assert.deepEqual(cardProblems(card.card, card.summary), []);
      const text = cardText(card.card);
      assert.match(text, /\*\*Phone:\*\* \[01629 538209\]/, 'the record as staff see it now');
      assert.match(text, /History \(2 changes from Teams\)/);
      assert.match(text, /changed · proposed by Alex Maintainer\nPublished by Sam Second, .* · change #1\.\nPhone: 01629 538200 → 01629 538209\nSource: https:\/\/www\.example\.org\/llbd-contact · checked \d{4}-\d\d-\d\d · shows phone/);
      assert.match(text, /changed · proposed by Sam Second\nRejected by Jo Third/);
      assert.ok(text.indexOf('proposed by Sam Second') < text.indexOf('proposed by Alex Maintainer'), 'newest first');
      for (const b of ['Edit this service', 'Mark reviewed', 'Retire this service']) assert.ok(button(card.card, b));
    });
  });
});

import assert from 'node:assert/strict';
import { checkExamples } from '../../maintain/examples';
import { realDirectory } from '../support/directory';

describe("a topic's example phrasings, checked for maintainers", () => {
  const withExamples = (examples: Record<string, string[]>) => {
    const d = realDirectory();
    return { ...d, topics: d.topics.map((t) => ({ ...t, examples: examples[t.id] ?? [] })) };
  };

  it('warns about an example the bot answers with another topic', () => {
    const findings = checkExamples(withExamples({ smoking: ['cold house, heating off'] }));
    const f = findings.find((x) => x.rule === 'example-answered-elsewhere');
    assert.ok(f, 'a warning is raised');
    assert.equal(f.file, 'topics/smoking.json');
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /affordable-warmth/);
  });

  it('warns about the same phrasing under two topics, on both', () => {
    const findings = checkExamples(withExamples({ smoking: ['Puffs all day'], 'asthma-copd': ['puffs all day'] })).filter((x) => x.rule === 'example-collision');
    assert.deepEqual(findings.map((f) => f.record).sort(), ['asthma-copd', 'smoking']);
  });

  it('says nothing of an example answered with its own topic', () => {
    assert.deepEqual(checkExamples(withExamples({ smoking: ['twenty a day, wants to pack in the fags'] })), []);
  });
});

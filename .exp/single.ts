import { readFileSync } from 'node:fs';
import { loadDirectory } from '../directory/load';
import { Signposter } from '../search/answer';
import { RiskFamilies } from '../search/crisis/families';
import { sentences, withoutIdioms } from '../search/crisis/index';
import { canonicalGrammar } from '../search/crisis/grammar';
import { Shorthand } from '../search/shorthand';
const d = loadDirectory(); const s = new Signposter(d); const fam = new RiskFamilies(d.riskConcepts as any); const sh = new Shorthand(d.shorthand);
const strong = new Set((process.env.FAMS ?? 'method,finality,hopeless,plan,acquire,purpose,giving,wound').split(','));
for (const f of process.argv.slice(2)) {
  const rows = readFileSync(f, 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
  let crisisN = 0, caught = 0, cautioned = 0, other = 0, otherCaution = 0;
  const fp: string[] = [];
  for (const [q, , , c] of rows) {
    const a = s.ask(q);
    const text = sentences(q).map((x) => withoutIdioms(canonicalGrammar(sh.expand(x)))).join(' ');
    const found = [...fam.found(text)].filter((x) => strong.has(x));
    const caution = !a.crisis && found.length > 0;
    if (c === 'yes') { crisisN++; if (a.crisis) caught++; else if (caution) cautioned++; }
    else { other++; if (caution) { otherCaution++; fp.push(`${found.join(',')}: ${q.slice(0, 90)}`); } }
  }
  console.log(f.split('/').pop(), `crisis ${caught}/${crisisN}, +caution ${cautioned} -> ${caught + cautioned}/${crisisN}; caution on others ${otherCaution}/${other}`);
  if (process.env.SHOW) fp.forEach((x) => console.log('   ', x));
}

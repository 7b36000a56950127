import { readFileSync } from 'node:fs';
import { realSignposter, realDirectory } from '../tests/support/directory';
import { RiskFamilies } from '../search/crisis/families';
import { normalise } from '../search/text';
const s = realSignposter(); const d = realDirectory(); const fam = new RiskFamilies(d.riskConcepts as any);
const byFirst: any = (fam as any).byFirst;
for (const f of process.argv.slice(2)) {
  const rows = readFileSync(f, 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
  for (const [q, , , c] of rows) {
    if (c === 'yes') continue;
    const sig = (s as any).crisis.detect(q);
    if (sig.crisis) {
      const ph = (fam as any).phrases(normalise(q));
      console.log(sig.layer, JSON.stringify([...ph].map(([k, v]: any) => [k, [...v]])), '|', q.slice(0, 120));
    }
  }
}

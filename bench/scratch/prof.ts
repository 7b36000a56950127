import { writeSyntheticDirectory } from '../synthetic';
import { loadDirectory } from '../../directory/load';
import { Signposter } from '../../search/answer';
import { readFileSync } from 'node:fs';
import { parseQuerySet } from '../../search/evaluate';
const d = writeSyntheticDirectory(50000);
const dir = loadDirectory(d.root);
d.remove();
const s = new Signposter(dir);
const rows = parseQuerySet(readFileSync('/work/shared/queries/dev.tsv', 'utf8'));
for (const r of rows) s.ask(r.query);
const times: [number, string][] = [];
const t0 = performance.now();
while (performance.now() - t0 < 8000) for (const r of rows) { const t = performance.now(); s.ask(r.query); times.push([performance.now() - t, r.query]); }
times.sort((a, b) => a[0] - b[0]);
console.log(times.length, 'median', times[times.length >> 1], 'p99', times[Math.floor(times.length * 0.99)]);
const per = new Map<string, number[]>(); for (const [t, q] of times) { (per.get(q) ?? per.set(q, []).get(q)!).push(t); }
console.log([...per].map(([q, ts]) => [q, ts.sort((a,b)=>a-b)[ts.length>>1]] as const).sort((a, b) => b[1] - a[1]).slice(0, 25));

import { readFileSync, readdirSync } from 'node:fs';
import { normalise, words, isStopword } from '../search/text';
import { realSignposter } from '../tests/support/directory';
const W = readFileSync('/tmp/wemb/words.txt', 'utf8').split('\n');
const V = new Int8Array(readFileSync('/tmp/wemb/vec.bin').buffer.slice(0));
const idx = new Map(W.map((w, i) => [w, i])); const D = 100;
function vec(text: string): Float32Array | null {
  const out = new Float32Array(D); let n = 0;
  for (const w of words(normalise(text))) { if (isStopword(w)) continue; const i = idx.get(w); if (i === undefined) continue;
    const p = 1 / ((i + 10) * Math.log(W.length)); const wt = 1e-4 / (1e-4 + p); for (let d = 0; d < D; d++) out[d] += wt * V[i * D + d]; n++; }
  if (!n) return null; let s = 0; for (let d = 0; d < D; d++) s += out[d] * out[d]; s = Math.sqrt(s) || 1; for (let d = 0; d < D; d++) out[d] /= s; return out;
}
const topics = readdirSync('directory-data/topics').map((f) => JSON.parse(readFileSync(`directory-data/topics/${f}`, 'utf8')));
const chit = JSON.parse(readFileSync('directory-data/understanding/chit-chat.json', 'utf8')).examples;
const ex: { label: string; v: Float32Array }[] = [];
for (const t of topics) for (const s of [t.title, ...(t.synonyms ?? []), ...(t.examples ?? [])]) { const v = vec(s); if (v) ex.push({ label: t.id, v }); }
for (const c of chit) { const v = vec(c.text); if (v) ex.push({ label: 'none', v }); }
function knn(text: string, k = 5): [string, number][] {
  const q = vec(text); if (!q) return [['none', 0]]; const by = new Map<string, number[]>();
  for (const e of ex) { let s = 0; for (let d = 0; d < D; d++) s += q[d] * e.v[d]; (by.get(e.label) ?? by.set(e.label, []).get(e.label)!).push(s); }
  return [...by].map(([l, ss]) => [l, ss.sort((a, b) => b - a).slice(0, k).reduce((a, b) => a + b, 0) / Math.min(k, ss.length)] as [string, number]).sort((a, b) => b[1] - a[1]);
}
const sp = realSignposter();
for (const f of process.argv.slice(2)) {
  const rows = readFileSync(f, 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
  let base = 0, fused = 0, n = 0;
  for (const [q, gold, , c] of rows) {
    n++; const ok = (t: string) => gold.split('|').includes(t);
    const a = sp.ask(q); const got = a.crisis ? 'suicide-prevention' : a.kind === 'topic' ? a.topic! : 'none';
    if (ok(got)) base++;
    let g2 = got;
    if (!a.crisis && a.kind !== 'topic') { const [[l, s], [, s2]] = knn(q); if (l !== 'none' && s > Number(process.env.TS ?? 0.6) && s - s2 > Number(process.env.TM ?? 0.03)) g2 = l; }
    if (ok(g2)) fused++;
  }
  console.log(f.split('/').pop(), 'base', (100 * base / n).toFixed(1), 'fused', (100 * fused / n).toFixed(1));
}

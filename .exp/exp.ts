import { readFileSync, readdirSync } from 'node:fs';
import { normalise, words, isStopword } from '../search/text';
import { TopicClassifier } from '../search/topic-classifier';

const W = readFileSync('/tmp/wemb/words.txt', 'utf8').split('\n');
const V = new Int8Array(readFileSync('/tmp/wemb/vec.bin').buffer.slice(0));
const idx = new Map(W.map((w, i) => [w, i]));
const D = 100;
function vec(text: string): Float32Array | null {
  const out = new Float32Array(D); let n = 0;
  for (const w of words(normalise(text))) {
    if (isStopword(w) && !['me','myself','not','no','never'].includes(w)) continue;
    const i = idx.get(w); if (i === undefined) continue;
    const p = 1 / ((i + 10) * Math.log(W.length)); const a = 1e-4; const wt = a / (a + p);
    for (let d = 0; d < D; d++) out[d] += wt * V[i * D + d]; n++;
  }
  if (!n) return null;
  let s = 0; for (let d = 0; d < D; d++) s += out[d] * out[d]; s = Math.sqrt(s) || 1;
  for (let d = 0; d < D; d++) out[d] /= s; return out;
}
const topics = readdirSync('directory-data/topics').map((f) => JSON.parse(readFileSync(`directory-data/topics/${f}`, 'utf8'))).map((t: any) => ({ ...t, examples: t.examples ?? [], synonyms: t.synonyms ?? [] }));
const chit = JSON.parse(readFileSync('directory-data/understanding/chit-chat.json', 'utf8')).examples;
const ex: { label: string; v: Float32Array }[] = [];
for (const t of topics) for (const s of [t.title, ...t.synonyms, ...(t.examples ?? [])]) { const v = vec(s); if (v) ex.push({ label: t.id, v }); }
for (const c of chit) { const v = vec(c.text ?? c); if (v) ex.push({ label: 'none', v }); }
console.error('examples', ex.length);
function knn(text: string, k = 3): [string, number][] {
  const q = vec(text); if (!q) return [['none', 0]];
  const by = new Map<string, number[]>();
  for (const e of ex) { let s = 0; for (let d = 0; d < D; d++) s += q[d] * e.v[d]; (by.get(e.label) ?? by.set(e.label, []).get(e.label)!).push(s); }
  return [...by].map(([l, ss]) => [l, ss.sort((a, b) => b - a).slice(0, k).reduce((a, b) => a + b, 0) / Math.min(k, ss.length)] as [string, number]).sort((a, b) => b[1] - a[1]);
}
const clf = new TopicClassifier(topics, chit);
for (const f of process.argv.slice(2)) {
  const rows = readFileSync(f, 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
  let a = 0, b = 0, n = 0;
  for (const [q, gold] of rows) {
    const ok = (t: string) => gold.split('|').includes(t);
    n++;
    if (ok(knn(q)[0][0])) a++;
    const g = clf.guesses(q)[0]; if (ok(g ? g.topic : 'none')) b++;
  }
  console.log(f, 'n', n, 'knn', (100 * a / n).toFixed(1), 'classifier', (100 * b / n).toFixed(1));
}
// Vocabulary expansion: unknown words replaced by their nearest known word.
const vocab = new Set<string>();
for (const t of topics) for (const s of [t.title, ...t.synonyms, ...t.examples]) for (const w of words(normalise(s))) vocab.add(w);
for (const c of chit) for (const w of words(normalise(c.text ?? c))) vocab.add(w);
const vocabIdx = [...vocab].map((w) => idx.get(w)).filter((i): i is number => i !== undefined);
const nearCache = new Map<string, string | null>();
const TH = Number(process.env.TH ?? 0.6);
function nearest(w: string): string | null {
  if (nearCache.has(w)) return nearCache.get(w)!;
  const i = idx.get(w); let best: string | null = null; let bs = -1;
  if (i !== undefined) for (const j of vocabIdx) { let s = 0; for (let d = 0; d < D; d++) s += V[i * D + d] * V[j * D + d]; if (s > bs) { bs = s; best = W[j]; } }
  const norm = (127 * 2.5) ** 2; const r = bs / norm >= TH ? best : null; nearCache.set(w, r); return r;
}
function expand(q: string): string {
  const ws = words(normalise(q)); const add: string[] = [];
  for (const w of ws) if (!vocab.has(w) && !isStopword(w) && w.length > 2) { const n = nearest(w); if (n) add.push(n); }
  return add.length ? `${q} ${add.join(' ')}` : q;
}
for (const f of process.argv.slice(2)) {
  const rows = readFileSync(f, 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
  let b = 0, n = 0;
  for (const [q, gold] of rows) { n++; const g = clf.guesses(expand(q))[0]; if (gold.split('|').includes(g ? g.topic : 'none')) b++; }
  console.log(f, 'expanded classifier', (100 * b / n).toFixed(1));
}
for (const lam of [0.5, 1, 2, 4]) for (const f of process.argv.slice(2)) {
  const rows = readFileSync(f, 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
  let b = 0, n = 0;
  for (const [q, gold] of rows) {
    n++;
    const cs = new Map(clf.guesses(q).map((g) => [g.topic as string, g.score]));
    const kn = knn(q); const mx = kn[0][1];
    const ks = new Map(kn.map(([l, s]) => [l, Math.exp((s - mx) * 10)])); const z = [...ks.values()].reduce((a, c) => a + c, 0);
    let best = 'none', bs = -1;
    for (const l of new Set([...cs.keys(), ...ks.keys()])) { const s = (cs.get(l) ?? 0) + lam * (ks.get(l) ?? 0) / z; if (s > bs) { bs = s; best = l; } }
    if (gold.split('|').includes(best)) b++;
  }
  console.log('lam', lam, f, 'fused', (100 * b / n).toFixed(1));
}

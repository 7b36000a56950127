import { readFileSync } from 'node:fs';
import { loadDirectory } from '../directory/load';
import { crisisClassifier } from '../search/crisis/training';
import { sentences, withoutIdioms } from '../search/crisis/index';
import { canonicalGrammar } from '../search/crisis/grammar';
import { Shorthand } from '../search/shorthand';
const d = loadDirectory(); const sh = new Shorthand(d.shorthand); const clf = crisisClassifier(d, sh);
for (const [sc, act] of [[0.9, 0.8], [0.8, 0.5], [0.7, 0.4], [0.6, 0.3]]) {
  const out: string[] = [];
  for (const f of process.argv.slice(2)) {
    const rows = readFileSync(f, 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
    let tp = 0, n = 0, fa = 0;
    for (const [q, , , c] of rows) {
      const hit = sentences(q).map((x) => withoutIdioms(canonicalGrammar(sh.expand(x)))).some((x) => { const r = clf.score(x, 'crisis'); return r.score >= sc && r.activation >= act; });
      if (c === 'yes') { n++; if (hit) tp++; } else if (hit) fa++;
    }
    out.push(`${f.split('/').pop()!.replace('unseen-round', 'r').replace('.tsv', '')} ${tp}/${n} fa ${fa}`);
  }
  console.log(sc, act, out.join(' | '));
}

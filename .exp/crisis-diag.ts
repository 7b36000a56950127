import { readFileSync } from 'node:fs';
import { loadDirectory } from '../directory/load';
import { crisisClassifier } from '../search/crisis/training';
import { sentences, withoutIdioms } from '../search/crisis/index';
(async () => {
  const dir: any = loadDirectory();
  const clf = crisisClassifier(dir);
  const f = process.argv[2];
  for (const q of process.argv.slice(3)) {
    for (const s of sentences(q).map(withoutIdioms)) { const r = clf.score(s, 'crisis'); console.log(r.score.toFixed(2), r.activation.toFixed(2), s); }
    console.log('--');
  }
})();

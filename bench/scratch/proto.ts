import { writeSyntheticDirectory } from '../../bench/synthetic';
import { loadDirectory } from '../../directory/load';
import { Signposter } from '../../search/answer';
import Fuse from 'fuse.js';
let t = performance.now();
const d = writeSyntheticDirectory(50000);
console.log('write', performance.now() - t); t = performance.now();
const dir = loadDirectory(d.root);
console.log('load', performance.now() - t, dir.services.length); t = performance.now();
const s = new Signposter(dir);
console.log('ours build', performance.now() - t); t = performance.now();
for (const q of ['smoking chesterfield', 'stop smoking service chesterfield', 'smokng', 'asdfgh', 'debt advice swadlincote']) { t = performance.now(); const a = s.ask(q); const t1 = performance.now() - t; t = performance.now(); s.ask(q); console.log(q, a.topic, a.place, t1, performance.now() - t, a.allServices.length); }
const recs = [...dir.topics.map(x => ({ topic: x.id, title: x.title, synonyms: x.synonyms })), ...dir.services.map(x => ({ topic: x.topics[0], name: x.name, description: x.description }))];
t = performance.now();
const f = new Fuse(recs, { keys: ['title', 'synonyms', 'name', 'description'] });
console.log('fuse build', performance.now() - t); 
for (const q of ['smoking chesterfield', 'stop smoking service chesterfield', 'smokng', 'asdfgh']) { t = performance.now(); const r = f.search(q); console.log(q, r[0]?.item.topic, performance.now() - t, r.length); }
d.remove();
console.log(process.memoryUsage().rss/1e6);

import { writeSyntheticDirectory } from '../synthetic';
const d = writeSyntheticDirectory(Number(process.argv[2] ?? 50000));
console.log(d.root);

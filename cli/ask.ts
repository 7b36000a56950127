import { parseArgs } from 'node:util';
import { isPlaceId } from '../directory/ids';
import { Signposter } from '../search/answer';
import { describeAnswer } from './describe';
import { toAskResult } from './contract';
import { loadDirectoryOrExit } from './load-or-exit';

const USAGE = 'Usage: npm run --silent ask -- "<query>" [--place <place-id>] [--json]';

function main(): void {
  let parsed;
  try {
    parsed = parseArgs({ allowPositionals: true, options: { place: { type: 'string' }, json: { type: 'boolean' }, data: { type: 'string' } } });
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    process.exit(64);
  }
  const query = parsed.positionals.join(' ');
  const place = parsed.values.place ?? null;
  if (place !== null && !isPlaceId(place)) {
    process.stderr.write(`Unknown Place '${place}'. Use one of: high-peak, derbyshire-dales, chesterfield, bolsover-north-east, erewash, amber-valley, south-derbyshire, derby-city.\n`);
    process.exit(64);
  }
  const signposter = new Signposter(loadDirectoryOrExit(parsed.values.data));
  const answer = signposter.ask(query, { place });
  if (parsed.values.json) process.stdout.write(`${JSON.stringify(toAskResult(query, answer))}\n`);
  else process.stdout.write(`${describeAnswer(signposter.directory, answer)}\n`);
}

main();

import { benchChat } from '../chat';
(async () => {
  for (const w of ['echo', 'ours'] as const) {
    const r = await benchChat(w, { warmupS: 2, durationS: 4, rate: 200, connections: 10, users: 100 });
    console.log(JSON.stringify(r, null, 1));
  }
})();

import { MemoryStorage, type Storage } from 'botbuilder';
import type { ListableStorage } from '../../reports/store';

type Listable = Storage & ListableStorage;

/**
 * The Bot Framework Storage interface cannot list keys, but each store we use can: LevelDB
 * by key range, Azure blobs by name prefix, memory by its object. Staff reports are listed this
 * way rather than through a shared index that every new report would have to rewrite.
 */
export function listable(storage: Storage): Listable {
  if (typeof (storage as Partial<Listable>).keys === 'function') return storage as Listable;
  if (storage instanceof MemoryStorage) {
    const memory = (storage as unknown as { memory: Record<string, string | undefined> }).memory;
    return Object.assign(storage, { keys: async (prefix: string) => Object.keys(memory).filter((k) => k.startsWith(prefix) && memory[k] !== undefined).sort() });
  }
  // BlobsStorage (botbuilder-azure-blobs 4.23.3) names each blob encodeURIComponent(key); its
  // own container client lists them.
  const container = (storage as unknown as { _containerClient?: { listBlobsFlat(o: { prefix: string }): AsyncIterable<{ name: string }> } })._containerClient;
  if (container) {
    return Object.assign(storage, {
      keys: async (prefix: string) => {
        await (storage as unknown as { _initialize?: () => Promise<unknown> })._initialize?.();
        const out: string[] = [];
        for await (const blob of container.listBlobsFlat({ prefix: encodeURIComponent(prefix) })) out.push(decodeURIComponent(blob.name));
        return out.sort();
      },
    });
  }
  throw new Error('This storage cannot list its keys, so staff reports cannot be listed from it.');
}

import { MemoryStorage, type Storage } from 'botbuilder';
import type { EditStorage } from '../../editing/store';
import { LevelStorage } from './level-storage';
import { listable } from './listable';

type BlobContainer = {
  getBlockBlobClient(name: string): {
    upload(body: string, length: number, options: object): Promise<unknown>;
    getProperties(): Promise<{ etag?: string }>;
  };
};

/**
 * What published directory edits need from a store beyond the Bot Framework interface: keys
 * by prefix, a create that fails if the key exists (so two instances starting at once cannot
 * both lay down the first version), and a cheap "has it changed" probe for polling (a blob's
 * ETag, read with a HEAD request, so an unchanged record costs no download).
 */
export function editStorage(storage: Storage): EditStorage {
  const keyed = listable(storage);
  if (storage instanceof LevelStorage) {
    return { read: (k) => storage.read(k), write: (c) => storage.write(c), keys: (p) => storage.keys(p), create: (k, v) => storage.create(k, v) };
  }
  if (storage instanceof MemoryStorage) {
    const memory = (storage as unknown as { memory: Record<string, string | undefined> }).memory;
    return {
      read: (k) => storage.read(k),
      write: (c) => storage.write(c),
      keys: (p) => keyed.keys(p),
      // MemoryStorage saves synchronously inside write(), so the check and the save cannot interleave.
      create: async (key, value) => {
        if (memory[key] !== undefined) return false;
        await storage.write({ [key]: { ...value, eTag: '*' } });
        return true;
      },
    };
  }
  // BlobsStorage (botbuilder-azure-blobs 4.23.3) names each blob encodeURIComponent(key) and
  // keeps its container client; a create is an upload with If-None-Match: *.
  const container = (storage as unknown as { _containerClient?: BlobContainer })._containerClient;
  const initialise = () => (storage as unknown as { _initialize?: () => Promise<unknown> })._initialize?.();
  if (!container) throw new Error('This storage cannot hold published directory edits.');
  return {
    read: (k) => storage.read(k),
    write: (c) => storage.write(c),
    keys: (p) => keyed.keys(p),
    create: async (key, value) => {
      await initialise();
      const body = JSON.stringify(value);
      try {
        await container.getBlockBlobClient(encodeURIComponent(key)).upload(body, Buffer.byteLength(body), { conditions: { ifNoneMatch: '*' }, blobHTTPHeaders: { blobContentType: 'application/json' } });
        return true;
      } catch (error) {
        const status = (error as { statusCode?: number }).statusCode;
        if (status === 409 || status === 412) return false;
        throw error;
      }
    },
    probe: async (key) => {
      await initialise();
      try {
        return (await container.getBlockBlobClient(encodeURIComponent(key)).getProperties()).etag;
      } catch (error) {
        if ((error as { statusCode?: number }).statusCode === 404) return 'absent';
        throw error;
      }
    },
  };
}

import { randomBytes } from 'node:crypto';

export interface PendingFile {
  name: string;
  type: string;
  bytes: Uint8Array;
}

export interface PendingUpload<R> {
  owner: string;
  batchId: string;
  files: PendingFile[];
  report: R;
  expires: number;
}

/**
 * Uploads checked but not yet confirmed, held in memory so the clerk confirms exactly the files
 * the report describes without sending them again. Bounded: entries expire after `ttlMs`, and the
 * oldest go first when more than `maxBytes` are held. Each belongs to the token that uploaded it.
 */
export function createPendingUploads<R>(
  options: { ttlMs?: number; maxBytes?: number; now?: () => number } = {},
) {
  const ttl = options.ttlMs ?? 30 * 60 * 1000;
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const now = options.now ?? Date.now;
  const entries = new Map<string, PendingUpload<R>>();
  const size = (e: PendingUpload<R>) => e.files.reduce((n, f) => n + f.bytes.byteLength, 0);

  function sweep() {
    const at = now();
    for (const [id, e] of entries) if (e.expires <= at) entries.delete(id);
    let total = [...entries.values()].reduce((n, e) => n + size(e), 0);
    for (const [id, e] of entries) {
      if (total <= maxBytes) break;
      entries.delete(id);
      total -= size(e);
    }
  }

  return {
    put(entry: Omit<PendingUpload<R>, 'expires'>): string {
      const id = randomBytes(12).toString('base64url');
      entries.set(id, { ...entry, expires: now() + ttl });
      sweep();
      return id;
    },
    /** The entry, if it exists, has not expired and belongs to `owner` and `batchId`. */
    get(id: string, owner: string, batchId: string): PendingUpload<R> | undefined {
      sweep();
      const e = entries.get(id);
      return e && e.owner === owner && e.batchId === batchId ? e : undefined;
    },
    delete(id: string): void {
      entries.delete(id);
    },
  };
}

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

interface Held {
  owner: string;
  /** Whose cap the entry counts against: the department, or the operator without one. */
  group: string;
  batchId: string;
  files: PendingFile[];
  /** The report as UTF-8 JSON: its real size in memory, parsed again when shown. */
  report: Buffer;
  bytes: number;
  expires: number;
}

export interface PendingUploadLimits {
  /** How long a checked upload waits for its confirmation (default 30 minutes). */
  ttlMs?: number;
  /** Files and reports held, all together (default 64 MiB). */
  maxBytes?: number;
  /** Files and reports held for one department or operator (default 16 MiB). */
  maxBytesPerGroup?: number;
  now?: () => number;
}

/**
 * Uploads checked but not yet confirmed, held in memory so the clerk confirms exactly the files
 * the report describes without sending them again. Counted by their real size (the files and the
 * report's JSON bytes, which is what is kept), capped per department and in total, and expiring.
 * A new check by the same operator for the same batch replaces the previous one; one that does not
 * fit is refused (`room`/`put` say so), never by evicting someone else's.
 */
export function createPendingUploads<R>(options: PendingUploadLimits = {}) {
  const ttl = options.ttlMs ?? 30 * 60 * 1000;
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const maxPerGroup = options.maxBytesPerGroup ?? 16 * 1024 * 1024;
  const now = options.now ?? Date.now;
  const entries = new Map<string, Held>();

  const sweep = () => {
    const at = now();
    for (const [id, e] of entries) if (e.expires <= at) entries.delete(id);
  };
  const used = (group?: string) => {
    let n = 0;
    for (const e of entries.values()) if (group === undefined || e.group === group) n += e.bytes;
    return n;
  };
  const dropPrevious = (owner: string, batchId: string) => {
    for (const [id, e] of entries) if (e.owner === owner && e.batchId === batchId) entries.delete(id);
  };

  return {
    /** Bytes that would still fit for `group` (after the operator's previous check is dropped). */
    space(owner: string, group: string, batchId: string): number {
      sweep();
      dropPrevious(owner, batchId);
      return Math.max(0, Math.min(maxPerGroup - used(group), maxBytes - used()));
    },
    /** Holds the upload and returns its id, or `undefined` when it is past a cap (nothing held). */
    put(entry: Omit<PendingUpload<R>, 'expires'> & { group: string }): string | undefined {
      sweep();
      dropPrevious(entry.owner, entry.batchId);
      const report = Buffer.from(JSON.stringify(entry.report));
      const bytes = report.length + entry.files.reduce((n, f) => n + f.bytes.byteLength, 0);
      if (used(entry.group) + bytes > maxPerGroup || used() + bytes > maxBytes) return undefined;
      const id = randomBytes(12).toString('base64url');
      const { owner, group, batchId, files } = entry;
      entries.set(id, { owner, group, batchId, files, report, bytes, expires: now() + ttl });
      return id;
    },
    /** The entry, if it exists, has not expired and belongs to `owner` and `batchId`. */
    get(id: string, owner: string, batchId: string): PendingUpload<R> | undefined {
      sweep();
      const e = entries.get(id);
      if (!e || e.owner !== owner || e.batchId !== batchId) return undefined;
      const report = JSON.parse(e.report.toString('utf8')) as R;
      return { owner: e.owner, batchId: e.batchId, files: e.files, report, expires: e.expires };
    },
    delete(id: string): void {
      entries.delete(id);
    },
    /** Bytes held now (for tests and logs). */
    heldBytes(): number {
      sweep();
      return used();
    },
  };
}

import type { JianzhengStore, PublicationMeta, PublicationRecord } from '@jianzheng/core';

/** A published version as served: the bytes are encoded once, not per request. */
export interface CachedPublication {
  meta: PublicationMeta;
  /** The canonical JSON, UTF-8. */
  json: Uint8Array;
  excel: Uint8Array;
  /** The diff against the previous version as JSON text, UTF-8 (null for version 1). */
  diff: Uint8Array | null;
  /** The diff's zh-CN Markdown notice, rendered on first request. */
  diffMarkdown?: Uint8Array;
  bytes: number;
}

export interface PublicationCacheOptions {
  /**
   * Bytes of encoded publications kept in memory, least recently used dropped first (default
   * 64 MiB). A single version larger than this is served without being kept; 0 keeps nothing.
   */
  maxBytes?: number;
}

const encoder = new TextEncoder();

/**
 * Published versions are immutable (the database refuses updates and deletes), so a version read
 * once can be served from memory for as long as the process lives. Only `latest` needs the store
 * on every request, and then only the small metadata rows, never the body.
 */
export function createPublicationCache(store: JianzhengStore, options: PublicationCacheOptions = {}) {
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const entries = new Map<string, CachedPublication>();
  let held = 0;
  // Batch ids are restricted to a path-safe alphabet, so the separator cannot occur in them.
  const keyOf = (batchId: string, version: number) => `${batchId}\u0000${version}`;

  function remember(key: string, entry: CachedPublication) {
    if (entry.bytes > maxBytes) return;
    const old = entries.get(key);
    if (old) {
      entries.delete(key);
      held -= old.bytes;
    }
    entries.set(key, entry);
    held += entry.bytes;
    for (const [k, e] of entries) {
      if (held <= maxBytes) break;
      entries.delete(k);
      held -= e.bytes;
    }
  }

  function encode(record: PublicationRecord): CachedPublication {
    const { json, excel, diff, ...meta } = record;
    const jsonBytes = encoder.encode(json);
    const diffBytes = diff == null ? null : encoder.encode(diff);
    return {
      meta,
      json: jsonBytes,
      excel,
      diff: diffBytes,
      bytes: jsonBytes.byteLength + excel.byteLength + (diffBytes?.byteLength ?? 0),
    };
  }

  return {
    /**
     * The metadata of a version (`undefined` = latest) without reading its body: from memory for
     * a cached version, else from the store's metadata rows. `undefined` when it does not exist.
     */
    async meta(batchId: string, version: number | undefined): Promise<PublicationMeta | undefined> {
      if (version !== undefined) {
        const hit = entries.get(keyOf(batchId, version));
        if (hit) return hit.meta;
      }
      const metas = await store.listPublications(batchId);
      return version === undefined ? metas.at(-1) : metas.find((m) => m.version === version);
    },

    /** The encoded version, read from the store (and kept) on a miss; `undefined` when absent. */
    async get(batchId: string, version: number): Promise<CachedPublication | undefined> {
      const key = keyOf(batchId, version);
      const hit = entries.get(key);
      if (hit) {
        // Re-insert to mark it most recently used.
        entries.delete(key);
        entries.set(key, hit);
        return hit;
      }
      const record = await store.getPublication(batchId, version);
      if (!record) return undefined;
      const entry = encode(record);
      remember(key, entry);
      return entry;
    },

    /** The Markdown notice of a version's diff, rendered once per cached version. */
    diffMarkdown(entry: CachedPublication, render: (diff: unknown) => string): Uint8Array | null {
      if (!entry.diff) return null;
      if (!entry.diffMarkdown) {
        const bytes = encoder.encode(render(JSON.parse(new TextDecoder().decode(entry.diff))));
        entry.diffMarkdown = bytes;
        // Count it only if the entry is held; an uncached entry is dropped after this request.
        if (entries.get(keyOf(entry.meta.batchId, entry.meta.version)) === entry) {
          entry.bytes += bytes.byteLength;
          held += bytes.byteLength;
        }
      }
      return entry.diffMarkdown;
    },

    /** What is held now (for tests and operators). */
    stats() {
      return { entries: entries.size, bytes: held, maxBytes };
    },
  };
}

export type PublicationCache = ReturnType<typeof createPublicationCache>;

/**
 * RFC 9110 §13.1.2: If-None-Match matches when any listed tag equals `etag` by weak comparison,
 * or the header is `*` (the resource exists, which the caller has already established).
 */
export function ifNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const trimmed = header.trim();
  if (trimmed === '*') return true;
  const opaque = etag.replace(/^W\//, '');
  for (const part of trimmed.split(',')) {
    if (part.trim().replace(/^W\//, '') === opaque) return true;
  }
  return false;
}

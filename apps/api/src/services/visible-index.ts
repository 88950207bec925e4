import { combineSegments, type KeySpace, type SearchIndex, type Segment } from './search-index';

/** A list the public may see, with its segment of the search index (built once per version). */
export interface IndexedList<L = unknown> {
  list: L;
  segment: Segment;
  materials: number;
}

/**
 * One visible list as the store names it, before it is read: `key` changes whenever what the
 * public sees of it changes (a publication's sha256; a draft's revision and day), so an unchanged
 * key reuses the list already indexed.
 */
export interface VisibleRef<L> {
  key: string;
  batchId: string;
  load(): Promise<IndexedList<L> | undefined>;
}

/** Every visible list, in the home page's order, and one search index over all of them. */
export interface VisibleSet<L> {
  key: string;
  entries: ReadonlyArray<IndexedList<L>>;
  /** The refs' keys of `entries`, in the same order. */
  keys: readonly string[];
  index: SearchIndex;
  /** Batch id → position in `entries`. */
  position: ReadonlyMap<string, number>;
  /** When this set was built (ms, the lists' clock). */
  builtAt: number;
  /** How long its build took (ms): reading and indexing the new lists, then combining. */
  buildMs: number;
}

export interface VisibleIndexOptions<L> {
  /** The visible lists in order, read from the store (metadata only; bodies are read by `load`). */
  refs(): Promise<Array<VisibleRef<L>>>;
  space: KeySpace;
  /** How long a set is served before the store is asked again whether it changed (ms). */
  ttlMs: number;
  now: () => number;
  /** Where a failed background build is reported (the set before it stays in service). */
  log: (error: unknown) => void;
}

const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Keeps the set of visible lists and its index up to date without ever building on a request:
 * searches read `current()` (synchronous, the last complete set); a build runs in the background
 * when the set may have changed — at start, after a transition (whose request awaits it, so a
 * list is searchable when its publication or public comment is announced), and when the last
 * check is older than `ttlMs` (lists published by another process, e.g. the CLI). One build at
 * a time, lists read and indexed one by one with the event loop let through between them, so
 * requests keep being answered from the previous set while a province's lists are indexed.
 */
export function createVisibleIndex<L>(options: VisibleIndexOptions<L>) {
  let current: VisibleSet<L> | undefined;
  let checkedAt = Number.NEGATIVE_INFINITY;
  let running: Promise<VisibleSet<L>> | undefined;
  let queued: Promise<VisibleSet<L>> | undefined;

  async function build(): Promise<VisibleSet<L>> {
    const started = performance.now();
    checkedAt = options.now();
    const refs = await options.refs();
    const key = refs.map((r) => r.key).join('\n');
    if (current && current.key === key) return current;
    const known = new Map(current?.entries.map((e, i) => [current!.keys[i]!, e]));
    const entries: Array<IndexedList<L>> = [];
    const keys: string[] = [];
    const position = new Map<string, number>();
    for (const ref of refs) {
      let entry = known.get(ref.key);
      if (!entry) {
        entry = await ref.load();
        await yieldToRequests();
      }
      if (!entry) continue;
      position.set(ref.batchId, entries.length);
      entries.push(entry);
      keys.push(ref.key);
    }
    const set: VisibleSet<L> = {
      key,
      entries,
      index: combineSegments(
        entries.map((e) => e.segment),
        options.space,
      ),
      keys,
      position,
      builtAt: options.now(),
      buildMs: performance.now() - started,
    };
    current = set;
    return set;
  }

  /** Starts a build now (or once more after the running one, which may have read the store before a write). */
  function refresh(): Promise<VisibleSet<L>> {
    if (!running) {
      running = build().finally(() => {
        running = undefined;
      });
      return running;
    }
    queued ??= running
      .catch(() => undefined)
      .then(() => {
        queued = undefined;
        return refresh();
      });
    return queued;
  }

  function background() {
    refresh().catch(options.log);
  }

  return {
    /** The last complete set (undefined until the first build ends); starts a check when it is stale. */
    current(): VisibleSet<L> | undefined {
      if (!running && options.now() - checkedAt >= options.ttlMs) background();
      return current;
    },

    /** The set, waiting at most `waitMs` for the first build (undefined: still building). */
    async ready(waitMs: number): Promise<VisibleSet<L> | undefined> {
      const set = this.current();
      if (set) return set;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), waitMs);
      });
      try {
        return await Promise.race([(running ?? refresh()).catch(() => undefined), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },

    refresh,
    /** Starts a build in the background (server start). */
    start: background,
    /** The next `current()` asks the store again (after a write that may change what is visible). */
    stale() {
      checkedAt = Number.NEGATIVE_INFINITY;
    },
    /** Resolves when no build is running (before the store is closed). */
    async settled(): Promise<void> {
      while (running || queued) await (queued ?? running)?.catch(() => undefined);
    },
    /** Whether a build is running now. */
    get building() {
      return running !== undefined;
    },
  };
}

export type VisibleIndex<L> = ReturnType<typeof createVisibleIndex<L>>;

import { normalizeName } from '@jianzheng/core';

/**
 * What the index reads of a list: departments in order, their items, each item's materials.
 * Structural, so the public pages' lists and tests' fixtures both fit.
 */
export interface IndexableList {
  departments: ReadonlyArray<{
    name: string;
    items: ReadonlyArray<{ name: string; materials: ReadonlyArray<{ id: string; name: string }> }>;
  }>;
}

/** One found item: where it is in the list, and which of its materials matched (null: its name did). */
export interface SearchHit {
  department: number;
  item: number;
  /** Indexes into the item's materials; null when the item's own name matched. */
  materials: number[] | null;
}

export interface SearchPage {
  hits: SearchHit[];
  /** Position to resume from (pass as `after`), or null when nothing follows. */
  next: number | null;
  /** Entries (item names and materials) that match in the whole list or department, counted exactly. */
  matches: number;
}

/**
 * An n-gram index of one immutable list (a published version, or a draft at one revision), built
 * once and kept by the publication's sha256. Names repeat a lot (身份证 in thousands of items), so
 * the grams index *distinct* normalized names; each distinct name holds the sorted positions of
 * the entries (item names and materials, in list order) that carry it. A query reads the postings
 * of its rarest gram, checks those distinct names, then merges their position lists from the
 * cursor on and stops after `limit` items: the work is bounded by the page, not by the list.
 * Unigrams and bigrams are both kept, so queries of one and two characters (身份, 证) are served
 * exactly, which a trigram index cannot do.
 */
export function buildSearchIndex(list: IndexableList, space: KeySpace = createKeySpace()) {
  const positions = new Map<number, number[]>();
  // Entry p: the item it belongs to and the material (-1: the item's name).
  const entryItem: number[] = [];
  const entryMaterial: number[] = [];
  const items: Array<{ department: number; item: number }> = [];
  const departmentStart: number[] = [];
  const addEntry = (name: string, item: number, material: number) => {
    const id = space.id(name);
    const p = entryItem.length;
    entryItem.push(item);
    entryMaterial.push(material);
    if (id < 0) return;
    const at = positions.get(id);
    if (at) at.push(p);
    else positions.set(id, [p]);
  };
  list.departments.forEach((d, di) => {
    departmentStart.push(entryItem.length);
    d.items.forEach((item, ii) => {
      const n = items.length;
      items.push({ department: di, item: ii });
      addEntry(item.name, n, -1);
      item.materials.forEach((m, mi) => {
        addEntry(m.name, n, mi);
      });
    });
  });
  departmentStart.push(entryItem.length);
  const keyPositions = new Map<number, Uint32Array>();
  for (const [id, p] of positions) keyPositions.set(id, Uint32Array.from(p));
  const itemOf = Uint32Array.from(entryItem);
  const materialOf = Int32Array.from(entryMaterial);
  // The position lists of a query's names in this list, per answer of the key space (which keeps
  // one array per query until new names arrive): the next page of the same query skips the lookups.
  const found = new WeakMap<number[], { lists: Uint32Array[]; total: number }>();

  /** First index in the sorted `a` whose value is ≥ `x`. */
  const lowerBound = (a: Uint32Array, x: number) => {
    let lo = 0;
    let hi = a.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (a[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  return {
    /** Distinct names and entries held (for tests and the bench). */
    size: { keys: keyPositions.size, entries: itemOf.length },
    departments: list.departments.map((d) => d.name),

    /**
     * Items whose name or a material's name contains `query` (normalized as the lists are), in
     * list order, from position `after` on, at most `limit`; `department` (an index) narrows to
     * one department. An empty query lists the department's (or the list's) items.
     */
    search(query: string, options: { limit: number; after?: number; department?: number }): SearchPage {
      const matching = space.matching(query);
      const from = options.department === undefined ? 0 : (departmentStart[options.department] ?? 0);
      const to =
        options.department === undefined ? itemOf.length : (departmentStart[options.department + 1] ?? 0);
      const start = Math.max(from, options.after ?? 0);
      if (matching === null) {
        // Every item of the range, one hit per item (its first entry is its name).
        const hits: SearchHit[] = [];
        let p = start;
        while (p < to && hits.length < options.limit) {
          const n = itemOf[p]!;
          if (materialOf[p] === -1) hits.push({ ...items[n]!, materials: null });
          p++;
          while (p < to && itemOf[p] === n) p++;
        }
        return { hits, next: p < to ? p : null, matches: to - from };
      }
      let memo = found.get(matching);
      if (!memo) {
        const lists: Uint32Array[] = [];
        let total = 0;
        for (const id of matching) {
          const a = keyPositions.get(id);
          if (a) {
            lists.push(a);
            total += a.length;
          }
        }
        memo = { lists, total };
        found.set(matching, memo);
      }
      const { lists } = memo;
      let matches = memo.total;
      if (options.department !== undefined) {
        matches = 0;
        for (const a of lists) matches += lowerBound(a, to) - lowerBound(a, from);
      }
      if (options.limit <= 0) return { hits: [], next: null, matches };
      const heads = lists.map((a) => lowerBound(a, start));
      // k-way merge of the position lists through a min-heap, item by item: k is the number of
      // distinct matching names, the steps are bounded by the page.
      const heap = new Merge(lists, heads, to);
      const hits: SearchHit[] = [];
      let current: SearchHit | undefined;
      for (let pos = heap.pop(); pos >= 0; pos = heap.pop()) {
        const n = itemOf[pos]!;
        if (!current || n !== itemOf[heap.last]!) {
          if (hits.length === options.limit) return { hits, next: pos, matches };
          current = { ...items[n]!, materials: materialOf[pos] === -1 ? null : [] };
          hits.push(current);
        }
        heap.last = pos;
        const m = materialOf[pos]!;
        if (m >= 0 && current.materials) current.materials.push(m);
      }
      return { hits, next: null, matches };
    },
  };
}

export type SearchIndex = ReturnType<typeof buildSearchIndex>;

/**
 * The distinct normalized names of every list indexed, and their unigram and bigram postings:
 * shared by the lists' indexes, so a query finds its names once per request, not once per list
 * (a province holds hundreds of lists that repeat the same names). Names are only added; the
 * space grows with the distinct names seen, not with the materials.
 */
export function createKeySpace() {
  const ids = new Map<string, number>();
  const keys: string[] = [];
  const grams = new Map<string, number[]>();
  const normalized = new Map<string, number>();
  const queries = new Map<string, { size: number; ids: number[] | null }>();

  function matchingKey(key: string): number[] {
    const chars = [...key];
    const candidates = chars.length === 1 ? [key] : chars.slice(0, -1).map((c, i) => c + chars[i + 1]!);
    let rarest: number[] | undefined;
    for (const g of candidates) {
      const p = grams.get(g);
      if (!p) return [];
      if (!rarest || p.length < rarest.length) rarest = p;
    }
    // One or two characters: the gram is the query, every name holding it matches.
    if (chars.length <= 2) return [...(rarest ?? [])];
    return (rarest ?? []).filter((id) => keys[id]!.includes(key));
  }

  return {
    /** The id of a name's normalized form (added when new), or -1 when nothing is left of it. */
    id(name: string): number {
      const known = normalized.get(name);
      if (known !== undefined) return known;
      const key = normalizeName(name);
      let id = key ? ids.get(key) : -1;
      if (id === undefined) {
        id = keys.length;
        ids.set(key, id);
        keys.push(key);
        const chars = [...key];
        const seen = new Set<string>();
        for (let i = 0; i < chars.length; i++) {
          seen.add(chars[i]!);
          if (i + 1 < chars.length) seen.add(chars[i]! + chars[i + 1]!);
        }
        for (const g of seen) {
          const list = grams.get(g);
          if (list) list.push(id);
          else grams.set(g, [id]);
        }
      }
      normalized.set(name, id);
      return id;
    },

    /**
     * The ids of the names containing the query (normalized as the names are); null for a query
     * that normalizes to nothing. Remembered until a new name arrives.
     */
    matching(query: string): number[] | null {
      const memo = queries.get(query);
      if (memo && memo.size === keys.length) return memo.ids;
      const key = normalizeName(query);
      const found = key ? matchingKey(key) : null;
      if (queries.size >= 1_000) queries.delete(queries.keys().next().value as string);
      queries.set(query, { size: keys.length, ids: found });
      return found;
    },

    get size() {
      return keys.length;
    },
  };
}

export type KeySpace = ReturnType<typeof createKeySpace>;

/** A min-heap over the heads of sorted position lists (values below `end` only). */
class Merge {
  private readonly heap: number[] = [];
  /** The position popped before the current one (-1 at first). */
  last = -1;
  constructor(
    private readonly lists: Uint32Array[],
    private readonly heads: number[],
    private readonly end: number,
  ) {
    lists.forEach((a, i) => {
      if ((heads[i] ?? 0) < a.length && a[heads[i]!]! < end) this.push(i);
    });
  }
  private value(i: number) {
    return this.lists[i]![this.heads[i]!]!;
  }
  private push(i: number) {
    this.heap.push(i);
    this.siftUp(this.heap.length - 1);
  }
  /** The smallest head position (advancing its list), or -1 when every list is spent. */
  pop(): number {
    const h = this.heap;
    if (h.length === 0) return -1;
    const i = h[0]!;
    const pos = this.value(i);
    this.heads[i] = this.heads[i]! + 1;
    if (this.heads[i]! < this.lists[i]!.length && this.value(i) < this.end) {
      this.siftDown(0);
    } else {
      const top = h.pop()!;
      if (h.length > 0) {
        h[0] = top;
        this.siftDown(0);
      }
    }
    return pos;
  }
  private siftUp(c: number) {
    const h = this.heap;
    while (c > 0) {
      const parent = (c - 1) >> 1;
      if (this.value(h[parent]!) <= this.value(h[c]!)) break;
      [h[parent], h[c]] = [h[c]!, h[parent]!];
      c = parent;
    }
  }
  private siftDown(c: number) {
    const h = this.heap;
    for (;;) {
      const l = 2 * c + 1;
      const r = l + 1;
      let m = c;
      if (l < h.length && this.value(h[l]!) < this.value(h[m]!)) m = l;
      if (r < h.length && this.value(h[r]!) < this.value(h[m]!)) m = r;
      if (m === c) return;
      [h[m], h[c]] = [h[c]!, h[m]!];
      c = m;
    }
  }
}

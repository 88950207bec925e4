import { createKeySpace, type KeySpace } from './search-keys';
import { Merge } from './search-merge';

export { createKeySpace, type KeySpace };

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

/** One found item: which list, where in it, and which of its materials matched (null: its name did). */
export interface SearchHit {
  /** Index of the list among those the index was built over (0 for a one-list index). */
  list: number;
  department: number;
  item: number;
  /** Indexes into the item's materials; null when the item's own name matched. */
  materials: number[] | null;
}

export interface SearchPage {
  hits: SearchHit[];
  /** Position to resume from (pass as `after`), or null when nothing follows. */
  next: number | null;
  /** Entries (item names and materials) that match in all lists or the department, counted exactly. */
  matches: number;
}

/**
 * The entries of one immutable list (a published version, or a draft at one revision), built
 * once and kept with the list: entry p is an item's name or one of its materials, in list order.
 * Names repeat a lot (身份证 in thousands of items), so postings are kept per *distinct*
 * normalized name (an id of the shared key space), each a sorted array of entry positions.
 */
export interface Segment {
  readonly keyPositions: ReadonlyMap<number, Uint32Array>;
  /** Entry → the list's item ordinal. */
  readonly itemOf: Uint32Array;
  /** Entry → material index in its item, -1 for the item's name. */
  readonly materialOf: Int32Array;
  /** Item ordinal → department index and item index in it. */
  readonly itemDepartment: Uint32Array;
  readonly itemIndex: Uint32Array;
  /** First entry of each department, and the entry count last. */
  readonly departmentStart: Uint32Array;
  readonly departments: readonly string[];
}

export function buildSegment(list: IndexableList, space: KeySpace): Segment {
  const positions = new Map<number, number[]>();
  const entryItem: number[] = [];
  const entryMaterial: number[] = [];
  const itemDepartment: number[] = [];
  const itemIndex: number[] = [];
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
      const n = itemDepartment.length;
      itemDepartment.push(di);
      itemIndex.push(ii);
      addEntry(item.name, n, -1);
      item.materials.forEach((m, mi) => {
        addEntry(m.name, n, mi);
      });
    });
  });
  departmentStart.push(entryItem.length);
  const keyPositions = new Map<number, Uint32Array>();
  for (const [id, p] of positions) keyPositions.set(id, Uint32Array.from(p));
  return {
    keyPositions,
    itemOf: Uint32Array.from(entryItem),
    materialOf: Int32Array.from(entryMaterial),
    itemDepartment: Uint32Array.from(itemDepartment),
    itemIndex: Uint32Array.from(itemIndex),
    departmentStart: Uint32Array.from(departmentStart),
    departments: list.departments.map((d) => d.name),
  };
}

/** First index in the sorted `a` whose value is ≥ `x`. */
function lowerBound(a: ArrayLike<number>, x: number) {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * ONE index over the segments of many lists, in their order: the entries of list i follow those
 * of list i - 1, so a position is global and a query's postings are one sorted array per name,
 * not one per name and list. Built when the set of visible lists changes (a publication, a list
 * entering or leaving public comment), from the kept segments, by concatenation — no list is
 * read or normalized again. A query reads its names' postings from the shared key space, then
 * merges them from the cursor on and stops after `limit` items: the work is bounded by the page,
 * not by the number of lists or materials. Unigrams and bigrams are both kept, so queries of one
 * and two characters (身份, 证) are served exactly, which a trigram index cannot do.
 */
export function combineSegments(segments: readonly Segment[], space: KeySpace) {
  const one = segments.length === 1 ? segments[0]! : undefined;
  const listStart = new Uint32Array(segments.length + 1);
  const itemStart = new Uint32Array(segments.length + 1);
  segments.forEach((s, i) => {
    listStart[i + 1] = listStart[i]! + s.itemOf.length;
    itemStart[i + 1] = itemStart[i]! + s.itemDepartment.length;
  });
  const entries = listStart[segments.length]!;
  const items = itemStart[segments.length]!;
  let keyPositions: ReadonlyMap<number, Uint32Array>;
  let itemOf: Uint32Array;
  let materialOf: Int32Array;
  const itemList = new Uint32Array(items);
  if (one) {
    ({ keyPositions, itemOf, materialOf } = one);
  } else {
    const sizes = new Map<number, number>();
    for (const s of segments)
      for (const [id, p] of s.keyPositions) sizes.set(id, (sizes.get(id) ?? 0) + p.length);
    const merged = new Map<number, { at: number; positions: Uint32Array }>();
    for (const [id, n] of sizes) merged.set(id, { at: 0, positions: new Uint32Array(n) });
    itemOf = new Uint32Array(entries);
    materialOf = new Int32Array(entries);
    segments.forEach((s, i) => {
      const offset = listStart[i]!;
      // Lists are in order, so appending keeps every name's positions sorted.
      for (const [id, p] of s.keyPositions) {
        const m = merged.get(id)!;
        for (let k = 0; k < p.length; k++) m.positions[m.at++] = p[k]! + offset;
      }
      const base = itemStart[i]!;
      for (let e = 0; e < s.itemOf.length; e++) itemOf[offset + e] = s.itemOf[e]! + base;
      materialOf.set(s.materialOf, offset);
    });
    keyPositions = new Map([...merged].map(([id, m]) => [id, m.positions]));
  }
  for (let i = 0; i < segments.length; i++) itemList.fill(i, itemStart[i]!, itemStart[i + 1]!);
  // Each department name → its ranges of entries, one per list that has it.
  const departmentRanges = new Map<string, number[]>();
  segments.forEach((s, i) => {
    s.departments.forEach((name, d) => {
      const ranges = departmentRanges.get(name) ?? [];
      ranges.push(listStart[i]! + s.departmentStart[d]!, listStart[i]! + s.departmentStart[d + 1]!);
      departmentRanges.set(name, ranges);
    });
  });
  const everything = [0, entries];
  // The postings of a query's names, per answer of the key space (one array per query until new
  // names arrive): the next page of the same query skips the lookups.
  const found = new WeakMap<number[], { lists: Uint32Array[]; total: number }>();
  const hitOf = (n: number, materials: number[] | null): SearchHit => {
    const l = itemList[n]!;
    const s = segments[l]!;
    const local = n - itemStart[l]!;
    return { list: l, department: s.itemDepartment[local]!, item: s.itemIndex[local]!, materials };
  };

  return {
    /** Distinct names and entries held (for tests and the bench). */
    size: { keys: keyPositions.size, entries, lists: segments.length },
    /** Where each list's entries begin (a cursor names a list and a position in it). */
    listStart,

    /**
     * Items whose name or a material's name contains `query` (normalized as the lists are), in
     * list order, from global position `after` on, at most `limit`; `department` (a name)
     * narrows to that department of every list. An empty query lists the items.
     */
    search(query: string, options: { limit: number; after?: number; department?: string }): SearchPage {
      const ranges =
        options.department === undefined ? everything : (departmentRanges.get(options.department) ?? []);
      const after = options.after ?? 0;
      const hits: SearchHit[] = [];
      const matching = space.matching(query);
      if (matching === null) {
        // Every item of the ranges, one hit per item (its first entry is its name).
        let matches = 0;
        let next: number | null = null;
        for (let r = 0; r < ranges.length; r += 2) {
          const to = ranges[r + 1]!;
          matches += to - ranges[r]!;
          let p = Math.max(ranges[r]!, after);
          while (next === null && p < to) {
            if (hits.length === options.limit) next = p;
            else {
              const n = itemOf[p]!;
              hits.push(hitOf(n, null));
              p++;
              while (p < to && itemOf[p] === n) p++;
            }
          }
        }
        return { hits, next, matches };
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
      if (ranges !== everything) {
        matches = 0;
        for (let r = 0; r < ranges.length; r += 2)
          for (const a of lists) matches += lowerBound(a, ranges[r + 1]!) - lowerBound(a, ranges[r]!);
      }
      if (options.limit <= 0) return { hits, next: null, matches };
      // k-way merge of the postings through a min-heap, item by item, range by range: k is the
      // number of distinct matching names, the steps are bounded by the page.
      for (let r = 0; r < ranges.length; r += 2) {
        const to = ranges[r + 1]!;
        if (to <= after) continue;
        const start = Math.max(ranges[r]!, after);
        const heap = new Merge(
          lists,
          lists.map((a) => lowerBound(a, start)),
          to,
        );
        let current: SearchHit | undefined;
        for (let pos = heap.pop(); pos >= 0; pos = heap.pop()) {
          const n = itemOf[pos]!;
          if (!current || n !== itemOf[heap.last]!) {
            if (hits.length === options.limit) return { hits, next: pos, matches };
            current = hitOf(n, materialOf[pos] === -1 ? null : []);
            hits.push(current);
          }
          heap.last = pos;
          const m = materialOf[pos]!;
          if (m >= 0 && current.materials) current.materials.push(m);
        }
      }
      return { hits, next: null, matches };
    },
  };
}

export type SearchIndex = ReturnType<typeof combineSegments>;

/** The index of one list (a one-segment index: no copy is made). */
export function buildSearchIndex(list: IndexableList, space: KeySpace = createKeySpace()): SearchIndex {
  return combineSegments([buildSegment(list, space)], space);
}

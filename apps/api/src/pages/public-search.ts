import type { PublicItem, PublicList, PublicSet } from './public-lists';

/** One search result: an item of a list, with the ids of the materials that matched (null: its name did). */
export interface SearchResult {
  list: PublicList;
  department: string;
  item: PublicItem;
  matched: ReadonlySet<string> | null;
}

export interface SearchResults {
  results: SearchResult[];
  /** Opaque cursor of the next page, or null. */
  next: string | null;
  /** Names (items and materials) that match across every list searched, counted exactly. */
  matches: number;
}

/** What a search answers in Retry-After while the index of the visible lists is first built. */
export const INDEX_RETRY_SECONDS = 5;

/** Largest page of search results. */
export const MAX_SEARCH_LIMIT = 100;

/**
 * Items whose name or a material's name contains `query` (normalized as the lists' names),
 * across every public list in the home page's order, narrowed to a department when given;
 * at most `limit` (≤ MAX_SEARCH_LIMIT) from `cursor` on. One index over the visible lists serves
 * it: the work per request is bounded by the page, whatever the number of lists.
 */
export function searchLists(
  set: PublicSet,
  query: string,
  page: { department?: string; limit?: number; cursor?: string | null } = {},
): SearchResults {
  const limit = Math.max(1, Math.min(MAX_SEARCH_LIMIT, page.limit ?? 50));
  const key = query.slice(0, 100);
  const department = page.department || undefined;
  const [cursorBatch, cursorPos] = parseCursor(page.cursor);
  let after = 0;
  if (cursorBatch !== undefined) {
    const at = set.position.get(cursorBatch);
    // The cursor's list is no longer visible (withdrawn, superseded): count, show nothing.
    if (at === undefined) {
      const { matches } = set.index.search(key, { limit: 0, ...(department ? { department } : {}) });
      return { results: [], next: null, matches };
    }
    after = set.index.listStart[at]! + cursorPos;
  }
  const found = set.index.search(key, { limit, after, ...(department ? { department } : {}) });
  const results = found.hits.map((hit): SearchResult => {
    const list = set.entries[hit.list]!.list;
    const d = list.departments[hit.department]!;
    const item = d.items[hit.item]!;
    return {
      list,
      department: d.name,
      item,
      matched: hit.materials ? new Set(hit.materials.map((m) => item.materials[m]!.id)) : null,
    };
  });
  let next: string | null = null;
  if (found.next !== null) {
    const starts = set.index.listStart;
    let l = 0;
    while (starts[l + 1]! <= found.next) l++;
    next = cursorOf(set.entries[l]!.list.batchId, found.next - starts[l]!);
  }
  return { results, next, matches: found.matches };
}

const cursorOf = (batchId: string, position: number) => `${batchId}:${position}`;

/** A cursor names a list and a position in it; anything else starts from the beginning. */
function parseCursor(cursor: string | null | undefined): [string | undefined, number] {
  const at = cursor ? cursor.lastIndexOf(':') : -1;
  if (!cursor || at <= 0) return [undefined, 0];
  const position = Number(cursor.slice(at + 1));
  return Number.isSafeInteger(position) && position >= 0 ? [cursor.slice(0, at), position] : [undefined, 0];
}

import type { Indexed, PublicItem, PublicList } from './public-lists';

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

/** Largest page of search results. */
export const MAX_SEARCH_LIMIT = 100;

/**
 * Items whose name or a material's name contains `query` (normalized as the lists' names),
 * across every public list in the home page's order, narrowed to a department when given;
 * at most `limit` (≤ MAX_SEARCH_LIMIT) from `cursor` on. Work per request is bounded by the
 * page: each list's index is built once per version.
 */
export async function searchLists(
  lists: { indexed(): Promise<Indexed[]> },
  query: string,
  page: { department?: string; limit?: number; cursor?: string | null } = {},
): Promise<SearchResults> {
  const limit = Math.max(1, Math.min(MAX_SEARCH_LIMIT, page.limit ?? 50));
  const key = query.slice(0, 100);
  const [cursorBatch, cursorPos] = parseCursor(page.cursor);
  const results: SearchResult[] = [];
  let next: string | null = null;
  let matches = 0;
  let started = cursorBatch === undefined;
  for (const { list, index } of await lists.indexed()) {
    const department = page.department ? index.departments.indexOf(page.department) : undefined;
    if (department === -1) continue;
    const from = !started && list.batchId === cursorBatch ? cursorPos : undefined;
    if (from !== undefined) started = true;
    const room = limit - results.length;
    // Lists before the cursor's, and those after a full page, only count their matches.
    const found = index.search(key, {
      limit: started && room > 0 ? room : 0,
      ...(department === undefined ? {} : { department }),
      ...(from === undefined ? {} : { after: from }),
    });
    matches += found.matches;
    if (!started || next !== null) continue;
    if (room <= 0) {
      if (found.matches > 0) next = cursorOf(list.batchId, 0);
      continue;
    }
    for (const hit of found.hits) {
      const d = list.departments[hit.department]!;
      const item = d.items[hit.item]!;
      results.push({
        list,
        department: d.name,
        item,
        matched: hit.materials ? new Set(hit.materials.map((m) => item.materials[m]!.id)) : null,
      });
    }
    if (found.next !== null) next = cursorOf(list.batchId, found.next);
  }
  return { results, next, matches };
}

const cursorOf = (batchId: string, position: number) => `${batchId}:${position}`;

/** A cursor names a list and a position in it; anything else starts from the beginning. */
function parseCursor(cursor: string | null | undefined): [string | undefined, number] {
  const at = cursor ? cursor.lastIndexOf(':') : -1;
  if (!cursor || at <= 0) return [undefined, 0];
  const position = Number(cursor.slice(at + 1));
  return Number.isSafeInteger(position) && position >= 0 ? [cursor.slice(0, at), position] : [undefined, 0];
}

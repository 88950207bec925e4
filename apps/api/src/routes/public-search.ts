import { createRoute, z } from '@hono/zod-openapi';
import type { App } from '../deps';
import type { PublicLists } from '../pages/deps';
import type { PublicItem, PublicList } from '../pages/public-lists';
import { MAX_SEARCH_LIMIT, searchLists } from '../pages/public-search';
import { problems } from '../schemas';

const MaterialOut = z.object({
  id: z.string(),
  name: z.string(),
  verdict: z.enum(['retain', 'cancel']),
  category: z.object({ id: z.string(), zh: z.string(), en: z.string() }).nullable(),
  replacement: z.string().nullable(),
});

const ResultOut = z.object({
  /** Ids of the materials whose names matched; null when the item's own name matched. */
  matched: z.array(z.string()).nullable(),
  batchId: z.string(),
  stage: z.enum(['published', 'public-comment']),
  version: z.number().int().nullable(),
  jurisdiction: z.string(),
  title: z.string(),
  department: z.string(),
  slug: z.string(),
  code: z.string().nullable(),
  name: z.string(),
  type: z.string().nullable(),
  materials: z.array(MaterialOut),
});

const SearchPageOut = z
  .object({
    matches: z.number().int().openapi({ description: '匹配的事项与材料名称数（全部清单，精确计数）' }),
    next: z.string().nullable().openapi({ description: '下一页的 cursor；null 表示没有更多' }),
    items: z.array(ResultOut),
  })
  .openapi('PublicSearchPage');

/** Result pages kept, least recently used dropped first. */
const MAX_PAGES = 1_000;

// An item's JSON (all but `matched`) is the same in every result page that shows it: encoded
// once per list version (the item objects live as long as their version is held), so a page is
// a concatenation of stored bytes, not a serialization of hundreds of objects.
const encoded = new WeakMap<PublicItem, Buffer>();
function itemBytes(list: PublicList, department: string, item: PublicItem): Buffer {
  let bytes = encoded.get(item);
  if (!bytes) {
    const json = JSON.stringify({
      batchId: list.batchId,
      stage: list.stage,
      version: list.version,
      jurisdiction: list.jurisdiction,
      title: list.title,
      department,
      slug: item.slug,
      code: item.code,
      name: item.name,
      type: item.type,
      materials: item.materials.map((m) => ({
        id: m.id,
        name: m.name,
        verdict: m.verdict,
        category: m.category,
        replacement: m.replacement,
      })),
    });
    bytes = Buffer.from(json.slice(1));
    encoded.set(item, bytes);
  }
  return bytes;
}

const Query = z.object({
  q: z.string().max(100).default('').openapi({ example: '身份证' }),
  department: z.string().max(100).default(''),
  limit: z.coerce.number().int().min(1).max(MAX_SEARCH_LIMIT).default(20),
  cursor: z.string().max(200).optional(),
});

/**
 * `GET /api/public/search`: what the home page's search finds, as JSON, paged by cursor. Served
 * from the per-version n-gram indexes, so the work per request is bounded by the page.
 */
export function registerPublicSearchRoute(app: App, lists: PublicLists) {
  // Pages already answered while the same lists are visible (a new version or a write through the
  // API makes a new set): popular searches (身份证, 营业执照) are served as stored bytes.
  const pages = new Map<string, { lists: unknown; body: Uint8Array<ArrayBuffer> }>();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/public/search',
      tags: ['公布 Publications'],
      summary: '搜索公布的清单 Search the public lists by item or material name (public, paged)',
      request: { query: Query },
      responses: {
        200: { description: 'a page of items', content: { 'application/json': { schema: SearchPageOut } } },
        ...problems(400),
      },
    }),
    async (c) => {
      const { q, department, limit, cursor } = c.req.valid('query');
      const current = await lists.indexed();
      const key = `${q}\u0000${department}\u0000${cursor ?? ''}\u0000${limit}`;
      let bytes = pages.get(key);
      if (bytes?.lists !== current) {
        bytes = { lists: current, body: await page(lists, q, department, limit, cursor) };
        pages.delete(key);
        pages.set(key, bytes);
        if (pages.size > MAX_PAGES) pages.delete(pages.keys().next().value as string);
      }
      return c.body(bytes.body, 200, { 'content-type': 'application/json; charset=utf-8' }) as never;
    },
  );
}

/** The page's bytes: SearchPageOut, assembled from stored pieces (see itemBytes). */
async function page(
  lists: PublicLists,
  q: string,
  department: string,
  limit: number,
  cursor: string | undefined,
): Promise<Uint8Array<ArrayBuffer>> {
  const found = await searchLists(lists, q, { department, limit, cursor: cursor ?? null });
  const parts: Buffer[] = [
    Buffer.from(`{"matches":${found.matches},"next":${JSON.stringify(found.next)},"items":[`),
  ];
  found.results.forEach(({ list, department: d, item, matched }, i) => {
    parts.push(
      Buffer.from(`${i > 0 ? ',' : ''}{"matched":${matched ? JSON.stringify([...matched]) : 'null'},`),
    );
    parts.push(itemBytes(list, d, item));
  });
  parts.push(Buffer.from(']}'));
  return new Uint8Array(Buffer.concat(parts));
}

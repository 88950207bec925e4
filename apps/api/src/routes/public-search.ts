import { createRoute, z } from '@hono/zod-openapi';
import type { App } from '../deps';
import type { PublicLists } from '../pages/deps';
import { MAX_SEARCH_LIMIT, searchLists } from '../pages/public-search';
import { problems } from '../schemas';

const MaterialOut = z.object({
  id: z.string(),
  name: z.string(),
  verdict: z.enum(['retain', 'cancel']),
  category: z.object({ id: z.string(), zh: z.string(), en: z.string() }).nullable(),
  replacement: z.string().nullable(),
  matched: z.boolean(),
});

const ResultOut = z.object({
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
  /** Whether the item's own name matched (then every material is shown unmarked). */
  nameMatched: z.boolean(),
  materials: z.array(MaterialOut),
});

const SearchPageOut = z
  .object({
    matches: z.number().int().openapi({ description: '匹配的事项与材料名称数（全部清单，精确计数）' }),
    next: z.string().nullable().openapi({ description: '下一页的 cursor；null 表示没有更多' }),
    items: z.array(ResultOut),
  })
  .openapi('PublicSearchPage');

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
      const found = await searchLists(lists, q, { department, limit, cursor: cursor ?? null });
      return c.json(
        {
          matches: found.matches,
          next: found.next,
          items: found.results.map(({ list, department: d, item, matched }) => ({
            batchId: list.batchId,
            stage: list.stage,
            version: list.version,
            jurisdiction: list.jurisdiction,
            title: list.title,
            department: d,
            slug: item.slug,
            code: item.code,
            name: item.name,
            type: item.type,
            nameMatched: matched === null,
            materials: item.materials.map((m) => ({
              id: m.id,
              name: m.name,
              verdict: m.verdict,
              category: m.category,
              replacement: m.replacement,
              matched: matched?.has(m.id) ?? false,
            })),
          })),
        },
        200,
      );
    },
  );
}

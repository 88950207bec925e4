import { createRoute, z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { type KeptBody, keptVariant } from '../compression';
import type { App } from '../deps';
import { SearchIndexBuildingError } from '../errors';
import type { PublicLists } from '../pages/deps';
import type { PublicItem, PublicList, PublicSet } from '../pages/public-lists';
import { INDEX_RETRY_SECONDS, MAX_SEARCH_LIMIT, searchLists } from '../pages/public-search';
import { validationProblem } from '../problem';
import { problems } from '../schemas';
import { securedResponse } from '../security';

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

/** A kept result page: its bytes (and their compressed forms) for one set of visible lists. */
interface Entry extends KeptBody {
  readonly set: PublicSet;
}

/** Result pages kept, least recently used dropped first: at most this many, and this many bytes. */
const MAX_PAGES = 1_000;
const MAX_PAGE_BYTES = 32 * 1024 * 1024;

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

const route = createRoute({
  method: 'get',
  path: '/api/public/search',
  tags: ['公布 Publications'],
  summary: '搜索公布的清单 Search the public lists by item or material name (public, paged)',
  description:
    '服务刚启动、首次建立检索索引期间回答 503（INDEX_BUILDING）并带 Retry-After。 While the index is first built after a start: 503 with Retry-After.',
  request: { query: Query },
  responses: {
    200: { description: 'a page of items', content: { 'application/json': { schema: SearchPageOut } } },
    ...problems(400, 503),
  },
});

/** The node server's request (`c.env.incoming`), when there is one: its headers are a plain object. */
const incomingHeaders = (c: Context) =>
  (c.env as { incoming?: { headers?: Record<string, string | string[] | undefined> } } | undefined)?.incoming
    ?.headers;

/**
 * `GET /api/public/search`: what the home page's search finds, as JSON, paged by cursor. Served
 * from one n-gram index over the visible lists, so the work per request is bounded by the page.
 *
 * Two handlers share the result pages. The fast lane is registered BEFORE the app's middleware
 * (security headers, body limit, authentication …): an anonymous request whose query string was
 * answered already for the same set of lists gets the stored bytes with the precomputed security
 * headers, and nothing else runs — what those middlewares would do to it is nothing (no body, no
 * token, no form). Anything else (a token, a new query, the index still building) falls through
 * to the route registered after them, which validates, searches and stores the page.
 */
export function createPublicSearch(lists: PublicLists) {
  const pages = new Map<string, Entry>();
  let held = 0;
  const size = (e: Entry) => e.body.byteLength + (e.br?.byteLength ?? 0) + (e.gzip?.byteLength ?? 0);
  const remember = (key: string, entry: Entry) => {
    const old = pages.get(key);
    if (old) held -= size(old);
    pages.delete(key);
    pages.set(key, entry);
    held += size(entry);
    for (const [k, e] of pages) {
      if ((pages.size <= MAX_PAGES && held <= MAX_PAGE_BYTES) || k === key) break;
      pages.delete(k);
      held -= size(e);
    }
  };
  const queryOf = (url: string) => {
    const at = url.indexOf('?');
    return at < 0 ? '' : url.slice(at + 1);
  };
  // The page in the encoding the client accepts, compressed once per page and encoding.
  const send = (c: Context, entry: Entry, noStore?: boolean) => {
    const accept = incomingHeaders(c)?.['accept-encoding'] ?? c.req.header('accept-encoding');
    const sent = keptVariant(entry, Array.isArray(accept) ? accept.join(',') : accept);
    held += sent.added;
    return securedResponse(c, sent.body, 200, 'application/json; charset=utf-8', noStore, sent.encoding);
  };

  return {
    /** The fast lane: register before any middleware. */
    fastLane: (async (c, next) => {
      const headers = incomingHeaders(c);
      const anonymous = headers
        ? headers.authorization === undefined
        : c.req.header('authorization') === undefined;
      const set = anonymous ? lists.current() : undefined;
      const entry = set ? pages.get(queryOf(c.req.url)) : undefined;
      // Anonymous, not an operator page: nothing to keep out of caches.
      if (entry && entry.set === set) return send(c, entry, false);
      await next();
    }) satisfies MiddlewareHandler,

    /** The route (documented in the OpenAPI description): register after the middleware. */
    register(app: App) {
      // Documented from the schema; validated below, once per query string and set of lists.
      app.openAPIRegistry.registerPath(route);
      app.get(route.getRoutingPath(), async (c) => {
        const set = lists.current() ?? (await lists.ready());
        if (!set) throw new SearchIndexBuildingError(INDEX_RETRY_SECONDS);
        const key = queryOf(c.req.url);
        let entry = pages.get(key);
        if (entry?.set !== set) {
          // As @hono/zod-openapi's validator reads a query: a repeated parameter is an array (refused).
          const raw = Object.fromEntries(
            Object.entries(c.req.queries()).map(([k, v]) => [k, v.length === 1 ? v[0] : v]),
          );
          const parsed = Query.safeParse(raw);
          if (!parsed.success) return validationProblem(parsed.error, 'query');
          const { q, department, limit, cursor } = parsed.data;
          entry = { set, body: page(set, q, department, limit, cursor) };
          remember(key, entry);
        }
        return send(c, entry);
      });
    },
  };
}

/** The page's bytes: SearchPageOut, assembled from stored pieces (see itemBytes). */
function page(
  set: PublicSet,
  q: string,
  department: string,
  limit: number,
  cursor: string | undefined,
): Uint8Array {
  const found = searchLists(set, q, { department, limit, cursor: cursor ?? null });
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
  return Buffer.concat(parts);
}

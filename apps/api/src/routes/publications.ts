import { createRoute, z } from '@hono/zod-openapi';
import { NotFoundError, type PublicationMeta } from '@jianzheng/core';
import { renderDiffMarkdown } from '@jianzheng/json';
import { type App, type Deps, requireBatch } from '../deps';
import { BatchIdParam, PublicationMetaSchema, problems } from '../schemas';
import { createPublicationCache, ifNoneMatch, type PublicationCache } from '../services/publication-cache';
import { contentDisposition, versionFileName } from './download-name';

const tags = ['公布 Publications'];
const VersionParam = z
  .string()
  .regex(/^(?:[1-9]\d{0,5}|latest)$/, '版本应为正整数或 latest')
  .openapi({ param: { name: 'version', in: 'path' }, example: 'latest' });
const params = z.object({ batchId: BatchIdParam, version: VersionParam });

export function publicationMeta(
  batchId: string,
  meta: Omit<PublicationMeta, 'batchId'> & { batchId?: string; diff?: string | null },
) {
  const base = `/api/batches/${encodeURIComponent(batchId)}/publications/${meta.version}`;
  return {
    batchId,
    version: meta.version,
    publishedAt: meta.publishedAt,
    documentNumber: meta.documentNumber,
    reason: meta.reason,
    sha256: meta.sha256,
    links: { json: `${base}/json`, xlsx: `${base}/xlsx`, diff: meta.version > 1 ? `${base}/diff` : null },
  };
}

// Versioned URLs never change; `latest` moves on publication, so clients revalidate it soon
// (a revalidation is a 304 without a body when nothing new was published).
const IMMUTABLE = 'public, max-age=31536000, immutable';
const LATEST = 'public, max-age=30';

type Kind = 'json' | 'xlsx' | 'diff' | 'diff-md';

/**
 * Answers a published version from the cache: 404 when absent, 304 when If-None-Match holds the
 * representation's ETag (decided on metadata alone, the body is not read), else the bytes.
 */
async function serve(
  cache: PublicationCache,
  batchId: string,
  version: string,
  kind: Kind,
  ifNoneMatchHeader: string | undefined,
  deps: Pick<Deps, 'store' | 'timeZone'>,
): Promise<Response> {
  const { timeZone } = deps;
  const wanted = version === 'latest' ? undefined : Number(version);
  const meta = await cache.meta(batchId, wanted);
  if (!meta) throw new NotFoundError('publication', `${batchId} v${version}`, '发布版本');
  if ((kind === 'diff' || kind === 'diff-md') && meta.version === 1)
    throw new NotFoundError('diff', `${batchId} v1`, '第 1 版没有差异；差异');
  // The sha256 is of the canonical JSON; the other representations of the same version get
  // their own (equally immutable) tags so a cache never confuses them.
  const etag = kind === 'json' ? `"${meta.sha256}"` : `"${meta.sha256}-${kind}"`;
  const headers: Record<string, string> = {
    etag,
    'cache-control': wanted === undefined ? LATEST : IMMUTABLE,
  };
  const base = `/api/batches/${encodeURIComponent(batchId)}/publications/${meta.version}`;
  if (wanted === undefined) headers['content-location'] = `${base}/${kind === 'diff-md' ? 'diff' : kind}`;
  if (kind === 'diff' || kind === 'diff-md') headers.vary = 'accept';
  if (ifNoneMatch(ifNoneMatchHeader, etag)) return new Response(null, { status: 304, headers });

  const entry = await cache.get(batchId, meta.version);
  if (!entry) throw new NotFoundError('publication', `${batchId} v${version}`, '发布版本');
  // Saved files say where, which list and which version they are (宿州市-第一批-第2版-20180904.json).
  const batch = await deps.store.getBatch(batchId);
  const naming = {
    batchId,
    version: meta.version,
    publishedAt: meta.publishedAt,
    jurisdiction: batch?.jurisdiction.name,
    title: batch?.title,
    timeZone,
  };
  const saveAs = (suffix: string, asciiSuffix = suffix) => {
    const { name, fallback } = versionFileName(naming, suffix, asciiSuffix);
    return contentDisposition('attachment', name, fallback);
  };
  if (kind === 'json') {
    headers['content-type'] = 'application/json; charset=utf-8';
    headers['content-disposition'] = saveAs('.json');
    return new Response(entry.json, { headers });
  }
  if (kind === 'xlsx') {
    headers['content-type'] = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    headers['content-disposition'] = saveAs('.xlsx');
    return new Response(entry.excel, { headers });
  }
  const body =
    kind === 'diff'
      ? entry.diff
      : cache.diffMarkdown(entry, (d) => renderDiffMarkdown(d as never, { timeZone }));
  if (!body) throw new NotFoundError('diff', `${batchId} v${meta.version}`, '第 1 版没有差异；差异');
  headers['content-type'] =
    kind === 'diff' ? 'application/json; charset=utf-8' : 'text/markdown; charset=utf-8';
  headers['content-disposition'] =
    kind === 'diff' ? saveAs('-调整差异.json', '-diff.json') : saveAs('-调整公告.md', '-notice.md');
  return new Response(body, { headers });
}

export function registerPublicationRoutes(
  app: App,
  deps: Deps,
  cache: PublicationCache = createPublicationCache(deps.store),
) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/publications',
      tags,
      summary: '已公布的清单 Every published version (public)',
      responses: {
        200: {
          description: 'versions',
          content: { 'application/json': { schema: z.array(PublicationMetaSchema) } },
        },
      },
    }),
    async (c) =>
      c.json(
        (await deps.store.listPublications()).map((m) => publicationMeta(m.batchId, m)),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/batches/{batchId}/publications',
      tags,
      summary: '批次的各版本 Versions of a batch (public)',
      request: { params: z.object({ batchId: BatchIdParam }) },
      responses: {
        200: {
          description: 'versions',
          content: { 'application/json': { schema: z.array(PublicationMetaSchema) } },
        },
        ...problems(404),
      },
    }),
    async (c) => {
      const { batchId } = c.req.valid('param');
      const versions = await deps.store.listPublications(batchId);
      // Anonymous callers get the same 404 for a batch that exists but is unpublished as for one
      // that does not: an empty list would confirm the id.
      if (!versions.length && c.get('principal').role === 'anonymous') {
        throw new NotFoundError('batch', batchId, '批次');
      }
      if (!versions.length) await requireBatch(deps.store, batchId);
      return c.json(
        versions.map((m) => publicationMeta(batchId, m)),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/batches/{batchId}/publications/{version}/json',
      tags,
      summary: '公布清单 JSON The publication, canonical JSON (public, immutable)',
      request: { params },
      responses: {
        200: {
          description: 'canonical JSON with its sha256',
          content: { 'application/json': { schema: z.object({}).loose() } },
        },
        ...problems(400, 404),
      },
    }),
    async (c) => {
      const { batchId, version } = c.req.valid('param');
      return (await serve(cache, batchId, version, 'json', c.req.header('if-none-match'), deps)) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/batches/{batchId}/publications/{version}/xlsx',
      tags,
      summary: '公布清单 Excel 附件 The official Excel attachment (public)',
      request: { params },
      responses: {
        200: {
          description: 'xlsx',
          content: {
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
              schema: z.string().openapi({ format: 'binary' }),
            },
          },
        },
        ...problems(400, 404),
      },
    }),
    async (c) => {
      const { batchId, version } = c.req.valid('param');
      return (await serve(cache, batchId, version, 'xlsx', c.req.header('if-none-match'), deps)) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/batches/{batchId}/publications/{version}/diff',
      tags,
      summary: '与上一版的差异 Diff against the previous version (public)',
      description: 'JSON by default; `Accept: text/markdown` gives the zh-CN adjustment notice.',
      request: { params },
      responses: {
        200: { description: 'diff', content: { 'application/json': { schema: z.object({}).loose() } } },
        ...problems(400, 404),
      },
    }),
    async (c) => {
      const { batchId, version } = c.req.valid('param');
      const kind = (c.req.header('accept') ?? '').includes('text/markdown') ? 'diff-md' : 'diff';
      return (await serve(cache, batchId, version, kind, c.req.header('if-none-match'), deps)) as never;
    },
  );
}

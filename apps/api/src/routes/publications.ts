import { createRoute, z } from '@hono/zod-openapi';
import { NotFoundError, type PublicationMeta } from '@jianzheng/core';
import { renderDiffMarkdown } from '@jianzheng/json';
import { type App, type Deps, requireBatch } from '../deps';
import { BatchIdParam, PublicationMetaSchema, problems } from '../schemas';

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

async function load(deps: Deps, batchId: string, version: string) {
  const record = await deps.store.getPublication(batchId, version === 'latest' ? undefined : Number(version));
  if (!record) throw new NotFoundError('publication', `${batchId} v${version}`, '发布版本');
  return record;
}

export function registerPublicationRoutes(app: App, deps: Deps) {
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
      const batch = await requireBatch(deps.store, c.req.valid('param').batchId);
      return c.json(
        (await deps.store.listPublications(batch.id)).map((m) => publicationMeta(batch.id, m)),
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
      const record = await load(deps, batchId, version);
      return new Response(record.json, {
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'content-disposition': `inline; filename="${batchId}-v${record.version}.json"`,
          etag: `"${record.sha256}"`,
          'cache-control': version === 'latest' ? 'no-cache' : 'public, max-age=31536000, immutable',
        },
      }) as never;
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
      const record = await load(deps, batchId, version);
      return new Response(Buffer.from(record.excel), {
        headers: {
          'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'content-disposition': `attachment; filename="${batchId}-v${record.version}.xlsx"`,
        },
      }) as never;
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
      const record = await load(deps, batchId, version);
      if (!record.diff)
        throw new NotFoundError('diff', `${batchId} v${record.version}`, '第 1 版没有差异；差异');
      if ((c.req.header('accept') ?? '').includes('text/markdown')) {
        return new Response(renderDiffMarkdown(JSON.parse(record.diff)), {
          headers: { 'content-type': 'text/markdown; charset=utf-8' },
        }) as never;
      }
      return new Response(record.diff, {
        headers: { 'content-type': 'application/json; charset=utf-8' },
      }) as never;
    },
  );
}

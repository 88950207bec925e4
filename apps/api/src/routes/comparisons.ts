import { createRoute, z } from '@hono/zod-openapi';
import { createJurisdictionComparison, type JurisdictionComparison } from '@jianzheng/compare';
import { NotFoundError } from '@jianzheng/core';
import { parsePublication } from '@jianzheng/json';
import type { App, Deps } from '../deps';
import { BatchIdParam, problems } from '../schemas';

const tags = ['对标 Comparison'];

const K = z.coerce
  .number()
  .int()
  .min(1)
  .max(100)
  .default(2)
  .openapi({ description: '至少几个其他地区已取消才列为发现 (k, default 2)', example: 2 });

const ComparisonSchema = z
  .object({
    minCancelledElsewhere: z.number(),
    jurisdictions: z.array(z.object({}).loose()),
    rows: z.array(z.object({}).loose()),
    findings: z.array(z.object({}).loose()),
  })
  .loose()
  .openapi('JurisdictionComparison');

const ComparisonBody = z
  .object({
    batches: z
      .array(BatchIdParam)
      .max(100)
      .optional()
      .openapi({ description: '本库中已公布的批次（各取最新版）；省略时为全部已公布批次' }),
    publications: z
      .array(z.object({}).loose())
      .max(100)
      .default([])
      .openapi({ description: '其他地区的发布文件（jianzheng publish 的 v<N>.json 内容），逐一校验' }),
    minCancelledElsewhere: K,
  })
  .strict();

/**
 * Compares the latest version of each named batch (every published batch when none is named)
 * with the uploaded publications. Store lists are read one at a time and dropped once added.
 */
export async function compareStored(
  deps: Deps,
  batchIds: readonly string[] | undefined,
  uploaded: readonly unknown[],
  k: number,
): Promise<JurisdictionComparison> {
  const builder = createJurisdictionComparison({ minCancelledElsewhere: k });
  const ids = batchIds ?? [...new Set((await deps.store.listPublications()).map((m) => m.batchId))];
  for (const id of ids) {
    const record = await deps.store.getPublication(id);
    if (!record) throw new NotFoundError('publication', id, '已公布的批次');
    builder.add(parsePublication(record.json, { source: id, verify: false }));
  }
  uploaded.forEach((value, i) => {
    builder.add(parsePublication(JSON.stringify(value), { source: `publications[${i}]` }));
  });
  return builder.finish();
}

/** 对标 (domain.md §13): the published lists here, and any uploaded ones, side by side. Public data. */
export function registerComparisonRoutes(app: App, deps: Deps) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/comparisons',
      tags,
      summary: '对标：本库已公布清单 Compare the published lists in this service (public)',
      request: {
        query: z.object({
          batch: z
            .union([BatchIdParam, z.array(BatchIdParam).max(100)])
            .optional()
            .openapi({ description: '批次编号，可重复；省略时为全部已公布批次' }),
          k: K,
        }),
      },
      responses: {
        200: {
          description: 'matrix and findings',
          content: { 'application/json': { schema: ComparisonSchema } },
        },
        ...problems(400, 404, 422),
      },
    }),
    async (c) => {
      const { batch, k } = c.req.valid('query');
      const ids = batch === undefined ? undefined : Array.isArray(batch) ? batch : [batch];
      return c.json(await compareStored(deps, ids, [], k), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/comparisons',
      tags,
      summary: '对标：本库清单与上传的其他地区清单 Compare with uploaded publications (public)',
      description:
        'Uploaded publications are checked like `jianzheng diff` checks a file (schema, checksum); the same batch twice is a 422 (COMPARE_DUPLICATE_BATCH).',
      request: { body: { content: { 'application/json': { schema: ComparisonBody } }, required: true } },
      responses: {
        200: {
          description: 'matrix and findings',
          content: { 'application/json': { schema: ComparisonSchema } },
        },
        ...problems(400, 404, 413, 422),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      return c.json(
        await compareStored(deps, body.batches, body.publications, body.minCancelledElsewhere),
        200,
      );
    },
  );
}

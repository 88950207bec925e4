import { createRoute, z } from '@hono/zod-openapi';
import type { JurisdictionComparison } from '@jianzheng/compare';
import { NotFoundError } from '@jianzheng/core';
import type { App, Deps } from '../deps';
import { validationProblem } from '../problem';
import { BatchIdParam, problems } from '../schemas';
import { ComparisonBodyInvalid, compareOffThread } from '../services/compare-off-thread';
import { ComparisonBody, K } from '../services/comparison-body';

const tags = ['对标 Comparison'];

const ComparisonSchema = z
  .object({
    minCancelledElsewhere: z.number(),
    notice: z
      .object({
        code: z.string(),
        others: z.number(),
        k: z.number(),
        message: z.object({ zh: z.string(), en: z.string() }),
      })
      .nullable()
      .openapi({
        description: '为何“发现”必然为空（其他地区少于 k 个）；对照表仍完整 (why findings are empty)',
      }),
    jurisdictions: z.array(z.object({}).loose()),
    rows: z.array(z.object({}).loose()),
    findings: z.array(z.object({}).loose()),
  })
  .loose()
  .openapi('JurisdictionComparison');

/**
 * The stored lists to compare: the latest version of each named batch, or of every published
 * batch when none is named. Read here (the store is this thread's), parsed on the worker.
 */
function storedLists(deps: Deps) {
  return async (batchIds: readonly string[] | undefined) => {
    const ids = batchIds ?? [...new Set((await deps.store.listPublications()).map((m) => m.batchId))];
    const out: Array<{ id: string; json: string }> = [];
    for (const id of ids) {
      const record = await deps.store.getPublication(id);
      if (!record) throw new NotFoundError('publication', id, '已公布的批次');
      out.push({ id, json: record.json });
    }
    return out;
  };
}

async function answer(run: () => Promise<JurisdictionComparison>) {
  try {
    return { ok: true as const, value: await run() };
  } catch (error) {
    if (error instanceof ComparisonBodyInvalid)
      return { ok: false as const, response: validationProblem(error.error, 'body') };
    throw error;
  }
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
      const result = await compareOffThread({
        body: null,
        ...(ids === undefined ? {} : { batches: ids }),
        k,
        stored: storedLists(deps),
        heapMb: deps.limits.parserHeapMb,
      });
      return c.json(result, 200);
    },
  );

  // Documented with its schema, but not validated by the OpenAPI layer: the JSON is parsed and
  // checked on the comparison's worker thread (an 18 MB JSON.parse would hold the event loop).
  app.openAPIRegistry.registerPath(
    createRoute({
      method: 'post',
      path: '/api/comparisons',
      tags,
      summary: '对标：本库清单与上传的其他地区清单 Compare with uploaded publications (public)',
      description:
        'Uploaded publications are checked like `jianzheng diff` checks a file (schema, checksum); the same batch twice is a 422 (COMPARE_DUPLICATE_BATCH). Anonymous callers are rate-limited like comments and limited to a small body (`server.maxAnonymousBodyBytes`); signed-in callers may send up to the upload limit.',
      request: { body: { content: { 'application/json': { schema: ComparisonBody } }, required: true } },
      responses: {
        200: {
          description: 'matrix and findings',
          content: { 'application/json': { schema: ComparisonSchema } },
        },
        ...problems(400, 404, 413, 422, 429, 503),
      },
    }),
  );
  app.post('/api/comparisons', async (c) => {
    if (c.get('principal').role === 'anonymous')
      await deps.comparisonLimiter.hit(deps.clientKey(c.req.raw.headers, c.env));
    const body = new Uint8Array(await c.req.arrayBuffer());
    const result = await answer(() =>
      compareOffThread({ body, stored: storedLists(deps), heapMb: deps.limits.parserHeapMb }),
    );
    return result.ok ? c.json(result.value, 200) : result.response;
  });
}

import { createRoute, z } from '@hono/zod-openapi';
import {
  assertListEditable,
  isLegalReviewPending,
  LegalResolutionInputSchema,
  resolveLegalReview,
} from '@jianzheng/core';
import { allow } from '../auth';
import { type App, type Deps, etagOf, materialOut, requireBatch, requireMaterial } from '../deps';
import { PreconditionRequiredError } from '../errors';
import { PERMISSIONS } from '../permissions';
import { BatchIdParam, MaterialOutSchema, problems } from '../schemas';

const security = [{ bearer: [] }];
const MaterialIdParam = z
  .string()
  .min(1)
  .max(64)
  .openapi({ param: { name: 'materialId', in: 'path' } });

const LegalQueueSchema = z
  .object({
    /** Retained materials flagged needs-legal-review, in list order: they block a passed legal review. */
    pending: z.array(MaterialOutSchema),
    /** Retained materials flagged refer-to-issuer (建议上级取消): for information, they block nothing. */
    referred: z.number().int(),
  })
  .openapi('LegalQueue');

/** `If-Match: "3"` → 3; missing → 428, so a settlement never overwrites a change it did not see. */
function expectedVersion(header: string | undefined): number {
  if (!header) throw new PreconditionRequiredError();
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  return match ? Number(match[1]) : -1;
}

/** The legal office's queue (合法性审查, domain.md §14) and its settlements. */
export function registerLegalQueueRoutes(app: App, deps: Deps) {
  app.openapi(
    createRoute({
      middleware: [allow(PERMISSIONS['legal.read'])],
      method: 'get',
      path: '/api/batches/{batchId}/legal-queue',
      tags: ['合法性审查 Legal review'],
      security,
      summary: '待认定效力层级的材料 Materials whose legal level the legal office must settle',
      request: { params: z.object({ batchId: BatchIdParam }) },
      responses: {
        200: { description: 'the queue', content: { 'application/json': { schema: LegalQueueSchema } } },
        ...problems(401, 403, 404),
      },
    }),
    async (c) => {
      const { batchId } = c.req.valid('param');
      await requireBatch(deps.store, batchId);
      const all = await deps.store.allMaterials(batchId);
      const pending = all.filter((m) => isLegalReviewPending(m.decision)).map(materialOut);
      const referred = all.filter(
        (m) => m.decision.verdict === 'retain' && m.decision.flags?.includes('refer-to-issuer'),
      ).length;
      return c.json({ pending, referred }, 200);
    },
  );

  app.openapi(
    createRoute({
      middleware: [allow(PERMISSIONS['legal.resolve'])],
      method: 'post',
      path: '/api/batches/{batchId}/materials/{materialId}/legal-resolution',
      tags: ['合法性审查 Legal review'],
      security,
      summary: '认定设定依据的效力层级 Settle the legal level of a queued material (If-Match required)',
      request: {
        params: z.object({ batchId: BatchIdParam, materialId: MaterialIdParam }),
        headers: z.object({ 'if-match': z.string().optional() }),
        body: { required: true, content: { 'application/json': { schema: LegalResolutionInputSchema } } },
      },
      responses: {
        200: { description: 'settled', content: { 'application/json': { schema: MaterialOutSchema } } },
        ...problems(400, 401, 403, 404, 409, 422, 428),
      },
    }),
    async (c) => {
      const principal = c.get('principal');
      const { batchId, materialId } = c.req.valid('param');
      const version = expectedVersion(c.req.header('if-match'));
      const batch = await requireBatch(deps.store, batchId);
      assertListEditable(batch.stage);
      const record = await requireMaterial(deps.store, batchId, materialId);
      const at = deps.now().toISOString();
      const decision = resolveLegalReview(record.material, record.decision, c.req.valid('json'), {
        by: principal.actor.id,
        at,
      });
      const next = await deps.store.updateMaterial(
        batchId,
        materialId,
        version,
        { kind: 'legal-resolution', decision },
        { actor: principal.actor, at },
      );
      c.header('etag', etagOf(next));
      return c.json(materialOut(next), 200);
    },
  );
}

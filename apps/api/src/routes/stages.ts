import { createRoute, z } from '@hono/zod-openapi';
import { TransitionInputSchema } from '@jianzheng/core';
import { allow, requireRole } from '../auth';
import { type App, batchOut, type Deps, requireBatch } from '../deps';
import { transitionRoles } from '../permissions';
import { BatchIdParam, BatchSchemaOut, PublicationMetaSchema, problems } from '../schemas';
import { runTransition } from '../services/transition';
import { publicationMeta } from './publications';

export function registerStageRoutes(app: App, deps: Deps) {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/batches/{batchId}/transitions',
      tags: ['阶段 Stages'],
      security: [{ bearer: [] }],
      middleware: [allow(['admin', 'reviewer', 'legal'])],
      summary: '阶段流转 Move the batch to its next stage',
      description:
        'submit → confirm (signer, signedAt) → open-comment (start, end, channel) → [close-comment (reason): early close] → legal-review (result, notes; after the comment period; failed returns to centralized-review) → approve (meetingDate) → publish (documentNumber, publishedAt) → [review-adjustment (result, notes): needed when an adjustment restores or adds materials] → adjust (reason): version N+1 with its diff.',
      request: {
        params: z.object({ batchId: BatchIdParam }),
        body: { required: true, content: { 'application/json': { schema: TransitionInputSchema } } },
      },
      responses: {
        200: {
          description: 'the batch after the transition, and the publication it created',
          content: {
            'application/json': {
              schema: z.object({ batch: BatchSchemaOut, publication: PublicationMetaSchema.nullable() }),
            },
          },
        },
        ...problems(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const principal = c.get('principal');
      const input = c.req.valid('json');
      requireRole(principal, transitionRoles(input.action));
      const batch = await requireBatch(deps.store, c.req.valid('param').batchId);
      const at = deps.now().toISOString();
      const result = await runTransition(deps, batch, input, {
        actor: principal.actor,
        at,
      });
      return c.json(
        {
          batch: batchOut(result.batch),
          publication: result.publication
            ? publicationMeta(batch.id, { ...result.publication, batchId: batch.id })
            : null,
        },
        200,
      );
    },
  );
}

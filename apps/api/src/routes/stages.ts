import { createRoute, z } from '@hono/zod-openapi';
import { type Role, TransitionInputSchema } from '@jianzheng/core';
import { allow, requireRole } from '../auth';
import { type App, batchOut, type Deps, requireBatch } from '../deps';
import { BatchIdParam, BatchSchemaOut, PublicationMetaSchema, problems } from '../schemas';
import { runTransition } from '../services/transition';
import { publicationMeta } from './publications';

/** Who may take each step: reviewers run the procedure, the legal office rules on legality, admins publish. */
const ACTION_ROLES: Record<string, readonly Role[]> = {
  submit: ['admin', 'reviewer'],
  confirm: ['admin', 'reviewer'],
  'open-comment': ['admin', 'reviewer'],
  'legal-review': ['admin', 'legal'],
  approve: ['admin'],
  publish: ['admin'],
  adjust: ['admin'],
};

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
        'submit → confirm (signer, signedAt) → open-comment (start, end, channel) → legal-review (result, notes; failed returns to centralized-review) → approve (meetingDate) → publish (documentNumber, publishedAt) → adjust (reason): version N+1 with its diff.',
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
      requireRole(principal, ACTION_ROLES[input.action] ?? ['admin']);
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

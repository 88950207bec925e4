import { createRoute, z } from '@hono/zod-openapi';
import { assertCommentsOpen, formatLocalDate, NotFoundError } from '@jianzheng/core';
import { allow } from '../auth';
import { type App, type Deps, requireBatch, requireMaterial } from '../deps';
import { PERMISSIONS } from '../permissions';
import { BatchIdParam, CommentSchema, problems } from '../schemas';

const tags = ['公众意见 Comments'];

export function registerCommentRoutes(app: App, deps: Deps) {
  const max = deps.limits.commentChars;
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/batches/{batchId}/materials/{materialId}/comments',
      tags,
      summary: '提交意见 Post a public comment (during public-comment; rate-limited)',
      request: {
        params: z.object({ batchId: BatchIdParam, materialId: z.string().min(1).max(64) }),
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z
                .object({
                  body: z.string().trim().min(1, '意见不能为空').max(max, `意见不能超过 ${max} 字`),
                  author: z.string().trim().max(100).nullable().optional(),
                })
                .strict(),
            },
          },
        },
      },
      responses: {
        201: { description: 'received', content: { 'application/json': { schema: CommentSchema } } },
        ...problems(400, 404, 409, 429),
      },
    }),
    async (c) => {
      const { batchId, materialId } = c.req.valid('param');
      const batch = await requireBatch(deps.store, batchId);
      if (batch.stage !== 'public-comment' && !(await deps.store.listPublications(batchId)).length) {
        // A batch the public has never seen is as unknown as one that does not exist.
        throw new NotFoundError('batch', batchId, '批次');
      }
      // The period's dates are the jurisdiction's: today is the day there, by the app's clock.
      const at = deps.now().toISOString();
      const today = formatLocalDate(at, deps.timeZone, 'date');
      // Also checked by the store inside the write; here to refuse before counting the rate limit.
      assertCommentsOpen(batch, today);
      await requireMaterial(deps.store, batchId, materialId);
      await deps.commentLimiter.hit(deps.clientKey(c.req.raw.headers, c.env));
      const body = c.req.valid('json');
      const comment = await deps.store.addComment(
        batchId,
        { materialId, body: body.body, author: body.author ?? null, today },
        { actor: c.get('principal').actor, at },
      );
      return c.json(comment, 201);
    },
  );

  app.openapi(
    createRoute({
      middleware: [allow(PERMISSIONS['comments.read'])],
      method: 'get',
      path: '/api/batches/{batchId}/comments',
      tags,
      security: [{ bearer: [] }],
      summary: '意见列表 List comments (reviewers)',
      request: {
        params: z.object({ batchId: BatchIdParam }),
        query: z.object({
          unanswered: z.enum(['true', 'false']).optional(),
          materialId: z.string().optional(),
        }),
      },
      responses: {
        200: { description: 'comments', content: { 'application/json': { schema: z.array(CommentSchema) } } },
        ...problems(401, 403, 404),
      },
    }),
    async (c) => {
      const batch = await requireBatch(deps.store, c.req.valid('param').batchId);
      const query = c.req.valid('query');
      const filter: { unanswered?: boolean; materialId?: string } = {
        unanswered: query.unanswered === 'true',
      };
      if (query.materialId) filter.materialId = query.materialId;
      return c.json(await deps.store.listComments(batch.id, filter), 200);
    },
  );

  app.openapi(
    createRoute({
      middleware: [allow(PERMISSIONS['comments.answer'])],
      method: 'post',
      path: '/api/batches/{batchId}/comments/{commentId}/answer',
      tags,
      security: [{ bearer: [] }],
      summary: '答复意见 Answer a comment (reviewers)',
      request: {
        params: z.object({ batchId: BatchIdParam, commentId: z.coerce.number().int().positive() }),
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z.object({ answer: z.string().trim().min(1, '答复不能为空').max(4000) }).strict(),
            },
          },
        },
      },
      responses: {
        200: { description: 'answered', content: { 'application/json': { schema: CommentSchema } } },
        ...problems(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const principal = c.get('principal');
      const { batchId, commentId } = c.req.valid('param');
      await requireBatch(deps.store, batchId);
      const comment = await deps.store.answerComment(batchId, commentId, c.req.valid('json').answer, {
        actor: principal.actor,
      });
      return c.json(comment, 200);
    },
  );
}

import { createRoute, z } from '@hono/zod-openapi';
import { allow } from '../auth';
import type { App, Deps } from '../deps';
import { PERMISSIONS } from '../permissions';
import { AuditEntrySchema, pageOf, problems } from '../schemas';
import { createToken, ROLES } from '../tokens';

export function registerAuditRoutes(app: App, deps: Deps) {
  app.openapi(
    createRoute({
      middleware: [allow(PERMISSIONS['audit.read'])],
      method: 'get',
      path: '/api/audit',
      tags: ['审计 Audit'],
      security: [{ bearer: [] }],
      summary: '审计日志 The audit log (read-only; append-only)',
      request: {
        query: z.object({
          batchId: z.string().optional(),
          action: z.string().optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(500).default(100),
        }),
      },
      responses: {
        200: {
          description: 'entries, oldest first',
          content: { 'application/json': { schema: pageOf(AuditEntrySchema, 'AuditPage') } },
        },
        ...problems(400, 401, 403),
      },
    }),
    async (c) => {
      const { page, pageSize, ...filter } = c.req.valid('query');
      const result = await deps.store.listAudit({
        ...filter,
        offset: (page - 1) * pageSize,
        limit: pageSize,
      });
      return c.json({ total: result.total, page, pageSize: result.limit, items: result.items }, 200);
    },
  );

  app.openapi(
    createRoute({
      middleware: [allow(PERMISSIONS['token.create'])],
      method: 'post',
      path: '/api/tokens',
      tags: ['令牌 Tokens'],
      security: [{ bearer: [] }],
      summary: '创建令牌 Create an access token (admin); the token is shown once',
      request: {
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z
                .object({
                  role: z.enum(ROLES as ['admin', 'reviewer', 'legal', 'department']),
                  department: z.string().trim().min(1).optional(),
                  label: z.string().trim().max(100).optional(),
                })
                .strict(),
            },
          },
        },
      },
      responses: {
        201: {
          description: 'the new token (only time it is visible)',
          content: {
            'application/json': {
              schema: z.object({
                token: z.string(),
                id: z.string(),
                role: z.string(),
                department: z.string().nullable(),
                label: z.string().nullable(),
              }),
            },
          },
        },
        ...problems(400, 401, 403, 422),
      },
    }),
    async (c) => {
      const principal = c.get('principal');
      const body = c.req.valid('json');
      const created = await createToken({ store: deps.store, ...body, actor: principal.actor });
      return c.json(created, 201);
    },
  );
}

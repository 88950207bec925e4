import { createRoute, z } from '@hono/zod-openapi';
import { allow } from '../auth';
import type { App, Deps } from '../deps';
import { PERMISSIONS } from '../permissions';
import { AuditEntrySchema, pageOf, problems } from '../schemas';

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
}

import { createRoute, z } from '@hono/zod-openapi';
import { allow } from '../auth';
import type { App } from '../deps';
import { PERMISSIONS, permissionsOf } from '../permissions';
import { problems } from '../schemas';

const MeSchema = z
  .object({
    actor: z.string(),
    role: z.enum(['admin', 'reviewer', 'legal', 'department']),
    department: z.string().nullable(),
    permissions: z.array(z.enum(Object.keys(PERMISSIONS) as [keyof typeof PERMISSIONS])),
  })
  .openapi('Me');

/** Who the token belongs to and what it may do, so clients show only what will be accepted. */
export function registerMeRoute(app: App) {
  app.openapi(
    createRoute({
      middleware: [allow(['admin', 'reviewer', 'legal', 'department'])],
      method: 'get',
      path: '/api/me',
      tags: ['令牌 Tokens'],
      security: [{ bearer: [] }],
      summary: '当前令牌 The caller: role, department and permissions',
      responses: {
        200: { description: 'the caller', content: { 'application/json': { schema: MeSchema } } },
        ...problems(401),
      },
    }),
    (c) => {
      const principal = c.get('principal');
      const role = principal.role === 'anonymous' ? 'admin' : principal.role; // allow() ruled anonymous out
      return c.json(
        {
          actor: principal.actor.id,
          role,
          department: principal.department,
          permissions: permissionsOf(role),
        },
        200,
      );
    },
  );
}

import { createRoute, z } from '@hono/zod-openapi';
import { allow } from '../auth';
import type { App, Deps } from '../deps';
import { NotASessionError } from '../errors';
import { PERMISSIONS } from '../permissions';
import { problems } from '../schemas';
import { createToken, ROLES, SESSION_MS, tokenInfo } from '../tokens';

const RoleSchema = z.enum(ROLES as ['admin', 'reviewer', 'legal', 'department']);

const TokenInfoSchema = z
  .object({
    id: z.string(),
    role: RoleSchema,
    department: z.string().nullable(),
    label: z.string().nullable(),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    parentId: z
      .string()
      .nullable()
      .openapi({ description: 'for a login session: the token it was opened with' }),
  })
  .openapi('TokenInfo');

const CreatedSchema = z.object({
  token: z.string(),
  id: z.string(),
  role: z.string(),
  department: z.string().nullable(),
  label: z.string().nullable(),
  expiresAt: z.string().nullable(),
});

const tags = ['令牌 Tokens'];
const security = [{ bearer: [] }];

export function registerTokenRoutes(app: App, deps: Deps) {
  app.openapi(
    createRoute({
      middleware: [allow(PERMISSIONS['token.list'])],
      method: 'get',
      path: '/api/tokens',
      tags,
      security,
      summary: '令牌列表 List access tokens (admin); never their secret',
      request: {
        query: z.object({
          all: z
            .enum(['true', 'false'])
            .default('false')
            .openapi({ description: 'revoked and expired ones too' }),
          sessions: z.enum(['true', 'false']).default('false').openapi({ description: 'login sessions too' }),
        }),
      },
      responses: {
        200: {
          description: 'tokens, oldest first',
          content: { 'application/json': { schema: z.array(TokenInfoSchema) } },
        },
        ...problems(400, 401, 403),
      },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const records = await deps.store.listTokens({
        all: query.all === 'true',
        sessions: query.sessions === 'true',
        at: deps.now().toISOString(),
      });
      return c.json(records.map(tokenInfo), 200);
    },
  );

  app.openapi(
    createRoute({
      middleware: [allow(PERMISSIONS['token.create'])],
      method: 'post',
      path: '/api/tokens',
      tags,
      security,
      summary: '创建令牌 Create an access token (admin); the token is shown once',
      request: {
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z
                .object({
                  role: RoleSchema,
                  department: z.string().trim().min(1).max(200).optional(),
                  label: z.string().trim().max(100).optional(),
                  expiresAt: z
                    .string()
                    .max(40)
                    .optional()
                    .openapi({ description: 'ISO date or instant; none = until revoked' }),
                })
                .strict(),
            },
          },
        },
      },
      responses: {
        201: {
          description: 'the new token (only time it is visible)',
          content: { 'application/json': { schema: CreatedSchema } },
        },
        ...problems(400, 401, 403, 422),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const created = await createToken({
        store: deps.store,
        ...body,
        actor: c.get('principal').actor,
        now: deps.now,
      });
      return c.json(created, 201);
    },
  );

  app.openapi(
    createRoute({
      middleware: [allow(PERMISSIONS['token.revoke'])],
      method: 'delete',
      path: '/api/tokens/{tokenId}',
      tags,
      security,
      summary: '停用令牌 Revoke a token and its login sessions (admin; audited)',
      request: { params: z.object({ tokenId: z.string().max(64) }) },
      responses: {
        200: {
          description: 'the revoked token',
          content: { 'application/json': { schema: TokenInfoSchema } },
        },
        ...problems(401, 403, 404),
      },
    }),
    async (c) => {
      const { tokenId } = c.req.valid('param');
      return c.json(
        tokenInfo(
          await deps.store.revokeToken(tokenId, {
            actor: c.get('principal').actor,
            at: deps.now().toISOString(),
          }),
        ),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      middleware: [allow(['admin', 'reviewer', 'legal', 'department'])],
      method: 'post',
      path: '/api/session',
      tags,
      security,
      summary: '登录会话 Open a login session for this token (what the operator pages keep in a cookie)',
      responses: {
        201: {
          description: 'the session token, valid 8 hours or until logout',
          content: { 'application/json': { schema: CreatedSchema } },
        },
        ...problems(401),
      },
    }),
    async (c) => {
      const principal = c.get('principal');
      const record = principal.token!;
      const limit = deps.now().getTime() + SESSION_MS;
      // A session never outlives the token it was opened with; a session opens no further sessions.
      const parentExpiry = record.expiresAt ? Date.parse(record.expiresAt) : Number.POSITIVE_INFINITY;
      const created = await createToken({
        store: deps.store,
        role: principal.role as (typeof ROLES)[number],
        department: principal.department,
        // Where the session came from, for the session list: the client address (through trusted
        // proxies, what they appended) and the browser as it names itself.
        label: sessionLabel(
          record.label,
          deps.clientKey(c.req.raw.headers, c.env),
          c.req.header('user-agent'),
        ),
        expiresAt: new Date(Math.min(limit, parentExpiry)).toISOString(),
        parentId: record.parentId ?? record.id,
        actor: principal.actor,
        now: deps.now,
      });
      return c.json(created, 201);
    },
  );

  app.openapi(
    createRoute({
      middleware: [allow(['admin', 'reviewer', 'legal', 'department'])],
      method: 'delete',
      path: '/api/session',
      tags,
      security,
      summary: '退出登录 Log out: revokes the login session whose token is sent',
      responses: {
        204: { description: 'the session is revoked' },
        ...problems(401, 409),
      },
    }),
    async (c) => {
      const principal = c.get('principal');
      if (!principal.token?.parentId) throw new NotASessionError();
      await deps.store.revokeToken(principal.token.id, {
        actor: principal.actor,
        at: deps.now().toISOString(),
      });
      return c.body(null, 204);
    },
  );
}

/** A session's label: its token's, then where it was opened (address, browser), bounded. */
function sessionLabel(token: string | null, address: string, userAgent: string | undefined): string {
  const browser = userAgent
    ?.replace(/[\u0000-\u001f]/g, '')
    .trim()
    .slice(0, 80);
  return [token ? `${token} · 会话` : '会话', `来自 ${address}`, browser].filter(Boolean).join(' · ');
}

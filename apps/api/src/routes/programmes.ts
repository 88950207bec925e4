import { createRoute, z } from '@hono/zod-openapi';
import { BATCH_STAGES, NotFoundError, ProgrammeSchema, UNIT_STATES } from '@jianzheng/core';
import { allow } from '../auth';
import type { App, Deps } from '../deps';
import { PreconditionRequiredError } from '../errors';
import { PERMISSIONS } from '../permissions';
import { problems } from '../schemas';

const tags = ['专项清理 Programmes'];
const security = [{ bearer: [] }];
const ProgrammeIdParam = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, '编号只能包含字母、数字、点、下划线和连字符')
  .openapi({ param: { name: 'programmeId', in: 'path' }, example: 'suzhou-2018' });
const Stage = z.enum(BATCH_STAGES);
const Count = z.number().int().nonnegative();

const ProgrammeRecordOut = z
  .object({
    programme: ProgrammeSchema,
    revision: Count,
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('ProgrammeRecord');

/** The figures of domain.md §16, as `programmeFigures` returns them. */
export const ProgrammeFiguresOut = z
  .object({
    id: z.string(),
    title: z.string(),
    totals: z.object({
      units: Count,
      submitted: Count,
      items: Count,
      materials: Count,
      proposed: Count.openapi({ description: '拟取消 (the current decisions that cancel)' }),
      proposedRate: z.number().openapi({ description: 'proposed ÷ materials, one decimal (17.4)' }),
      publishedMaterials: Count,
      cancelled: Count.openapi({ description: '已取消 in the latest publications' }),
      cancelledRate: z.number(),
    }),
    units: z.array(
      z.object({
        name: z.string(),
        state: z.enum(UNIT_STATES).openapi({ description: 'due 应报送 · submitted 已报送' }),
        batch: z.string().nullable(),
        batchTitle: z.string().nullable(),
        stage: Stage.nullable(),
        items: Count,
        materials: Count,
        proposed: Count,
        proposedRate: z.number(),
        cancelled: Count.nullable(),
        publishedMaterials: Count.nullable(),
      }),
    ),
    batches: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        stage: Stage,
        units: Count,
        submitted: Count,
        materials: Count,
        proposed: Count,
        published: z.object({ materials: Count, cancelled: Count, rate: z.number() }).nullable(),
      }),
    ),
    rounds: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        baseline: z.object({ materials: Count, date: z.string() }),
        targetRate: z.number().nullable(),
        cancelled: Count,
        cumulative: Count,
        reductionRate: z.number().openapi({ description: 'cumulative ÷ baseline, two decimals (60.88)' }),
        met: z.boolean().nullable(),
        remaining: Count.nullable(),
      }),
    ),
    unlisted: z.array(
      z.object({
        batch: z.string().nullable(),
        department: z.string(),
        items: Count,
        materials: Count,
        proposed: Count,
      }),
    ),
  })
  .openapi('ProgrammeFigures');

const ProgrammeOut = ProgrammeRecordOut.extend({ figures: ProgrammeFiguresOut }).openapi(
  'ProgrammeWithFigures',
);

function expectedRevision(header: string | undefined): number {
  if (!header) throw new PreconditionRequiredError();
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  return match ? Number(match[1]) : -1;
}

/** The programme (专项清理, domain.md §16): admins keep it, every operator reads it with its figures. */
export function registerProgrammeRoutes(app: App, deps: Deps) {
  const readers = allow(PERMISSIONS['programme.read']);
  const writers = allow(PERMISSIONS['programme.write']);
  const json = (schema: z.ZodType) => ({ 'application/json': { schema } });

  app.openapi(
    createRoute({
      middleware: [readers],
      method: 'get',
      path: '/api/programmes',
      tags,
      security,
      summary: '专项清理列表 List programmes',
      responses: {
        200: { description: 'programmes', content: json(z.array(ProgrammeRecordOut)) },
        ...problems(401, 403),
      },
    }),
    async (c) => c.json(await deps.store.listProgrammes(), 200),
  );

  app.openapi(
    createRoute({
      middleware: [readers],
      method: 'get',
      path: '/api/programmes/{programmeId}',
      tags,
      security,
      summary:
        '专项清理及其统计 A programme with its figures: units 应报送/已报送, proposals, published cancellations, rounds against target',
      request: { params: z.object({ programmeId: ProgrammeIdParam }) },
      responses: {
        200: { description: 'programme', content: json(ProgrammeOut) },
        ...problems(401, 403, 404),
      },
    }),
    async (c) => {
      const { programmeId } = c.req.valid('param');
      const record = await deps.store.getProgramme(programmeId);
      if (!record) throw new NotFoundError('programme', programmeId, '专项清理');
      const figures = await deps.store.summarizeProgramme(programmeId);
      c.header('etag', `"${record.revision}"`);
      return c.json({ ...record, figures }, 200);
    },
  );

  app.openapi(
    createRoute({
      middleware: [writers],
      method: 'post',
      path: '/api/programmes',
      tags,
      security,
      summary: '创建专项清理 Create a programme (its batches must exist)',
      request: { body: { required: true, content: json(ProgrammeSchema) } },
      responses: {
        201: { description: 'created', content: json(ProgrammeRecordOut) },
        ...problems(400, 401, 403, 409),
      },
    }),
    async (c) => {
      const record = await deps.store.createProgramme(c.req.valid('json'), {
        actor: c.get('principal').actor,
      });
      c.header('location', `/api/programmes/${encodeURIComponent(record.programme.id)}`);
      c.header('etag', `"${record.revision}"`);
      return c.json(record, 201);
    },
  );

  app.openapi(
    createRoute({
      middleware: [writers],
      method: 'put',
      path: '/api/programmes/{programmeId}',
      tags,
      security,
      summary: '修改专项清理 Replace a programme (If-Match: its revision)',
      request: {
        params: z.object({ programmeId: ProgrammeIdParam }),
        headers: z.object({
          'if-match': z.string().optional().openapi({ description: 'ETag of the programme' }),
        }),
        body: { required: true, content: json(ProgrammeSchema) },
      },
      responses: {
        200: { description: 'replaced', content: json(ProgrammeRecordOut) },
        ...problems(400, 401, 403, 404, 409, 428),
      },
    }),
    async (c) => {
      const { programmeId } = c.req.valid('param');
      const revision = expectedRevision(c.req.header('if-match'));
      const record = await deps.store.updateProgramme(programmeId, revision, c.req.valid('json'), {
        actor: c.get('principal').actor,
      });
      c.header('etag', `"${record.revision}"`);
      return c.json(record, 200);
    },
  );
}

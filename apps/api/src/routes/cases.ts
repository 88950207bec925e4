import { createRoute, z } from '@hono/zod-openapi';
import {
  CASE_LIMITS,
  CASE_OUTCOMES,
  CASE_STATES,
  type CaseRecord,
  CaseReportSchema,
  caseDueOn,
  caseIdOf,
  caseState,
  caseStatistics,
  NotFoundError,
  type Role,
  type SupervisionSettings,
  type WriteContext,
} from '@jianzheng/core';
import { allow, type Principal } from '../auth';
import type { App, Deps } from '../deps';
import type { RateLimiter } from '../rate-limit';
import { BatchIdParam, problems } from '../schemas';
import type { PublishedMaterials } from '../services/published-materials';

const tags = ['督查 Supervision cases'];
const NumberParam = z
  .string()
  .regex(/^DC\d{10,}$/i, '督查件编号形如 DC2026000001')
  .openapi({ param: { name: 'number', in: 'path' }, example: 'DC2026000001' });

const PublicCaseSchema = z
  .object({
    number: z.string(),
    state: z.enum(CASE_STATES as [string, ...string[]]),
    batchId: z.string(),
    materialName: z.string(),
    itemName: z.string(),
    department: z.string(),
    reportedAt: z.string(),
    dueOn: z.string(),
    outcome: z.enum(CASE_OUTCOMES).nullable(),
    answer: z.string().nullable(),
  })
  .openapi('PublicCase');

const CaseSchema = z.object({}).loose().openapi('Case');

const StatisticsRow = z.object({
  department: z.string(),
  reports: z.number(),
  rectified: z.number(),
  notApplicable: z.number(),
  overdue: z.number(),
  open: z.number(),
  closed: z.number(),
  medianDaysToAnswer: z.number().nullable(),
});

/** What anyone may see of a case: status and answer, never the reporter's contact or text. */
export function publicCase(record: CaseRecord, now: Date, timeZone: string) {
  return {
    number: record.number,
    state: caseState(record, now, timeZone),
    batchId: record.batchId,
    materialName: record.materialName,
    itemName: record.itemName,
    department: record.department,
    reportedAt: record.createdAt,
    dueOn: record.dueOn,
    outcome: record.answer?.outcome ?? null,
    answer: record.answer?.note ?? null,
  };
}

function operatorCase(record: CaseRecord, now: Date, timeZone: string) {
  return { ...record, state: caseState(record, now, timeZone) };
}

/** Departments see only their own cases (谁设定，谁清理). */
function scope(principal: Principal, department: string | undefined): string | undefined {
  return principal.role === 'department' ? (principal.department ?? '\u0000') : department;
}

async function requireCase(deps: Deps, number: string): Promise<CaseRecord> {
  const id = caseIdOf(number);
  const record = id === undefined ? undefined : await deps.store.getCase(id);
  if (!record || record.number.toUpperCase() !== number.toUpperCase())
    throw new NotFoundError('case', number, '督查件');
  return record;
}

/** Supervision cases (domain.md §12): public reports, department answers, reviewer closing, statistics. */
export function registerCaseRoutes(
  app: App,
  deps: Deps,
  published: PublishedMaterials,
  settings: SupervisionSettings,
  limiter: RateLimiter,
) {
  const tz = settings.timeZone;
  const max = deps.limits.commentChars;

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/batches/{batchId}/materials/{materialId}/cases',
      tags,
      summary:
        '举报仍被要求提交 Report that a window still demands a cancelled material (public; rate-limited)',
      request: {
        params: z.object({ batchId: BatchIdParam, materialId: z.string().min(1).max(64) }),
        body: {
          required: true,
          content: {
            'application/json': {
              // Core's report, with the batch and material from the path and the description held
              // to the same body limit as comments.
              schema: CaseReportSchema.omit({ batchId: true, materialId: true }).extend({
                description: z.string().trim().min(1, '请说明发生了什么').max(max, `说明不能超过 ${max} 字`),
              }),
            },
          },
        },
      },
      responses: {
        201: { description: 'case opened', content: { 'application/json': { schema: PublicCaseSchema } } },
        ...problems(400, 404, 429),
      },
    }),
    async (c) => {
      const { batchId, materialId } = c.req.valid('param');
      const material = await published.find(batchId, materialId);
      if (material?.verdict !== 'cancel') throw new NotFoundError('material', materialId, '已公布取消的材料');
      await limiter.hit(deps.clientKey(c.req.raw.headers, c.env));
      const body = c.req.valid('json');
      const now = deps.now();
      const created = await deps.store.createCase(
        {
          batchId,
          materialId,
          materialName: material.name,
          itemName: material.item,
          department: material.department,
          place: body.place,
          happenedOn: body.happenedOn,
          description: body.description,
          ...(body.contact ? { contact: body.contact } : {}),
          dueOn: caseDueOn(now, settings),
        },
        { actor: c.get('principal').actor, at: now.toISOString() },
      );
      return c.json(publicCase(created, now, tz), 201);
    },
  );

  const ListQuery = z.object({
    department: z.string().optional(),
    batchId: z.string().optional(),
    state: z.enum(CASE_STATES as [string, ...string[]]).optional(),
  });

  app.openapi(
    createRoute({
      middleware: [allow(['admin', 'reviewer', 'legal', 'department'])],
      method: 'get',
      path: '/api/cases',
      tags,
      security: [{ bearer: [] }],
      summary: '督查件列表 Cases (operators; a department sees its own)',
      request: { query: ListQuery },
      responses: {
        200: { description: 'cases', content: { 'application/json': { schema: z.array(CaseSchema) } } },
        ...problems(401, 403),
      },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const now = deps.now();
      const department = scope(c.get('principal'), query.department);
      const list = await deps.store.listCases({
        ...(department ? { department } : {}),
        ...(query.batchId ? { batchId: query.batchId } : {}),
      });
      return c.json(
        list.map((r) => operatorCase(r, now, tz)).filter((r) => !query.state || r.state === query.state),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      middleware: [allow(['admin', 'reviewer', 'legal', 'department'])],
      method: 'get',
      path: '/api/cases/statistics',
      tags,
      security: [{ bearer: [] }],
      summary: '督查统计 Per-department statistics (operators; a department sees its own row)',
      request: { query: z.object({ batchId: z.string().optional() }) },
      responses: {
        200: {
          description: 'statistics',
          content: {
            'application/json': {
              schema: z.object({ byDepartment: z.array(StatisticsRow), total: StatisticsRow }),
            },
          },
        },
        ...problems(401, 403),
      },
    }),
    async (c) => {
      const { batchId } = c.req.valid('query');
      const department = scope(c.get('principal'), undefined);
      const list = await deps.store.listCases({
        ...(department ? { department } : {}),
        ...(batchId ? { batchId } : {}),
      });
      return c.json(caseStatistics(list, deps.now(), tz), 200);
    },
  );

  // After /api/cases/statistics: `statistics` is not a case number.
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/cases/{number}',
      tags,
      summary: '督查件状态 A case’s status (public: no contact, no report text)',
      request: { params: z.object({ number: NumberParam }) },
      responses: {
        200: { description: 'case', content: { 'application/json': { schema: PublicCaseSchema } } },
        ...problems(400, 404),
      },
    }),
    async (c) =>
      c.json(publicCase(await requireCase(deps, c.req.valid('param').number), deps.now(), tz), 200),
  );

  registerCaseStep(app, deps, tz, {
    step: 'answer',
    roles: ['admin', 'department'],
    summary: '部门答复 Answer a case: rectified, or not applicable with a reason (own department)',
    description: 'answered',
    body: z
      .object({
        outcome: z.enum(CASE_OUTCOMES),
        note: z.string().trim().max(CASE_LIMITS.answer).default(''),
      })
      .strict()
      .refine((b) => b.outcome !== 'not-applicable' || b.note.length > 0, {
        message: '“不属于应取消情形”须说明理由',
        path: ['note'],
      }),
    write: (id, body, ctx) => deps.store.answerCase(id, body, ctx),
  });

  registerCaseStep(app, deps, tz, {
    step: 'close',
    roles: ['admin', 'reviewer'],
    summary: '审核办结 Close an answered case (reviewers)',
    description: 'closed',
    body: z.object({ note: z.string().trim().max(CASE_LIMITS.answer).optional() }).strict(),
    write: (id, body, ctx) => deps.store.closeCase(id, body.note || null, ctx),
  });
}

interface CaseStep<B extends z.ZodType> {
  step: 'answer' | 'close';
  roles: readonly Role[];
  summary: string;
  description: string;
  body: B;
  write: (id: number, body: z.output<B>, ctx: WriteContext) => Promise<CaseRecord>;
}

/**
 * An operator's step on a case (`POST /api/cases/{number}/<step>`: answer, close): the case by its
 * number, one store write by the principal now, the case as operators see it back.
 */
function registerCaseStep<B extends z.ZodType>(app: App, deps: Deps, tz: string, step: CaseStep<B>) {
  // Hono's route types cannot follow a generic body schema: the route sees the schema as a plain
  // ZodType, and the one cast below gives `write` the body its own schema parsed.
  const body: z.ZodType = step.body;
  app.openapi(
    createRoute({
      middleware: [allow(step.roles)],
      method: 'post',
      path: `/api/cases/{number}/${step.step}`,
      tags,
      security: [{ bearer: [] }],
      summary: step.summary,
      request: {
        params: z.object({ number: NumberParam }),
        body: { required: true, content: { 'application/json': { schema: body } } },
      },
      responses: {
        200: { description: step.description, content: { 'application/json': { schema: CaseSchema } } },
        ...problems(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const record = await requireCase(deps, c.req.valid('param').number);
      const now = deps.now();
      const done = await step.write(record.id, c.req.valid('json') as z.output<B>, {
        actor: c.get('principal').actor,
        at: now.toISOString(),
      });
      return c.json(operatorCase(done, now, tz), 200);
    },
  );
}

import { randomBytes } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import { formatLocalDate, PublicationSummarySchema } from '@jianzheng/core';
import { allow } from '../auth';
import { type App, batchOut, type Deps, requireBatch } from '../deps';
import { JurisdictionRequiredError } from '../errors';
import { PERMISSIONS } from '../permissions';
import {
  BatchCreateSchema,
  BatchIdParam,
  BatchSchemaOut,
  problems,
  TransitionRecordSchema,
} from '../schemas';

const tags = ['批次 Batches'];
const security = [{ bearer: [] }];

export function registerBatchRoutes(app: App, deps: Deps) {
  app.openapi(
    createRoute({
      middleware: [allow(PERMISSIONS['batch.create'])],
      method: 'post',
      path: '/api/batches',
      tags,
      security,
      summary: '创建批次 Create a batch',
      request: { body: { required: true, content: { 'application/json': { schema: BatchCreateSchema } } } },
      responses: {
        201: { description: 'created', content: { 'application/json': { schema: BatchSchemaOut } } },
        ...problems(400, 401, 403, 409),
      },
    }),
    async (c) => {
      const principal = c.get('principal');
      const body = c.req.valid('json');
      const jurisdiction = body.jurisdiction ?? deps.jurisdiction;
      if (!jurisdiction) throw new JurisdictionRequiredError();
      const id = body.id ?? `${deps.now().toISOString().slice(0, 10)}-${randomBytes(3).toString('hex')}`;
      const batch = await deps.store.createBatch(
        { id, title: body.title, jurisdiction, departments: [...new Set(body.departments)] },
        { actor: principal.actor },
      );
      c.header('location', `/api/batches/${encodeURIComponent(batch.id)}`);
      return c.json(batchOut(batch), 201);
    },
  );

  app.openapi(
    createRoute({
      middleware: [allow(['admin', 'reviewer', 'legal', 'department'])],
      method: 'get',
      path: '/api/batches',
      tags,
      security,
      summary: '批次列表 List batches',
      responses: {
        200: { description: 'batches', content: { 'application/json': { schema: z.array(BatchSchemaOut) } } },
        ...problems(401),
      },
    }),
    async (c) => {
      return c.json((await deps.store.listBatches()).map(batchOut), 200);
    },
  );

  app.openapi(
    createRoute({
      middleware: [allow(['admin', 'reviewer', 'legal', 'department'])],
      method: 'get',
      path: '/api/batches/{batchId}',
      tags,
      security,
      summary: '批次详情 One batch, its stage and next allowed actions',
      request: { params: z.object({ batchId: BatchIdParam }) },
      responses: {
        200: { description: 'batch', content: { 'application/json': { schema: BatchSchemaOut } } },
        ...problems(401, 404),
      },
    }),
    async (c) => {
      return c.json(batchOut(await requireBatch(deps.store, c.req.valid('param').batchId)), 200);
    },
  );

  app.openapi(
    createRoute({
      middleware: [allow(['admin', 'reviewer', 'legal', 'department'])],
      method: 'get',
      path: '/api/batches/{batchId}/transitions',
      tags,
      security,
      summary: '阶段流转记录 Stage history',
      request: { params: z.object({ batchId: BatchIdParam }) },
      responses: {
        200: {
          description: 'history',
          content: { 'application/json': { schema: z.array(TransitionRecordSchema) } },
        },
        ...problems(401, 404),
      },
    }),
    async (c) => {
      const batch = await requireBatch(deps.store, c.req.valid('param').batchId);
      return c.json(await deps.store.listTransitions(batch.id), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/batches/{batchId}/summary',
      tags,
      security,
      middleware: [allow(['admin', 'reviewer', 'legal', 'department'])],
      summary: '统计 Statistics of the current list (domain.md §7), as the CLI computes them',
      request: { params: z.object({ batchId: BatchIdParam }) },
      responses: {
        200: {
          description: 'summary',
          content: { 'application/json': { schema: PublicationSummarySchema } },
        },
        ...problems(401, 404),
      },
    }),
    async (c) => {
      const batch = await requireBatch(deps.store, c.req.valid('param').batchId);
      // Counted by the database, never by loading the list: a province's batch answers as fast as
      // a city's. Today in the city's zone: a cancellation from a later effectiveFrom is planned (§10).
      const summary = await deps.store.summarizeMaterials(batch.id, {
        categories: [...deps.engine.categories.keys()],
        asOf: formatLocalDate(deps.now(), deps.timeZone, 'date'),
      });
      return c.json(summary, 200);
    },
  );
}

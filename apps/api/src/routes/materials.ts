import { createRoute, z } from '@hono/zod-openapi';
import { AnnotationInputSchema, assertListEditable, planReview, ReviewInputSchema } from '@jianzheng/core';
import { bodyLimit } from 'hono/body-limit';
import { allow, requireOwnDepartment } from '../auth';
import { type App, type Deps, etagOf, materialOut, requireBatch, requireMaterial } from '../deps';
import { PayloadTooLargeError, PreconditionRequiredError } from '../errors';
import { PERMISSIONS } from '../permissions';
import {
  BatchIdParam,
  ImportFileResultSchema,
  MaterialOutSchema,
  MaterialQuerySchema,
  pageOf,
  problems,
  UploadBody,
} from '../schemas';
import { importFiles, uploadedFiles } from '../services/import-files';

const security = [{ bearer: [] }];
const MaterialIdParam = z
  .string()
  .min(1)
  .max(64)
  .openapi({ param: { name: 'materialId', in: 'path' } });
const params = z.object({ batchId: BatchIdParam, materialId: MaterialIdParam });

/** `If-Match: "3"` (or W/"3") → 3; missing → 428, so a blind write never overwrites a review. */
function expectedVersion(header: string | undefined): number {
  if (!header) throw new PreconditionRequiredError();
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  // An ETag we never issued cannot match the current one.
  return match ? Number(match[1]) : -1;
}

export function registerMaterialRoutes(app: App, deps: Deps) {
  const uploadPath = '/api/batches/:batchId/imports';
  app.use(
    uploadPath,
    bodyLimit({
      maxSize: deps.limits.uploadBytes,
      onError: () => {
        throw new PayloadTooLargeError(deps.limits.uploadBytes);
      },
    }),
  );

  app.openapi(
    createRoute({
      middleware: [allow(PERMISSIONS.import)],
      method: 'post',
      path: '/api/batches/{batchId}/imports',
      tags: ['导入 Import'],
      security,
      summary: '上传部门清单工作簿 Upload department workbooks (multipart, field "files")',
      description:
        '每个文件一个事务：有错误的文件不导入任何内容并返回问题列表（422），其余文件照常导入。重新上传某部门的清单会替换该部门的材料，保留仍存在的材料已审核的决定。',
      request: {
        params: z.object({ batchId: BatchIdParam }),
        body: UploadBody,
      },
      responses: {
        200: {
          description: 'every file imported',
          content: { 'application/json': { schema: z.object({ files: z.array(ImportFileResultSchema) }) } },
        },
        ...problems(400, 401, 403, 404, 409, 413, 422),
      },
    }),
    async (c) => {
      const principal = c.get('principal');
      const batch = await requireBatch(deps.store, c.req.valid('param').batchId);
      const form = c.req.valid('form');
      const files = await uploadedFiles(form.files);
      const outcomes = await importFiles(
        deps,
        batch,
        files,
        principal,
        { actor: principal.actor },
        form.department,
      );
      return c.json({ files: outcomes }, 200);
    },
  );

  app.openapi(
    createRoute({
      middleware: [allow(['admin', 'reviewer', 'legal', 'department'])],
      method: 'get',
      path: '/api/batches/{batchId}/materials',
      tags: ['材料 Materials'],
      security,
      summary: '浏览材料 Browse materials (filters, text search, pages)',
      request: { params: z.object({ batchId: BatchIdParam }), query: MaterialQuerySchema },
      responses: {
        200: {
          description: 'a page',
          content: { 'application/json': { schema: pageOf(MaterialOutSchema, 'MaterialPage') } },
        },
        ...problems(400, 401, 404),
      },
    }),
    async (c) => {
      const batch = await requireBatch(deps.store, c.req.valid('param').batchId);
      const { page, pageSize, ...filters } = c.req.valid('query');
      const result = await deps.store.listMaterials(batch.id, {
        ...filters,
        offset: (page - 1) * pageSize,
        limit: pageSize,
      });
      return c.json(
        { total: result.total, page, pageSize: result.limit, items: result.items.map(materialOut) },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      middleware: [allow(['admin', 'reviewer', 'legal', 'department'])],
      method: 'get',
      path: '/api/batches/{batchId}/materials/{materialId}',
      tags: ['材料 Materials'],
      security,
      summary: '一项材料及完整规则轨迹 One material with its full trace (ETag)',
      request: { params },
      responses: {
        200: { description: 'material', content: { 'application/json': { schema: MaterialOutSchema } } },
        ...problems(401, 404),
      },
    }),
    async (c) => {
      const { batchId, materialId } = c.req.valid('param');
      const record = await requireMaterial(deps.store, batchId, materialId);
      c.header('etag', etagOf(record));
      return c.json(materialOut(record), 200);
    },
  );

  app.openapi(
    createRoute({
      middleware: [allow(PERMISSIONS.review)],
      method: 'post',
      path: '/api/batches/{batchId}/materials/{materialId}/review',
      tags: ['审核 Review'],
      security,
      summary: '确认或改判 Confirm or override a decision (If-Match required)',
      request: {
        params,
        headers: z.object({
          'if-match': z.string().optional().openapi({ description: 'ETag of the material' }),
        }),
        body: { required: true, content: { 'application/json': { schema: ReviewInputSchema } } },
      },
      responses: {
        200: { description: 'reviewed', content: { 'application/json': { schema: MaterialOutSchema } } },
        ...problems(400, 401, 403, 404, 409, 422, 428),
      },
    }),
    async (c) => {
      const principal = c.get('principal');
      const { batchId, materialId } = c.req.valid('param');
      const version = expectedVersion(c.req.header('if-match'));
      const batch = await requireBatch(deps.store, batchId);
      assertListEditable(batch.stage);
      const record = await requireMaterial(deps.store, batchId, materialId);
      const at = deps.now().toISOString();
      const plan = planReview(record.material, record.decision, c.req.valid('json'), {
        by: principal.actor.id,
        at,
        categories: deps.engine.categories.keys(),
      });
      // The same settlement again (a double click, a retry with the old ETag): nothing is written.
      if (plan.kind === 'unchanged') {
        c.header('etag', etagOf(record));
        return c.json(materialOut(record), 200);
      }
      const next = await deps.store.updateMaterial(
        batchId,
        materialId,
        version,
        { kind: 'review', decision: plan.decision },
        {
          actor: principal.actor,
          at,
        },
      );
      c.header('etag', etagOf(next));
      return c.json(materialOut(next), 200);
    },
  );

  app.openapi(
    createRoute({
      middleware: [allow(PERMISSIONS.annotate)],
      method: 'put',
      path: '/api/batches/{batchId}/materials/{materialId}/annotation',
      tags: ['审核 Review'],
      security,
      summary: '部门说明 A department annotates its own material (If-Match required)',
      request: {
        params,
        headers: z.object({ 'if-match': z.string().optional() }),
        body: { required: true, content: { 'application/json': { schema: AnnotationInputSchema } } },
      },
      responses: {
        200: { description: 'annotated', content: { 'application/json': { schema: MaterialOutSchema } } },
        ...problems(400, 401, 403, 404, 409, 428),
      },
    }),
    async (c) => {
      const principal = c.get('principal');
      const { batchId, materialId } = c.req.valid('param');
      const version = expectedVersion(c.req.header('if-match'));
      const batch = await requireBatch(deps.store, batchId);
      const record = await requireMaterial(deps.store, batchId, materialId);
      requireOwnDepartment(principal, [record.material.item.department]);
      assertListEditable(batch.stage);
      const at = deps.now().toISOString();
      const next = await deps.store.updateMaterial(
        batchId,
        materialId,
        version,
        { kind: 'annotation', annotation: { note: c.req.valid('json').note, by: principal.actor.id, at } },
        { actor: principal.actor, at },
      );
      c.header('etag', etagOf(next));
      return c.json(materialOut(next), 200);
    },
  );
}

import { createRoute, z } from '@hono/zod-openapi';
import { DecisionSchema, MaterialSchema } from '@jianzheng/core';
import { createTemplate } from '@jianzheng/excel';
import { bodyLimit } from 'hono/body-limit';
import { allow } from '../auth';
import { type App, type Deps, requireBatch } from '../deps';
import { ForbiddenError, PayloadTooLargeError } from '../errors';
import { PERMISSIONS } from '../permissions';
import { BatchIdParam, ImportIssueSchema, problems, UploadBody } from '../schemas';
import { uploadedFiles } from '../services/import-files';
import { previewFiles } from '../services/preview-files';

const tags = ['导入 Import'];
const security = [{ bearer: [] }];

const FilePreviewSchema = z
  .object({
    file: z.string(),
    ok: z.boolean(),
    departments: z.array(z.string()),
    issues: z.array(ImportIssueSchema),
    materials: z.array(z.object({ material: MaterialSchema, decision: DecisionSchema })),
  })
  .openapi('ImportPreview');

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The import's dry run (what would be imported, with every row-level issue and the engine's
 * proposal per material, nothing written) and the department's submission template.
 */
export function registerImportPreviewRoutes(app: App, deps: Deps) {
  app.use(
    '/api/batches/:batchId/imports/preview',
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
      path: '/api/batches/{batchId}/imports/preview',
      tags,
      security,
      summary: '导入预检 What an upload would import, without importing (multipart, field "files")',
      description:
        '与正式导入同样的读取与检查（部门范围、批次阶段），返回每个文件的问题（精确到工作表、行、列）和引擎对每项材料的建议；不写入任何内容。报告计入服务器的解析内存预算：放不下的报告在生成前即以 413 PREVIEW_TOO_LARGE 拒绝（可拆分文件，或直接导入）。',
      request: {
        params: z.object({ batchId: BatchIdParam }),
        query: z.object({
          maxReportBytes: z.coerce.number().int().positive().optional().openapi({
            description:
              '调用方能接收的报告大小上限（JSON 字节）；超过即 413，不生成报告。The largest report (JSON bytes) the caller can take; past it 413, nothing built.',
          }),
        }),
        body: UploadBody,
      },
      responses: {
        200: {
          description: 'one report per file',
          content: { 'application/json': { schema: z.object({ files: z.array(FilePreviewSchema) }) } },
        },
        ...problems(400, 401, 403, 404, 409, 413, 503),
      },
    }),
    async (c) => {
      const batch = await requireBatch(deps.store, c.req.valid('param').batchId);
      const form = c.req.valid('form');
      const files = await uploadedFiles(form.files);
      return c.json(
        {
          files: await previewFiles(
            { engine: deps.engine, limits: deps.limits, budget: deps.parseBudget },
            batch,
            files,
            c.get('principal'),
            form.department,
            c.req.valid('query').maxReportBytes,
          ),
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      middleware: [allow(PERMISSIONS.import)],
      method: 'get',
      path: '/api/batches/{batchId}/template',
      tags,
      security,
      summary: '填报模板 The submission workbook for one department of the batch',
      request: {
        params: z.object({ batchId: BatchIdParam }),
        query: z.object({ department: z.string().max(200).optional() }),
      },
      responses: {
        200: { description: 'the template', content: { [XLSX]: { schema: z.any() } } },
        ...problems(401, 403, 404),
      },
    }),
    async (c) => {
      const principal = c.get('principal');
      const batch = await requireBatch(deps.store, c.req.valid('param').batchId);
      // A department's template names that department: theirs, whatever the query says.
      const department = principal.department ?? c.req.valid('query').department;
      if (department && batch.departments.length > 0 && !batch.departments.includes(department)) {
        throw new ForbiddenError(
          `部门“${department}”不在本批次中`,
          `department "${department}" is not part of this batch`,
        );
      }
      const bytes = await createTemplate({
        rules: deps.engine.rules,
        ...(department ? { department } : {}),
        jurisdiction: batch.jurisdiction,
      });
      const name = `${batch.id}${department ? `-${department}` : ''}-模板.xlsx`;
      return c.body(new Uint8Array(bytes), 200, {
        'content-type': XLSX,
        'content-disposition': `attachment; filename="template.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
      });
    },
  );
}

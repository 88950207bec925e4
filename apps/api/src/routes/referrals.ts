import { createRoute, z } from '@hono/zod-openapi';
import { tallyLegalBases } from '@jianzheng/core';
import { createReferralsWorkbook } from '@jianzheng/excel';
import { allow } from '../auth';
import { type App, type Deps, requireBatch } from '../deps';
import { PERMISSIONS } from '../permissions';
import { BatchIdParam, problems } from '../schemas';
import { contentDisposition } from './download-name';

const security = [{ bearer: [] }];
const tags = ['合法性审查 Legal review'];
const params = z.object({ batchId: BatchIdParam });

const ReferralSchema = z.object({
  department: z.string(),
  itemCode: z.string().nullable(),
  itemName: z.string(),
  material: z.string(),
  materialId: z.string(),
  level: z.string(),
  instrument: z.string().nullable(),
  documentNumber: z.string().nullable(),
  article: z.string().nullable(),
});
const LevelCountSchema = z.object({ materials: z.number(), retained: z.number(), cancelled: z.number() });
const ReferralsSchema = z
  .object({
    /** Per issuer, the retained materials this city proposes that issuer cancel (建议上级取消). */
    referrals: z.array(z.object({ issuer: z.string(), materials: z.array(ReferralSchema) })),
    /** The batch's materials by the legal level of their 设定依据 (domain.md §14). */
    byLegalLevel: z.record(z.string(), LevelCountSchema),
    needsLegalReview: z.number().int(),
  })
  .openapi('LegalReferrals');

/** The batch's statistics by legal level, and 建议上级取消 (domain.md §14) as JSON and as Excel. */
export function registerReferralRoutes(app: App, deps: Deps) {
  const tally = async (batchId: string) => {
    const all = await deps.store.allMaterials(batchId);
    return tallyLegalBases(
      all.map((m) => m.material),
      all.map((m) => m.decision),
    );
  };

  app.openapi(
    createRoute({
      middleware: [allow(['admin', 'reviewer', 'legal', 'department'])],
      method: 'get',
      path: '/api/batches/{batchId}/legal-levels',
      tags,
      security,
      summary: '按设定依据效力层级的统计 Materials by the legal level of their basis (domain.md §14)',
      request: { params },
      responses: {
        200: {
          description: 'counts per level',
          content: { 'application/json': { schema: z.record(z.string(), LevelCountSchema) } },
        },
        ...problems(401, 404),
      },
    }),
    async (c) => {
      const { batchId } = c.req.valid('param');
      await requireBatch(deps.store, batchId);
      // Counted by the database like the summary: the batch page is read by many.
      return c.json(await deps.store.countLegalLevels(batchId), 200);
    },
  );

  app.openapi(
    createRoute({
      middleware: [allow(PERMISSIONS['legal.read'])],
      method: 'get',
      path: '/api/batches/{batchId}/referrals',
      tags,
      security,
      summary: '建议上级取消与按效力层级的统计 Referrals to issuers, and materials by legal level',
      request: { params },
      responses: {
        200: { description: 'referrals', content: { 'application/json': { schema: ReferralsSchema } } },
        ...problems(401, 403, 404),
      },
    }),
    async (c) => {
      const { batchId } = c.req.valid('param');
      await requireBatch(deps.store, batchId);
      return c.json(await tally(batchId), 200);
    },
  );

  app.openapi(
    createRoute({
      middleware: [allow(PERMISSIONS['legal.read'])],
      method: 'get',
      path: '/api/batches/{batchId}/referrals/xlsx',
      tags,
      security,
      summary: '建议上级取消 Excel The referrals as a workbook',
      request: { params },
      responses: {
        200: {
          description: 'xlsx',
          content: {
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
              schema: z.string().openapi({ format: 'binary' }),
            },
          },
        },
        ...problems(401, 403, 404),
      },
    }),
    async (c) => {
      const { batchId } = c.req.valid('param');
      const batch = await requireBatch(deps.store, batchId);
      const { referrals } = await tally(batchId);
      const bytes = await createReferralsWorkbook(referrals, {
        jurisdiction: batch.jurisdiction.name,
        title: batch.title,
      });
      const name = `${batch.jurisdiction.name}-${batch.title}-建议上级取消.xlsx`;
      return new Response(bytes, {
        headers: {
          'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'content-disposition': contentDisposition('attachment', name, `${batchId}-referrals.xlsx`),
        },
      }) as never;
    },
  );
}

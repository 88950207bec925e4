import { z } from '@hono/zod-openapi';
import { BatchIdParam } from '../schemas';

/** At least how many other jurisdictions cancelled a material for it to be a finding. */
export const K = z.coerce
  .number()
  .int()
  .min(1)
  .max(100)
  .default(2)
  .openapi({ description: '至少几个其他地区已取消才列为发现 (k, default 2)', example: 2 });

/** The body of POST /api/comparisons: validated on the comparison's worker thread, documented here. */
export const ComparisonBody = z
  .object({
    batches: z
      .array(BatchIdParam)
      .max(100)
      .optional()
      .openapi({ description: '本库中已公布的批次（各取最新版）；省略时为全部已公布批次' }),
    publications: z
      .array(z.object({}).loose())
      .max(100)
      .default([])
      .openapi({ description: '其他地区的发布文件（jianzheng publish 的 v<N>.json 内容），逐一校验' }),
    minCancelledElsewhere: K,
  })
  .strict();

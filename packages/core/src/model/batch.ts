import { z } from 'zod';

/** The review stages of a batch (domain.md §5), in order. */
export const BATCH_STAGES = [
  'draft',
  'centralized-review',
  'department-confirmed',
  'public-comment',
  'legal-review',
  'approved',
  'published',
] as const;
export const BatchStageSchema = z.enum(BATCH_STAGES);
export type BatchStage = z.infer<typeof BatchStageSchema>;

/** How a stage is named in zh-CN messages (domain.md §5); ids stay for machines and English. */
export const BATCH_STAGE_LABELS_ZH: Readonly<Record<BatchStage, string>> = {
  draft: '草稿',
  'centralized-review': '集中审核',
  'department-confirmed': '协商确认',
  'public-comment': '公开征求意见',
  'legal-review': '合法性审查',
  approved: '常务会议审议通过',
  published: '已公布',
};

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}/, '日期应为 ISO 格式 YYYY-MM-DD');

/** 批次: a set of departments whose lists are reviewed and published together. */
export const BatchSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, '批次编号只能包含字母、数字、点、下划线和连字符'),
    title: z.string().min(1),
    departments: z.array(z.string().min(1)),
    stage: BatchStageSchema,
    /** 文号 of the government document that publishes it. */
    documentNumber: z.string().optional(),
    createdAt: IsoDate.optional(),
    approvedAt: IsoDate.optional(),
    publishedAt: IsoDate.optional(),
  })
  .strict();
export type Batch = z.infer<typeof BatchSchema>;

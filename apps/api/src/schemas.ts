import { z } from '@hono/zod-openapi';
import {
  AgreementSchema,
  DecisionSchema,
  DecisionStatusSchema,
  JurisdictionSchema,
  MaterialSchema,
  VerdictSchema,
} from '@jianzheng/core';

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().openapi({ description: 'zh-CN first' }),
    detailEn: z.string().optional(),
    code: z.string().openapi({ description: 'stable error code, e.g. VERSION_CONFLICT' }),
    issues: z
      .array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() }))
      .optional(),
  })
  .loose()
  .openapi('Problem');

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

/** The error responses a route may give, for the OpenAPI document. */
export function problems(...statuses: number[]) {
  const text: Record<number, string> = {
    400: '请求无效 (validation failed; issues carry zod paths)',
    401: '未登录或令牌无效',
    403: '无权限（角色或部门不符）',
    404: '不存在',
    409: '冲突（版本不符、阶段不允许、守卫未通过）',
    413: '上传超过大小上限',
    422: '内容无法处理（工作簿有错误等）',
    428: '缺少 If-Match',
    429: '提交过于频繁',
    503: '暂不可用（如检索索引正在建立），见 Retry-After',
  };
  return Object.fromEntries(statuses.map((s) => [s, problem(text[s] ?? 'error')]));
}

export const BatchIdParam = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, '批次编号只能包含字母、数字、点、下划线和连字符')
  .openapi({ param: { name: 'batchId', in: 'path' }, example: '2018-1' });

export const BatchCreateSchema = z
  .object({
    id: BatchIdParam.optional().openapi({ description: '省略时自动生成' }),
    title: z.string().trim().min(1, '标题不能为空').max(200),
    // z.optional of this zod, not core's .optional(): installed as separate global packages, core
    // may carry its own copy of zod, which @hono/zod-openapi has not given .openapi().
    jurisdiction: z.optional(JurisdictionSchema).openapi({ description: '省略时使用配置中的辖区' }),
    departments: z.array(z.string().trim().min(1)).min(1, '至少一个部门').max(500),
  })
  .strict()
  .openapi('BatchCreate');

export const BatchSchemaOut = z
  .object({
    id: z.string(),
    title: z.string(),
    jurisdiction: JurisdictionSchema,
    departments: z.array(z.string()),
    stage: z.string(),
    details: z.record(z.string(), z.unknown()),
    allowedActions: z.array(z.string()),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Batch');

export const MaterialOutSchema = z
  .object({
    material: MaterialSchema,
    decision: DecisionSchema,
    annotation: z.object({ note: z.string(), by: z.string(), at: z.string() }).nullable(),
    version: z.number().int(),
    etag: z.string(),
  })
  .openapi('MaterialRecord');

export const MaterialQuerySchema = z.object({
  department: z.string().optional(),
  verdict: VerdictSchema.optional(),
  category: z.string().optional(),
  agreement: AgreementSchema.optional(),
  status: DecisionStatusSchema.optional(),
  q: z.string().max(100).optional().openapi({ description: '事项或材料名称包含的文字' }),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

export const pageOf = <T extends z.ZodTypeAny>(item: T, name: string) =>
  z
    .object({
      total: z.number().int(),
      page: z.number().int(),
      pageSize: z.number().int(),
      items: z.array(item),
    })
    .openapi(name);

export const ImportIssueSchema = z
  .object({
    severity: z.enum(['error', 'warning', 'info']),
    code: z.string(),
    file: z.string(),
    sheet: z.string().nullable(),
    row: z.number().nullable(),
    column: z.string().nullable(),
    message: z.string(),
    messageEn: z.string(),
  })
  .openapi('ImportIssue');

export const ImportFileResultSchema = z
  .object({
    file: z.string(),
    ok: z.boolean(),
    departments: z.array(z.string()),
    materials: z.number().int(),
    added: z.number().int(),
    updated: z.number().int(),
    removed: z.number().int(),
    keptDecisions: z.number().int(),
    issues: z.array(ImportIssueSchema),
  })
  .openapi('ImportFileResult');

export const CommentSchema = z
  .object({
    id: z.number().int(),
    batchId: z.string(),
    materialId: z.string(),
    body: z.string(),
    author: z.string().nullable(),
    createdAt: z.string(),
    answer: z.string().nullable(),
    answeredBy: z.string().nullable(),
    answeredAt: z.string().nullable(),
  })
  .openapi('Comment');

export const PublicationMetaSchema = z
  .object({
    batchId: z.string(),
    version: z.number().int(),
    publishedAt: z.string(),
    documentNumber: z.string().nullable(),
    reason: z.string().nullable(),
    sha256: z.string(),
    links: z.object({ json: z.string(), xlsx: z.string(), diff: z.string().nullable() }),
  })
  .openapi('PublicationMeta');

export const AuditEntrySchema = z
  .object({
    seq: z.number().int(),
    at: z.string(),
    actor: z.string(),
    role: z.string(),
    action: z.string(),
    batchId: z.string().nullable(),
    target: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
  })
  .openapi('AuditEntry');

export const TransitionRecordSchema = z
  .object({
    seq: z.number().int(),
    action: z.string(),
    from: z.string(),
    to: z.string(),
    fields: z.record(z.string(), z.string()),
    actor: z.string(),
    at: z.string(),
  })
  .openapi('Transition');

/** A multipart upload of one or more workbooks in the field `files`. */
export const UploadBody = {
  required: true,
  content: {
    'multipart/form-data': {
      schema: z.object({
        files: z
          .union([z.instanceof(File), z.array(z.instanceof(File))])
          .openapi({ type: 'array', items: { type: 'string', format: 'binary' } }),
        department: z.string().trim().min(1).max(200).optional().openapi({
          description:
            '这些文件所属的部门：文件中有其他部门的事项即拒绝（403）；部门令牌默认为本部门。The department the files are for (a department token: its own).',
        }),
      }),
    },
  },
} as const;

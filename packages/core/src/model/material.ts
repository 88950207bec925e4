import { z } from 'zod';
import { ServiceItemSchema } from './service-item';
import { YesNoSchema } from './yes-no';

export const MATERIAL_SOURCES = ['申请人自备', '政府部门核发', '中介机构出具', '其他'] as const;
export const MaterialSourceSchema = z.enum(MATERIAL_SOURCES);
export type MaterialSource = z.infer<typeof MaterialSourceSchema>;

export const ProposalSchema = z.enum(['retain', 'cancel', 'unknown']);
export type Proposal = z.infer<typeof ProposalSchema>;

/** 申请材料 with the facts the rules read (domain.md §2). */
export const MaterialSchema = z
  .object({
    /** Stable id, see `materialId` (domain.md §6). */
    id: z.string().min(1),
    item: ServiceItemSchema,
    name: z.string().min(1),
    source: MaterialSourceSchema.optional(),
    issuer: z.string().optional(),
    legalBasis: z.string().optional(),
    necessary: YesNoSchema,
    shareable: YesNoSchema,
    internalQuery: YesNoSchema,
    commitment: YesNoSchema,
    superiorCancelled: YesNoSchema,
    /** The text written in 上级已取消 (a document number such as 皖政办秘〔2018〕247号). */
    superiorReference: z.string().optional(),
    departmentProposal: ProposalSchema,
    proposedMethod: z.string().optional(),
    notes: z.string().optional(),
  })
  .strict();
export type Material = z.infer<typeof MaterialSchema>;

/** A material before its id is assigned, with every fact optional (unknown when absent). */
export type MaterialInput = Omit<
  Material,
  | 'id'
  | 'necessary'
  | 'shareable'
  | 'internalQuery'
  | 'commitment'
  | 'superiorCancelled'
  | 'departmentProposal'
> &
  Partial<
    Pick<
      Material,
      | 'id'
      | 'necessary'
      | 'shareable'
      | 'internalQuery'
      | 'commitment'
      | 'superiorCancelled'
      | 'departmentProposal'
    >
  >;

const SOURCE_ALIASES: Record<string, MaterialSource> = {
  申请人自备: '申请人自备',
  申请人提供: '申请人自备',
  自备: '申请人自备',
  申请人: '申请人自备',
  政府部门核发: '政府部门核发',
  政府部门: '政府部门核发',
  部门核发: '政府部门核发',
  中介机构出具: '中介机构出具',
  中介机构: '中介机构出具',
  中介: '中介机构出具',
  其他: '其他',
  其它: '其他',
};

/** Reads 材料来源; `申请人提供` means 申请人自备. `undefined` for text that is no known source. */
export function parseSource(text: string | undefined | null): MaterialSource | undefined {
  if (!text) return undefined;
  return SOURCE_ALIASES[String(text).normalize('NFKC').replace(/\s+/g, '')];
}

const NO_LEGAL_BASIS = new Set(['', '无', '暂无', '没有', '-', '—', '/', '无依据', '--', '——']);

/** True when 设定依据 is blank or one of 无, 暂无, 没有, -, —, /, 无依据 (domain.md §2). */
export function isLegalBasisNone(text: string | undefined | null): boolean {
  if (text == null) return true;
  // Real legal bases are long citations; only short text can be one of the "none" words.
  if (text.length > 8) return false;
  return NO_LEGAL_BASIS.has(String(text).normalize('NFKC').replace(/\s+/g, ''));
}

/**
 * Reads 清理意见: 保留 → retain; 取消, 拟取消, 建议取消 … → cancel; blank → unknown.
 * `undefined` for text that says neither.
 */
export function parseProposal(text: string | undefined | null): Proposal | undefined {
  if (text == null) return 'unknown';
  const value = String(text).normalize('NFKC').replace(/\s+/g, '');
  if (value === '') return 'unknown';
  if (/不予?取消|保留|不取消|继续保留/.test(value)) return 'retain';
  if (/取消|删除|免于提交|免提交/.test(value)) return 'cancel';
  return undefined;
}

/** Parses 上级已取消: blank → unknown, 否 → no, anything else → yes, kept as the reference. */
export function parseSuperiorCancelled(text: string | undefined | null): {
  value: Material['superiorCancelled'];
  reference?: string;
} {
  const raw = text == null ? '' : String(text).trim();
  if (raw === '') return { value: 'unknown' };
  const compact = raw.normalize('NFKC').replace(/\s+/g, '');
  if (compact === '否' || compact === '无' || compact === 'N' || compact === 'n' || compact === '×')
    return { value: 'no' };
  if (compact === '是' || compact === 'Y' || compact === 'y' || compact === '√') return { value: 'yes' };
  return { value: 'yes', reference: raw };
}

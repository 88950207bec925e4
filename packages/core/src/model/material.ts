import { z } from 'zod';
import { splitAlternatives } from '../normalize/alternatives';
import { ServiceItemSchema } from './service-item';
import { YesNoSchema } from './yes-no';

export const MATERIAL_SOURCES = ['申请人自备', '政府部门核发', '中介机构出具', '其他'] as const;
export const MaterialSourceSchema = z.enum(MATERIAL_SOURCES);
export type MaterialSource = z.infer<typeof MaterialSourceSchema>;

export const ProposalSchema = z.enum(['retain', 'cancel', 'unknown']);
export type Proposal = z.infer<typeof ProposalSchema>;

/**
 * 申请材料 with the facts the rules read (domain.md §2). Every key is always present (`null` where
 * a value is absent): build materials with `createMaterial` so that all of them share one object
 * shape, which is what lets the engine read their fields at full speed.
 */
export const MaterialSchema = z
  .object({
    /** Stable id, see `materialId` (domain.md §6). */
    id: z.string().min(1),
    item: ServiceItemSchema,
    name: z.string().min(1),
    /**
     * The alternatives a cell names (`居民身份证或户口簿`), each normalized (domain.md §10);
     * `null` when the cell names one material.
     */
    alternatives: z.array(z.string().min(1)).min(2).nullable(),
    source: MaterialSourceSchema.nullable(),
    issuer: z.string().nullable(),
    legalBasis: z.string().nullable(),
    necessary: YesNoSchema,
    shareable: YesNoSchema,
    internalQuery: YesNoSchema,
    commitment: YesNoSchema,
    superiorCancelled: YesNoSchema,
    /** The text written in 上级已取消 (a document number such as 皖政办秘〔2018〕247号). */
    superiorReference: z.string().nullable(),
    departmentProposal: ProposalSchema,
    proposedMethod: z.string().nullable(),
    notes: z.string().nullable(),
  })
  .strict();
export type Material = z.infer<typeof MaterialSchema>;

type Optional<T> = { [K in keyof T]?: T[K] | undefined };

/**
 * A material as an importer or a caller writes it: item and name, every other field optional
 * (`undefined` or `null` when absent, unknown facts when not given).
 */
export type MaterialInput = Pick<Material, 'item' | 'name'> & Optional<Omit<Material, 'item' | 'name'>>;

/**
 * The one place a material object is built: a fixed object literal with every field present, in
 * one order, so all materials share one hidden class (V8 gives `{ ...input }` copies of differently
 * shaped inputs a class each, and every field read in the engine then takes the slow path).
 * `alternatives` is split from the name unless given.
 */
export function createMaterial(input: MaterialInput, id: string = input.id ?? ''): Material {
  return {
    id,
    item: input.item,
    name: input.name,
    alternatives: input.alternatives === undefined ? splitAlternatives(input.name) : input.alternatives,
    source: input.source ?? null,
    issuer: input.issuer ?? null,
    legalBasis: input.legalBasis ?? null,
    necessary: input.necessary ?? 'unknown',
    shareable: input.shareable ?? 'unknown',
    internalQuery: input.internalQuery ?? 'unknown',
    commitment: input.commitment ?? 'unknown',
    superiorCancelled: input.superiorCancelled ?? 'unknown',
    superiorReference: input.superiorReference ?? null,
    departmentProposal: input.departmentProposal ?? 'unknown',
    proposedMethod: input.proposedMethod ?? null,
    notes: input.notes ?? null,
  };
}

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

const SUPERIOR_NO = new Set([
  '否',
  '无',
  'N',
  'n',
  '×',
  'x',
  'X',
  '/',
  '-',
  '--',
  '—',
  '——',
  '－',
  '／',
  '不是',
  '没有',
  '暂无',
  '未取消',
  '不适用',
  '无需',
  '无此情况',
  '尚未取消',
  '没有取消',
  '未',
]);
const SUPERIOR_YES = new Set(['是', 'Y', 'y', '√', '✓', '✔']);
// 未取消, 不适用, 没有…, 尚未… in a longer text still say it was not cancelled.
const SUPERIOR_NEGATION = /^(?:未|没有|尚未|不适用|无|暂无|否)|未取消|没有取消|不适用|尚未取消/;
// A document: 《…》, or a 文号 such as 皖政办秘〔2018〕247号 / 国发[2018]12号.
const SUPERIOR_DOCUMENT =
  /《[^》]+》|[\u4e00-\u9fa5]{1,12}[〔[［(（【]\s*(?:19|20)\d{2}\s*[〕\]］)）】]\s*[0-9０-９]+\s*号/;

/**
 * Parses a 上级已取消 cell (domain.md §8): a blank cell, 否, ×, N, 无, /, — and any text saying it
 * was not cancelled or does not apply (未取消, 不适用, 没有, 暂无) → no; 是, √, Y → yes; a text naming
 * a document (《…》 or a 文号) → yes, kept as the reference; any other text → unknown with
 * `unrecognised` set, so the importer warns instead of guessing. No cell at all (`null` or
 * `undefined`: the sheet has no such column) → unknown: nothing was said.
 */
export function parseSuperiorCancelled(text: string | undefined | null): {
  value: Material['superiorCancelled'];
  reference?: string;
  unrecognised?: true;
} {
  if (text == null) return { value: 'unknown' };
  const raw = String(text).trim();
  if (raw === '') return { value: 'no' };
  const compact = raw.normalize('NFKC').replace(/\s+/g, '');
  if (SUPERIOR_NO.has(compact)) return { value: 'no' };
  if (SUPERIOR_YES.has(compact)) return { value: 'yes' };
  if (SUPERIOR_NEGATION.test(compact)) return { value: 'no' };
  if (SUPERIOR_DOCUMENT.test(raw) || SUPERIOR_DOCUMENT.test(compact)) return { value: 'yes', reference: raw };
  return { value: 'unknown', unrecognised: true };
}

import { z } from 'zod';
import { LocalizedTextSchema } from './localized';

/** A category id: lowercase words joined by hyphens, stable across versions. */
export const CategoryIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, '类别编号应为小写字母和连字符');

export const CategoryDefinitionSchema = z
  .object({ id: CategoryIdSchema, label: LocalizedTextSchema })
  .strict();
/** A cancellation category: why a material is cancelled, and so how the office gets the information. */
export type CategoryDefinition = z.infer<typeof CategoryDefinitionSchema>;

/** The seven categories of the 宿州 list (domain.md §3), in the press release's order. */
export const DEFAULT_CATEGORIES: readonly CategoryDefinition[] = [
  { id: 'information-sharing', label: { zh: '通过信息共享获取', en: 'obtained through data sharing' } },
  { id: 'internal-query', label: { zh: '改为部门内部查询', en: 'replaced by internal department query' } },
  {
    id: 'commitment',
    label: { zh: '改为申请人书面承诺、事中事后核查', en: 'replaced by written commitment with later checks' },
  },
  { id: 'no-legal-basis', label: { zh: '无法律法规依据', en: 'no legal basis' } },
  { id: 'not-necessary', label: { zh: '非办事必要条件', en: 'not necessary for the service' } },
  { id: 'duplicate', label: { zh: '重复设置', en: 'duplicated requirement' } },
  {
    id: 'superior-decision',
    label: { zh: '依据上级有关文件取消', en: "cancelled by a superior authority's documents" },
  },
];

export type DefaultCategoryId =
  | 'information-sharing'
  | 'internal-query'
  | 'commitment'
  | 'no-legal-basis'
  | 'not-necessary'
  | 'duplicate'
  | 'superior-decision';

/** Declares an extra category for a city's own rules. */
export function defineCategory(definition: CategoryDefinition): CategoryDefinition {
  return CategoryDefinitionSchema.parse(definition);
}

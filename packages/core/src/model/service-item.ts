import { z } from 'zod';
import { COMMITMENT_DOMAINS } from '../catalogs/commitment-domains';

export const ITEM_TYPES = [
  '行政许可',
  '行政确认',
  '行政裁决',
  '行政给付',
  '行政奖励',
  '行政备案',
  '其他行政权力',
  '公共服务',
] as const;
export const ItemTypeSchema = z.enum(ITEM_TYPES);
export type ItemType = z.infer<typeof ItemTypeSchema>;

/** 政务服务事项: identified by department plus code, or plus name when there is no code. */
export const ServiceItemSchema = z
  .object({
    department: z.string().min(1),
    code: z.string().min(1).optional(),
    name: z.string().min(1),
    type: ItemTypeSchema.optional(),
    /**
     * The 国办发〔2020〕42号 domain a reviewer marked the item as (国家安全, 公共安全 …), where no
     * keyword in its name gives it away: 告知承诺 then does not apply (domain.md §11).
     */
    domain: z.enum(COMMITMENT_DOMAINS).optional(),
  })
  .strict();
export type ServiceItem = z.infer<typeof ServiceItemSchema>;

/** Reads an item-type cell; `undefined` when it is none of the eight types. */
export function parseItemType(text: string | undefined | null): ItemType | undefined {
  if (!text) return undefined;
  const value = String(text).normalize('NFKC').replace(/\s+/g, '');
  return (ITEM_TYPES as readonly string[]).includes(value) ? (value as ItemType) : undefined;
}

/** The key that groups materials into an item: department, then code or name. */
export function itemKey(item: Pick<ServiceItem, 'department' | 'code' | 'name'>): string {
  return `${item.department.trim()}|${(item.code || item.name).trim()}`;
}

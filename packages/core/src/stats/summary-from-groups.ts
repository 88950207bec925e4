import { DEFAULT_CATEGORIES } from '../model/category';
import type { Agreement, Decision, Verdict } from '../model/decision';
import type { Material } from '../model/material';
import { itemKey } from '../model/service-item';
import type { SummarizeOptions, Summary } from './summarize';
import {
  countInto,
  emptyAgreement,
  emptyCounts,
  type SliceCounts,
  sliceOf,
  totalsOf,
  UNTYPED_ITEM_TYPE,
} from './summary-accumulator';

/**
 * The values a store keeps beside a material so that statistics are SQL aggregates over indexed
 * columns: the item key `summarize` counts items by, the item type it slices by (untyped ones
 * under `UNTYPED_ITEM_TYPE`), and the decision's `effectiveFrom` (a blank one is none).
 */
export function materialStatsValues(
  material: Pick<Material, 'item'>,
  decision: Pick<Decision, 'effectiveFrom'>,
): { itemKey: string; itemType: string; effectiveFrom: string | null } {
  return {
    itemKey: itemKey(material.item),
    itemType: material.item.type ?? UNTYPED_ITEM_TYPE,
    effectiveFrom: decision.effectiveFrom || null,
  };
}

/**
 * The characters JavaScript's `trim()` removes (what `itemKey` trims), for a store migration that
 * derives item keys of stored rows in SQL.
 */
export const TRIM_CHARACTERS =
  ' \t\n\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';

/**
 * One row of a store's `GROUP BY department, item type, verdict, category, agreement, planned`:
 * how many materials share these values, and the smallest list position (`seq`) among them, which
 * orders departments, item types and extra categories as `summarize` meets them.
 */
export interface MaterialGroupCount {
  department: string;
  itemType: string;
  verdict: Verdict;
  /** The category of a cancellation (`uncategorized` when it has none); null for a retained one. */
  category: string | null;
  agreement: Agreement;
  /** A cancellation whose `effectiveFrom` is after the day counted (or any, without a day). */
  planned: boolean;
  materials: number;
  firstSeq: number;
}

/** Distinct items (item keys) of the whole list, per department and per item type. */
export interface ItemCounts {
  whole: number;
  byDepartment: ReadonlyMap<string, number>;
  byItemType: ReadonlyMap<string, number>;
}

/**
 * Builds exactly what core's `summarize` returns for the same records from a store's grouped
 * counts, so statistics never need the materials themselves. `options` as for `summarize`; the
 * store applied `asOf` when it decided which rows are `planned`.
 */
export function summaryFromGroups(
  groups: readonly MaterialGroupCount[],
  items: ItemCounts,
  options: Pick<SummarizeOptions, 'categories'> = {},
): Summary {
  const categoryIds = [...(options.categories ?? DEFAULT_CATEGORIES.map((c) => c.id))];
  const whole = emptyCounts(categoryIds);
  const departments = new Map<string, SliceCounts>();
  const itemTypes = new Map<string, SliceCounts>();
  const agreement = emptyAgreement();
  const slice = (map: Map<string, SliceCounts>, key: string) =>
    sliceOf(map, key, () => emptyCounts(categoryIds));
  // In list order, so that slices and extra categories appear where `summarize` first meets them.
  for (const g of [...groups].sort((a, b) => a.firstSeq - b.firstSeq)) {
    for (const acc of [whole, slice(departments, g.department), slice(itemTypes, g.itemType)]) {
      countInto(acc, g.materials, g.verdict, g.category, g.planned);
    }
    agreement[g.agreement] += g.materials;
  }
  return {
    departments: departments.size,
    ...totalsOf(whole, items.whole),
    byDepartment: [...departments].map(([department, acc]) => ({
      department,
      ...totalsOf(acc, items.byDepartment.get(department) ?? 0),
    })),
    byItemType: [...itemTypes].map(([itemType, acc]) => ({
      itemType,
      ...totalsOf(acc, items.byItemType.get(itemType) ?? 0),
    })),
    agreement,
  };
}

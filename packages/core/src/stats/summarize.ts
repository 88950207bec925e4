import { DEFAULT_CATEGORIES } from '../model/category';
import type { Agreement, Decision } from '../model/decision';
import type { Material } from '../model/material';
import { itemKey } from '../model/service-item';
import { cancellationRate } from './format-rate';

/** Counts for one slice of the list (a department, an item type, or the whole). */
export interface Totals {
  items: number;
  materials: number;
  cancelled: number;
  retained: number;
  /** Percentage with one decimal: 29.6 means 29.6 %. */
  cancellationRate: number;
  byCategory: Record<string, number>;
}

export interface Summary extends Totals {
  departments: number;
  byDepartment: Array<Totals & { department: string }>;
  byItemType: Array<Totals & { itemType: string }>;
  agreement: Record<Agreement, number>;
}

export interface SummarizeOptions {
  /** Category ids to list (with 0) even when nothing falls in them; defaults to the seven. */
  categories?: readonly string[];
}

interface Accumulator {
  items: Set<string>;
  materials: number;
  cancelled: number;
  byCategory: Record<string, number>;
}

const UNTYPED = '未分类';

/**
 * Statistics of domain.md §7 from materials and their decisions (matched by `materialId`, so the
 * two lists need not be in the same order). Departments and item types come in first-seen order.
 */
export function summarize(
  materials: readonly Material[],
  decisions: readonly Decision[],
  options: SummarizeOptions = {},
): Summary {
  const categoryIds = options.categories ?? DEFAULT_CATEGORIES.map((c) => c.id);
  const emptyCategories = () =>
    Object.fromEntries(categoryIds.map((id) => [id, 0])) as Record<string, number>;
  const fresh = (): Accumulator => ({
    items: new Set(),
    materials: 0,
    cancelled: 0,
    byCategory: emptyCategories(),
  });

  const decisionById = new Map<string, Decision>();
  for (const decision of decisions) decisionById.set(decision.materialId, decision);

  const whole = fresh();
  const departments = new Map<string, Accumulator>();
  const itemTypes = new Map<string, Accumulator>();
  const agreement: Record<Agreement, number> = {
    agree: 0,
    'engine-cancels': 0,
    'department-cancels': 0,
    'no-proposal': 0,
  };

  const slice = (map: Map<string, Accumulator>, key: string): Accumulator => {
    let acc = map.get(key);
    if (acc === undefined) {
      acc = fresh();
      map.set(key, acc);
    }
    return acc;
  };

  for (const material of materials) {
    const decision = decisionById.get(material.id);
    const key = itemKey(material.item);
    const department = material.item.department;
    const type = material.item.type ?? UNTYPED;
    for (const acc of [whole, slice(departments, department), slice(itemTypes, type)]) {
      acc.items.add(key);
      acc.materials++;
      if (decision?.verdict === 'cancel') {
        acc.cancelled++;
        const category = decision.category ?? 'uncategorized';
        acc.byCategory[category] = (acc.byCategory[category] ?? 0) + 1;
      }
    }
    if (decision) agreement[decision.agreement]++;
  }

  const totals = (acc: Accumulator): Totals => ({
    items: acc.items.size,
    materials: acc.materials,
    cancelled: acc.cancelled,
    retained: acc.materials - acc.cancelled,
    cancellationRate: cancellationRate(acc.cancelled, acc.materials),
    byCategory: acc.byCategory,
  });

  return {
    departments: departments.size,
    ...totals(whole),
    byDepartment: [...departments].map(([department, acc]) => ({ department, ...totals(acc) })),
    byItemType: [...itemTypes].map(([itemType, acc]) => ({ itemType, ...totals(acc) })),
    agreement,
  };
}

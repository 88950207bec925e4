import type { Agreement, Decision } from '../model/decision';
import type { Material } from '../model/material';
import { createSummaryAccumulator } from './summary-accumulator';

/** Counts for one slice of the list (a department, an item type, or the whole). */
export interface Totals {
  items: number;
  materials: number;
  /** Cancelled materials, effective and planned together (domain.md §10). */
  cancelled: number;
  /** Cancelled and in force on the day counted. */
  effective: number;
  /** Planned cancellations (计划取消): cancelled from a later `effectiveFrom`. */
  planned: number;
  retained: number;
  /** Percentage with one decimal: 29.6 means 29.6 %. */
  cancellationRate: number;
  /**
   * Planned cancellations (计划取消, §10) ÷ materials, percentage with one decimal. The seed's
   * 1,761 / 10,107 = 17.4 % are proposals (拟取消) across the programme: `programmeFigures`' proposedRate.
   */
  plannedRate: number;
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
  /**
   * The day (YYYY-MM-DD) counted for: a cancellation whose `effectiveFrom` is later is planned.
   * Without it, every cancellation that carries an `effectiveFrom` counts as planned.
   */
  asOf?: string;
}

/**
 * Statistics of domain.md §7 from materials and their decisions (matched by `materialId`, so the
 * two lists need not be in the same order). Departments and item types come in first-seen order.
 * The whole arrays fed to `createSummaryAccumulator`; use that directly to count item by item.
 */
export function summarize(
  materials: readonly Material[],
  decisions: readonly Decision[],
  options: SummarizeOptions = {},
): Summary {
  const decisionById = new Map<string, Decision>();
  for (const decision of decisions) decisionById.set(decision.materialId, decision);
  const accumulator = createSummaryAccumulator(options);
  for (const material of materials) accumulator.add(material, decisionById.get(material.id));
  return accumulator.result();
}

import type { BatchStage } from '../model/batch';
import { cancellationRate } from '../stats/format-rate';
import type { Programme, ProgrammeRound, UnitState } from './model';

/** One department's inventory as counted in a batch (or in workbooks: `batch` null). */
export interface InventoryCounts {
  batch: string | null;
  department: string;
  items: number;
  materials: number;
  /** Materials whose current decision is cancel (拟取消). */
  proposed: number;
}

/** One department's figures in a batch's latest publication (its summary's byDepartment). */
export interface PublishedCounts {
  department: string;
  materials: number;
  cancelled: number;
}

/** What a store (or the workbooks) holds about one batch of the programme. */
export interface BatchFacts {
  id: string;
  /** The stage the store records; absent → the programme's own `stage`. */
  stage?: BatchStage;
  /** The batch's title where the store keeps it (wins over the programme's). */
  title?: string;
  /** The latest publication's counts per department; null while unpublished. */
  published: readonly PublishedCounts[] | null;
}

export interface ProgrammeFacts {
  inventory: readonly InventoryCounts[];
  batches?: readonly BatchFacts[];
}

export interface UnitFigures {
  name: string;
  state: UnitState;
  batch: string | null;
  batchTitle: string | null;
  stage: BatchStage | null;
  items: number;
  materials: number;
  proposed: number;
  /** proposed ÷ materials, one decimal. */
  proposedRate: number;
  /** Cancelled in its batch's latest publication; null while that batch is unpublished. */
  cancelled: number | null;
  /** Materials of the unit in that publication; null while unpublished. */
  publishedMaterials: number | null;
}

export interface BatchFigures {
  id: string;
  title: string;
  stage: BatchStage;
  units: number;
  submitted: number;
  materials: number;
  proposed: number;
  /** Null while unpublished. */
  published: { materials: number; cancelled: number; rate: number } | null;
}

export interface RoundFigures {
  id: string;
  title: string;
  baseline: { materials: number; date: string };
  targetRate: number | null;
  /** Cut in this round: its batches' published cancellations plus `recordedCancelled`. */
  cancelled: number;
  /** This round's cut and every earlier round's measured from the same baseline. */
  cumulative: number;
  /** cumulative ÷ baseline, percentage with TWO decimals (4,075 / 6,693 → 60.88, domain.md §16). */
  reductionRate: number;
  /** Null when the round sets no target. */
  met: boolean | null;
  /** Materials still to cut to reach the target (0 when met; null without a target). */
  remaining: number | null;
}

export interface ProgrammeTotals {
  units: number;
  submitted: number;
  items: number;
  materials: number;
  proposed: number;
  proposedRate: number;
  /** Materials in published batches (as published). */
  publishedMaterials: number;
  cancelled: number;
  /** cancelled ÷ publishedMaterials, one decimal (1,290 / 4,363 → 29.6). */
  cancelledRate: number;
}

export interface ProgrammeFigures {
  id: string;
  title: string;
  totals: ProgrammeTotals;
  units: UnitFigures[];
  batches: BatchFigures[];
  rounds: RoundFigures[];
  /**
   * Departments the inventory holds that are no unit of the programme (or a unit's materials in a
   * batch other than its own): not counted above, listed so that nothing is dropped unsaid.
   */
  unlisted: InventoryCounts[];
}

/** A reduction rate with two decimals, rounded half up: 4,075 / 6,693 → 60.88. */
export function reductionRate(cut: number, baseline: number): number {
  if (baseline <= 0) return 0;
  return Math.round((cut * 10000) / baseline) / 100;
}

const sameBaseline = (a: ProgrammeRound, b: ProgrammeRound) =>
  a.baseline.materials === b.baseline.materials && a.baseline.date === b.baseline.date;

/**
 * The programme's figures (domain.md §16) from what a store or the workbooks hold: per unit its
 * state (已报送 once its inventory holds a material), materials, proposals and published
 * cancellations; totals; per batch; and per round the cumulative reduction against its baseline
 * with the target. Pure: the caller counts, this function only adds up.
 */
export function programmeFigures(programme: Programme, facts: ProgrammeFacts): ProgrammeFigures {
  const batchFacts = new Map((facts.batches ?? []).map((b) => [b.id, b]));
  const batchTitle = new Map(programme.batches.map((b) => [b.id, batchFacts.get(b.id)?.title ?? b.title]));
  const stageOf = (id: string): BatchStage =>
    batchFacts.get(id)?.stage ?? programme.batches.find((b) => b.id === id)?.stage ?? 'draft';
  const publishedOf = (id: string | null) => (id === null ? null : (batchFacts.get(id)?.published ?? null));

  const unitBatch = new Map(programme.units.map((u) => [u.name, u.batch]));
  const counted = new Map<string, { items: number; materials: number; proposed: number }>();
  const unlisted: InventoryCounts[] = [];
  for (const entry of facts.inventory) {
    const batch = unitBatch.get(entry.department);
    const mine = batch !== undefined && (entry.batch === null || entry.batch === batch);
    if (!mine) {
      unlisted.push({ ...entry });
      continue;
    }
    const sum = counted.get(entry.department) ?? { items: 0, materials: 0, proposed: 0 };
    sum.items += entry.items;
    sum.materials += entry.materials;
    sum.proposed += entry.proposed;
    counted.set(entry.department, sum);
  }

  const units: UnitFigures[] = programme.units.map((unit) => {
    const sum = counted.get(unit.name) ?? { items: 0, materials: 0, proposed: 0 };
    const published = publishedOf(unit.batch);
    const row = published?.find((p) => p.department === unit.name);
    return {
      name: unit.name,
      state: sum.materials > 0 ? 'submitted' : 'due',
      batch: unit.batch,
      batchTitle: unit.batch === null ? null : (batchTitle.get(unit.batch) ?? null),
      stage: unit.batch === null ? null : stageOf(unit.batch),
      ...sum,
      proposedRate: cancellationRate(sum.proposed, sum.materials),
      cancelled: published ? (row?.cancelled ?? 0) : null,
      publishedMaterials: published ? (row?.materials ?? 0) : null,
    };
  });

  const batches: BatchFigures[] = programme.batches.map((batch) => {
    const mine = units.filter((u) => u.batch === batch.id);
    const published = publishedOf(batch.id);
    const pubMaterials = published?.reduce((n, p) => n + p.materials, 0) ?? 0;
    const pubCancelled = published?.reduce((n, p) => n + p.cancelled, 0) ?? 0;
    return {
      id: batch.id,
      title: batchTitle.get(batch.id) ?? batch.title,
      stage: stageOf(batch.id),
      units: mine.length,
      submitted: mine.filter((u) => u.state === 'submitted').length,
      materials: mine.reduce((n, u) => n + u.materials, 0),
      proposed: mine.reduce((n, u) => n + u.proposed, 0),
      published: published
        ? {
            materials: pubMaterials,
            cancelled: pubCancelled,
            rate: cancellationRate(pubCancelled, pubMaterials),
          }
        : null,
    };
  });

  const rounds: RoundFigures[] = [];
  programme.rounds.forEach((round, i) => {
    const fromBatches = round.batches.reduce(
      (n, id) => n + (batches.find((b) => b.id === id)?.published?.cancelled ?? 0),
      0,
    );
    const cancelled = round.recordedCancelled + fromBatches;
    let cumulative = cancelled;
    for (let j = i - 1; j >= 0 && sameBaseline(programme.rounds[j]!, round); j--)
      cumulative += rounds[j]!.cancelled;
    const baseline = round.baseline.materials;
    const target = round.targetRate;
    const met = target === null ? null : cumulative * 100 >= target * baseline;
    rounds.push({
      id: round.id,
      title: round.title,
      baseline: { ...round.baseline },
      targetRate: round.targetRate,
      cancelled,
      cumulative,
      reductionRate: reductionRate(cumulative, baseline),
      met,
      remaining:
        target === null ? null : met ? 0 : Math.max(1, Math.ceil((target * baseline) / 100) - cumulative),
    });
  });

  const sum = (pick: (u: UnitFigures) => number | null) => units.reduce((n, u) => n + (pick(u) ?? 0), 0);
  const materials = sum((u) => u.materials);
  const proposed = sum((u) => u.proposed);
  const publishedMaterials = sum((u) => u.publishedMaterials);
  const cancelled = sum((u) => u.cancelled);
  return {
    id: programme.id,
    title: programme.title,
    totals: {
      units: units.length,
      submitted: units.filter((u) => u.state === 'submitted').length,
      items: sum((u) => u.items),
      materials,
      proposed,
      proposedRate: cancellationRate(proposed, materials),
      publishedMaterials,
      cancelled,
      cancelledRate: cancellationRate(cancelled, publishedMaterials),
    },
    units,
    batches,
    rounds,
    unlisted,
  };
}

import type { Decision, Verdict } from '../model/decision';
import type { Material } from '../model/material';
import { LEGAL_LEVELS, type LegalLevel, LegalLevelSchema } from './levels';

/** Materials of one legal level: how many, how many kept, how many cancelled. */
export interface LegalLevelCount {
  materials: number;
  retained: number;
  cancelled: number;
}

/** A retained material whose basis the city proposes its issuer cancel (建议上级取消). */
export interface Referral {
  department: string;
  itemCode: string | null;
  itemName: string;
  material: string;
  materialId: string;
  level: LegalLevel;
  instrument: string | null;
  documentNumber: string | null;
  article: string | null;
}

/** The referrals to one issuer (a ministry, the province …), in list order. */
export interface IssuerReferrals {
  issuer: string;
  materials: Referral[];
}

/** Every level, strongest first; `unassessed` counts decisions the rule did not assess. */
export type LegalLevelCounts = Record<LegalLevel | 'unassessed', LegalLevelCount>;

export interface LegalTally {
  byLegalLevel: LegalLevelCounts;
  /** Retained materials flagged `needs-legal-review`. */
  needsLegalReview: number;
  /** Retained materials flagged `refer-to-issuer`, per issuer (issuer order: most materials first). */
  referrals: IssuerReferrals[];
}

const UNKNOWN_ISSUER = '制定机关不详';

/**
 * Counts decisions by the legal level of their 设定依据 only — what a publication's summary holds:
 * nothing per material is kept, so a province's list costs ten counters.
 */
export function createLegalLevelCounter(): {
  add(decision: Pick<Decision, 'legalBasis' | 'verdict'>): void;
  result(): LegalLevelCounts;
} {
  const byLegalLevel = Object.fromEntries(
    [...LEGAL_LEVELS, 'unassessed'].map((level) => [level, { materials: 0, retained: 0, cancelled: 0 }]),
  ) as LegalLevelCounts;
  return {
    add(decision) {
      const count = byLegalLevel[decision.legalBasis?.level ?? 'unassessed'];
      count.materials++;
      if (decision.verdict === 'cancel') count.cancelled++;
      else count.retained++;
    },
    result: () => byLegalLevel,
  };
}

/** One row of a store's `GROUP BY` legal level, verdict: the level is null where none was assessed. */
export interface LegalLevelGroup {
  level: string | null;
  verdict: Verdict;
  materials: number;
}

/**
 * The same counts as `createLegalLevelCounter` from a store's grouped rows, so a page that shows
 * them never reads the materials. A level core does not know means the stored decision is not one
 * core wrote: refused, not counted somewhere else.
 */
export function legalLevelCountsFromGroups(groups: Iterable<LegalLevelGroup>): LegalLevelCounts {
  const counts = createLegalLevelCounter().result();
  for (const group of groups) {
    let key: LegalLevel | 'unassessed' = 'unassessed';
    if (group.level !== null) {
      const level = LegalLevelSchema.safeParse(group.level);
      if (!level.success) throw new Error(`stored decision with unknown legal level "${group.level}"`);
      key = level.data;
    }
    const count = counts[key];
    count.materials += group.materials;
    if (group.verdict === 'cancel') count.cancelled += group.materials;
    else count.retained += group.materials;
  }
  return counts;
}

/**
 * Counts decisions by the legal level of their 设定依据 (domain.md §14) and gathers the materials to
 * refer to their issuers, one material at a time, so a province's list need not be held at once.
 */
export function createLegalTally(): {
  add(material: Material, decision: Decision): void;
  result(): LegalTally;
} {
  const levels = createLegalLevelCounter();
  const byIssuer = new Map<string, Referral[]>();
  let needsLegalReview = 0;
  return {
    add(material, decision) {
      const basis = decision.legalBasis ?? null;
      levels.add(decision);
      if (decision.verdict !== 'retain' || !decision.flags) return;
      if (decision.flags.includes('needs-legal-review')) needsLegalReview++;
      if (!decision.flags.includes('refer-to-issuer') || basis === null) return;
      const issuer = basis.issuer ?? UNKNOWN_ISSUER;
      let list = byIssuer.get(issuer);
      if (list === undefined) {
        list = [];
        byIssuer.set(issuer, list);
      }
      list.push({
        department: material.item.department,
        itemCode: material.item.code ?? null,
        itemName: material.item.name,
        material: material.name,
        materialId: material.id,
        level: basis.level,
        instrument: basis.instrument,
        documentNumber: basis.documentNumber,
        article: basis.article,
      });
    },
    result() {
      const referrals = [...byIssuer.entries()]
        .map(([issuer, materials]) => ({ issuer, materials }))
        .sort((a, b) => b.materials.length - a.materials.length || a.issuer.localeCompare(b.issuer, 'zh'));
      return { byLegalLevel: levels.result(), needsLegalReview, referrals };
    },
  };
}

/** Tallies a whole list at once (see `createLegalTally`). */
export function tallyLegalBases(materials: readonly Material[], decisions: readonly Decision[]): LegalTally {
  const tally = createLegalTally();
  for (let i = 0; i < materials.length; i++) tally.add(materials[i]!, decisions[i]!);
  return tally.result();
}

import type { Publication, PublishedMaterial } from '@jianzheng/core';

/** Where a material sits in a publication, for people reading the diff. */
export interface DiffMaterialRef {
  id: string;
  department: string;
  item: { code: string | null; name: string };
  name: string;
}

/** A material present in only one of the two versions. */
export interface DiffPresenceEntry extends DiffMaterialRef {
  verdict: PublishedMaterial['verdict'];
  category: PublishedMaterial['category'];
}

/** A material whose verdict, category or planned date changed between the versions. */
export interface DiffVerdictEntry extends DiffMaterialRef {
  from: Pick<PublishedMaterial, 'verdict' | 'category' | 'ruleId' | 'effectiveFrom'>;
  to: Pick<PublishedMaterial, 'verdict' | 'category' | 'ruleId' | 'effectiveFrom'>;
}

/** The facts a diff compares besides the verdict. */
export const DIFF_FACT_FIELDS = ['name', 'source', 'issuer', 'legalBasis', 'replacement'] as const;
export type DiffFactField = (typeof DIFF_FACT_FIELDS)[number];

export interface DiffFactChange {
  field: DiffFactField;
  from: string | null;
  to: string | null;
}

export interface DiffFactsEntry extends DiffMaterialRef {
  changes: DiffFactChange[];
}

export interface DiffSide {
  batchId: string;
  version: number;
  publishedAt: string;
  sha256: string;
  materials: number;
  cancelled: number;
}

export interface PublicationDiff {
  from: DiffSide;
  to: DiffSide;
  /** Batch title of the newer version, for the heading of the notice. */
  title: string;
  /** Its adjustment reason (动态调整原因), when it has one. */
  adjustmentReason: string | null;
  /** In `b` only, in `b`'s order. */
  added: DiffPresenceEntry[];
  /** In `a` only, in `a`'s order. */
  removed: DiffPresenceEntry[];
  /** Retained in `a`, cancelled in `b`. */
  newlyCancelled: DiffVerdictEntry[];
  /** Cancelled in `a`, retained in `b`: a regression (边减边增) the notice must justify. */
  restored: DiffVerdictEntry[];
  /** Cancelled in both, under different categories. */
  recategorised: DiffVerdictEntry[];
  /** A planned cancellation (计划取消) in `a` that is in force in `b` (domain.md §10). */
  nowEffective: DiffVerdictEntry[];
  /**
   * A cancellation pushed later: planned from a later day in `b`, or in force in `a` and only
   * planned in `b`. Like `restored`, a regression the notice must justify.
   */
  postponed: DiffVerdictEntry[];
  /**
   * Present in both with a different name, source, issuer, legal basis or replacement (the
   * replacement only when verdict and category stayed: otherwise it follows from them).
   */
  changedFacts: DiffFactsEntry[];
  counts: {
    added: number;
    removed: number;
    newlyCancelled: number;
    restored: number;
    recategorised: number;
    nowEffective: number;
    postponed: number;
    changedFacts: number;
    /** Materials in both versions with nothing listed above. */
    unchanged: number;
  };
}

interface Located {
  ref: DiffMaterialRef;
  material: PublishedMaterial;
}

function index(pub: Publication): Map<string, Located> {
  const out = new Map<string, Located>();
  for (const department of pub.departments)
    for (const item of department.items)
      for (const material of item.materials)
        out.set(material.id, {
          ref: {
            id: material.id,
            department: department.name,
            item: { code: item.code, name: item.name },
            name: material.name,
          },
          material,
        });
  return out;
}

function side(pub: Publication): DiffSide {
  return {
    batchId: pub.batch.id,
    version: pub.version,
    publishedAt: pub.publishedAt,
    sha256: pub.sha256,
    materials: pub.summary.materials,
    cancelled: pub.summary.cancelled,
  };
}

const verdictOf = (m: PublishedMaterial) => ({
  verdict: m.verdict,
  category: m.category,
  ruleId: m.ruleId,
  effectiveFrom: m.effectiveFrom ?? null,
});

/** Planned cancellations of the two versions compared by their day (effective = no day). */
function plannedChange(old: PublishedMaterial, now: PublishedMaterial): 'now-effective' | 'postponed' | null {
  if (old.verdict !== 'cancel' || now.verdict !== 'cancel') return null;
  const from = old.effectiveFrom ?? null;
  const to = now.effectiveFrom ?? null;
  if (from === to) return null;
  if (to === null) return 'now-effective';
  if (from === null || to > from) return 'postponed';
  // Brought forward but still planned: the material is simply cancelled sooner.
  return null;
}

/**
 * What changed from publication `a` to publication `b`, keyed by the stable material id (so rows
 * moved within the list are not reported). One material can appear both in a verdict list and in
 * `changedFacts`.
 */
export function diffPublications(a: Publication, b: Publication): PublicationDiff {
  const before = index(a);
  const after = index(b);
  const diff: PublicationDiff = {
    from: side(a),
    to: side(b),
    title: b.batch.title,
    adjustmentReason: b.batch.adjustmentReason,
    added: [],
    removed: [],
    newlyCancelled: [],
    restored: [],
    recategorised: [],
    nowEffective: [],
    postponed: [],
    changedFacts: [],
    counts: {
      added: 0,
      removed: 0,
      newlyCancelled: 0,
      restored: 0,
      recategorised: 0,
      nowEffective: 0,
      postponed: 0,
      changedFacts: 0,
      unchanged: 0,
    },
  };

  for (const [id, { ref, material }] of before)
    if (!after.has(id)) diff.removed.push({ ...ref, verdict: material.verdict, category: material.category });

  for (const [id, { ref, material: now }] of after) {
    const old = before.get(id)?.material;
    if (old === undefined) {
      diff.added.push({ ...ref, verdict: now.verdict, category: now.category });
      continue;
    }
    const entry = { ...ref, from: verdictOf(old), to: verdictOf(now) };
    let list: DiffVerdictEntry[] | undefined;
    if (old.verdict === 'retain' && now.verdict === 'cancel') list = diff.newlyCancelled;
    else if (old.verdict === 'cancel' && now.verdict === 'retain') list = diff.restored;
    else if (old.verdict === 'cancel' && old.category?.id !== now.category?.id) list = diff.recategorised;
    list?.push(entry);
    const planned = plannedChange(old, now);
    if (planned === 'now-effective') diff.nowEffective.push(entry);
    else if (planned === 'postponed') diff.postponed.push(entry);

    const changes: DiffFactChange[] = [];
    for (const field of DIFF_FACT_FIELDS) {
      // A new verdict or category brings its own replacement; listing it again is noise.
      if (field === 'replacement' && list !== undefined) continue;
      if (old[field] !== now[field]) changes.push({ field, from: old[field], to: now[field] });
    }
    if (changes.length > 0) diff.changedFacts.push({ ...ref, changes });
    if (list === undefined && planned === null && changes.length === 0) diff.counts.unchanged++;
  }

  diff.counts.added = diff.added.length;
  diff.counts.removed = diff.removed.length;
  diff.counts.newlyCancelled = diff.newlyCancelled.length;
  diff.counts.restored = diff.restored.length;
  diff.counts.recategorised = diff.recategorised.length;
  diff.counts.nowEffective = diff.nowEffective.length;
  diff.counts.postponed = diff.postponed.length;
  diff.counts.changedFacts = diff.changedFacts.length;
  return diff;
}

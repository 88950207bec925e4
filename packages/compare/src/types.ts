import type { Jurisdiction, Publication, PublishedMaterial } from '@jianzheng/core';

/** What a jurisdiction does with one (item, material) of the comparison. */
export type CellState = 'demanded' | 'cancelled' | 'not-listed';

/**
 * A published material as the comparison reads it. `alternatives` (domain.md §10: the parts of a
 * cell such as “居民身份证或户口簿”) is read when a publication carries it.
 */
export type ComparableMaterial = Pick<PublishedMaterial, 'name' | 'verdict' | 'category' | 'replacement'> & {
  alternatives?: readonly string[] | null;
};

/** The part of a publication the comparison reads; every `Publication` is one. */
export interface ComparablePublication {
  jurisdiction: Jurisdiction;
  batch: Pick<Publication['batch'], 'id' | 'title' | 'documentNumber'>;
  version: number;
  publishedAt: string;
  departments: readonly {
    name: string;
    items: readonly {
      code: string | null;
      name: string;
      type: string | null;
      materials: readonly ComparableMaterial[];
    }[];
  }[];
}

/** A published batch a jurisdiction's column was read from: the precedent a finding cites. */
export interface ComparedBatch {
  id: string;
  title: string;
  /** 文号 of the government document, when the publication names it. */
  documentNumber: string | null;
  version: number;
  publishedAt: string;
}

/** One column of the matrix: a jurisdiction, with every batch of it that was compared. */
export interface ComparedJurisdiction extends Jurisdiction {
  batches: ComparedBatch[];
  items: number;
  materials: number;
  cancelled: number;
}

/**
 * One cell of the matrix. Cells are shared between rows (there are few distinct ones), so they
 * are frozen; compare them by their fields.
 */
export interface ComparisonCell {
  readonly state: CellState;
  /** The cancellation category (id and labels) when `state` is `cancelled`. */
  readonly category: { readonly id: string; readonly zh: string; readonly en: string } | null;
  /** How the office obtains the information now, when the publication says. */
  readonly replacement: string | null;
  /** The department that lists the material in this jurisdiction. */
  readonly department: string | null;
  /** Index into the jurisdiction's `batches`. */
  readonly batch: number | null;
  /**
   * Set when the jurisdiction lists this material only as one alternative of a cell (“居民身份证或户口簿”):
   * that cell's name.
   */
  readonly via: string | null;
}

/** One (item, material) row of the matrix. */
export interface ComparisonRow {
  item: { code: string | null; name: string; type: string | null };
  /** The material's name as the first jurisdiction listing it wrote it. */
  material: string;
  /** The normalized name the row is matched by (domain.md §4). */
  normalizedName: string;
  /** One cell per jurisdiction, in the order of `jurisdictions`. */
  cells: ComparisonCell[];
  demanded: number;
  cancelled: number;
  notListed: number;
}

/** One jurisdiction's cancellation of a material that another still demands. */
export interface ComparisonPrecedent {
  jurisdiction: Pick<Jurisdiction, 'code' | 'name'>;
  department: string | null;
  category: { id: string; zh: string; en: string } | null;
  replacement: string | null;
  batch: ComparedBatch;
}

/** A material a jurisdiction still demands while at least `k` others cancelled it (domain.md §13). */
export interface ComparisonFinding {
  jurisdiction: Pick<Jurisdiction, 'code' | 'name'>;
  department: string | null;
  item: ComparisonRow['item'];
  material: string;
  /** Index of the row in `rows`. */
  row: number;
  precedents: ComparisonPrecedent[];
}

/** Why the findings are empty whatever the lists say (too few jurisdictions for k). */
export interface ComparisonNotice {
  code: 'too-few-jurisdictions';
  /** The other jurisdictions each one is compared with. */
  others: number;
  k: number;
  message: { zh: string; en: string };
}

export interface JurisdictionComparison {
  minCancelledElsewhere: number;
  /** Set when the findings cannot but be empty (fewer other jurisdictions than k); the rows are complete. */
  notice: ComparisonNotice | null;
  jurisdictions: ComparedJurisdiction[];
  rows: ComparisonRow[];
  /** Most precedents first, then in row order. */
  findings: ComparisonFinding[];
}

export interface CompareOptions {
  /** k: how many other jurisdictions must have cancelled a material for a finding (default 2). */
  minCancelledElsewhere?: number;
}

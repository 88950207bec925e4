// The public rows of a list (domain.md §15): a published row or a row of a list out for comment,
// as the public pages show it — public wording only, never an engine reason or reviewer's note.
import {
  type CategoryDefinition,
  formatLocalDate,
  itemKey,
  type MaterialRecord,
  type Publication,
  type PublishedMaterial,
  PublishedMaterialSchema,
  plannedFrom,
  publicBasis,
  sha256Hex,
} from '@jianzheng/core';
import type { z } from 'zod';

/** The item page's URL segment: derived from core's stable item key, so it survives new versions. */
export function itemSlug(item: {
  department: string;
  code?: string | null | undefined;
  name: string;
}): string {
  const key = itemKey(
    item.code
      ? { department: item.department, code: item.code, name: item.name }
      : { department: item.department, name: item.name },
  );
  return sha256Hex(key).slice(0, 12);
}

/**
 * One material as the public pages show it (a published row, or a row of a list out for comment):
 * the published fields the pages print, picked from the publication schema — public wording only
 * (§15): 取消方式 (`wording`), the public 依据 or 保留原因 (`basis`), never an engine reason.
 */
export const PublicMaterialSchema = PublishedMaterialSchema.pick({
  id: true,
  name: true,
  verdict: true,
  category: true,
  effectiveFrom: true,
  replacement: true,
  wording: true,
  basis: true,
  issuer: true,
  legalBasis: true,
}).extend({
  // 47号文: a retained 证明 shows the level of what sets it (domain.md §14 保留清单); absent in
  // rows built before levels were assessed.
  legalBasisLevel: PublishedMaterialSchema.shape.legalBasisLevel.optional(),
});
export type PublicMaterial = z.infer<typeof PublicMaterialSchema>;

const PUBLIC_KEYS = Object.keys(PublicMaterialSchema.shape) as (keyof PublicMaterial)[];

export interface PublicItem {
  /** Stable id of the item within its batch: 12 hex digits of sha256(department|code or name). */
  slug: string;
  code: string | null;
  name: string;
  type: string | null;
  materials: PublicMaterial[];
}

export interface PublicDepartment {
  name: string;
  items: PublicItem[];
}

/** A batch the public may see: its latest publication, or its draft list while out for comment. */
export interface PublicList {
  batchId: string;
  title: string;
  jurisdiction: string;
  stage: 'published' | 'public-comment';
  version: number | null;
  publishedAt: string | null;
  documentNumber: string | null;
  links: { json: string; xlsx: string } | null;
  commentPeriod: { start: string; end: string; channel: string } | null;
  departments: PublicDepartment[];
}

/**
 * Keeps one copy of each repeated string (names, legal bases, issuers): a province's lists hold
 * 身份证 hundreds of thousands of times, and JSON.parse makes each occurrence its own string.
 */
function interner() {
  const seen = new Map<string, string>();
  return <T extends string | null>(value: T): T => {
    if (value === null) return value;
    const kept = seen.get(value);
    if (kept !== undefined) return kept as T;
    seen.set(value, value);
    return value;
  };
}

/** A published row's public fields; repeated texts kept once (ids are unique: not worth a map entry). */
function publicRow(row: PublishedMaterial, keep: <T extends string | null>(value: T) => T): PublicMaterial {
  const out: Record<string, unknown> = {};
  for (const key of PUBLIC_KEYS) {
    const value = row[key];
    out[key] = typeof value === 'string' && key !== 'id' ? keep(value) : value;
  }
  return out as PublicMaterial;
}

export function fromPublication(publication: Publication, timeZone: string | undefined): PublicList {
  const keep = interner();
  const base = `/api/batches/${encodeURIComponent(publication.batch.id)}/publications/${publication.version}`;
  return {
    batchId: publication.batch.id,
    title: publication.batch.title,
    jurisdiction: publication.jurisdiction.name,
    stage: 'published',
    version: publication.version,
    publishedAt: formatLocalDate(publication.publishedAt, timeZone, 'date'),
    documentNumber: publication.batch.documentNumber,
    links: { json: `${base}/json`, xlsx: `${base}/xlsx` },
    commentPeriod: null,
    departments: publication.departments.map((d) => ({
      name: d.name,
      items: d.items.map((item) => ({
        slug: itemSlug({ department: d.name, code: item.code, name: item.name }),
        code: item.code,
        name: item.name,
        type: item.type,
        materials: item.materials.map((m) => publicRow(m, keep)),
      })),
    })),
  };
}

/** One material of a list out for comment as the public sees it, planned only while its day is ahead. */
export function draftMaterial(
  { material, decision }: Pick<MaterialRecord, 'material' | 'decision'>,
  categories: ReadonlyMap<string, CategoryDefinition>,
  today: string,
): PublicMaterial {
  const category = decision.category ? categories.get(decision.category) : undefined;
  return {
    id: material.id,
    name: material.name,
    verdict: decision.verdict,
    category: decision.category
      ? {
          id: decision.category,
          zh: category?.label.zh ?? decision.category,
          en: category?.label.en ?? decision.category,
        }
      : null,
    // Planned only while its day is still ahead, in the city's zone (§10).
    effectiveFrom: decision.verdict === 'cancel' ? plannedFrom(decision.effectiveFrom, today) : null,
    replacement: decision.replacement,
    wording: null,
    basis: publicBasis(decision, category?.label.zh ?? null),
    issuer: material.issuer ?? null,
    legalBasis: material.legalBasis ?? null,
    legalBasisLevel: decision.legalBasis?.level ?? null,
  };
}

/** An item of a list out for comment, without its materials yet. */
export function draftItem(item: MaterialRecord['material']['item']): PublicItem {
  return {
    slug: itemSlug(item),
    code: item.code ?? null,
    name: item.name,
    type: item.type ?? null,
    materials: [],
  };
}

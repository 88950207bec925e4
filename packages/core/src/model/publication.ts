import { z } from 'zod';
import { LEGAL_LEVELS } from '../legal/levels';
import { AgreementSchema, DecisionStatusSchema, VerdictSchema } from './decision';
import { JurisdictionSchema } from './jurisdiction';
import { MaterialSourceSchema } from './material';

/** Published documents carry this; a reader refuses versions it does not know. */
export const PUBLICATION_SCHEMA_VERSION = '1.2';

const Count = z.number().int().nonnegative();
const Rate = z.number().min(0).max(100);
const ByCategory = z.record(z.string(), Count);

export const TotalsSchema = z
  .object({
    items: Count,
    materials: Count,
    /** Effective and planned cancellations together (domain.md §10). */
    cancelled: Count,
    /** Cancellations in force on the publication's date. */
    effective: Count,
    /** Planned cancellations (计划取消): in force from a later `effectiveFrom`. */
    planned: Count,
    retained: Count,
    /** Percentage with one decimal (29.6 means 29.6 %). */
    cancellationRate: Rate,
    /**
     * Planned ÷ materials, percentage with one decimal (1 of 8 → 12.5). Not the seed's 1,761 / 10,107:
     * those are proposals (拟取消) across the whole programme (domain.md §16, `programmeFigures`).
     */
    plannedRate: Rate,
    byCategory: ByCategory,
  })
  .strict();

/** Materials of one legal level (domain.md §14): how many, how many kept, how many cancelled. */
export const LegalLevelCountSchema = z
  .object({ materials: Count, retained: Count, cancelled: Count })
  .strict();

/** The statistics of domain.md §7 as published. */
export const PublicationSummarySchema = TotalsSchema.extend({
  departments: Count,
  byDepartment: z.array(TotalsSchema.extend({ department: z.string() }).strict()),
  byItemType: z.array(TotalsSchema.extend({ itemType: z.string() }).strict()),
  agreement: z.record(AgreementSchema, Count),
  /**
   * Materials by the legal level of their 设定依据, every level strongest first and `unassessed`
   * for decisions no rule assessed (§14). Absent in 1.2 lists published before it was counted.
   */
  byLegalLevel: z.record(z.enum([...LEGAL_LEVELS, 'unassessed']), LegalLevelCountSchema).optional(),
}).strict();
export type PublicationSummary = z.infer<typeof PublicationSummarySchema>;

export const PublishedCategorySchema = z.object({ id: z.string(), zh: z.string(), en: z.string() }).strict();

/** The form a material is demanded in (domain.md §4): original, copy, both, or not said. */
export const PublishedFormSchema = z.enum(['original', 'copy', 'both', 'unspecified']);

/**
 * One material as the public list shows it. Absent values are `null`, so every row has every key.
 * Everything here is public wording (domain.md §15): the engine's reasons, traces and reviewers'
 * notes never are (schema 1.1 carried the engine's `reason`; 1.2 carries `basis` instead).
 */
export const PublishedMaterialSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    verdict: VerdictSchema,
    category: PublishedCategorySchema.nullable(),
    ruleId: z.string().nullable(),
    /**
     * A planned cancellation (计划取消): the day (YYYY-MM-DD, jurisdiction time) from which the
     * material is no longer required; `null` for an effective cancellation or a retained material.
     */
    effectiveFrom: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .nullable(),
    replacement: z.string().nullable(),
    /** 取消方式: the deciding rule's public wording where it differs from the category's label. */
    wording: PublishedCategorySchema.omit({ id: true }).nullable(),
    /** 取消后办理方式: how the office works without the material; `null` when retained. */
    method: z.string().nullable(),
    /**
     * 依据 (public): for a cancellation the sentence built from facts or the reviewer's public
     * reason; for a retained material why it stays (保留原因). `null` when there is none.
     */
    basis: z.string().nullable(),
    status: DecisionStatusSchema,
    /** 原件 / 复印件 / both / not said; `null` when not known. */
    form: PublishedFormSchema.nullable(),
    source: MaterialSourceSchema.nullable(),
    issuer: z.string().nullable(),
    legalBasis: z.string().nullable(),
    /** The 效力层级 of the 设定依据 (domain.md §14 level id); `null` when not assessed. */
    legalBasisLevel: z.string().nullable(),
    /** The instrument the 设定依据 cites (《…》), as assessed; `null` when not assessed. */
    legalInstrument: z.string().nullable(),
  })
  .strict();
export type PublishedMaterial = z.infer<typeof PublishedMaterialSchema>;

export const PublishedItemSchema = z
  .object({
    code: z.string().nullable(),
    name: z.string().min(1),
    type: z.string().nullable(),
    materials: z.array(PublishedMaterialSchema),
  })
  .strict();
export type PublishedItem = z.infer<typeof PublishedItemSchema>;

export const PublishedDepartmentSchema = z
  .object({ name: z.string().min(1), items: z.array(PublishedItemSchema) })
  .strict();
export type PublishedDepartment = z.infer<typeof PublishedDepartmentSchema>;

/** Whether a list is the 送审稿 (draft) or the official one. */
export const PublicationStatusSchema = z.enum(['draft', 'official']);
export type PublicationStatus = z.infer<typeof PublicationStatusSchema>;

export const PublishedLegalReviewSchema = z
  .object({
    /** 文号 of the 合法性审查 opinion. */
    documentNumber: z.string().nullable(),
    reviewer: z.string().nullable(),
    /** YYYY-MM-DD. */
    reviewedAt: z.string().nullable(),
  })
  .strict();
export type PublishedLegalReview = z.infer<typeof PublishedLegalReviewSchema>;

export const PublishedBatchSchema = z
  .object({
    id: z.string().min(1),
    title: z.string().min(1),
    /** 文号 of the government document. */
    documentNumber: z.string().nullable(),
    approvedAt: z.string().nullable(),
    /** The reason of a 动态调整 (version ≥ 2); null for the first version. */
    adjustmentReason: z.string().nullable(),
    /**
     * `draft` (送审稿) while any decision is still proposed and the list was not approved as it
     * stands; `official` once every decision is settled or the approving document covers them.
     */
    status: PublicationStatusSchema,
    /** The 合法性审查 the list passed: its 文号, reviewer and date; `null` when none is recorded. */
    legalReview: PublishedLegalReviewSchema.nullable(),
  })
  .strict();

/**
 * A publication (domain.md §6): an immutable, versioned snapshot of a batch's list. The JSON
 * form, its canonical serialization and checksum live in @jianzheng/json; the shape lives here
 * so that every adapter (Excel export, store, pages) reads the same model.
 */
export const PublicationSchema = z
  .object({
    schemaVersion: z.literal(PUBLICATION_SCHEMA_VERSION),
    jurisdiction: JurisdictionSchema,
    batch: PublishedBatchSchema,
    version: z.number().int().min(1),
    publishedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/),
    ruleSet: z.object({ id: z.string().min(1), version: z.string().min(1) }).strict(),
    summary: PublicationSummarySchema,
    departments: z.array(PublishedDepartmentSchema),
    /** sha256 (hex) of the canonical serialization without this field. */
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();
export type Publication = z.infer<typeof PublicationSchema>;

import { z } from 'zod';
import { LegalLevelSchema } from '../legal/levels';
import { MATERIAL_FORMS } from '../normalize/material-form';

export const MaterialFormSchema = z.enum(MATERIAL_FORMS);

export const VerdictSchema = z.enum(['retain', 'cancel']);
export type Verdict = z.infer<typeof VerdictSchema>;

/** How the engine's verdict relates to the department's own 清理意见. */
export const AgreementSchema = z.enum(['agree', 'engine-cancels', 'department-cancels', 'no-proposal']);
export type Agreement = z.infer<typeof AgreementSchema>;

export const DecisionStatusSchema = z.enum(['proposed', 'confirmed', 'overridden']);
export type DecisionStatus = z.infer<typeof DecisionStatusSchema>;

/** One rule's part in a decision: whether it matched, why, and the facts it read. */
export const TraceEntrySchema = z
  .object({
    ruleId: z.string(),
    matched: z.boolean(),
    /** zh-CN sentence: why the rule matched or not. */
    reason: z.string(),
    facts: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  })
  .strict();
export type TraceEntry = z.infer<typeof TraceEntrySchema>;

/** How one alternative of a material (domain.md §10) fared when evaluated as if it stood alone. */
export const AlternativeDecisionSchema = z
  .object({
    /** The alternative's normalized name. */
    name: z.string(),
    verdict: VerdictSchema,
    category: z.string().nullable(),
    ruleId: z.string().nullable(),
    replacement: z.string().nullable(),
    reason: z.string(),
    trace: z.array(TraceEntrySchema),
  })
  .strict();
export type AlternativeDecision = z.infer<typeof AlternativeDecisionSchema>;

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Marks on a retained material (domain.md §14): `refer-to-issuer` — the basis is a ministry's rule
 * or a superior's document, so the city proposes that its issuer cancel it (建议上级取消);
 * `needs-legal-review` — the basis's level could not be told, so the legal office settles it.
 */
export const DECISION_FLAGS = ['refer-to-issuer', 'needs-legal-review'] as const;
export type DecisionFlag = (typeof DECISION_FLAGS)[number];

/** The legal level of a material's 设定依据 and the instrument that decided it (§14). */
export const LegalBasisAssessmentSchema = z
  .object({
    level: LegalLevelSchema,
    instrument: z.string().nullable(),
    documentNumber: z.string().nullable(),
    article: z.string().nullable(),
    issuer: z.string().nullable(),
    /** `catalog` or `pattern` decided the level; `none` when nothing did; `review` when the legal office set it. */
    decidedBy: z.enum(['catalog', 'pattern', 'none', 'review']),
  })
  .strict();
export type LegalBasis = z.infer<typeof LegalBasisAssessmentSchema>;

/** What a decision records of the legal office's settlement of its level (`resolveLegalReview`). */
export const LegalResolutionSchema = z
  .object({
    level: LegalLevelSchema,
    /** Below the four levels that may set a 证明: this jurisdiction's own (谁设定谁清理) or a superior's. */
    issuedBy: z.enum(['own', 'superior']).nullable(),
    reason: z.string(),
    by: z.string(),
    at: z.string(),
  })
  .strict();
export type LegalResolution = z.infer<typeof LegalResolutionSchema>;

export const DecisionSchema = z
  .object({
    materialId: z.string(),
    verdict: VerdictSchema,
    /** Category id when cancelled; `null` when retained. */
    category: z.string().nullable(),
    /** The rule that decided the cancellation; `null` when retained. */
    ruleId: z.string().nullable(),
    /** How the office gets the information afterwards (e.g. the shared data source). */
    replacement: z.string().nullable(),
    /** zh-CN explanation of the verdict, for reviewers (internal: never published). */
    reason: z.string(),
    /**
     * The public 依据 of a cancellation (zh-CN, built from facts, or a reviewer's own wording on
     * an override): what leaves the system. `null` when retained or when no rule gave one; absent
     * in decisions stored before it existed.
     */
    publicReason: z.string().nullable().optional(),
    trace: z.array(TraceEntrySchema),
    /**
     * Every alternative of a material that names several (domain.md §10), in the cell's order;
     * `trace` above is the deciding alternative's (the first one when retained). `null` otherwise.
     */
    alternatives: z.array(AlternativeDecisionSchema).nullable().optional(),
    /**
     * A planned cancellation (计划取消): the day (YYYY-MM-DD, jurisdiction time) from which the
     * material is no longer required. `null` for an effective cancellation or a retained material.
     */
    effectiveFrom: z.string().regex(ISO_DAY).nullable().optional(),
    /**
     * The form the material is demanded in (domain.md §4 “Originals and copies”); optional for
     * decisions stored before forms were read.
     */
    form: MaterialFormSchema.optional(),
    /**
     * True when the material stays as “现场核验原件” while the copy it also demanded is waived
     * (免交复印件): sharing or a licence would cancel it, but the original is still shown.
     */
    copyWaived: z.boolean().optional(),
    agreement: AgreementSchema,
    status: DecisionStatusSchema,
    /** Marks someone must act on (`refer-to-issuer`, `needs-legal-review`); absent when none. */
    flags: z.array(z.string()).optional(),
    /** The 设定依据's legal level as the no-legal-basis rule assessed it; absent when it did not run. */
    legalBasis: LegalBasisAssessmentSchema.nullable().optional(),
    /** The legal office's settlement of the level (合法性审查); absent when it did not settle one. */
    legalResolution: LegalResolutionSchema.optional(),
    by: z.string().optional(),
    at: z.string().optional(),
    note: z.string().optional(),
  })
  .strict();
export type Decision = z.infer<typeof DecisionSchema>;

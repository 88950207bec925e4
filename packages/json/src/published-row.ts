// One published row (schema 1.2) from a material and its decision: public wording only
// (domain.md §15). The decision's `reason`, trace and note stay behind.
import {
  cancellationMethod,
  type Decision,
  type EngineRule,
  type Material,
  PublishedFormSchema,
  type PublishedMaterial,
  plannedFrom,
  publicBasis,
} from '@jianzheng/core';

/**
 * Fields other parts of core may set on a decision (the material's form, the legal-basis
 * assessment): read when present, `null` otherwise, so older stored decisions publish as before.
 */
interface AssessedDecision {
  form?: unknown;
  legalBasis?: { level?: unknown; instrument?: unknown } | null;
}

const FORMS = new Set<string>(PublishedFormSchema.options);
const textOrNull = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value : null;

export interface RowOptions {
  /** The engine's rules: a cancellation by a rule with its own public wording prints it (取消方式). */
  rules?: readonly EngineRule[];
  /** The publication's day (YYYY-MM-DD): cancellations from a later day are planned. */
  asOf: string | undefined;
  /** One kept copy of each repeated text. */
  intern: (value: string) => string;
}

/** Builds rows; the rule wording table is built once per publication. */
export function createRowWriter(options: RowOptions) {
  const { intern, asOf } = options;
  const internOrNull = (value: string | null) => (value === null ? null : intern(value));
  const wordingByRule = new Map<string, { zh: string; en: string }>();
  // One frozen object per rule, shared by its rows (a million-row list would otherwise hold copies).
  for (const rule of options.rules ?? [])
    wordingByRule.set(rule.id, Object.freeze({ zh: rule.publicWording.zh, en: rule.publicWording.en }));

  return function row(
    material: Material,
    id: string,
    decision: Decision,
    category: PublishedMaterial['category'],
  ): PublishedMaterial {
    const cancelled = decision.verdict === 'cancel';
    const ruleWording =
      cancelled && decision.ruleId !== null ? wordingByRule.get(decision.ruleId) : undefined;
    // Only where it says something the category label does not.
    const wording =
      ruleWording !== undefined && category !== null && ruleWording.zh !== category.zh ? ruleWording : null;
    const assessed = decision as AssessedDecision;
    const form = typeof assessed.form === 'string' && FORMS.has(assessed.form) ? assessed.form : null;
    const method = cancellationMethod(decision);
    const basis = publicBasis(decision, wording?.zh ?? category?.zh ?? null);
    return {
      id,
      name: intern(material.name),
      verdict: decision.verdict,
      category,
      ruleId: decision.ruleId,
      effectiveFrom: cancelled ? plannedFrom(decision.effectiveFrom, asOf) : null,
      replacement: internOrNull(textOrNull(decision.replacement)),
      wording,
      method: internOrNull(method),
      basis: internOrNull(basis),
      status: decision.status,
      form: form as PublishedMaterial['form'],
      source: material.source ?? null,
      issuer: internOrNull(textOrNull(material.issuer)),
      legalBasis: internOrNull(textOrNull(material.legalBasis)),
      legalBasisLevel: internOrNull(textOrNull(assessed.legalBasis?.level)),
      legalInstrument: internOrNull(textOrNull(assessed.legalBasis?.instrument)),
    };
  };
}

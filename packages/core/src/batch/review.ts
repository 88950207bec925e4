import { z } from 'zod';
import { agreementOf } from '../engine/agreement';
import type { Decision } from '../model/decision';
import { VerdictSchema } from '../model/decision';
import type { Material } from '../model/material';
import { InvalidReviewError } from './errors';

const Note = z.string().trim().min(1, '必须填写审核意见 (a note is required)').max(2000, '过长 (too long)');

/** A reviewer's settlement of one decision: confirm the engine, or override it; a note is required. */
export const ReviewInputSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('confirm'), note: Note }).strict(),
  z
    .object({
      action: z.literal('override'),
      verdict: VerdictSchema,
      /** Required when the verdict is cancel; must be a known category id. */
      category: z.string().min(1).nullable().optional(),
      /** How the office gets the information afterwards. */
      replacement: z.string().trim().min(1).max(500).nullable().optional(),
      /**
       * The public 依据 the publication prints instead of the engine's (zh-CN). The note stays
       * internal; without this, a changed verdict publishes its category's label.
       */
      publicReason: z.string().trim().min(1).max(500).nullable().optional(),
      note: Note,
    })
    .strict(),
]);
export type ReviewInput = z.infer<typeof ReviewInputSchema>;

/** A department's own remark on one of its materials (谁设定，谁清理); it does not change the verdict. */
export const AnnotationInputSchema = z.object({ note: Note }).strict();
export type AnnotationInput = z.infer<typeof AnnotationInputSchema>;

export interface ReviewOptions {
  /** Who settles it (token label or name). */
  by: string;
  /** ISO timestamp. */
  at: string;
  /** Category ids an override may use. */
  categories: Iterable<string>;
}

/**
 * The decision after a review. Confirming keeps the engine's verdict; overriding replaces verdict
 * and category, drops the deciding rule (a person decided) and recomputes the agreement with the
 * department's proposal.
 */
export function applyReview(
  material: Material,
  decision: Decision,
  input: ReviewInput,
  options: ReviewOptions,
): Decision {
  if (input.action === 'confirm') {
    return { ...decision, status: 'confirmed', by: options.by, at: options.at, note: input.note };
  }
  const known = new Set(options.categories);
  let category: string | null = null;
  if (input.verdict === 'cancel') {
    category = input.category ?? (decision.verdict === 'cancel' ? decision.category : null);
    if (!category) {
      throw new InvalidReviewError([
        { path: ['category'], message: '改为取消时必须给出取消类别 (category required)' },
      ]);
    }
    if (!known.has(category)) {
      throw new InvalidReviewError([
        { path: ['category'], message: `未知的取消类别 “${category}”，可用：${[...known].join(', ')}` },
      ]);
    }
  } else if (input.category) {
    throw new InvalidReviewError([
      { path: ['category'], message: '保留的材料不能有取消类别 (retained: no category)' },
    ]);
  }
  const sameVerdict = input.verdict === decision.verdict && category === decision.category;
  return {
    ...decision,
    verdict: input.verdict,
    category,
    ruleId: sameVerdict ? decision.ruleId : null,
    // The engine's replacement and public reason describe its own category: a reviewer who changes
    // the category gets that category's usual wording unless they give their own.
    replacement:
      input.replacement !== undefined ? input.replacement : sameVerdict ? decision.replacement : null,
    reason: `人工改判：${input.note}`,
    publicReason:
      input.publicReason !== undefined && input.publicReason !== null
        ? input.publicReason
        : input.verdict === 'cancel' && sameVerdict
          ? (decision.publicReason ?? null)
          : null,
    agreement: agreementOf(input.verdict, material.departmentProposal),
    status: 'overridden',
    by: options.by,
    at: options.at,
    note: input.note,
  };
}

/** What a review asks of the store: nothing, when the decision is already settled this way. */
export type ReviewPlan =
  | { readonly kind: 'unchanged'; readonly decision: Decision }
  | { readonly kind: 'change'; readonly decision: Decision };

// Who settled it and when do not make a settlement different.
const SETTLEMENT_IGNORES = new Set(['by', 'at']);

function sameSettlement(current: Decision, next: Decision): boolean {
  if (current.status === 'proposed') return false;
  const keys = new Set([...Object.keys(current), ...Object.keys(next)]);
  for (const key of keys) {
    if (SETTLEMENT_IGNORES.has(key)) continue;
    const a = (current as unknown as Record<string, unknown>)[key];
    const b = (next as unknown as Record<string, unknown>)[key];
    if (a === b) continue;
    if (JSON.stringify(a) !== JSON.stringify(b)) return false;
  }
  return true;
}

/**
 * A review as a plan: the same confirm (or override) repeated — a double click, a client's retry —
 * is `unchanged`, so no new version and no audit entry are written and the caller answers with
 * the current record. Anything else is the `change` `applyReview` computes.
 */
export function planReview(
  material: Material,
  decision: Decision,
  input: ReviewInput,
  options: ReviewOptions,
): ReviewPlan {
  const next = applyReview(material, decision, input, options);
  return sameSettlement(decision, next)
    ? { kind: 'unchanged', decision }
    : { kind: 'change', decision: next };
}

import { z } from 'zod';
import { InvalidReviewError } from '../batch/errors';
import { agreementOf } from '../engine/agreement';
import type { Decision, TraceEntry } from '../model/decision';
import type { Material } from '../model/material';
import { legalBasisOutcome, noLegalBasis } from '../rules/no-legal-basis';
import type { LegalClassification } from './classify';
import { LEGAL_LEVEL_LABELS, LegalLevelSchema, maySetCertificate } from './levels';

const Text = z.string().trim().min(1, '不能为空 (required)').max(2000, '过长 (too long)');

/**
 * The legal office's settlement of a 设定依据 the classifier could not place (domain.md §14,
 * `needs-legal-review`): the level it finds and why. Below the four levels that may set a 证明,
 * `issuedBy` says whether this jurisdiction (or a lower one) set it — 谁设定谁清理 — or a superior.
 */
export const LegalResolutionInputSchema = z
  .object({
    level: LegalLevelSchema.exclude(['unknown']),
    /** Required for 地方政府规章 and 规范性文件; a 部门规章 is always a superior's. */
    issuedBy: z.enum(['own', 'superior']).optional(),
    /** The instrument the office found (《…》), when the text did not name it plainly. */
    instrument: z.string().trim().min(1).max(200).optional(),
    reason: Text,
  })
  .strict();
export type LegalResolutionInput = z.infer<typeof LegalResolutionInputSchema>;

/** A retained material whose 设定依据 the legal office has still to place (it blocks legal review). */
export function isLegalReviewPending(decision: Pick<Decision, 'verdict' | 'flags'>): boolean {
  return decision.verdict === 'retain' && (decision.flags?.includes('needs-legal-review') ?? false);
}

function issuerOwner(input: LegalResolutionInput): 'own' | 'superior' | null {
  if (maySetCertificate(input.level) || input.level === 'none') return null;
  if (input.level === 'department-rule') return 'superior';
  if (!input.issuedBy) {
    throw new InvalidReviewError([
      {
        path: ['issuedBy'],
        message: `${LEGAL_LEVEL_LABELS[input.level].zh}须说明制定机关是本级（own）还是上级（superior）`,
      },
    ]);
  }
  return input.issuedBy;
}

/**
 * The decision after the legal office settles a `needs-legal-review` material: the
 * no-legal-basis rule's outcome on the settled level replaces its trace entry, flags and
 * assessment. The material was retained by every rule, so this is what re-running the engine
 * gives: it cancels (category no-legal-basis) when the level cannot set a 证明 and the
 * jurisdiction set it itself, retains with `refer-to-issuer` for a superior's, retains plainly
 * for a law or regulation. A verdict a reviewer overrode stays the reviewer's; a verdict the
 * settlement changes goes back to `proposed` so a reviewer settles it.
 */
export function resolveLegalReview(
  material: Material,
  decision: Decision,
  input: LegalResolutionInput,
  options: { by: string; at: string },
): Decision {
  if (!isLegalReviewPending(decision)) {
    throw new InvalidReviewError([
      { path: ['level'], message: '该材料不在待合法性审查队列中（没有“待合法性审查”标记）' },
    ]);
  }
  const owner = issuerOwner(input);
  const before = decision.legalBasis;
  const classification: LegalClassification = {
    level: input.level,
    instrument: input.instrument ?? before?.instrument ?? null,
    documentNumber: before?.documentNumber ?? null,
    article: before?.article ?? null,
    issuer: before?.issuer ?? null,
    decidedBy: 'review',
    owner,
    citations: [],
  };
  const outcome = legalBasisOutcome(material.legalBasis ?? null, classification);
  const entry: TraceEntry = {
    ruleId: noLegalBasis.id,
    matched: outcome.matched,
    reason: `合法性审查认定为${LEGAL_LEVEL_LABELS[input.level].zh}（${input.reason}）：${outcome.reason}`,
    facts: outcome.facts,
  };
  const trace = decision.trace.some((t) => t.ruleId === noLegalBasis.id)
    ? decision.trace.map((t) => (t.ruleId === noLegalBasis.id ? entry : t))
    : [entry, ...decision.trace];
  const others = (decision.flags ?? []).filter((f) => f !== 'needs-legal-review' && f !== 'refer-to-issuer');
  const flags = [...others, ...(outcome.flags ?? [])];
  const cancels = outcome.matched && decision.status !== 'overridden';
  const next: Decision = {
    ...decision,
    trace,
    legalBasis: { ...outcome.legalBasis!, decidedBy: 'review' },
    legalResolution: {
      level: input.level,
      issuedBy: owner,
      reason: input.reason,
      by: options.by,
      at: options.at,
    },
  };
  if (flags.length > 0 && !cancels) next.flags = flags;
  else delete next.flags;
  if (cancels) {
    Object.assign(next, {
      verdict: 'cancel',
      category: noLegalBasis.category,
      ruleId: noLegalBasis.id,
      replacement: outcome.replacement ?? null,
      reason: `${noLegalBasis.title.zh}：${outcome.reason}`,
      publicReason: outcome.publicReason ?? null,
      copyWaived: false,
      agreement: agreementOf('cancel', material.departmentProposal),
      status: 'proposed',
    } satisfies Partial<Decision>);
    delete next.by;
    delete next.at;
    delete next.note;
  }
  return next;
}

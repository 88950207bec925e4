// Public wording of a decision (domain.md §15): what the publication, the attachment, the public
// pages and letters print. Built from the decision's public fields and its trace's facts only —
// never from `reason`, `note` or an annotation, which are for reviewers.
import type { Decision } from '../model/decision';

/** How the office works without a cancelled material, when the rule or reviewer named nothing specific. */
const METHOD_BY_CATEGORY: Readonly<Record<string, string>> = {
  'information-sharing': '通过信息共享获取',
  'internal-query': '部门内部查询核实',
  commitment: '申请人书面承诺，事中事后核查',
  'no-legal-basis': '不再要求提供',
  'not-necessary': '不再要求提供',
  duplicate: '不再重复提供',
  'superior-decision': '不再要求提供',
};

/** 取消后办理方式 of a cancellation: the recorded replacement, else its category's usual way; `null` when retained. */
export function cancellationMethod(
  decision: Pick<Decision, 'verdict' | 'category' | 'replacement'>,
): string | null {
  if (decision.verdict !== 'cancel') return null;
  const replacement = decision.replacement?.trim();
  if (replacement) return replacement;
  return (decision.category !== null ? METHOD_BY_CATEGORY[decision.category] : undefined) ?? '不再要求提供';
}

/**
 * The public 依据 of a decision. A cancellation: the reviewer's or rule's `publicReason`, else
 * `fallback` (the rule's public wording or the category's label). A retained material: its
 * public reason when a reviewer gave one, else why 告知承诺 cannot replace it (保留原因), read
 * from the facts the written-commitment rule recorded.
 */
export function publicBasis(
  decision: Pick<Decision, 'verdict' | 'publicReason' | 'trace'>,
  fallback: string | null,
): string | null {
  const given = decision.publicReason?.trim();
  if (given) return given;
  if (decision.verdict === 'cancel') return fallback;
  return retentionReason(decision);
}

/** 保留原因: why a retained material cannot be replaced by a written commitment. */
export function retentionReason(decision: Pick<Decision, 'trace'>): string {
  const facts = decision.trace.find((t) => t.ruleId === 'written-commitment')?.facts;
  if (facts?.itemExcluded === true)
    return '本事项属于不适用告知承诺的事项（涉及公共安全、生态环境和人身健康等）';
  if (facts?.commitment === 'no') return '办理部门认定不宜采用告知承诺，须提交';
  return '有法律法规设定依据，暂不具备告知承诺条件，须提交';
}

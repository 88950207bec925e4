import type { BatchDetails } from '../batch/details';
import type { TransitionAction } from '../batch/transitions';
import type { BatchStage } from '../model/batch';
import { AUDIT_ACTIONS } from '../store/audit';

/** A label in both languages the pages and the CLI speak. */
export interface Label {
  zh: string;
  en: string;
}

export type LabelLang = keyof Label;

/** Review stages (domain.md §5). */
export const STAGE_LABELS: Readonly<Record<BatchStage, Label>> = {
  draft: { zh: '草稿', en: 'draft' },
  'centralized-review': { zh: '集中审核', en: 'centralized review' },
  'department-confirmed': { zh: '协商确认', en: 'confirmed by departments' },
  'public-comment': { zh: '公开征求意见', en: 'public comment' },
  'legal-review': { zh: '合法性审查', en: 'legal review' },
  approved: { zh: '常务会议审议通过', en: 'approved' },
  published: { zh: '已公布', en: 'published' },
};

/** What each stage transition is called on its form and in the history. */
export const ACTION_LABELS: Readonly<Record<TransitionAction, Label>> = {
  submit: { zh: '提交集中审核', en: 'Submit for centralized review' },
  confirm: { zh: '协商确认（部门负责人签字盖章）', en: 'Record the departments’ signed confirmation' },
  'open-comment': { zh: '开始公开征求意见', en: 'Open the public comment period' },
  'close-comment': { zh: '提前结束征求意见', en: 'Close the comment period early' },
  'legal-review': { zh: '记录合法性审查结论', en: 'Record the legal review' },
  approve: { zh: '记录常务会议审议通过', en: 'Record the executive meeting’s approval' },
  publish: { zh: '公布清单', en: 'Publish the list' },
  'review-adjustment': { zh: '调整的合法性审查', en: 'Legal review of the adjustment' },
  adjust: { zh: '动态调整（发布新版本）', en: 'Adjust (publish a new version)' },
};

/** What a transition leads to, said before the operator makes it. */
export const ACTION_OUTCOMES: Readonly<Record<TransitionAction, Label>> = {
  submit: { zh: '进入集中审核', en: 'the list is under centralized review' },
  confirm: { zh: '进入协商确认', en: 'the departments have confirmed' },
  'open-comment': { zh: '清单公开征求意见，公众可提交意见', en: 'the public may comment on the list' },
  'close-comment': {
    zh: '征求意见结束，不再接受新意见；答复全部意见后可进行合法性审查',
    en: 'the comment period ends; once every comment is answered the legal review may start',
  },
  'legal-review': {
    zh: '通过：待政府常务会议审议；未通过：退回集中审核',
    en: 'passed: awaits the executive meeting; failed: back to centralized review',
  },
  approve: { zh: '可以公布', en: 'the list may be published' },
  publish: { zh: '第 1 版公布，公众可查询下载', en: 'version 1 is public' },
  'review-adjustment': {
    zh: '通过：调整可以发布为新版本；未通过：调整不能发布',
    en: 'passed: the adjustment may be published; failed: it may not',
  },
  adjust: { zh: '公布新版本，并生成调整公告（差异）', en: 'a new version with its adjustment notice (diff)' },
};

// Keyed by every named action, so a new one without its label does not compile.
const EVENT_LABELS: Readonly<Record<(typeof AUDIT_ACTIONS)[keyof typeof AUDIT_ACTIONS], Label>> = {
  [AUDIT_ACTIONS.batchCreate]: { zh: '创建批次', en: 'batch created' },
  [AUDIT_ACTIONS.import]: { zh: '导入清单', en: 'list imported' },
  [AUDIT_ACTIONS.decisionReview]: { zh: '审核决定（确认/改判）', en: 'decision reviewed' },
  [AUDIT_ACTIONS.legalResolve]: {
    zh: '认定设定依据效力层级（合法性审查）',
    en: 'legal level settled (legal review)',
  },
  [AUDIT_ACTIONS.materialAnnotate]: { zh: '部门说明', en: 'department note' },
  [AUDIT_ACTIONS.adjustmentOpen]: { zh: '开启动态调整草稿', en: 'adjustment draft opened' },
  [AUDIT_ACTIONS.publicationCreate]: { zh: '发布版本', en: 'version published' },
  [AUDIT_ACTIONS.commentCreate]: { zh: '公众意见', en: 'public comment' },
  [AUDIT_ACTIONS.commentAnswer]: { zh: '答复意见', en: 'comment answered' },
  [AUDIT_ACTIONS.tokenCreate]: { zh: '创建令牌', en: 'token created' },
  [AUDIT_ACTIONS.tokenRevoke]: { zh: '停用令牌', en: 'token revoked' },
  [AUDIT_ACTIONS.sessionCreate]: { zh: '登录（创建会话）', en: 'signed in (session created)' },
  [AUDIT_ACTIONS.sessionRevoke]: { zh: '退出登录（会话停用）', en: 'signed out (session revoked)' },
  [AUDIT_ACTIONS.caseCreate]: { zh: '登记督查线索', en: 'case reported' },
  [AUDIT_ACTIONS.caseAssign]: { zh: '转办督查线索', en: 'case assigned' },
  [AUDIT_ACTIONS.caseAnswer]: { zh: '答复督查线索', en: 'case answered' },
  [AUDIT_ACTIONS.caseClose]: { zh: '办结督查线索', en: 'case closed' },
  [AUDIT_ACTIONS.programmeCreate]: { zh: '创建专项清理', en: 'programme created' },
  [AUDIT_ACTIONS.programmeUpdate]: { zh: '修改专项清理', en: 'programme changed' },
};

/** Every audit event a store writes, for filters: the named events, then one per transition. */
export const AUDIT_EVENTS: readonly string[] = [
  ...Object.keys(EVENT_LABELS),
  ...Object.keys(ACTION_LABELS).map((action) => `transition.${action}`),
];

export function stageLabel(stage: string, lang: LabelLang = 'zh'): string {
  return STAGE_LABELS[stage as BatchStage]?.[lang] ?? stage;
}

export function actionLabel(action: string, lang: LabelLang = 'zh'): string {
  return ACTION_LABELS[action as TransitionAction]?.[lang] ?? action;
}

export function actionOutcome(action: string, lang: LabelLang = 'zh'): string {
  return ACTION_OUTCOMES[action as TransitionAction]?.[lang] ?? '';
}

/**
 * An audit event as a person reads it: `transition.<action>` takes the action's label. An event
 * a newer store writes that this table does not know yet is shown as its id, never dropped.
 */
export function auditEventLabel(event: string, lang: LabelLang = 'zh'): string {
  if (event.startsWith('transition.')) return actionLabel(event.slice('transition.'.length), lang);
  return (EVENT_LABELS as Readonly<Record<string, Label | undefined>>)[event]?.[lang] ?? event;
}

/**
 * Where a batch stands, as the batch page and the CLI say it after each step: the stage, with
 * what the stage has recorded that changes its meaning (a comment period closed early, an open
 * adjustment draft, a failed legal review that sent the list back).
 */
export function stageStatus(
  stage: string,
  details: BatchDetails | undefined,
  lang: LabelLang = 'zh',
): string {
  const label = stageLabel(stage, lang);
  const period = details?.commentPeriod;
  if (stage === 'public-comment' && period?.closedEarly)
    return lang === 'zh' ? `${label}（已提前结束）` : `${label} (closed early)`;
  if (stage === 'public-comment' && period)
    return lang === 'zh'
      ? `${label}（${period.start} 至 ${period.end}）`
      : `${label} (${period.start} to ${period.end})`;
  if (stage === 'centralized-review' && details?.legalReview?.result === 'failed')
    return lang === 'zh'
      ? `${label}（合法性审查未通过，已退回）`
      : `${label} (sent back by the legal review)`;
  if (stage === 'published' && details?.adjustment)
    return lang === 'zh' ? `${label}（有未发布的动态调整）` : `${label} (an adjustment is pending)`;
  return label;
}

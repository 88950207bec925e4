import { actionLabel as coreActionLabel, actionOutcome as coreActionOutcome } from '@jianzheng/core';
import type { Lang } from './i18n';

type Table = Record<string, { zh: string; en: string }>;

const pick = (table: Table, lang: Lang, value: string) => table[value]?.[lang] ?? value;

/** Labels of the review workflow shown through `t()`. */
export const WORKFLOW_LABELS = {
  outcome: { zh: '完成后', en: 'Afterwards' },
  transitionDone: { zh: '已完成', en: 'Done' },
  stageNow: { zh: '当前阶段', en: 'Now' },
  nextStep: { zh: '下一步', en: 'Next' },
  nextStepNone: { zh: '本阶段没有可办理的流转', en: 'no step is open at this stage' },
  nextStepOthers: { zh: '由其他角色办理', en: 'made by another role' },
  optional: { zh: '选填', en: 'optional' },
} as const;

/** Transition names and outcomes come from core's one table of workflow labels. */
export const actionLabel = (lang: Lang, action: string) => coreActionLabel(action, lang);
export const actionOutcome = (lang: Lang, action: string) => coreActionOutcome(action, lang);

/** Field labels of the transition forms (the fields themselves come from core's schema). */
const FIELDS: Table = {
  signer: { zh: '签字人', en: 'Signer' },
  signedAt: { zh: '签字日期', en: 'Signed on' },
  start: { zh: '开始日期', en: 'Start' },
  end: { zh: '结束日期', en: 'End' },
  channel: { zh: '公告渠道', en: 'Channel' },
  result: { zh: '审查结果', en: 'Result' },
  notes: { zh: '审查意见', en: 'Notes' },
  meetingDate: { zh: '常务会议日期', en: 'Meeting date' },
  documentNumber: { zh: '文号', en: 'Document no.' },
  reviewer: { zh: '审查人', en: 'Reviewer' },
  reviewedAt: { zh: '审查日期', en: 'Reviewed on' },
  publishedAt: { zh: '公布日期', en: 'Publication date' },
  reason: { zh: '调整理由', en: 'Reason' },
};

// The same field name means another thing in another step: closing a comment period is not an adjustment.
const ACTION_FIELDS: Table = {
  'close-comment.reason': { zh: '提前结束理由', en: 'Reason for closing early' },
  'review-adjustment.notes': { zh: '调整的审查意见', en: 'Notes on the adjustment' },
};

export const fieldLabel = (lang: Lang, field: string, action?: string) =>
  ACTION_FIELDS[`${action}.${field}`]?.[lang] ?? pick(FIELDS, lang, field);

const CHOICES: Table = {
  passed: { zh: '通过', en: 'passed' },
  failed: { zh: '未通过（退回集中审核）', en: 'failed (back to centralized review)' },
};

export const choiceLabel = (lang: Lang, choice: string) => pick(CHOICES, lang, choice);

const AGREEMENTS: Table = {
  agree: { zh: '一致', en: 'agree' },
  'engine-cancels': { zh: '引擎建议取消、部门拟保留', en: 'engine cancels, department retains' },
  'department-cancels': { zh: '部门拟取消、引擎建议保留', en: 'department cancels, engine retains' },
  'no-proposal': { zh: '部门未填清理意见', en: 'no department proposal' },
};

export const agreementLabel = (lang: Lang, agreement: string) => pick(AGREEMENTS, lang, agreement);

const PROPOSALS: Table = {
  retain: { zh: '保留', en: 'retain' },
  cancel: { zh: '取消', en: 'cancel' },
  unknown: { zh: '未填', en: 'not given' },
};

export const proposalLabel = (lang: Lang, proposal: string) => pick(PROPOSALS, lang, proposal);

const ROLES: Table = {
  admin: { zh: '管理员', en: 'administrator' },
  reviewer: { zh: '审核组', en: 'reviewer' },
  legal: { zh: '法制审核', en: 'legal office' },
  department: { zh: '部门', en: 'department' },
};

export const roleLabel = (lang: Lang, role: string) => pick(ROLES, lang, role);

/** The facts rules read (trace), named as the workbook's columns name them (domain.md §8). */
const FACTS: Table = {
  superiorCancelled: { zh: '上级已取消', en: 'cancelled above' },
  reference: { zh: '依据文件', en: 'reference' },
  catalog: { zh: '目录', en: 'catalog' },
  matchedBy: { zh: '匹配方式', en: 'matched by' },
  value: { zh: '匹配值', en: 'matched value' },
  cancelledItem: { zh: '事项已取消', en: 'item cancelled' },
  legalBasis: { zh: '设定依据', en: 'legal basis' },
  normalizedName: { zh: '规范化名称', en: 'normalized name' },
  occurrence: { zh: '同名序号', en: 'occurrence' },
  licence: { zh: '可证明的证照', en: 'licence' },
  licenceRequired: { zh: '本事项要求该证照', en: 'item requires the licence' },
  necessary: { zh: '是否必要', en: 'necessary' },
  restricted: { zh: '开具单位受限', en: 'issuer restricted' },
  issuer: { zh: '开具单位', en: 'issuer' },
  keyword: { zh: '关键词', en: 'keyword' },
  shareable: { zh: '可共享获取', en: 'shareable' },
  source: { zh: '数据来源', en: 'data source' },
  internalQuery: { zh: '可内部查询', en: 'internal query' },
  issuerIsDepartment: { zh: '开具单位即实施部门', en: 'issuer is the department' },
  commitment: { zh: '可告知承诺', en: 'commitment' },
  itemExcluded: { zh: '事项不适用告知承诺', en: 'item excluded' },
  name: { zh: '材料名称', en: 'material name' },
  alternative: { zh: '可选材料', en: 'alternative' },
};

const FACT_VALUES: Table = {
  yes: { zh: '是', en: 'yes' },
  no: { zh: '否', en: 'no' },
  unknown: { zh: '未填', en: 'not given' },
  true: { zh: '是', en: 'yes' },
  false: { zh: '否', en: 'no' },
  sharedData: { zh: '信息共享目录', en: 'shared-data catalog' },
  commitment: { zh: '告知承诺目录', en: 'commitment catalog' },
  superiorCancellations: { zh: '上级取消目录', en: 'superior cancellations' },
  cancelledItems: { zh: '已取消事项目录', en: 'cancelled items' },
  licenceProofs: { zh: '证照可证明目录', en: 'licence proofs' },
  issuerRestrictions: { zh: '开具单位限制目录', en: 'issuer restrictions' },
};

export function factText(lang: Lang, key: string, value: string | number | boolean | null): string {
  const shown = value === null ? '—' : pick(FACT_VALUES, lang, String(value));
  return `${pick(FACTS, lang, key)}${lang === 'zh' ? '：' : ': '}${shown}`;
}

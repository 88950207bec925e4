import type { Engine } from '@jianzheng/core';

export const VERDICT_ZH = { cancel: '取消', retain: '保留' } as const;

export const AGREEMENT_ZH: Record<string, string> = {
  agree: '一致',
  'engine-cancels': '规则取消、部门拟保留',
  'department-cancels': '部门拟取消、规则保留',
  'no-proposal': '部门未填意见',
};

export const PROPOSAL_ZH: Record<string, string> = { cancel: '取消', retain: '保留', unknown: '未填' };

/** The zh-CN label of a category as the engine knows it (a city's own categories included). */
export function categoryLabel(engine: Engine, id: string | null): string {
  if (id === null) return '';
  return engine.categories.get(id)?.label.zh ?? id;
}

export function ruleTitle(engine: Engine, id: string | null): string {
  if (id === null) return '';
  return engine.rules.find((rule) => rule.id === id)?.title.zh ?? id;
}

import { defineRule } from '../engine/define-rule';
import type { RuleOutcome } from '../engine/types';

/** 原则5: 上级部门已公布取消的证明、材料，对应的一律取消. */
export const superiorCancelled = defineRule({
  id: 'superior-cancelled',
  category: 'superior-decision',
  principle: 5,
  title: { zh: '上级部门已公布取消', en: 'already cancelled by a superior authority' },
  compile: ({ catalogs, normalize }) => {
    const pairs = new Map<string, string | null>();
    for (const entry of catalogs.superiorCancellations) {
      const key = `${normalize(entry.item)}|${normalize(entry.material)}`;
      if (!pairs.has(key)) pairs.set(key, entry.reference ?? null);
    }
    return ({ material, itemName, name }): RuleOutcome => {
      const declared = material.superiorCancelled;
      if (declared === 'yes') {
        const reference = material.superiorReference ?? null;
        return {
          matched: true,
          reason: reference ? `部门填报上级已取消（${reference}）` : '部门填报上级已取消',
          facts: { superiorCancelled: declared, reference },
          replacement: reference ? `依据${reference}不再索要` : '依据上级文件不再索要',
        };
      }
      if (declared === 'no') {
        return { matched: false, reason: '部门填报上级未取消', facts: { superiorCancelled: declared } };
      }
      const key = `${itemName}|${name}`;
      if (pairs.has(key)) {
        const reference = pairs.get(key) ?? null;
        return {
          matched: true,
          reason: reference ? `上级已取消清单收录（${reference}）` : '上级已取消清单收录',
          facts: { superiorCancelled: declared, catalog: 'superiorCancellations', reference },
          replacement: reference ? `依据${reference}不再索要` : '依据上级文件不再索要',
        };
      }
      return { matched: false, reason: '上级未公布取消', facts: { superiorCancelled: declared } };
    };
  },
});

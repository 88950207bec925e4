import { defineRule } from '../engine/define-rule';
import type { RuleOutcome } from '../engine/types';

/** 原则6: 权责清单和服务清单中已明确取消的事项，对应的证明材料一律取消. */
export const itemCancelled = defineRule({
  id: 'item-cancelled',
  category: 'superior-decision',
  principle: 6,
  title: { zh: '权责/服务清单已取消事项', en: 'the item was removed from the list of powers and services' },
  compile: ({ catalogs, normalize }) => {
    const byCode = new Map<string, string | null>();
    const byName = new Map<string, string | null>();
    for (const entry of catalogs.cancelledItems) {
      if (entry.code && !byCode.has(entry.code.trim()))
        byCode.set(entry.code.trim(), entry.reference ?? null);
      if (entry.name && !byName.has(normalize(entry.name)))
        byName.set(normalize(entry.name), entry.reference ?? null);
    }
    return ({ material, itemName }): RuleOutcome => {
      const code = material.item.code?.trim() ?? null;
      const hit = code !== null && byCode.has(code) ? byCode : byName.has(itemName) ? byName : null;
      if (hit === null) {
        return {
          matched: false,
          reason: '事项仍在清单中',
          facts: { itemCode: code, itemName: material.item.name },
        };
      }
      const reference = hit === byCode ? byCode.get(code!) : byName.get(itemName);
      return {
        matched: true,
        reason: `事项已从权责/服务清单取消${reference ? `（${reference}）` : ''}`,
        facts: {
          itemCode: code,
          itemName: material.item.name,
          catalog: 'cancelledItems',
          reference: reference ?? null,
        },
        replacement: '事项已取消，不再索要',
      };
    };
  },
});

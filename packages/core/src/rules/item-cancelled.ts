import { defineRule } from '../engine/define-rule';
import { sharedOutcome } from '../engine/outcome';
import type { RuleOutcome } from '../engine/types';

/** 原则6: 权责清单和服务清单中已明确取消的事项，对应的证明材料一律取消. */
export const itemCancelled = defineRule({
  id: 'item-cancelled',
  category: 'superior-decision',
  principle: 6,
  title: { zh: '权责/服务清单已取消事项', en: 'the item was removed from the list of powers and services' },
  principleText: {
    zh: '权责清单和服务清单中已明确取消的事项，对应的证明材料一律取消',
    en: 'materials of items removed from the lists of powers and services are cancelled',
  },
  explanation: {
    zh: '事项已从权责清单、服务清单取消的，其全部申请材料一并取消；请如实填写事项编码',
    en: 'when an item was removed from the lists of powers and services, all its materials are cancelled; fill in the item code',
  },
  publicWording: {
    zh: '所属事项已取消',
    en: 'the item itself was cancelled',
  },
  compile: ({ catalogs, normalize }) => {
    const hit = (by: 'code' | 'name', value: string, reference: string | null): RuleOutcome =>
      sharedOutcome({
        matched: true,
        reason: `事项已从权责/服务清单取消${reference ? `（${reference}）` : ''}`,
        facts: { catalog: 'cancelledItems', matchedBy: by, value, reference },
        replacement: '事项已取消，不再索要',
        publicReason: reference
          ? `所属事项已从权责清单、服务清单中取消（${reference}）`
          : '所属事项已从权责清单、服务清单中取消',
      });
    const byCode = new Map<string, RuleOutcome>();
    const byName = new Map<string, RuleOutcome>();
    for (const entry of catalogs.cancelledItems) {
      const reference = entry.reference ?? null;
      const code = entry.code?.trim();
      if (code && !byCode.has(code)) byCode.set(code, hit('code', code, reference));
      const name = normalize(entry.name);
      if (name && !byName.has(name)) byName.set(name, hit('name', entry.name!, reference));
    }
    const stillListed = sharedOutcome({
      matched: false,
      reason: '事项仍在清单中',
      facts: { cancelledItem: false },
    });
    if (byCode.size === 0 && byName.size === 0) return () => stillListed;
    // An item's materials arrive together and share its object: look the item up once.
    let lastItem: unknown;
    let lastOutcome: RuleOutcome = stillListed;
    return ({ material, itemName }) => {
      if (material.item === lastItem) return lastOutcome;
      const code = material.item.code?.trim();
      lastOutcome =
        (code !== undefined ? byCode.get(code) : undefined) ?? byName.get(itemName) ?? stillListed;
      lastItem = material.item;
      return lastOutcome;
    };
  },
});

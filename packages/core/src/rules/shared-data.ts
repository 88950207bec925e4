import { indexByNames } from '../catalogs/name-index';
import { defineRule } from '../engine/define-rule';
import type { RuleOutcome } from '../engine/types';

/** 原则4 (网络核验/信息共享): 凡能通过网络核验解决的，一律取消. */
export const sharedData = defineRule({
  id: 'shared-data',
  category: 'information-sharing',
  principle: 4,
  title: { zh: '通过信息共享获取', en: 'obtainable through data sharing' },
  compile: ({ catalogs, normalize }) => {
    const shared = indexByNames(catalogs.sharedData, (e) => [e.name, ...(e.aliases ?? [])], normalize);
    return ({ material, name }): RuleOutcome => {
      const declared = material.shareable;
      if (declared === 'yes') {
        const source = shared.get(name)?.source ?? null;
        return {
          matched: true,
          reason: '部门填报可通过信息共享获取',
          facts: { shareable: declared, source },
          replacement: source ? `通过${source}共享获取` : '通过信息共享获取',
        };
      }
      if (declared === 'no') {
        return { matched: false, reason: '部门填报不能通过信息共享获取', facts: { shareable: declared } };
      }
      const entry = shared.get(name);
      if (entry === undefined) {
        return { matched: false, reason: '不在信息共享目录中', facts: { shareable: declared } };
      }
      const source = entry.source ?? null;
      return {
        matched: true,
        reason: `信息共享目录收录“${entry.name}”`,
        facts: { shareable: declared, catalog: 'sharedData', source },
        replacement: source ? `通过${source}共享获取` : '通过信息共享获取',
      };
    };
  },
});

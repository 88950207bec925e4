import { indexByNames } from '../catalogs/name-index';
import { defineRule } from '../engine/define-rule';
import { outcomeCache, sharedOutcome } from '../engine/outcome';

const replacementFor = (source: string | null) => (source ? `通过${source}共享获取` : '通过信息共享获取');

/** 原则4 (网络核验/信息共享): 凡能通过网络核验解决的，一律取消. */
export const sharedData = defineRule({
  id: 'shared-data',
  category: 'information-sharing',
  principle: 4,
  title: { zh: '通过信息共享获取', en: 'obtainable through data sharing' },
  compile: ({ catalogs, normalize }) => {
    const shared = indexByNames(catalogs.sharedData, (e) => [e.name, ...(e.aliases ?? [])], normalize);
    const declaredYes = outcomeCache((source: string | null) => ({
      matched: true,
      reason: '部门填报可通过信息共享获取',
      facts: { shareable: 'yes', source },
      replacement: replacementFor(source),
    }));
    const inCatalog = outcomeCache((entry: (typeof catalogs.sharedData)[number]) => ({
      matched: true,
      reason: entry.effectiveFrom
        ? `信息共享目录收录“${entry.name}”，自 ${entry.effectiveFrom} 起可共享获取`
        : `信息共享目录收录“${entry.name}”`,
      facts: {
        shareable: 'unknown',
        catalog: 'sharedData',
        source: entry.source ?? null,
        effectiveFrom: entry.effectiveFrom ?? null,
      },
      replacement: replacementFor(entry.source ?? null),
      ...(entry.effectiveFrom ? { effectiveFrom: entry.effectiveFrom } : {}),
    }));
    const declaredNo = sharedOutcome({
      matched: false,
      reason: '部门填报不能通过信息共享获取',
      facts: { shareable: 'no' },
    });
    const notListed = sharedOutcome({
      matched: false,
      reason: '不在信息共享目录中',
      facts: { shareable: 'unknown' },
    });
    return ({ material, name }) => {
      if (material.shareable === 'yes') return declaredYes(shared.get(name)?.source ?? null);
      if (material.shareable === 'no') return declaredNo;
      const entry = shared.get(name);
      return entry === undefined ? notListed : inCatalog(entry);
    };
  },
});

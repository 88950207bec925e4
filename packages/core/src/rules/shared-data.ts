import { indexByNames } from '../catalogs/name-index';
import type { SharedDataEntry } from '../catalogs/schema';
import { defineRule } from '../engine/define-rule';
import { ORIGINAL_RETAINED_FACT, outcomeCache, sharedOutcome } from '../engine/outcome';
import type { RuleOutcome } from '../engine/types';
import { type MaterialForm, showsOriginal } from '../normalize/material-form';

const replacementFor = (source: string | null) => (source ? `通过${source}共享获取` : '通过信息共享获取');
/** The public 依据 names the data source: what the office now reads instead of the paper. */
const publicFor = (source: string | null) =>
  source ? `可通过${source}信息共享获取` : '可通过政务信息共享获取';

/**
 * 原则4 (网络核验/信息共享): 凡能通过网络核验解决的，一律取消. Sharing removes copies; an original the
 * applicant shows (居民身份证法 第十四条) goes only where the entry `replacesOriginal`.
 */
export const sharedData = defineRule({
  id: 'shared-data',
  category: 'information-sharing',
  principle: 4,
  title: { zh: '通过信息共享获取', en: 'obtainable through data sharing' },
  principleText: {
    zh: '凡能通过网络核验、部门征询方式解决的，一律取消',
    en: 'what the office can check online or by asking another department is cancelled',
  },
  explanation: {
    zh: '能通过信息共享、网络核验获取的填“是”，并在“取消后办理方式”写明数据来源；须当场核验原件的（如居民身份证）在材料名称中写明“原件”，原件仍现场核验，免交复印件',
    en: 'mark 是 under 能否共享 where the office can obtain it by data sharing, and name the data source under 取消后办理方式',
  },
  compile: ({ catalogs, normalize, perName }) => {
    const shared = indexByNames(catalogs.sharedData, (e) => [e.name, ...(e.aliases ?? [])], normalize);
    const declaredYes = outcomeCache((source: string | null) => ({
      matched: true,
      reason: '部门填报可通过信息共享获取',
      facts: { shareable: 'yes', source },
      replacement: replacementFor(source),
      publicReason: publicFor(source),
    }));
    const inCatalog = outcomeCache((entry: SharedDataEntry) => ({
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
      publicReason: publicFor(entry.source ?? null),
      ...(entry.effectiveFrom ? { effectiveFrom: entry.effectiveFrom } : {}),
    }));
    // Keyed by the would-be outcome and the form: a handful of combinations per catalog entry.
    const keptOriginals = new Map<RuleOutcome, Map<MaterialForm, RuleOutcome>>();
    const originalKept = (would: RuleOutcome, form: MaterialForm): RuleOutcome => {
      let byForm = keptOriginals.get(would);
      if (byForm === undefined) {
        byForm = new Map();
        keptOriginals.set(would, byForm);
      }
      let outcome = byForm.get(form);
      if (outcome === undefined) {
        const source = would.facts.source ? `（${would.facts.source}）` : '';
        outcome = sharedOutcome({
          matched: false,
          reason: `${would.reason}${source}，但共享数据不代替原件：原件须现场核验${form === 'both' ? '，免交复印件' : ''}`,
          facts: { ...would.facts, form, [ORIGINAL_RETAINED_FACT]: true, copyWaived: form === 'both' },
        });
        byForm.set(form, outcome);
      }
      return outcome;
    };
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
    // A name's catalog entry and both its outcomes, looked up once per name.
    const byName = perName((name) => {
      const entry = shared.get(name);
      return {
        keepsOriginal: entry?.replacesOriginal !== true,
        declaredYes: declaredYes(entry?.source ?? null),
        listed: entry === undefined ? undefined : inCatalog(entry),
      };
    });
    return (context) => {
      const { material, form } = context;
      if (material.shareable === 'no') return declaredNo;
      const known = byName(context);
      let outcome: RuleOutcome;
      if (material.shareable === 'yes') outcome = known.declaredYes;
      else if (known.listed === undefined) return notListed;
      else outcome = known.listed;
      return showsOriginal(form) && known.keepsOriginal ? originalKept(outcome, form) : outcome;
    };
  },
});

import { indexByNames } from '../catalogs/name-index';
import { defineRule } from '../engine/define-rule';
import { EXCLUDED_FACT, outcomeCache, sharedOutcome } from '../engine/outcome';
import type { RuleOutcome } from '../engine/types';
import { compileExclusions, type ExclusionMatch } from './exclusion-matcher';

/**
 * 原则3: 凡能采取申请人书面承诺、加强事中事后核查与监管方式解决的，一律取消 — except in the domains
 * 国办发〔2020〕42号 excludes (`commitmentExclusions`); the trace names the exclusion that applied.
 */
export const writtenCommitment = defineRule({
  id: 'written-commitment',
  category: 'commitment',
  principle: 3,
  title: { zh: '改为告知承诺', en: 'replaced by a written commitment' },
  principleText: {
    zh: '凡能采取申请人书面承诺、加强事中事后核查与监管方式解决的，一律取消',
    en: 'what a written commitment with later checks can replace is cancelled',
  },
  explanation: {
    zh: '可改为申请人书面承诺、事中事后核查的填“是”；直接涉及国家安全、国家秘密、公共安全、金融业审慎监管、生态环境保护，直接关系人身健康、生命财产安全和重要涉外的事项不适用（国办发〔2020〕42号）',
    en: 'mark 是 where a written commitment with later checks can replace it; not for national security, state secrets, public safety, prudential financial supervision, the environment, health and safety of life and property, or important foreign matters (国办发〔2020〕42号)',
  },
  publicWording: {
    zh: '实行告知承诺',
    en: 'replaced by a written commitment (告知承诺)',
  },
  compile: ({ catalogs, normalize, perName }) => {
    const commitment = indexByNames(catalogs.commitment, (e) => [e.name, ...(e.aliases ?? [])], normalize);
    const exclusionOf = compileExclusions(catalogs.commitmentExclusions, normalize);
    const replacement = '申请人书面承诺，事中事后核查';
    const publicReason = '实行告知承诺，由申请人书面承诺，办理部门事中事后核查';
    const declaredYes = sharedOutcome({
      matched: true,
      reason: '部门填报可告知承诺',
      facts: { commitment: 'yes' },
      replacement,
      publicReason,
    });
    const inCatalog = outcomeCache((effectiveFrom: string | undefined) => ({
      matched: true,
      reason: effectiveFrom ? `告知承诺目录收录，自 ${effectiveFrom} 起实行` : '告知承诺目录收录',
      facts: { commitment: 'unknown', catalog: 'commitment', effectiveFrom: effectiveFrom ?? null },
      replacement,
      publicReason,
      ...(effectiveFrom ? { effectiveFrom } : {}),
    }));
    const declaredNo = sharedOutcome({
      matched: false,
      reason: '部门填报不能告知承诺',
      facts: { commitment: 'no' },
    });
    const notListed = sharedOutcome({
      matched: false,
      reason: '不在告知承诺目录中',
      facts: { commitment: 'unknown' },
    });
    // One outcome per (exclusion, declared value): items of a domain share it.
    const excluded = new Map<string, RuleOutcome>();
    const excludedBy = (match: ExclusionMatch, declared: 'yes' | 'unknown'): RuleOutcome => {
      const key = `${declared}|${match.reason}`;
      let outcome = excluded.get(key);
      if (outcome === undefined) {
        outcome = sharedOutcome({
          matched: false,
          reason: match.reason,
          facts: {
            commitment: declared,
            [EXCLUDED_FACT]: true,
            excludedBy: match.by,
            domain: match.domain,
            keyword: match.keyword,
            reference: match.reference,
          },
        });
        if (excluded.size < 10_000) excluded.set(key, outcome);
      }
      return outcome;
    };
    // Materials of an item arrive together and share its object: match the item's names once,
    // and build its two excluded outcomes (declared 是 or from the catalog) at most once each.
    let lastItem: unknown;
    let lastExclusion: ExclusionMatch | undefined;
    let excludedYes: RuleOutcome | undefined;
    let excludedListed: RuleOutcome | undefined;
    // The catalog's outcome for a name, or undefined when the catalog does not list it.
    const listedOf = perName((name) => {
      const entry = commitment.get(name);
      return entry === undefined ? undefined : inCatalog(entry.effectiveFrom);
    });
    return (context) => {
      const { material } = context;
      const declared = material.commitment;
      if (declared === 'no') return declaredNo;
      const listed = declared === 'unknown' ? listedOf(context) : undefined;
      if (declared === 'unknown' && listed === undefined) return notListed;
      if (material.item !== lastItem) {
        lastItem = material.item;
        lastExclusion = exclusionOf(material.item, context.itemName, context.department);
        excludedYes = undefined;
        excludedListed = undefined;
      }
      const exclusion = lastExclusion;
      if (exclusion !== undefined) {
        if (declared === 'yes') {
          excludedYes ??= excludedBy(exclusion, 'yes');
          return excludedYes;
        }
        excludedListed ??= excludedBy(exclusion, 'unknown');
        return excludedListed;
      }
      return declared === 'yes' ? declaredYes : listed!;
    };
  },
});

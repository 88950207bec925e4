import { indexByNames } from '../catalogs/name-index';
import { defineRule } from '../engine/define-rule';
import type { RuleOutcome } from '../engine/types';

/** 原则3: 凡能采取申请人书面承诺、加强事中事后核查与监管方式解决的，一律取消. */
export const writtenCommitment = defineRule({
  id: 'written-commitment',
  category: 'commitment',
  principle: 3,
  title: { zh: '改为告知承诺', en: 'replaced by a written commitment' },
  compile: ({ catalogs, normalize }) => {
    const commitment = indexByNames(catalogs.commitment, (e) => [e.name, ...(e.aliases ?? [])], normalize);
    const excludedNames = new Set(
      catalogs.commitmentExclusions.map((e) => normalize(e.item)).filter(Boolean),
    );
    const excludedCodes = new Set(catalogs.commitmentExclusions.map((e) => e.code?.trim()).filter(Boolean));
    const replacement = '申请人书面承诺，事中事后核查';
    return ({ material, name, itemName }): RuleOutcome => {
      const declared = material.commitment;
      if (declared === 'no') {
        return { matched: false, reason: '部门填报不能告知承诺', facts: { commitment: declared } };
      }
      const inCatalog = declared !== 'yes' && commitment.has(name);
      if (declared !== 'yes' && !inCatalog) {
        return { matched: false, reason: '不在告知承诺目录中', facts: { commitment: declared } };
      }
      const code = material.item.code?.trim();
      if (excludedNames.has(itemName) || (code !== undefined && excludedCodes.has(code))) {
        return {
          matched: false,
          reason: '本事项不适用告知承诺',
          facts: { commitment: declared, itemExcluded: true },
        };
      }
      return {
        matched: true,
        reason: inCatalog ? '告知承诺目录收录' : '部门填报可告知承诺',
        facts: inCatalog ? { commitment: declared, catalog: 'commitment' } : { commitment: declared },
        replacement,
      };
    };
  },
});

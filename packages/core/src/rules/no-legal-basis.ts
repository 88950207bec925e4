import { defineRule } from '../engine/define-rule';
import { outcomeCache, sharedOutcome } from '../engine/outcome';
import { isLegalBasisNone } from '../model/material';

/** 原则1: 凡没有法律法规依据的，一律取消. */
export const noLegalBasis = defineRule({
  id: 'no-legal-basis',
  category: 'no-legal-basis',
  principle: 1,
  title: { zh: '无法律法规依据', en: 'no legal basis' },
  compile: () => {
    const blank = sharedOutcome({
      matched: true,
      reason: '未填写设定依据',
      facts: { legalBasis: null },
      replacement: '不再索要',
    });
    // Legal bases repeat across a list (the same law for many materials): one outcome each.
    const byText = outcomeCache((legalBasis: string) =>
      isLegalBasisNone(legalBasis)
        ? {
            matched: true,
            reason: `设定依据为“${legalBasis}”`,
            facts: { legalBasis },
            replacement: '不再索要',
          }
        : { matched: false, reason: '有设定依据', facts: { legalBasis } },
    );
    return ({ material }) => (material.legalBasis ? byText(material.legalBasis) : blank);
  },
});

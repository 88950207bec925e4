import { defineRule } from '../engine/define-rule';
import { outcomeCache, sharedOutcome } from '../engine/outcome';
import { isLegalBasisNone } from '../model/material';

const NO_BASIS = '无法律、行政法规、国务院决定或地方性法规设定依据';

/** 原则1: 凡没有法律法规依据的，一律取消. */
export const noLegalBasis = defineRule({
  id: 'no-legal-basis',
  category: 'no-legal-basis',
  principle: 1,
  title: { zh: '无法律法规依据', en: 'no legal basis' },
  principleText: {
    zh: '凡没有法律法规依据的，一律取消',
    en: 'materials without a basis in law or regulation are cancelled',
  },
  explanation: {
    zh: '“设定依据”须写明法律、法规及条款；没有依据填“无”，该材料取消',
    en: 'name the law or regulation and article under 设定依据; write 无 when there is none, and the material is cancelled',
  },
  compile: () => {
    const blank = sharedOutcome({
      matched: true,
      reason: '未填写设定依据',
      facts: { legalBasis: null },
      replacement: '不再索要',
      publicReason: NO_BASIS,
    });
    // Legal bases repeat across a list (the same law for many materials): one outcome each.
    const byText = outcomeCache((legalBasis: string) =>
      isLegalBasisNone(legalBasis)
        ? {
            matched: true,
            reason: `设定依据为“${legalBasis}”`,
            facts: { legalBasis },
            replacement: '不再索要',
            publicReason: NO_BASIS,
          }
        : { matched: false, reason: '有设定依据', facts: { legalBasis } },
    );
    return ({ material }) => (material.legalBasis ? byText(material.legalBasis) : blank);
  },
});

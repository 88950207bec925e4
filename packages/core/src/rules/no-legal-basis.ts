import { defineRule } from '../engine/define-rule';
import type { RuleOutcome } from '../engine/types';
import { isLegalBasisNone } from '../model/material';

/** 原则1: 凡没有法律法规依据的，一律取消. */
export const noLegalBasis = defineRule({
  id: 'no-legal-basis',
  category: 'no-legal-basis',
  principle: 1,
  title: { zh: '无法律法规依据', en: 'no legal basis' },
  compile:
    () =>
    ({ material }): RuleOutcome => {
      const legalBasis = material.legalBasis ?? null;
      return isLegalBasisNone(legalBasis)
        ? {
            matched: true,
            reason: legalBasis ? `设定依据为“${legalBasis}”` : '未填写设定依据',
            facts: { legalBasis },
            replacement: '不再索要',
          }
        : { matched: false, reason: '有设定依据', facts: { legalBasis } };
    },
});

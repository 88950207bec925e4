import { defineRule } from '../engine/define-rule';
import { sharedOutcome } from '../engine/outcome';

/** 原则8 (非必要): 证明材料非办事必要条件的，一律取消. */
export const notNecessary = defineRule({
  id: 'not-necessary',
  category: 'not-necessary',
  principle: 8,
  title: { zh: '非办事必要条件', en: 'not necessary for the service' },
  principleText: {
    zh: '证明材料非办事必要条件或重复设置的，一律取消',
    en: 'materials that are not necessary or are required twice are cancelled',
  },
  explanation: {
    zh: '“是否必要”填“否”的材料取消',
    en: 'materials marked 否 under 是否必要 are cancelled',
  },
  compile: () => {
    const outcomes = {
      no: sharedOutcome({
        matched: true,
        reason: '部门填报非办事必要条件',
        facts: { necessary: 'no' },
        replacement: '不再索要',
        publicReason: '非办理本事项的必要条件',
      }),
      yes: sharedOutcome({ matched: false, reason: '部门填报为必要', facts: { necessary: 'yes' } }),
      unknown: sharedOutcome({ matched: false, reason: '未填报是否必要', facts: { necessary: 'unknown' } }),
    };
    return ({ material }) => outcomes[material.necessary];
  },
});

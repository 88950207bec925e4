import { defineRule } from '../engine/define-rule';
import { ruleOutcome, sharedOutcome } from '../engine/outcome';

/** 原则8 (重复设置): an earlier material of the same item has the same normalized name. */
export const duplicate = defineRule({
  id: 'duplicate',
  category: 'duplicate',
  principle: 8,
  title: { zh: '重复设置', en: 'duplicated requirement' },
  principleText: {
    zh: '证明材料非办事必要条件或重复设置的，一律取消',
    en: 'materials that are not necessary or are required twice are cancelled',
  },
  explanation: {
    zh: '同一事项中重复要求的同一材料，只保留第一次；原件不因其前列出的复印件而视为重复',
    en: 'a material required twice for the same item is kept only once',
  },
  compile: () => {
    const first = sharedOutcome({ matched: false, reason: '同一事项中未重复', facts: { occurrence: 1 } });
    return ({ name, occurrence }) =>
      occurrence === 1
        ? first
        : ruleOutcome({
            matched: true,
            reason: `同一事项已要求“${name}”（第 ${occurrence} 次出现）`,
            facts: { normalizedName: name, occurrence },
            replacement: '与前项材料合并，不再重复提交',
            publicReason: '同一事项重复要求的申请材料',
          });
  },
});

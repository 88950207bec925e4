import { describe, expect, it } from 'vitest';
import { materials } from '../testing/fixtures';
import { createEngine } from './create-engine';
import { defineRule } from './define-rule';
import { EXCLUDED_FACT, ORIGINAL_RETAINED_FACT } from './outcome';
import type { RuleOutcome } from './types';

// A plugin's check may return plain object literals instead of sharedOutcome/ruleOutcome: the
// engine must read their facts itself (they carry no cached trace entry and no marks).
const plainRule = defineRule({
  id: 'plain-outcomes',
  category: 'not-necessary',
  title: { zh: '普通对象', en: 'plain objects' },
  compile:
    () =>
    (context): RuleOutcome => {
      if (context.name === '户口簿') {
        return { matched: false, reason: '领域排除', facts: { [EXCLUDED_FACT]: true } };
      }
      if (context.name === '居民身份证') {
        return { matched: false, reason: '原件须核验', facts: { [ORIGINAL_RETAINED_FACT]: true } };
      }
      return { matched: true, reason: '测试取消', facts: { plain: true } };
    },
});

describe('plain-object outcomes', () => {
  it('trace, cancel and mark materials like shared outcomes do', () => {
    const engine = createEngine({ rules: [plainRule] });
    const [excluded, kept, cancelled, again] = engine.evaluate(
      materials(
        { name: '户口簿' },
        { name: '居民身份证（原件）' },
        { name: '结婚证' },
        { name: '结婚证', item: { department: '市民政局', name: '婚姻登记' } },
      ),
    );
    expect(excluded!.reason).toBe('保留：领域排除');
    expect(kept!.reason).toBe('现场核验原件：原件须核验');
    expect(cancelled!.verdict).toBe('cancel');
    expect(cancelled!.trace).toEqual([
      { ruleId: 'plain-outcomes', matched: true, reason: '测试取消', facts: { plain: true } },
    ]);
    // A fresh entry per material: nothing is cached on a plain object.
    expect(again!.trace[0]).not.toBe(cancelled!.trace[0]);
  });
});

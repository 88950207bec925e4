import { describe, expect, it } from 'vitest';
import { decide, POLICE_ITEM } from '../testing/fixtures';

describe('duplicate', () => {
  it('cancels the second and later material with the same normalized name', () => {
    const decisions = decide([
      { name: '准迁证明' },
      { name: '1、准迁证明（复印件）' },
      { name: '准迁 证明' },
      { name: '迁移申请表' },
    ]);
    expect(decisions.map((d) => d.ruleId)).toEqual([null, 'duplicate', 'duplicate', null]);
    expect(decisions[1]!.category).toBe('duplicate');
    expect(decisions[2]!.trace.find((t) => t.ruleId === 'duplicate')?.facts.occurrence).toBe(3);
  });

  it('does not compare materials of different items', () => {
    const other = { ...POLICE_ITEM, code: '340100-XK-002', name: '户口登记项目变更' };
    const decisions = decide([{ name: '准迁证明' }, { name: '准迁证明', item: other }]);
    expect(decisions.map((d) => d.verdict)).toEqual(['retain', 'retain']);
  });

  it('loses to no-legal-basis', () => {
    const decisions = decide([{ name: '准迁证明' }, { name: '准迁证明', legalBasis: '无' }]);
    expect(decisions[1]!.ruleId).toBe('no-legal-basis');
    expect(decisions[1]!.trace.find((t) => t.ruleId === 'duplicate')?.matched).toBe(true);
  });
});

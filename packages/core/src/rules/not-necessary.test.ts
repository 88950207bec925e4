import { describe, expect, it } from 'vitest';
import { decide, decideOne } from '../testing/fixtures';

describe('not-necessary', () => {
  it.each([
    ['no', true],
    ['yes', false],
    ['unknown', false],
  ] as const)('necessary %s → cancelled %s', (necessary, cancelled) => {
    const decision = decideOne({ name: '单位介绍信', necessary });
    expect(decision.ruleId === 'not-necessary').toBe(cancelled);
    if (cancelled) expect(decision.category).toBe('not-necessary');
  });

  it('loses to proven-by-licence', () => {
    const decisions = decide([
      { name: '户籍证明', necessary: 'no' },
      { name: '户口簿', shareable: 'no' },
    ]);
    expect(decisions[0]!.ruleId).toBe('proven-by-licence');
  });
});

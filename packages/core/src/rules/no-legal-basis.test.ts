import { describe, expect, it } from 'vitest';
import { decideOne } from '../testing/fixtures';

describe('no-legal-basis', () => {
  it.each([
    [undefined, true],
    ['', true],
    ['无', true],
    [' 暂无 ', true],
    ['没有', true],
    ['-', true],
    ['—', true],
    ['/', true],
    ['无依据', true],
    ['－', true],
    ['《居民身份证法》第十一条', false],
    ['无线电管理条例', false],
  ])('legal basis %j → cancelled %s', (legalBasis, cancelled) => {
    const decision = decideOne({ name: '准迁证明', legalBasis });
    expect(decision.ruleId === 'no-legal-basis').toBe(cancelled);
    if (cancelled) expect(decision.category).toBe('no-legal-basis');
  });

  it('loses to item-cancelled', () => {
    const decision = decideOne(
      { name: '准迁证明', legalBasis: '无' },
      { catalogs: { cancelledItems: [{ name: '户口迁移登记' }] } },
    );
    expect(decision.ruleId).toBe('item-cancelled');
    expect(decision.trace.find((t) => t.ruleId === 'no-legal-basis')?.matched).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { decideOne, POLICE_ITEM } from '../testing/fixtures';

describe('written-commitment', () => {
  it.each([
    ['declared yes', { name: '收入情况说明', commitment: 'yes' as const }, true],
    ['in the catalog', { name: '无房证明' }, true],
    ['catalog alias', { name: '无住房证明（原件）' }, true],
    ['explicit 否 beats the catalog', { name: '无房证明', commitment: 'no' as const }, false],
    ['not in the catalog', { name: '收入情况说明' }, false],
  ])('%s', (_, spec, cancelled) => {
    const decision = decideOne(spec);
    expect(decision.ruleId === 'written-commitment').toBe(cancelled);
    if (cancelled) expect(decision.category).toBe('commitment');
  });

  it('does not apply to excluded items, by name or by code', () => {
    const byName = { commitmentExclusions: [{ item: '户口迁移登记' }] };
    const byCode = { commitmentExclusions: [{ code: POLICE_ITEM.code! }] };
    for (const catalogs of [byName, byCode]) {
      const decision = decideOne({ name: '无房证明', commitment: 'yes' }, { catalogs });
      expect(decision.verdict).toBe('retain');
      const commitment = decision.trace.find((t) => t.ruleId === 'written-commitment');
      expect(commitment?.facts.itemExcluded).toBe(true);
    }
  });

  it('loses to internal-query', () => {
    expect(decideOne({ name: '无房证明', internalQuery: 'yes' }).ruleId).toBe('internal-query');
  });
});

import { describe, expect, it } from 'vitest';
import { decide } from '../testing/fixtures';

describe('proven-by-licence', () => {
  it('cancels a certificate proven by a licence the item also requires (in any position)', () => {
    const decisions = decide([{ name: '户籍证明' }, { name: '居民户口簿', shareable: 'no' }]);
    expect(decisions[0]).toMatchObject({ ruleId: 'proven-by-licence', category: 'duplicate' });
    expect(decisions[0]!.replacement).toBe('以居民户口簿证明');
  });

  it('accepts the licence by alias', () => {
    const decisions = decide([{ name: '户口本复印件', shareable: 'no' }, { name: '户口证明' }]);
    expect(decisions[1]!.ruleId).toBe('proven-by-licence');
  });

  it('does not fire when the item does not require the licence', () => {
    const [decision] = decide([{ name: '户籍证明' }]);
    expect(decision!.verdict).toBe('retain');
    expect(decision!.trace.find((t) => t.ruleId === 'proven-by-licence')?.facts.licenceRequired).toBe(false);
  });

  it('uses the configured catalog only', () => {
    const decisions = decide([{ name: '户籍证明' }, { name: '居民户口簿', shareable: 'no' }], {
      catalogs: { licenceProofs: [] },
    });
    expect(decisions[0]!.verdict).toBe('retain');
  });

  it('loses to duplicate', () => {
    const decisions = decide([
      { name: '户籍证明' },
      { name: '户籍证明' },
      { name: '户口簿', shareable: 'no' },
    ]);
    expect(decisions.map((d) => d.ruleId)).toEqual(['proven-by-licence', 'duplicate', null]);
  });
});

import { describe, expect, it } from 'vitest';
import { decideOne, POLICE_ITEM } from '../testing/fixtures';

describe('item-cancelled', () => {
  it.each([
    ['by code', { cancelledItems: [{ code: '340100-XK-001' }] }, true],
    ['by normalized name', { cancelledItems: [{ name: '户口迁移 登记' }] }, true],
    ['other code', { cancelledItems: [{ code: '340100-XK-999' }] }, false],
    ['empty catalog', { cancelledItems: [] }, false],
  ])('%s', (_, catalogs, cancelled) => {
    const decision = decideOne({ name: '准迁证明' }, { catalogs });
    expect(decision.ruleId === 'item-cancelled').toBe(cancelled);
    expect(decision.verdict).toBe(cancelled ? 'cancel' : 'retain');
  });

  it('matches an item without a code by name', () => {
    const item = { ...POLICE_ITEM, code: undefined };
    const decision = decideOne(
      { name: '准迁证明', item },
      { catalogs: { cancelledItems: [{ name: '户口迁移登记' }] } },
    );
    expect(decision.category).toBe('superior-decision');
  });

  it('loses to superior-cancelled', () => {
    const decision = decideOne(
      { name: '准迁证明', superiorCancelled: 'yes' },
      { catalogs: { cancelledItems: [{ code: '340100-XK-001' }] } },
    );
    expect(decision.ruleId).toBe('superior-cancelled');
    expect(decision.trace.find((t) => t.ruleId === 'item-cancelled')).toMatchObject({ matched: true });
  });
});

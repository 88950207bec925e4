import { describe, expect, it } from 'vitest';
import { decide, decideOne } from '../testing/fixtures';

describe('superior-cancelled', () => {
  const catalogs = {
    superiorCancellations: [
      { item: '户口迁移登记', material: '迁出地派出所证明', reference: '皖政办秘〔2018〕247号' },
    ],
  };

  it.each([
    [
      'declared with a document number',
      { name: '准迁证明', superiorCancelled: 'yes' as const, superiorReference: '皖公通〔2018〕12号' },
      true,
    ],
    ['declared yes without reference', { name: '准迁证明', superiorCancelled: 'yes' as const }, true],
    ['in the catalog (normalized names)', { name: '1、迁出地派出所证明（原件）' }, true],
    [
      'catalog switched off by an explicit 否',
      { name: '迁出地派出所证明', superiorCancelled: 'no' as const },
      false,
    ],
    ['not in the catalog', { name: '准迁证明' }, false],
  ])('%s', (_, spec, cancelled) => {
    const decision = decideOne(
      { ...spec, shareable: 'no', internalQuery: 'no', commitment: 'no' },
      { catalogs },
    );
    expect(decision.ruleId === 'superior-cancelled').toBe(cancelled);
    if (cancelled) expect(decision.category).toBe('superior-decision');
  });

  it('says in the trace what a department’s 否 switched off, without cancelling', () => {
    const decision = decideOne(
      {
        name: '迁出地派出所证明',
        superiorCancelled: 'no',
        shareable: 'no',
        internalQuery: 'no',
        commitment: 'no',
      },
      { catalogs },
    );
    expect(decision.ruleId).not.toBe('superior-cancelled');
    expect(decision.trace[0]).toMatchObject({ ruleId: 'superior-cancelled', matched: false });
    expect(decision.trace[0]!.reason).toContain('上级已取消清单收录（皖政办秘〔2018〕247号）');
    expect(decision.trace[0]!.facts).toMatchObject({
      superiorCancelled: 'no',
      catalog: 'superiorCancellations',
    });
    // Not listed: the plain 否.
    const other = decideOne({ name: '准迁证明', superiorCancelled: 'no' }, { catalogs });
    expect(other.trace[0]!.reason).toBe('部门填报上级未取消');
  });

  it('records the reference as replacement and in the trace', () => {
    const decision = decideOne({ name: '迁出地派出所证明' }, { catalogs });
    expect(decision.replacement).toContain('皖政办秘〔2018〕247号');
    const entry = decision.trace.find((t) => t.ruleId === 'superior-cancelled');
    expect(entry).toMatchObject({ matched: true });
    expect(entry!.facts.reference).toBe('皖政办秘〔2018〕247号');
  });

  it('is first: it wins over every later rule that also matches', () => {
    const [decision] = decide([
      { name: '居民身份证', superiorCancelled: 'yes', legalBasis: '无', necessary: 'no' },
    ]);
    expect(decision!.ruleId).toBe('superior-cancelled');
    expect(decision!.trace.filter((t) => t.matched).map((t) => t.ruleId)).toEqual([
      'superior-cancelled',
      'no-legal-basis',
      'not-necessary',
      'shared-data',
    ]);
  });
});

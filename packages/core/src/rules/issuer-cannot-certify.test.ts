import { describe, expect, it } from 'vitest';
import { decide, decideOne, POLICE_ITEM } from '../testing/fixtures';

describe('issuer-cannot-certify', () => {
  it.each([
    ['亲属关系证明', '张庄村民委员会', true],
    ['婚姻状况证明', '城东社区居委会', true],
    ['无犯罪记录证明（原件）', '李村村委会', true],
    ['亲属关系证明', '市公安局户政科', false],
    ['准迁证明', '张庄村民委员会', false],
    ['亲属关系证明', undefined, false],
  ])('%s issued by %s → cancelled %s', (name, issuer, cancelled) => {
    const decision = decideOne({ name, issuer, internalQuery: 'no', commitment: 'no' });
    expect(decision.ruleId === 'issuer-cannot-certify').toBe(cancelled);
    if (cancelled) expect(decision.category).toBe('not-necessary');
  });

  it('can be re-categorised and disabled', () => {
    const spec = { name: '亲属关系证明', issuer: '村委会' };
    expect(decideOne(spec, { categories: { 'issuer-cannot-certify': 'no-legal-basis' } }).category).toBe(
      'no-legal-basis',
    );
    expect(decideOne(spec, { disabled: ['issuer-cannot-certify'] }).verdict).toBe('retain');
  });

  it('judges each alternative of a cell by its own name, also when the cell repeats', () => {
    const catalogs = {
      issuerRestrictions: [
        { material: '亲属关系证明', issuerKeywords: ['村委会'] },
        { material: '婚姻状况证明', issuerKeywords: ['居委会'] },
      ],
    };
    const cell = { name: '亲属关系证明或婚姻状况证明', issuer: '张庄村委会', internalQuery: 'no' as const };
    const single = { name: '婚姻状况证明', issuer: '张庄村委会', internalQuery: 'no' as const };
    const other = { ...POLICE_ITEM, code: '340100-XK-002', name: '户口登记项目变更' };
    // One engine, the cell twice (in two items) and a plain 婚姻状况证明: no answer leaks to another.
    const decisions = decide([cell, single, { ...cell, item: other }], { catalogs });
    for (const decision of [decisions[0]!, decisions[2]!]) {
      const cancelled = decision.alternatives?.map((a) => a.ruleId === 'issuer-cannot-certify');
      expect(cancelled).toEqual([true, false]);
    }
    expect(decisions[1]!.ruleId).not.toBe('issuer-cannot-certify');
  });

  it('loses to not-necessary', () => {
    expect(decideOne({ name: '亲属关系证明', issuer: '村委会', necessary: 'no' }).ruleId).toBe(
      'not-necessary',
    );
  });
});

describe('issuer-cannot-certify wording', () => {
  it('says the office verifies instead, never that the fact is no longer asked for', () => {
    const decision = decideOne({ name: '居民财产证明', issuer: '李村村委会' });
    expect(decision.replacement).toBe('由办理部门依职责核实');
    expect(decision.publicReason).toBe('开具单位“李村村委会”无权出具此证明，改由办理部门核实');
  });
});

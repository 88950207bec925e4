import { describe, expect, it } from 'vitest';
import { decideOne } from '../testing/fixtures';

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

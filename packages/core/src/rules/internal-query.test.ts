import { describe, expect, it } from 'vitest';
import { decideOne } from '../testing/fixtures';

describe('internal-query', () => {
  it.each([
    ['declared yes', { name: '户籍档案', internalQuery: 'yes' as const }, true],
    ['issuer is the department itself', { name: '户籍档案', issuer: '市 公安局' }, true],
    [
      'explicit 否 beats the issuer match',
      { name: '户籍档案', issuer: '市公安局', internalQuery: 'no' as const },
      false,
    ],
    ['another issuer', { name: '户籍档案', issuer: '市民政局' }, false],
    ['issuer containing the department is not equal', { name: '户籍档案', issuer: '市公安局派出所' }, false],
  ])('%s', (_, spec, cancelled) => {
    const decision = decideOne(spec);
    expect(decision.ruleId === 'internal-query').toBe(cancelled);
    if (cancelled) {
      expect(decision.category).toBe('internal-query');
      expect(decision.replacement).toBe('由市公安局内部查询核实');
    }
  });

  it('loses to shared-data', () => {
    expect(decideOne({ name: '居民身份证', internalQuery: 'yes' }).ruleId).toBe('shared-data');
  });
});

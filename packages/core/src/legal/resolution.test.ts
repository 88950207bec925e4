import { describe, expect, it } from 'vitest';
import { InvalidReviewError } from '../batch/errors';
import { createEngine } from '../engine/create-engine';
import { materials } from '../testing/fixtures';
import { isLegalReviewPending, resolveLegalReview } from './resolution';

const SUZHOU = {
  code: '341300',
  name: '宿州市',
  level: 'city' as const,
  documentPrefixes: ['宿政', '宿政办', '宿州市人民政府令'],
};
const by = { by: 'legal-office', at: '2018-08-30T02:00:00.000Z' };

function queued(proposal?: 'cancel' | 'retain') {
  const [material] = materials({
    name: '窗口服务证明',
    legalBasis: '《窗口服务工作规程》第三条',
    ...(proposal ? { departmentProposal: proposal } : {}),
  });
  const [decision] = createEngine({ jurisdiction: SUZHOU }).evaluate([material!]);
  return { material: material!, decision: decision! };
}

describe('resolveLegalReview (the legal office settles a level)', () => {
  it('the engine queues an unplaceable basis', () => {
    const { decision } = queued();
    expect(isLegalReviewPending(decision)).toBe(true);
  });

  it('an own 规范性文件 cancels the material as no-legal-basis, back to proposed, with the level recorded', () => {
    const { material, decision } = queued('retain');
    const next = resolveLegalReview(
      material,
      { ...decision, status: 'confirmed', by: 'reviewer', note: '保留' },
      {
        level: 'normative-document',
        issuedBy: 'own',
        reason: '市政务服务中心内部规程',
        instrument: '窗口服务工作规程',
      },
      by,
    );
    expect(next).toMatchObject({
      verdict: 'cancel',
      category: 'no-legal-basis',
      ruleId: 'no-legal-basis',
      status: 'proposed',
      agreement: 'engine-cancels',
      legalBasis: { level: 'normative-document', instrument: '窗口服务工作规程', decidedBy: 'review' },
      legalResolution: { level: 'normative-document', issuedBy: 'own', reason: '市政务服务中心内部规程' },
    });
    expect(next.publicReason).toContain('规范性文件');
    expect(next.flags).toBeUndefined();
    expect(next.note).toBeUndefined();
    expect(isLegalReviewPending(next)).toBe(false);
    const entry = next.trace.find((t) => t.ruleId === 'no-legal-basis')!;
    expect(entry).toMatchObject({
      matched: true,
      facts: { level: 'normative-document', decidedBy: 'review' },
    });
    expect(entry.reason).toContain('合法性审查认定为规范性文件');
  });

  it('a superior’s document retains the material and refers it to its issuer', () => {
    const { material, decision } = queued();
    const next = resolveLegalReview(
      material,
      decision,
      { level: 'normative-document', issuedBy: 'superior', reason: '省政务服务管理局制定' },
      by,
    );
    expect(next.verdict).toBe('retain');
    expect(next.flags).toEqual(['refer-to-issuer']);
    expect(next.status).toBe('proposed');
  });

  it('a law retains it without flags and keeps a reviewer’s confirmation', () => {
    const { material, decision } = queued();
    const confirmed = { ...decision, status: 'confirmed' as const, note: '保留' };
    const next = resolveLegalReview(material, confirmed, { level: 'law', reason: '实为《律师法》' }, by);
    expect(next).toMatchObject({ verdict: 'retain', status: 'confirmed', note: '保留' });
    expect(next.flags).toBeUndefined();
    expect(next.legalBasis).toMatchObject({ level: 'law', decidedBy: 'review' });
  });

  it('a reviewer’s override keeps its verdict', () => {
    const { material, decision } = queued();
    const overridden = { ...decision, status: 'overridden' as const, note: '确需保留' };
    const next = resolveLegalReview(
      material,
      overridden,
      { level: 'normative-document', issuedBy: 'own', reason: '本级文件' },
      by,
    );
    expect(next.verdict).toBe('retain');
    expect(next.status).toBe('overridden');
    expect(isLegalReviewPending(next)).toBe(false);
  });

  it('asks whose document a 规范性文件 is, and refuses a material that is not queued', () => {
    const { material, decision } = queued();
    expect(() =>
      resolveLegalReview(material, decision, { level: 'normative-document', reason: '文件' }, by),
    ).toThrow(InvalidReviewError);
    const settled = resolveLegalReview(material, decision, { level: 'law', reason: '法律' }, by);
    expect(() => resolveLegalReview(material, settled, { level: 'law', reason: '法律' }, by)).toThrow(
      /不在待合法性审查队列/,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { assertLegalQueueResolved, LegalReviewPendingError, pendingLegalReviews } from './legal-queue';

const rows = [
  {
    id: 'a',
    department: '市公安局',
    name: '窗口证明',
    decision: { verdict: 'retain' as const, flags: ['needs-legal-review'] },
  },
  { id: 'b', department: '市公安局', name: '户口簿', decision: { verdict: 'retain' as const } },
  {
    id: 'c',
    department: '市民政局',
    name: '转介证明',
    decision: { verdict: 'retain' as const, flags: ['refer-to-issuer'] },
  },
  // A cancelled material demands nothing: no level to settle.
  {
    id: 'd',
    department: '市民政局',
    name: '居住证明',
    decision: { verdict: 'cancel' as const, flags: ['needs-legal-review'] },
  },
];

describe('the legal office’s queue guard', () => {
  it('lists only retained materials flagged needs-legal-review', () => {
    expect(pendingLegalReviews(rows)).toEqual([{ id: 'a', department: '市公安局', name: '窗口证明' }]);
  });

  it('refuses a passed legal review, a passed adjustment review and approval while any is pending', () => {
    const pending = pendingLegalReviews(rows);
    const plans: Array<{ action: string; fields: Record<string, string> }> = [
      { action: 'legal-review', fields: { result: 'passed', notes: '通过' } },
      { action: 'review-adjustment', fields: { result: 'passed', notes: '通过' } },
      { action: 'approve', fields: { meetingDate: '2018-09-01' } },
    ];
    for (const plan of plans) {
      let error: unknown;
      try {
        assertLegalQueueResolved(plan, pending);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(LegalReviewPendingError);
      const refusal = error as LegalReviewPendingError;
      expect(refusal.code).toBe('GUARD_FAILED');
      expect(refusal.guard).toBe('legal-queue-resolved');
      expect(refusal.materials).toEqual(pending);
      expect(refusal.message).toContain('市公安局“窗口证明”');
    }
  });

  it('lets a failed review through (it sends the list back), and anything once the queue is empty', () => {
    const pending = pendingLegalReviews(rows);
    expect(() =>
      assertLegalQueueResolved(
        { action: 'legal-review', fields: { result: 'failed', notes: '退回' } },
        pending,
      ),
    ).not.toThrow();
    expect(() =>
      assertLegalQueueResolved({ action: 'legal-review', fields: { result: 'passed', notes: '通过' } }, []),
    ).not.toThrow();
  });

  it('names the first five and counts the rest', () => {
    const many = Array.from({ length: 60 }, (_, i) => ({
      id: `m${i}`,
      department: '市公安局',
      name: `证明${i}`,
    }));
    const error = new LegalReviewPendingError(many);
    expect(error.message).toContain('等 60 项');
    expect(error.count).toBe(60);
    expect(error.materials).toHaveLength(50);
  });
});

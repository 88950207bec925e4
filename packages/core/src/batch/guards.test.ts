import { describe, expect, it } from 'vitest';
import { isJianzhengError } from '../errors/jianzheng-error';
import type { BatchStage } from '../model/batch';
import type { BatchDetails } from './details';
import { applyTransition } from './details';
import {
  assertAdjustmentPublishable,
  assertCommentsOpen,
  assertOwnDepartment,
  openAdjustmentDraft,
} from './guards';
import { planTransition, type TransitionContext } from './transitions';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return isJianzhengError(error) ? `${error.code}${'guard' in error ? `:${error.guard}` : ''}` : 'other';
  }
  return undefined;
}

const period = { start: '2026-11-25', end: '2026-12-05', channel: '市政府网站' };
const ctx = (stage: BatchStage, extra: Partial<TransitionContext> = {}): TransitionContext => ({
  stage,
  materialCount: 3,
  unansweredComments: 0,
  ...extra,
});
const legal = { action: 'legal-review', result: 'passed', notes: '合法' };

describe('legal review after the comment period (§5)', () => {
  it('is refused on 11-29 for a period running to 12-05, and on the end date itself', () => {
    const details: BatchDetails = { commentPeriod: period };
    expect(codeOf(() => planTransition(ctx('public-comment', { details, today: '2026-11-29' }), legal))).toBe(
      'GUARD_FAILED:comment-period-ended',
    );
    expect(codeOf(() => planTransition(ctx('public-comment', { details, today: '2026-12-05' }), legal))).toBe(
      'GUARD_FAILED:comment-period-ended',
    );
    expect(planTransition(ctx('public-comment', { details, today: '2026-12-06' }), legal).to).toBe(
      'legal-review',
    );
  });

  it('starts at once after an early close with a recorded reason, which also closes comments', () => {
    const close = planTransition(ctx('public-comment', { details: { commentPeriod: period } }), {
      action: 'close-comment',
      reason: '意见已充分收集',
    });
    expect(close.to).toBe('public-comment');
    const details = applyTransition({ commentPeriod: period }, close, '2026-11-29T02:00:00Z');
    expect(details.commentPeriod?.closedEarly).toEqual({
      reason: '意见已充分收集',
      at: '2026-11-29T02:00:00Z',
    });
    expect(planTransition(ctx('public-comment', { details, today: '2026-11-29' }), legal).to).toBe(
      'legal-review',
    );
    expect(codeOf(() => assertCommentsOpen({ stage: 'public-comment', details }))).toBe('COMMENTS_CLOSED');
    expect(
      codeOf(() =>
        planTransition(ctx('public-comment', { details }), { action: 'close-comment', reason: 'x' }),
      ),
    ).toBe('GUARD_FAILED:comment-period-open');
    expect(
      codeOf(() => planTransition(ctx('public-comment', { details }), { action: 'close-comment' })),
    ).toBe('TRANSITION_INPUT_INVALID');
  });
});

describe('comments and departments', () => {
  it('takes comments only in public-comment', () => {
    expect(
      assertCommentsOpen({ stage: 'public-comment', details: { commentPeriod: period } }),
    ).toBeUndefined();
    for (const stage of ['draft', 'legal-review', 'published'] as const) {
      expect(codeOf(() => assertCommentsOpen({ stage, details: {} }))).toBe('COMMENTS_CLOSED');
    }
  });

  it('takes comments only from the first to the last day of the announced period, both included', () => {
    const batch = { stage: 'public-comment' as const, details: { commentPeriod: period } };
    const at = (today: string) => codeOf(() => assertCommentsOpen(batch, today));
    expect(at('2026-11-24')).toBe('COMMENT_PERIOD');
    expect(at('2026-11-25')).toBeUndefined();
    expect(at('2026-12-05')).toBeUndefined();
    expect(at('2026-12-06')).toBe('COMMENT_PERIOD');
  });

  it('lets a department actor touch only its own department; other roles any', () => {
    const dept = { id: 't', role: 'department' as const, department: '公安局' };
    expect(assertOwnDepartment(dept, ['公安局', '公安局'])).toBeUndefined();
    expect(codeOf(() => assertOwnDepartment(dept, ['公安局', '民政局']))).toBe('FORBIDDEN');
    expect(assertOwnDepartment({ id: 'r', role: 'reviewer' }, ['民政局'])).toBeUndefined();
  });
});

describe('adjustments after publication (§5)', () => {
  const actor = { id: 'dept-1', role: 'department' as const, department: '公安局' };
  it('opens one draft on the first change after publication, none before', () => {
    expect(openAdjustmentDraft('public-comment', {}, 'now', actor)).toBeUndefined();
    const opened = openAdjustmentDraft('published', { publicationVersion: 1 }, '2026-12-01T00:00:00Z', actor);
    expect(opened?.adjustment).toEqual({ openedAt: '2026-12-01T00:00:00Z', openedBy: 'dept-1' });
    expect(openAdjustmentDraft('published', opened!, 'later', actor)).toBeUndefined();
  });

  it('publishes a cancel-only adjustment directly; restoring or adding needs a passed review of this list', () => {
    const details: BatchDetails = { publicationVersion: 1, adjustment: { openedAt: 'x', openedBy: 'y' } };
    expect(assertAdjustmentPublishable(details, 4, { restored: 0, added: 0 })).toBeUndefined();
    expect(codeOf(() => assertAdjustmentPublishable(details, 4, { restored: 1, added: 0 }))).toBe(
      'GUARD_FAILED:adjustment-legal-review',
    );
    // The refusal names the caller's way of recording the review (API action or CLI option).
    expect(() => assertAdjustmentPublishable(details, 4, { restored: 0, added: 1 })).toThrow(
      '新增 1 项材料，须先通过合法性审查（review-adjustment）',
    );
    expect(() =>
      assertAdjustmentPublishable(details, 4, { restored: 2, added: 0 }, '--legal-review'),
    ).toThrow('恢复 2 项已取消材料，须先通过合法性审查（--legal-review）');
    const review = planTransition(ctx('published', { details, listRevision: 4 }), {
      action: 'review-adjustment',
      result: 'passed',
      notes: '恢复有据',
    });
    const reviewed = applyTransition(details, review, '2026-12-02T00:00:00Z');
    expect(reviewed.adjustment?.legalReview).toMatchObject({ result: 'passed', listRevision: 4 });
    expect(assertAdjustmentPublishable(reviewed, 4, { restored: 1, added: 2 })).toBeUndefined();
    // The list changed after the review: the review no longer covers it.
    expect(codeOf(() => assertAdjustmentPublishable(reviewed, 5, { restored: 0, added: 1 }))).toBe(
      'GUARD_FAILED:adjustment-legal-review',
    );
    const adjust = planTransition(ctx('published', { details: reviewed }), {
      action: 'adjust',
      reason: '恢复',
    });
    expect(applyTransition(reviewed, adjust, 'now').adjustment).toBeUndefined();
    expect(
      codeOf(() =>
        planTransition(ctx('published', { details: {} }), { ...review.fields, action: 'review-adjustment' }),
      ),
    ).toBe('GUARD_FAILED:adjustment-open');
  });
});

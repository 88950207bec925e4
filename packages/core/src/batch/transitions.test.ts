import { describe, expect, it } from 'vitest';
import { isJianzhengError } from '../errors/jianzheng-error';
import type { BatchStage } from '../model/batch';
import { applyTransition, type BatchDetails } from './details';
import { GuardFailedError, InvalidTransitionInputError, TransitionNotAllowedError } from './errors';
import { allowedActions, planTransition, type TransitionContext } from './transitions';

const ctx = (stage: BatchStage, extra: Partial<TransitionContext> = {}): TransitionContext => ({
  stage,
  materialCount: 3,
  unansweredComments: 0,
  legalReview: null,
  ...extra,
});

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return isJianzhengError(error) ? error.code : 'not-jianzheng';
  }
  return undefined;
}

describe('planTransition', () => {
  it('walks draft to published and then adjusts, recording every field', () => {
    let details: BatchDetails = {};
    let stage: BatchStage = 'draft';
    const steps = [
      { action: 'submit' },
      { action: 'confirm', signer: '张三', signedAt: '2018-08-01' },
      { action: 'open-comment', start: '2018-08-02', end: '2018-08-12', channel: '市政府网站' },
      { action: 'legal-review', result: 'passed', notes: '符合法律规定' },
      { action: 'approve', meetingDate: '2018-08-30' },
      { action: 'publish', documentNumber: '宿政办秘〔2018〕100号', publishedAt: '2018-09-04' },
      { action: 'adjust', reason: '上级取消新事项' },
    ];
    const seen: BatchStage[] = [];
    for (const step of steps) {
      const plan = planTransition(ctx(stage, { legalReview: details.legalReview ?? null }), step);
      details = applyTransition(details, plan, '2018-09-05T00:00:00Z');
      stage = plan.to;
      seen.push(stage);
    }
    expect(seen).toEqual([
      'centralized-review',
      'department-confirmed',
      'public-comment',
      'legal-review',
      'approved',
      'published',
      'published',
    ]);
    expect(details.confirmation).toEqual({ signer: '张三', signedAt: '2018-08-01' });
    expect(details.commentPeriod?.channel).toBe('市政府网站');
    expect(details.documentNumber).toBe('宿政办秘〔2018〕100号');
    expect(details.publicationVersion).toBe(2);
  });

  it('sends a failed legal review back to centralized review', () => {
    const plan = planTransition(ctx('public-comment'), {
      action: 'legal-review',
      result: 'failed',
      notes: '依据不足',
    });
    expect(plan.to).toBe('centralized-review');
    expect(applyTransition({}, plan, '2018-09-01T00:00:00Z').legalReview?.result).toBe('failed');
  });

  it('refuses actions the stage does not allow, naming the allowed ones', () => {
    try {
      planTransition(ctx('draft'), { action: 'publish', documentNumber: 'x', publishedAt: '2018-09-04' });
      expect.fail('should throw');
    } catch (error) {
      expect(error).toBeInstanceOf(TransitionNotAllowedError);
      expect((error as TransitionNotAllowedError).code).toBe('TRANSITION_NOT_ALLOWED');
      expect((error as TransitionNotAllowedError).allowed).toEqual(['submit']);
    }
    expect(allowedActions('published')).toEqual(['review-adjustment', 'adjust']);
  });

  it('validates required fields with issue paths', () => {
    try {
      planTransition(ctx('centralized-review'), { action: 'confirm', signer: '  ', signedAt: '2018/08/01' });
      expect.fail('should throw');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidTransitionInputError);
      const paths = (error as InvalidTransitionInputError).issues.map((i) => i.path.join('.'));
      expect(paths).toEqual(expect.arrayContaining(['signer', 'signedAt']));
    }
    expect(
      codeOf(() =>
        planTransition(ctx('department-confirmed'), {
          action: 'open-comment',
          start: '2018-08-12',
          end: '2018-08-02',
          channel: 'web',
        }),
      ),
    ).toBe('TRANSITION_INPUT_INVALID');
    expect(codeOf(() => planTransition(ctx('published'), { action: 'adjust' }))).toBe(
      'TRANSITION_INPUT_INVALID',
    );
    expect(codeOf(() => planTransition(ctx('draft'), { action: 'fly' }))).toBe('TRANSITION_INPUT_INVALID');
  });

  it('guards: unanswered comments block legal review', () => {
    const error = (() => {
      try {
        planTransition(ctx('public-comment', { unansweredComments: 2 }), {
          action: 'legal-review',
          result: 'passed',
          notes: 'ok',
        });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(GuardFailedError);
    expect((error as GuardFailedError).guard).toBe('comments-answered');
    expect((error as GuardFailedError).message).toContain('2 条');
  });

  it('guards: no approval or publication without a passed legal review', () => {
    const publish = { action: 'publish', documentNumber: '文号', publishedAt: '2018-09-04' };
    expect(codeOf(() => planTransition(ctx('approved'), publish))).toBe('GUARD_FAILED');
    expect(
      codeOf(() => planTransition(ctx('approved', { legalReview: { result: 'failed' } }), publish)),
    ).toBe('GUARD_FAILED');
    expect(planTransition(ctx('approved', { legalReview: { result: 'passed' } }), publish).to).toBe(
      'published',
    );
    expect(
      codeOf(() => planTransition(ctx('legal-review'), { action: 'approve', meetingDate: '2018-08-30' })),
    ).toBe('GUARD_FAILED');
  });

  it('guards: an empty batch cannot be submitted', () => {
    expect(codeOf(() => planTransition(ctx('draft', { materialCount: 0 }), { action: 'submit' }))).toBe(
      'GUARD_FAILED',
    );
  });
});

describe('assertListEditable', () => {
  it('freezes the list under legal review and after approval only', async () => {
    const { assertListEditable, StageLockedError } = await import('./editing');
    expect(() => assertListEditable('legal-review')).toThrow(StageLockedError);
    expect(() => assertListEditable('approved')).toThrow(/冻结/);
    for (const stage of ['draft', 'centralized-review', 'public-comment', 'published'] as const) {
      expect(() => assertListEditable(stage)).not.toThrow();
    }
  });
});

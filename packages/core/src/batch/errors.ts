import { JianzhengError } from '../errors/jianzheng-error';
import { actionLabel, stageLabel } from '../labels/workflow';
import type { BatchStage } from '../model/batch';

/** One problem in a request's fields, with the path of the offending value (zod issue path). */
export interface FieldIssue {
  path: (string | number)[];
  message: string;
}

/** The fields a transition or review needs are missing or malformed. */
export class InvalidTransitionInputError extends JianzhengError {
  readonly issues: readonly FieldIssue[];
  constructor(what: string, issues: readonly FieldIssue[], options: { cause?: unknown } = {}) {
    const list = issues.map((i) => `${i.path.join('.') || '(根)'}: ${i.message}`).join('；');
    super('TRANSITION_INPUT_INVALID', `${what}的字段无效 — ${list}`, {
      cause: options.cause,
      messageEn: `invalid fields for ${what} — ${issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    });
    this.issues = issues;
  }
}

/** The batch is in a stage from which this action does not lead anywhere. */
export class TransitionNotAllowedError extends JianzhengError {
  readonly action: string;
  readonly stage: BatchStage;
  readonly allowed: readonly string[];
  constructor(action: string, stage: BatchStage, allowed: readonly string[]) {
    const next = allowed.length ? allowed.map((a) => `“${actionLabel(a, 'zh')}”`).join('、') : '无';
    const nextEn = allowed.map((a) => `"${actionLabel(a, 'en')}"`).join(', ') || 'none';
    super(
      'TRANSITION_NOT_ALLOWED',
      `批次处于“${stageLabel(stage, 'zh')}”阶段，不能执行“${actionLabel(action, 'zh')}”；可执行：${next}`,
      {
        messageEn: `"${actionLabel(action, 'en')}" is not possible in stage "${stageLabel(stage, 'en')}"; possible: ${nextEn}`,
      },
    );
    this.action = action;
    this.stage = stage;
    this.allowed = allowed;
  }
}

/** A guard of domain.md §5 refused the transition (unanswered comments, no passed legal review …). */
export class GuardFailedError extends JianzhengError {
  readonly guard: string;
  constructor(guard: string, message: string, messageEn: string) {
    super('GUARD_FAILED', message, { messageEn });
    this.guard = guard;
  }
}

/** A review (confirm/override) that cannot be applied as asked. */
export class InvalidReviewError extends JianzhengError {
  readonly issues: readonly FieldIssue[];
  constructor(issues: readonly FieldIssue[]) {
    super(
      'REVIEW_INVALID',
      `审核意见无效 — ${issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('；')}`,
      {
        messageEn: `invalid review — ${issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      },
    );
    this.issues = issues;
  }
}

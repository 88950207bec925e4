import { z } from 'zod';
import type { BatchStage } from '../model/batch';
import type { BatchDetails } from './details';
import { GuardFailedError, InvalidTransitionInputError, TransitionNotAllowedError } from './errors';

const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD (date as YYYY-MM-DD)')
  .refine((text) => !Number.isNaN(Date.parse(text)), '不是有效日期 (not a valid date)');
const Text = z.string().trim().min(1, '不能为空 (required)').max(2000, '过长 (too long)');

/**
 * The fields each action needs (domain.md §5), one object per action, told apart by `action`.
 * `legal-review` records the 合法性审查 result: passed leads to `legal-review`, failed sends the
 * batch back to `centralized-review`.
 */
export const TransitionInputSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('submit') }).strict(),
  z.object({ action: z.literal('confirm'), signer: Text, signedAt: IsoDate }).strict(),
  z
    .object({ action: z.literal('open-comment'), start: IsoDate, end: IsoDate, channel: Text })
    .strict()
    .refine((v) => v.end >= v.start, { path: ['end'], message: '结束日期早于开始日期 (end before start)' }),
  z.object({ action: z.literal('close-comment'), reason: Text }).strict(),
  z
    .object({
      action: z.literal('legal-review'),
      result: z.enum(['passed', 'failed']),
      notes: Text,
      /** 文号 of the 合法性审查 opinion (domain.md §15). */
      documentNumber: Text.optional(),
      /** Who reviewed (the 司法局 officer or office); the API records the token's label when absent. */
      reviewer: Text.optional(),
      /** The day of the review; the API records today (jurisdiction time) when absent. */
      reviewedAt: IsoDate.optional(),
    })
    .strict(),
  z.object({ action: z.literal('approve'), meetingDate: IsoDate }).strict(),
  z.object({ action: z.literal('publish'), documentNumber: Text, publishedAt: IsoDate }).strict(),
  z
    .object({
      action: z.literal('adjust'),
      reason: Text,
      documentNumber: Text.optional(),
      publishedAt: IsoDate.optional(),
    })
    .strict(),
  z
    .object({ action: z.literal('review-adjustment'), result: z.enum(['passed', 'failed']), notes: Text })
    .strict(),
]);
export type TransitionInput = z.infer<typeof TransitionInputSchema>;
export type TransitionAction = TransitionInput['action'];

export interface TransitionDefinition {
  readonly action: TransitionAction;
  readonly from: readonly BatchStage[];
  readonly to: BatchStage;
  /** zh-CN name shown to operators. */
  readonly label: string;
  /** `true` when the transition creates a publication version (publish: 1, adjust: N+1). */
  readonly publishes: boolean;
}

/** The allowed transitions of domain.md §5, in workflow order. */
export const TRANSITIONS: readonly TransitionDefinition[] = [
  { action: 'submit', from: ['draft'], to: 'centralized-review', label: '提交集中审核', publishes: false },
  {
    action: 'confirm',
    from: ['centralized-review'],
    to: 'department-confirmed',
    label: '协商确认',
    publishes: false,
  },
  {
    action: 'open-comment',
    from: ['department-confirmed'],
    to: 'public-comment',
    label: '公开征求意见',
    publishes: false,
  },
  {
    action: 'close-comment',
    from: ['public-comment'],
    to: 'public-comment',
    label: '提前结束征求意见',
    publishes: false,
  },
  {
    action: 'legal-review',
    from: ['public-comment'],
    to: 'legal-review',
    label: '合法性审查',
    publishes: false,
  },
  { action: 'approve', from: ['legal-review'], to: 'approved', label: '常务会议审议通过', publishes: false },
  { action: 'publish', from: ['approved'], to: 'published', label: '公布', publishes: true },
  {
    action: 'review-adjustment',
    from: ['published'],
    to: 'published',
    label: '调整的合法性审查',
    publishes: false,
  },
  { action: 'adjust', from: ['published'], to: 'published', label: '动态调整', publishes: true },
];

const BY_ACTION = new Map(TRANSITIONS.map((t) => [t.action, t]));

/** The facts about a batch that the guards read. */
export interface TransitionContext {
  stage: BatchStage;
  /** Materials currently in the batch. */
  materialCount: number;
  /** Public comments without an answer. */
  unansweredComments: number;
  /** The latest 合法性审查 of the batch, if any. */
  legalReview?: { result: 'passed' | 'failed' } | null | undefined;
  /** What the stages recorded (comment period, open adjustment draft). */
  details?: BatchDetails;
  /**
   * Today in the jurisdiction's time zone (YYYY-MM-DD), for the date guards. A store re-checking
   * a plan inside its transaction omits it: dates only move forward, so they cannot race.
   */
  today?: string;
  /** The batch's list revision the caller read; the store refuses the plan if it moved on. */
  listRevision?: number;
}

/** What a valid transition does; the store applies it. */
export interface TransitionPlan {
  action: TransitionAction;
  from: BatchStage;
  to: BatchStage;
  /** The validated fields (without `action`). */
  fields: Record<string, string>;
  publishes: boolean;
  /** The list revision the plan was made on (expected by the store when set). */
  listRevision?: number;
}

/**
 * The actions possible from a stage, in workflow order. Given the batch's details, an action the
 * details already rule out is left out too (a comment period closed early is not closed again;
 * without an adjustment draft there is none to review), so pages never offer a form that can
 * only be refused.
 */
export function allowedActions(stage: BatchStage, details?: BatchDetails): TransitionAction[] {
  return TRANSITIONS.filter((t) => t.from.includes(stage))
    .map((t) => t.action)
    .filter((action) => {
      if (details === undefined) return true;
      if (action === 'close-comment') return !details.commentPeriod?.closedEarly;
      if (action === 'review-adjustment') return details.adjustment !== undefined;
      return true;
    });
}

/** Validates the fields of an action (throws `InvalidTransitionInputError` with zod issue paths). */
export function parseTransitionInput(input: unknown): TransitionInput {
  const result = TransitionInputSchema.safeParse(input);
  if (!result.success) {
    throw new InvalidTransitionInputError(
      '阶段流转',
      result.error.issues.map((issue) => ({
        path: issue.path.map((p) => (typeof p === 'number' ? p : String(p))),
        message: issue.message,
      })),
      { cause: result.error },
    );
  }
  return result.data;
}

/**
 * Checks an action against the batch's stage and the guards, and returns where it leads.
 * Pure: the caller gathers the context and persists the plan.
 */
export function planTransition(context: TransitionContext, input: unknown): TransitionPlan {
  const parsed = parseTransitionInput(input);
  const definition = BY_ACTION.get(parsed.action)!;
  if (!definition.from.includes(context.stage)) {
    throw new TransitionNotAllowedError(parsed.action, context.stage, allowedActions(context.stage));
  }
  assertTransitionGuards(parsed.action, context);
  const { action, ...fields } = parsed;
  const to =
    parsed.action === 'legal-review' && parsed.result === 'failed' ? 'centralized-review' : definition.to;
  const plan: TransitionPlan = {
    action,
    from: context.stage,
    to,
    fields: fields as Record<string, string>,
    publishes: definition.publishes,
  };
  if (context.listRevision !== undefined) plan.listRevision = context.listRevision;
  return plan;
}

/**
 * The guards of one action against the batch's facts. `planTransition` runs them on what the
 * caller read; a store runs them again inside the transaction that writes the transition.
 */
export function assertTransitionGuards(action: TransitionAction, context: TransitionContext): void {
  const details = context.details ?? {};
  switch (action) {
    case 'close-comment':
      if (details.commentPeriod?.closedEarly) {
        throw new GuardFailedError(
          'comment-period-open',
          '征求意见已提前结束过',
          'the comment period was already closed early',
        );
      }
      break;
    case 'review-adjustment':
      if (!details.adjustment) {
        throw new GuardFailedError(
          'adjustment-open',
          '公布后清单没有改动，没有需要审查的调整',
          'the list has not changed since publication: there is no adjustment to review',
        );
      }
      break;
    case 'submit':
      if (context.materialCount === 0) {
        throw new GuardFailedError(
          'materials-present',
          '批次中还没有材料，请先导入部门清单',
          'the batch has no materials yet; import the department workbooks first',
        );
      }
      break;
    case 'legal-review': {
      const period = details.commentPeriod;
      if (context.today && period && !period.closedEarly && context.today <= period.end) {
        throw new GuardFailedError(
          'comment-period-ended',
          `公开征求意见期至 ${period.end} 结束，之后才能进行合法性审查（或先提前结束征求意见并说明理由）`,
          `the comment period runs until ${period.end}: legal review starts after it (or close it early with a reason)`,
        );
      }
      if (context.unansweredComments > 0) {
        throw new GuardFailedError(
          'comments-answered',
          `还有 ${context.unansweredComments} 条公众意见未答复，答复后才能进行合法性审查`,
          `${context.unansweredComments} public comment(s) are unanswered; answer them before the legal review`,
        );
      }
      break;
    }
    case 'approve':
    case 'publish':
      if (context.legalReview?.result !== 'passed') {
        throw new GuardFailedError(
          'legal-review-passed',
          '未通过合法性审查，不能审议或公布',
          'no passed legal review: the list cannot be approved or published',
        );
      }
      break;
  }
}

import { assertCommentsOpen } from '../../batch/guards';
import { AUDIT_ACTIONS } from '../audit';
import { NotFoundError } from '../errors';
import { commentFromRow } from '../rows';
import type { BatchRecord, CommentRecord, WriteContext } from '../types';
import { type InsertPlan, plannedAudit, type WritePlan } from './write-plan';

/** What `addComment` reads inside its transaction (the batch row share-locked). */
export interface AddCommentRead {
  batch: BatchRecord;
  materialExists: boolean;
}

/** `addComment`: only during the comment period, only on a material of the batch. */
export function planAddComment(
  read: AddCommentRead,
  comment: { materialId: string; body: string; author?: string | null; today?: string },
  ctx: WriteContext,
  at: string,
): InsertPlan<CommentRecord> {
  assertCommentsOpen(read.batch, comment.today);
  if (!read.materialExists) throw new NotFoundError('material', comment.materialId, '材料');
  const batchId = read.batch.id;
  return {
    insert: {
      sql: 'insertComment',
      params: [batchId, comment.materialId, comment.body, comment.author ?? null, at],
    },
    afterInsert(row) {
      const created = commentFromRow(row);
      return {
        statements: [],
        audit: [
          plannedAudit(ctx, at, AUDIT_ACTIONS.commentCreate, batchId, `comment:${created.id}`, null, created),
        ],
        result: created,
      };
    },
  };
}

/** `answerComment`: the comment as read (row locked), answered by the actor. */
export function planAnswerComment(
  current: CommentRecord | undefined,
  commentId: number,
  answer: string,
  ctx: WriteContext,
  at: string,
): WritePlan<CommentRecord> {
  if (!current) throw new NotFoundError('comment', String(commentId), '意见');
  const after: CommentRecord = { ...current, answer, answeredBy: ctx.actor.id, answeredAt: at };
  return {
    statements: [{ sql: 'answerComment', params: [answer, ctx.actor.id, at, commentId] }],
    audit: [
      plannedAudit(
        ctx,
        at,
        AUDIT_ACTIONS.commentAnswer,
        current.batchId,
        `comment:${commentId}`,
        current,
        after,
      ),
    ],
    result: after,
  };
}

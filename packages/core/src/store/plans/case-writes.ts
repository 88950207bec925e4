import {
  type CaseOutcome,
  type CaseRecord,
  type NewCase,
  planCaseAnswer,
  planCaseClose,
} from '../../supervision/case';
import { AUDIT_ACTIONS } from '../audit';
import { NotFoundError } from '../errors';
import { caseForAudit, caseFromRow } from '../rows';
import type { WriteContext } from '../types';
import { type InsertPlan, plannedAudit, stored, type WritePlan } from './write-plan';

const json = (value: unknown) => JSON.stringify(value);

/** `createCase`: the case, assigned at once to the material's department (two audit entries). */
export function planCreateCase(input: NewCase, ctx: WriteContext, at: string): InsertPlan<CaseRecord> {
  return {
    insert: {
      sql: 'insertCase',
      params: [
        input.batchId,
        input.materialId,
        input.materialName,
        input.itemName,
        input.department,
        input.place,
        input.happenedOn,
        input.description,
        input.contact ?? null,
        input.dueOn,
        at,
      ],
    },
    afterInsert(row) {
      const created = caseFromRow(row);
      const target = `case:${created.number}`;
      return {
        statements: [],
        audit: [
          plannedAudit(
            ctx,
            at,
            AUDIT_ACTIONS.caseCreate,
            created.batchId,
            target,
            null,
            caseForAudit(created),
          ),
          plannedAudit(ctx, at, AUDIT_ACTIONS.caseAssign, created.batchId, target, null, {
            department: created.department,
            dueOn: created.dueOn,
          }),
        ],
        result: created,
      };
    },
  };
}

const requireCase = (current: CaseRecord | undefined, id: number): CaseRecord => {
  if (!current) throw new NotFoundError('case', String(id), '督查件');
  return current;
};

/** `answerCase`: core's `planCaseAnswer` on the case as read (row locked). */
export function planAnswerCaseWrite(
  read: CaseRecord | undefined,
  id: number,
  answer: { outcome: CaseOutcome; note: string },
  ctx: WriteContext,
  at: string,
): WritePlan<CaseRecord> {
  const current = requireCase(read, id);
  const next = planCaseAnswer(current, answer, ctx.actor, at);
  return {
    statements: [{ sql: 'answerCase', params: [next.status, json(next.answer), id] }],
    audit: [
      plannedAudit(
        ctx,
        at,
        AUDIT_ACTIONS.caseAnswer,
        current.batchId,
        `case:${current.number}`,
        { status: current.status },
        next,
      ),
    ],
    result: { ...current, ...stored(next) },
  };
}

/** `closeCase`: core's `planCaseClose` on the case as read (row locked). */
export function planCloseCaseWrite(
  read: CaseRecord | undefined,
  id: number,
  note: string | null,
  ctx: WriteContext,
  at: string,
): WritePlan<CaseRecord> {
  const current = requireCase(read, id);
  const next = planCaseClose(current, note, ctx.actor, at);
  return {
    statements: [{ sql: 'closeCase', params: [next.status, json(next.closed), id] }],
    audit: [
      plannedAudit(
        ctx,
        at,
        AUDIT_ACTIONS.caseClose,
        current.batchId,
        `case:${current.number}`,
        { status: current.status },
        next,
      ),
    ],
    result: { ...current, ...stored(next) },
  };
}

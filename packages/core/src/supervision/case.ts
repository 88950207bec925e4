import { z } from 'zod';
import { JianzhengError } from '../errors/jianzheng-error';
import type { Actor } from '../store/types';
import { addWorkingDays, localDate, type WorkingCalendar } from './working-days';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Stored states of a supervision case (domain.md §12). `overdue` is derived: see `caseState`. */
export const CASE_STATUSES = ['assigned', 'answered', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
/** What the public and the operators see: the stored status, or `overdue` past the deadline. */
export type CaseState = CaseStatus | 'overdue';
export const CASE_STATES: readonly CaseState[] = ['assigned', 'overdue', 'answered', 'closed'];

export const CASE_OUTCOMES = ['rectified', 'not-applicable'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

/** Limits of the public report form (the same as comments for the free text). */
export const CASE_LIMITS = { place: 200, description: 2000, contact: 100, answer: 2000 } as const;

/** What a citizen reports: a published material still demanded at a window (明察暗访). */
export const CaseReportSchema = z
  .object({
    batchId: z.string().min(1),
    materialId: z.string().min(1),
    /** Window or hall (窗口/大厅). */
    place: z.string().trim().min(1, '请填写办事窗口或大厅').max(CASE_LIMITS.place),
    /** The day it happened, `YYYY-MM-DD`. */
    happenedOn: z.string().regex(DATE, '日期格式应为 YYYY-MM-DD'),
    description: z.string().trim().min(1, '请说明发生了什么').max(CASE_LIMITS.description),
    /** Optional contact; shown to operators only, never on public pages. */
    contact: z.string().trim().max(CASE_LIMITS.contact).optional(),
  })
  .strict();
export type CaseReport = z.infer<typeof CaseReportSchema>;

/** A new case as the store writes it: the report plus what the published list says. */
export interface NewCase extends CaseReport {
  materialName: string;
  itemName: string;
  /** The material's department: the case is assigned to it. */
  department: string;
  /** Working-day deadline, `YYYY-MM-DD` (the last day an answer is on time). */
  dueOn: string;
}

export interface CaseAnswer {
  outcome: CaseOutcome;
  /** What was done, or why the material may still be demanded (required for not-applicable). */
  note: string;
  by: string;
  at: string;
}

export interface CaseRecord extends NewCase {
  id: number;
  /** The number the reporter keeps: `DC` + year + sequence. */
  number: string;
  contact?: string;
  status: CaseStatus;
  createdAt: string;
  answer: CaseAnswer | null;
  closed: { by: string; at: string; note: string | null } | null;
}

export interface CaseQuery {
  batchId?: string;
  department?: string;
  status?: CaseStatus;
  offset?: number;
  limit?: number;
}

/** The supervision settings of the configuration (`supervision`). */
export interface SupervisionSettings extends WorkingCalendar {
  /** Working days a department has to answer (default 5). */
  deadlineWorkingDays: number;
  /** IANA zone of the calendar dates (default Asia/Shanghai). */
  timeZone: string;
}

export const DEFAULT_SUPERVISION: SupervisionSettings = {
  deadlineWorkingDays: 5,
  timeZone: 'Asia/Shanghai',
  holidays: [],
  workdays: [],
};

export function caseNumber(id: number, createdAt: string): string {
  return `DC${createdAt.slice(0, 4)}${String(id).padStart(6, '0')}`;
}

/** The id inside a case number, or undefined when the text is not one. */
export function caseIdOf(number: string): number | undefined {
  const match = /^DC\d{4}(\d{6,})$/i.exec(number.trim());
  return match ? Number(match[1]) : undefined;
}

/** The deadline of a case reported at `reportedAt`. */
export function caseDueOn(reportedAt: Date, settings: SupervisionSettings): string {
  return addWorkingDays(localDate(reportedAt, settings.timeZone), settings.deadlineWorkingDays, settings);
}

/** `overdue` when still unanswered after its due date (in the configured zone), else the stored status. */
export function caseState(
  record: Pick<CaseRecord, 'status' | 'dueOn'>,
  now: Date,
  timeZone: string,
): CaseState {
  if (record.status === 'assigned' && localDate(now, timeZone) > record.dueOn) return 'overdue';
  return record.status;
}

/** A case write the case's state or the actor does not allow. */
export class CaseStateError extends JianzhengError {
  constructor(number: string, status: CaseStatus, wanted: string) {
    super('CASE_STATE', `督查件 ${number} 当前为“${CASE_STATUS_ZH[status]}”，不能${wanted}`, {
      messageEn: `case ${number} is ${status}: cannot ${wanted === '答复' ? 'answer' : 'close'} it`,
    });
  }
}

/** A department reached for another department's case (谁设定，谁清理). */
export class CaseOtherDepartmentError extends JianzhengError {
  constructor(own: string | null | undefined, department: string) {
    super('FORBIDDEN', `部门令牌只能答复本部门（${own ?? '未指定'}）的督查件，此件属于${department}`, {
      messageEn: `a department operator may answer only ${own ?? '(none)'}'s cases, not ${department}'s`,
    });
  }
}

export const CASE_STATUS_ZH: Record<CaseState, string> = {
  assigned: '已转交部门办理',
  overdue: '已超期',
  answered: '部门已答复',
  closed: '已办结',
};

export const CASE_OUTCOME_ZH: Record<CaseOutcome, string> = {
  rectified: '已整改',
  'not-applicable': '不属于应取消情形',
};

/**
 * The answer a department (or an admin) gives, checked against the case as the store's
 * transaction reads it: only an open case, only the department's own. Returns the new fields.
 */
export function planCaseAnswer(
  current: CaseRecord,
  input: { outcome: CaseOutcome; note: string },
  actor: Actor,
  at: string,
): Pick<CaseRecord, 'status' | 'answer'> {
  if (actor.role === 'department' && actor.department !== current.department)
    throw new CaseOtherDepartmentError(actor.department, current.department);
  if (current.status !== 'assigned') throw new CaseStateError(current.number, current.status, '答复');
  return { status: 'answered', answer: { outcome: input.outcome, note: input.note, by: actor.id, at } };
}

/** A reviewer closes an answered case. */
export function planCaseClose(
  current: CaseRecord,
  note: string | null,
  actor: Actor,
  at: string,
): Pick<CaseRecord, 'status' | 'closed'> {
  if (current.status !== 'answered') throw new CaseStateError(current.number, current.status, '办结');
  return { status: 'closed', closed: { by: actor.id, at, note } };
}

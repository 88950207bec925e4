import type { WriteContext } from '../store/types';
import type { CaseOutcome, CaseQuery, CaseRecord, NewCase } from './case';

/**
 * The supervision part of the store port (domain.md §12). Each write is atomic with its audit
 * entry (`case.create` and `case.assign`, `case.answer`, `case.close`); answering and closing
 * re-check core's `planCaseAnswer` / `planCaseClose` on the row the transaction read, so two
 * answers racing each other cannot both land. The reporter's contact is never audited.
 */
export interface CaseStore {
  /** Opens a case, assigned at once to `input.department`. */
  createCase(input: NewCase, ctx: WriteContext): Promise<CaseRecord>;
  getCase(id: number): Promise<CaseRecord | undefined>;
  /** Cases in id order, filtered. */
  listCases(query?: CaseQuery): Promise<CaseRecord[]>;
  answerCase(
    id: number,
    answer: { outcome: CaseOutcome; note: string },
    ctx: WriteContext,
  ): Promise<CaseRecord>;
  closeCase(id: number, note: string | null, ctx: WriteContext): Promise<CaseRecord>;
}

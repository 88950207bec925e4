import { type CaseRecord, caseState } from './case';
import { localDate } from './working-days';

/** One row of the supervision statistics (domain.md §12). */
export interface CaseStatisticsRow {
  department: string;
  reports: number;
  rectified: number;
  notApplicable: number;
  /** Unanswered past the deadline now, or answered after it. */
  overdue: number;
  /** Not answered yet (overdue or not). */
  open: number;
  closed: number;
  /** Median calendar days from report to answer over answered cases; null when none is answered. */
  medianDaysToAnswer: number | null;
}

export interface CaseStatistics {
  byDepartment: CaseStatisticsRow[];
  total: CaseStatisticsRow;
}

const DAY_MS = 86_400_000;

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const value = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return Math.round(value * 10) / 10;
}

function row(
  department: string,
  cases: readonly CaseRecord[],
  now: Date,
  timeZone: string,
): CaseStatisticsRow {
  const days: number[] = [];
  const result: CaseStatisticsRow = {
    department,
    reports: cases.length,
    rectified: 0,
    notApplicable: 0,
    overdue: 0,
    open: 0,
    closed: 0,
    medianDaysToAnswer: null,
  };
  for (const c of cases) {
    if (c.status === 'closed') result.closed++;
    if (c.answer) {
      if (c.answer.outcome === 'rectified') result.rectified++;
      else result.notApplicable++;
      days.push((Date.parse(c.answer.at) - Date.parse(c.createdAt)) / DAY_MS);
      if (localDate(new Date(c.answer.at), timeZone) > c.dueOn) result.overdue++;
    } else {
      result.open++;
      if (caseState(c, now, timeZone) === 'overdue') result.overdue++;
    }
  }
  result.medianDaysToAnswer = median(days);
  return result;
}

/** Per-department and total counts of supervision cases, departments in name order. */
export function caseStatistics(cases: readonly CaseRecord[], now: Date, timeZone: string): CaseStatistics {
  const byDepartment = new Map<string, CaseRecord[]>();
  for (const c of cases) {
    const list = byDepartment.get(c.department) ?? [];
    list.push(c);
    byDepartment.set(c.department, list);
  }
  return {
    byDepartment: [...byDepartment.keys()]
      .sort((a, b) => a.localeCompare(b, 'zh-CN'))
      .map((d) => row(d, byDepartment.get(d)!, now, timeZone)),
    total: row('合计', cases, now, timeZone),
  };
}

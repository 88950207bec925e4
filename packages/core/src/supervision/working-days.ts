/**
 * Working-day arithmetic for supervision deadlines (domain.md §12): Saturdays and Sundays are not
 * working days, nor the configured holidays; configured make-up working days (调休) are, even on
 * a weekend. Dates are calendar dates `YYYY-MM-DD` in the jurisdiction's time zone.
 */
export interface WorkingCalendar {
  /** Public holidays (法定节假日), `YYYY-MM-DD`. */
  holidays?: readonly string[];
  /** Weekend days that are working days (调休上班), `YYYY-MM-DD`. */
  workdays?: readonly string[];
}

const DAY_MS = 86_400_000;

function toUtc(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Whether `date` is a working day under `calendar`. */
export function isWorkingDay(date: string, calendar: WorkingCalendar = {}): boolean {
  if (calendar.workdays?.includes(date)) return true;
  if (calendar.holidays?.includes(date)) return false;
  const weekday = new Date(toUtc(date)).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * The date `days` working days after `date` (the day of the report does not count): a case
 * reported on a Friday with a 5-day deadline is due the next Friday, holidays pushing it later.
 */
export function addWorkingDays(date: string, days: number, calendar: WorkingCalendar = {}): string {
  let ms = toUtc(date);
  let left = days;
  // A holiday list cannot make a whole year non-working; the bound only stops a broken calendar.
  for (let guard = 0; left > 0 && guard < 3660; guard++) {
    ms += DAY_MS;
    if (isWorkingDay(fromUtc(ms), calendar)) left--;
  }
  return fromUtc(ms);
}

/** The calendar date of `instant` in `timeZone` (IANA), `YYYY-MM-DD`. */
export function localDate(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

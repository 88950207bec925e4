import { DEFAULT_TIME_ZONE } from '../config/schema';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock fields of an instant in a zone. */
export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/**
 * An instant (ISO 8601 text or Date) as a person in `timeZone` reads it (domain.md §9: stored
 * instants stay ISO 8601 with offset; only what people read is local). A bare `YYYY-MM-DD` is a
 * calendar day already and is kept as it is.
 */
export function localDateTime(instant: string | Date, timeZone: string = DEFAULT_TIME_ZONE): LocalDateTime {
  if (typeof instant === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(instant)) {
    const [year, month, day] = instant.split('-').map(Number) as [number, number, number];
    return { year, month, day, hour: 0, minute: 0, second: 0 };
  }
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a date: ${String(instant)}`);
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(date)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

export type LocalDateStyle =
  | 'date'
  | 'datetime'
  | 'datetime-seconds'
  | 'date-zh'
  | 'datetime-zh'
  | 'date-compact'
  | 'datetime-compact';

export interface FormatLocalOptions {
  /**
   * `date` 2026-11-30, `datetime` 2026-11-30 07:29, `datetime-seconds` 2026-11-30 07:29:14,
   * `date-zh` 2026年11月30日, `datetime-zh` 2026年11月30日 07:29, and for file names
   * `date-compact` 20261130, `datetime-compact` 20261130-0729. Default `datetime`.
   */
  style?: LocalDateStyle;
}

/**
 * The one function for every date and time a person reads — pages, CLI output, attachments,
 * notices, file names — in the configured zone (domain.md §9, default Asia/Shanghai). Stored
 * instants stay ISO 8601; only what people read is local, so an event at 01:31 UTC reads 09:31
 * in 宿州 and one at 23:30 UTC is already the next day there.
 * Returns the input unchanged when it is not a date, so a free-text field is never lost.
 */
export function formatLocalDateTime(
  instant: string | Date | null | undefined,
  timeZone: string = DEFAULT_TIME_ZONE,
  options: FormatLocalOptions = {},
): string {
  if (instant === null || instant === undefined || instant === '') return '';
  let local: LocalDateTime;
  try {
    local = localDateTime(instant, timeZone);
  } catch {
    return String(instant);
  }
  const { year, month, day, hour, minute, second } = local;
  const ymd = `${year}-${pad(month)}-${pad(day)}`;
  switch (options.style ?? 'datetime') {
    case 'date':
      return ymd;
    case 'datetime':
      return `${ymd} ${pad(hour)}:${pad(minute)}`;
    case 'datetime-seconds':
      return `${ymd} ${pad(hour)}:${pad(minute)}:${pad(second)}`;
    case 'date-zh':
      return `${year}年${month}月${day}日`;
    case 'datetime-zh':
      return `${year}年${month}月${day}日 ${pad(hour)}:${pad(minute)}`;
    case 'date-compact':
      return `${year}${pad(month)}${pad(day)}`;
    case 'datetime-compact':
      return `${year}${pad(month)}${pad(day)}-${pad(hour)}${pad(minute)}`;
  }
}

/** `formatLocalDateTime` with the style as third argument and `date` by default (the older call). */
export function formatLocalDate(
  instant: string | Date | null | undefined,
  timeZone: string = DEFAULT_TIME_ZONE,
  style: LocalDateStyle = 'date',
): string {
  return formatLocalDateTime(instant, timeZone, { style });
}

/**
 * A Date whose *process-local* fields are the wall clock of `instant` in `timeZone`. Zip entries
 * (DOS time) and other formats that store a local time without a zone read those fields, so an
 * archive made on a UTC server shows 宿州's date, not the UTC day before.
 */
export function wallClockDate(instant: string | Date, timeZone: string = DEFAULT_TIME_ZONE): Date {
  const { year, month, day, hour, minute, second } = localDateTime(instant, timeZone);
  return new Date(year, month - 1, day, hour, minute, second);
}

/**
 * The UTC offset (`+08:00`) of `timeZone` on a calendar day or at an instant, for writing a
 * local day as an ISO 8601 instant with offset (what the store keeps).
 */
export function zoneOffset(at: string | Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  const date =
    typeof at === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(at) ? new Date(`${at}T12:00:00Z`) : new Date(at);
  const name = new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(date)
    .find((part) => part.type === 'timeZoneName')?.value;
  const offset = name?.replace('GMT', '') ?? '';
  return offset === '' ? '+00:00' : offset;
}

/**
 * A calendar day (`YYYY-MM-DD`, already a day of the jurisdiction, like a planned cancellation's
 * `effectiveFrom`) as the list writes it: `2027年1月1日`. No zone conversion: a day is not an
 * instant, and read as one it would move to the day before west of UTC. Returns the input
 * unchanged when it is not such a day, so nothing is lost.
 */
export function formatDayZh(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  return `${match[1]}年${Number(match[2])}月${Number(match[3])}日`;
}

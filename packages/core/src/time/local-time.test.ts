import { describe, expect, it } from 'vitest';
import { formatDayZh, formatLocalDate, formatLocalDateTime, wallClockDate, zoneOffset } from './local-time';

describe('formatLocalDate', () => {
  it('shows a Beijing morning as that day, not the UTC day before', () => {
    const instant = '2026-11-29T23:29:14.496Z';
    expect(formatLocalDate(instant)).toBe('2026-11-30');
    expect(formatLocalDate(instant, 'Asia/Shanghai', 'datetime')).toBe('2026-11-30 07:29');
    expect(formatLocalDate(instant, 'Asia/Shanghai', 'date-zh')).toBe('2026年11月30日');
    expect(formatLocalDate(instant, 'UTC', 'date')).toBe('2026-11-29');
    expect(formatLocalDate('2026-11-30T07:29:00+08:00', 'Asia/Urumqi', 'datetime')).toBe('2026-11-30 05:29');
  });

  it('keeps calendar days and free text as they are', () => {
    expect(formatLocalDate('2018-09-04', 'America/New_York', 'date-zh')).toBe('2018年9月4日');
    expect(formatLocalDate('尚未确定')).toBe('尚未确定');
    expect(formatLocalDate(undefined)).toBe('');
  });
});

describe('zoneOffset', () => {
  it('gives the offset of the zone on that day', () => {
    expect(zoneOffset('2018-09-04')).toBe('+08:00');
    expect(zoneOffset('2018-09-04', 'UTC')).toBe('+00:00');
    expect(zoneOffset('2026-07-01', 'Europe/Berlin')).toBe('+02:00');
  });
});

describe('formatDayZh', () => {
  it('writes a calendar day as the list does, without moving it to another zone', () => {
    expect(formatDayZh('2027-01-01')).toBe('2027年1月1日');
    expect(formatDayZh('2026-12-31')).toBe('2026年12月31日');
  });

  it('returns anything that is not a day unchanged', () => {
    expect(formatDayZh('2027年1月1日')).toBe('2027年1月1日');
    expect(formatDayZh('2027-1-1')).toBe('2027-1-1');
  });
});

describe('formatLocalDateTime', () => {
  it('shows 23:30 UTC as the next day in Asia/Shanghai, in every style', () => {
    const late = '2026-12-06T23:30:05.000Z';
    expect(formatLocalDateTime(late, 'Asia/Shanghai')).toBe('2026-12-07 07:30');
    expect(formatLocalDateTime(late, 'Asia/Shanghai', { style: 'datetime-seconds' })).toBe(
      '2026-12-07 07:30:05',
    );
    expect(formatLocalDateTime(late, 'Asia/Shanghai', { style: 'date-compact' })).toBe('20261207');
    expect(formatLocalDateTime(late, 'Asia/Shanghai', { style: 'datetime-compact' })).toBe('20261207-0730');
    expect(formatLocalDateTime(late, 'UTC', { style: 'date' })).toBe('2026-12-06');
    expect(formatLocalDateTime(null, 'Asia/Shanghai')).toBe('');
  });

  it('gives zip writers a date whose local fields are the zone’s wall clock', () => {
    const d = wallClockDate('2026-12-06T23:30:05.000Z', 'Asia/Shanghai');
    expect([d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes()]).toEqual([
      2026, 12, 7, 7, 30,
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { addWorkingDays, isWorkingDay, localDate } from './working-days';

describe('working days', () => {
  it('skips weekends: a Friday report with 5 days is due the next Friday', () => {
    expect(isWorkingDay('2026-11-27')).toBe(true); // Friday
    expect(isWorkingDay('2026-11-28')).toBe(false);
    expect(addWorkingDays('2026-11-27', 5)).toBe('2026-12-04');
    expect(addWorkingDays('2026-11-28', 1)).toBe('2026-11-30');
  });

  it('skips configured holidays and counts make-up working days on weekends', () => {
    // 国庆 2026: Oct 1–7 off, Saturday Oct 10 worked (调休).
    const calendar = {
      holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
      workdays: ['2026-10-10'],
    };
    expect(addWorkingDays('2026-09-30', 1, calendar)).toBe('2026-10-08');
    expect(addWorkingDays('2026-09-30', 3, calendar)).toBe('2026-10-10');
    expect(addWorkingDays('2026-09-30', 3)).toBe('2026-10-05');
  });

  it('reads the calendar date in the jurisdiction’s zone, not UTC', () => {
    const instant = new Date('2026-11-29T17:30:00Z'); // 01:30 on the 30th in 北京时间
    expect(localDate(instant, 'Asia/Shanghai')).toBe('2026-11-30');
    expect(localDate(instant, 'UTC')).toBe('2026-11-29');
  });
});

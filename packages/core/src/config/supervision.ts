import { z } from 'zod';
import { DEFAULT_SUPERVISION, type SupervisionSettings } from '../supervision/case';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

/** `supervision` (domain.md §12): the answer deadline and the working-day calendar. */
export const SupervisionConfigSchema = z
  .object({
    /** Working days a department has to answer a case (default 5). */
    deadlineWorkingDays: z.number().int().min(1).max(60).optional(),
    /** Public holidays that fall on weekdays (法定节假日). */
    holidays: z.array(Day).optional(),
    /** Weekend days that are working days (调休上班). */
    workdays: z.array(Day).optional(),
  })
  .strict();
export type SupervisionConfig = z.input<typeof SupervisionConfigSchema>;

/** The supervision settings a configuration gives (defaults for what it leaves out). */
export function supervisionSettings(
  config?: { supervision?: SupervisionConfig; timeZone?: string } | undefined,
): SupervisionSettings {
  const own = config?.supervision ?? {};
  return {
    deadlineWorkingDays: own.deadlineWorkingDays ?? DEFAULT_SUPERVISION.deadlineWorkingDays,
    holidays: own.holidays ?? [],
    workdays: own.workdays ?? [],
    timeZone: config?.timeZone ?? DEFAULT_SUPERVISION.timeZone,
  };
}

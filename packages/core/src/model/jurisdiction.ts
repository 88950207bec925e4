import { z } from 'zod';

export const JurisdictionLevelSchema = z.enum(['province', 'city', 'county', 'township']);
export type JurisdictionLevel = z.infer<typeof JurisdictionLevelSchema>;

/** The city (county, province) running the clean-up. `code` is the administrative division code. */
export const JurisdictionSchema = z
  .object({
    code: z
      .string()
      .regex(/^\d{6,12}$/, '行政区划代码应为 6–12 位数字 (administrative division code: 6–12 digits)'),
    name: z.string().min(1),
    level: JurisdictionLevelSchema,
  })
  .strict();
export type Jurisdiction = z.infer<typeof JurisdictionSchema>;

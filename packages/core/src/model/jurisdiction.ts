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

/** The jurisdiction as a configuration names it (domain.md §9): with its own document prefixes. */
export const ConfiguredJurisdictionSchema = JurisdictionSchema.extend({
  /**
   * The prefixes of this jurisdiction's own documents and rules (宿政, 宿政办, 宿州市人民政府令),
   * and of the jurisdictions below it: a 证明 only they set is cancelled (谁设定谁清理, §14).
   */
  documentPrefixes: z.array(z.string().trim().min(1)).optional(),
}).strict();
export type ConfiguredJurisdiction = z.infer<typeof ConfiguredJurisdictionSchema>;

/** The jurisdiction as batches and publications record it: the configuration's, without its prefixes. */
export function plainJurisdiction(jurisdiction: ConfiguredJurisdiction): Jurisdiction {
  return { code: jurisdiction.code, name: jurisdiction.name, level: jurisdiction.level };
}

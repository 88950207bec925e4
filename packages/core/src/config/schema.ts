import { z } from 'zod';
import { CatalogsSchema } from '../catalogs/schema';
import { CategoryDefinitionSchema } from '../model/category';
import { JurisdictionSchema } from '../model/jurisdiction';

const RuleId = z.string().min(1);

/** The configuration file of domain.md §9. Every key is optional; unknown keys are errors. */
export const ConfigSchema = z
  .object({
    $schema: z.string().optional(),
    jurisdiction: JurisdictionSchema.optional(),
    ruleSet: z
      .object({ id: z.string().min(1), version: z.string().min(1).optional() })
      .strict()
      .optional(),
    rules: z
      .object({
        order: z.array(RuleId).optional(),
        disabled: z.array(RuleId).optional(),
        categories: z.record(RuleId, z.string().min(1)).optional(),
      })
      .strict()
      .optional(),
    /** Categories beyond the seven defaults, for a city's own rules. */
    categories: z.array(CategoryDefinitionSchema).optional(),
    catalogs: CatalogsSchema.partial().optional(),
  })
  .strict();

export type ConfigInput = z.input<typeof ConfigSchema>;
export type Config = z.output<typeof ConfigSchema>;

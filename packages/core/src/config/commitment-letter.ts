import { z } from 'zod';

const Text = z.string().trim().min(1);

/**
 * A committed material's own wording: what the applicant states (`commitment`), how the office
 * checks it afterwards (`check`) and the data source it checks against (`source`). Matched by
 * normalized name, like the catalogs.
 */
export const CommitmentCheckEntrySchema = z
  .object({
    material: Text,
    aliases: z.array(Text).default([]),
    commitment: Text.optional(),
    check: Text.optional(),
    source: Text.optional(),
  })
  .strict();
export type CommitmentCheckEntry = z.input<typeof CommitmentCheckEntrySchema>;

/**
 * `commitmentLetter` (domain.md §11): a city's own wording of the 告知承诺书. Every key is
 * optional and falls back to the default zh-CN text. Texts may use the placeholders `{item}`,
 * `{department}`, `{jurisdiction}`, and in per-material texts `{material}`, `{source}`,
 * `{legalBasis}`, `{issuer}`, `{way}` (the data source or 部门协查) and `{checkTime}`.
 */
export const CommitmentLetterConfigSchema = z
  .object({
    title: Text.optional(),
    preamble: Text.optional(),
    /** The commitment text of a material without an entry in `checks`. */
    commitment: Text.optional(),
    /** The check text of a material without an entry in `checks` (or whose entry has no `check`). */
    check: Text.optional(),
    liability: Text.optional(),
    /** 证明义务 of a material (`{material}`, `{legalBasis}`); the other key for one without 设定依据. */
    obligation: Text.optional(),
    obligationWithoutBasis: Text.optional(),
    /** 核查时间 (when the office checks), 承诺方式, the duty to cooperate with the check. */
    checkTime: Text.optional(),
    method: Text.optional(),
    cooperation: Text.optional(),
    /** That the applicant may submit the 证明 instead; who may not commit until 信用修复. */
    choice: Text.optional(),
    creditCondition: Text.optional(),
    /** The applicant's declaration above the signatures. */
    declaration: Text.optional(),
    /** Per-material wording and data sources; replaces the default list when given. */
    checks: z.array(CommitmentCheckEntrySchema).optional(),
  })
  .strict();
export type CommitmentLetterConfig = z.input<typeof CommitmentLetterConfigSchema>;

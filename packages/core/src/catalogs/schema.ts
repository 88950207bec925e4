import { z } from 'zod';
import { InstrumentLevelSchema } from '../legal/levels';
import { ItemTypeSchema } from '../model/service-item';
import { COMMITMENT_DOMAINS } from './commitment-domains';

const Name = z.string().trim().min(1);
const Aliases = z.array(Name).default([]);
/**
 * The day (YYYY-MM-DD, jurisdiction time) the data source or rule goes live; before it a
 * cancellation by this entry is planned (计划取消, domain.md §10).
 */
const EffectiveFrom = z
  .string()
  .regex(/^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/, '应为 YYYY-MM-DD 日期 (a YYYY-MM-DD date)')
  .optional();

/** The document (文号) an entry rests on, e.g. 国办发〔2018〕47号. */
const Reference = Name.optional();

/** Materials the office can get from a shared data source (网络核验/信息共享). */
export const SharedDataEntrySchema = z
  .object({
    name: Name,
    aliases: Aliases,
    /** The data source the office reads (全国人口基础信息库): named in the replacement. */
    source: Name.optional(),
    /**
     * True when the shared record is an electronic licence accepted in place of the original:
     * only then is a material demanded as 原件 cancelled; otherwise the original is still shown
     * (现场核验原件) and only the copy is waived (domain.md §4 “Originals and copies”).
     */
    replacesOriginal: z.boolean().optional(),
    reference: Reference,
    effectiveFrom: EffectiveFrom,
  })
  .strict();
/** A material proven by a licence the same item already requires (现有证照可证明). */
export const LicenceProofEntrySchema = z
  .object({
    material: Name,
    aliases: Aliases,
    licence: Name,
    licenceAliases: Aliases,
    reference: Reference,
    effectiveFrom: EffectiveFrom,
  })
  .strict();
/** A (item, material) pair a superior authority has already cancelled. */
export const SuperiorCancellationEntrySchema = z
  .object({ item: Name, material: Name, reference: Name.optional() })
  .strict();
/** An item removed from the 权责/服务清单: identified by code or by name. */
export const CancelledItemEntrySchema = z
  .object({ code: Name.optional(), name: Name.optional(), reference: Name.optional() })
  .strict()
  .refine((entry) => entry.code !== undefined || entry.name !== undefined, {
    message: '须给出 code 或 name (code or name is required)',
  });
/** Certificates an issuer (matched by keyword) has no means to verify (开具单位无权查证). */
export const IssuerRestrictionEntrySchema = z
  .object({ issuerKeywords: z.array(Name).min(1), material: Name, aliases: Aliases, reference: Reference })
  .strict();
/** Materials replaceable by a written commitment (告知承诺). */
export const CommitmentEntrySchema = z
  .object({ name: Name, aliases: Aliases, reference: Reference, effectiveFrom: EffectiveFrom })
  .strict();
/**
 * Items where a written commitment is not allowed (国办发〔2020〕42号, domain.md §11): by item name or
 * code, by item type, or by a 42号文 domain whose keywords appear in the item's or department's name.
 */
export const CommitmentExclusionEntrySchema = z
  .object({
    item: Name.optional(),
    code: Name.optional(),
    itemType: ItemTypeSchema.optional(),
    /** The 42号文 domain the entry stands for (named in the trace). */
    domain: z.enum(COMMITMENT_DOMAINS).optional(),
    /** Words matched in the normalized item and department names. */
    keywords: z.array(Name).min(1).optional(),
    reference: Reference,
  })
  .strict()
  .refine(
    (entry) =>
      entry.code !== undefined ||
      entry.item !== undefined ||
      entry.itemType !== undefined ||
      entry.keywords !== undefined,
    { message: '须给出 item、code、itemType 或 keywords (item, code, itemType or keywords is required)' },
  );

/**
 * A legal instrument a 设定依据 may cite (domain.md §14): its title, the short titles people write,
 * its level and issuer, and its 文号 or 令号 when it has one.
 */
export const LegalInstrumentEntrySchema = z
  .object({
    name: Name,
    aliases: Aliases,
    level: InstrumentLevelSchema,
    issuer: Name,
    number: Name.optional(),
  })
  .strict();

export const CatalogsSchema = z
  .object({
    sharedData: z.array(SharedDataEntrySchema),
    licenceProofs: z.array(LicenceProofEntrySchema),
    superiorCancellations: z.array(SuperiorCancellationEntrySchema),
    cancelledItems: z.array(CancelledItemEntrySchema),
    issuerRestrictions: z.array(IssuerRestrictionEntrySchema),
    commitment: z.array(CommitmentEntrySchema),
    commitmentExclusions: z.array(CommitmentExclusionEntrySchema),
    legalInstruments: z.array(LegalInstrumentEntrySchema),
  })
  .strict();

export type SharedDataEntry = z.input<typeof SharedDataEntrySchema>;
export type LicenceProofEntry = z.input<typeof LicenceProofEntrySchema>;
export type SuperiorCancellationEntry = z.input<typeof SuperiorCancellationEntrySchema>;
export type CancelledItemEntry = z.input<typeof CancelledItemEntrySchema>;
export type IssuerRestrictionEntry = z.input<typeof IssuerRestrictionEntrySchema>;
export type CommitmentEntry = z.input<typeof CommitmentEntrySchema>;
export type CommitmentExclusionEntry = z.input<typeof CommitmentExclusionEntrySchema>;
export type LegalInstrumentEntry = z.input<typeof LegalInstrumentEntrySchema>;

/** The catalogs the default rules read (domain.md §4, §9). */
export interface Catalogs {
  sharedData: readonly SharedDataEntry[];
  licenceProofs: readonly LicenceProofEntry[];
  superiorCancellations: readonly SuperiorCancellationEntry[];
  cancelledItems: readonly CancelledItemEntry[];
  issuerRestrictions: readonly IssuerRestrictionEntry[];
  commitment: readonly CommitmentEntry[];
  commitmentExclusions: readonly CommitmentExclusionEntry[];
  /** Laws, regulations, decisions and rules a 设定依据 may cite, with their level (§14). */
  legalInstruments: readonly LegalInstrumentEntry[];
}
export type CatalogName = keyof Catalogs;

import { z } from 'zod';
import {
  CancelledItemEntrySchema,
  CommitmentEntrySchema,
  CommitmentExclusionEntrySchema,
  IssuerRestrictionEntrySchema,
  LegalInstrumentEntrySchema,
  LicenceProofEntrySchema,
  SharedDataEntrySchema,
  SuperiorCancellationEntrySchema,
} from '../catalogs/schema';
import { CategoryDefinitionSchema } from '../model/category';
import { ConfiguredJurisdictionSchema } from '../model/jurisdiction';
import { CommitmentLetterConfigSchema } from './commitment-letter';
import { SupervisionConfigSchema } from './supervision';

const RuleId = z.string().min(1);

/**
 * A catalog in a configuration (domain.md §9): an array replaces the default (`[]` empties it);
 * `{ "add": [...], "remove": ["名称", ...] }` extends it — `remove` drops default entries by
 * normalised name first, then `add` appends.
 */
function catalogSetting<E extends z.ZodType>(entry: E) {
  return z.union([
    z.array(entry),
    z
      .object({
        add: z.array(entry).default([]),
        remove: z.array(z.string().trim().min(1)).default([]),
      })
      .strict(),
  ]);
}

export const CatalogSettingsSchema = z
  .object({
    sharedData: catalogSetting(SharedDataEntrySchema),
    licenceProofs: catalogSetting(LicenceProofEntrySchema),
    superiorCancellations: catalogSetting(SuperiorCancellationEntrySchema),
    cancelledItems: catalogSetting(CancelledItemEntrySchema),
    issuerRestrictions: catalogSetting(IssuerRestrictionEntrySchema),
    commitment: catalogSetting(CommitmentEntrySchema),
    commitmentExclusions: catalogSetting(CommitmentExclusionEntrySchema),
    legalInstruments: catalogSetting(LegalInstrumentEntrySchema),
  })
  .partial()
  .strict();

/** An IANA time zone that this runtime's Intl knows (Asia/Shanghai, Asia/Urumqi …). */
export const TimeZoneSchema = z
  .string()
  .min(1)
  .refine(
    (zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    },
    { message: '不是有效的 IANA 时区，例如 Asia/Shanghai (not an IANA time zone)' },
  );

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const positive = () => z.number().int().positive();

/**
 * `jianzheng serve` settings that belong with the city rather than the command line; a flag of the
 * same name (`--trust-proxy`, `--max-import-rows` …) wins over the file.
 */
export const ServerConfigSchema = z
  .object({
    /**
     * Reverse proxies in front of the service to believe: their addresses (X-Forwarded-For / -Proto /
     * -Host count only on connections from them), or a hop count (`true` = 1) when no client can
     * reach the service directly.
     */
    trustProxy: z
      .union([z.boolean(), z.number().int().min(0).max(10), z.array(z.ipv4().or(z.ipv6())).min(1).max(32)])
      .optional(),
    /** Largest upload (all workbooks of one request), in bytes. Default 20 MiB. */
    maxUploadBytes: positive().optional(),
    /** Largest page form post (login, comments), in bytes. Default 64 KiB. */
    maxFormBytes: positive().optional(),
    /** Rows read from the workbooks of one import request, all files together. Default 100,000. */
    maxImportRows: positive().optional(),
    /** Materials in the workbooks of one import request, all files together. Default 50,000. */
    maxImportMaterials: positive().optional(),
    /** Characters in one cell. Default 32,767. */
    maxCellLength: positive().optional(),
    /** Entries in one workbook's shared-strings table. Default 1,000,000. */
    maxSharedStrings: positive().optional(),
    /** Bytes one part of an uploaded xlsx may inflate to. Default 256 MiB. */
    maxPartBytes: positive().optional(),
    /** Bytes an uploaded .ods or .xlsb may declare its parts to inflate to. Default 128 MiB. */
    maxWholeInflatedBytes: positive().optional(),
    /** Bytes of request bodies parsed at once (imports, previews, comparisons, page uploads). Default 64 MiB. */
    maxParseBytes: positive().optional(),
    /** Parses running at once; more wait `parseWaitMs`, then get 503 with Retry-After. Default 2. */
    maxConcurrentParses: positive().optional(),
    /** How long a request past the parse budget waits before 503, in ms. Default 10,000. */
    parseWaitMs: z.number().int().min(0).max(60_000).optional(),
    /** Heap of a parser worker thread (whole-file formats, comparisons), in MiB. Default 256. */
    maxParserHeapMb: positive().optional(),
    /** Largest body of an anonymous comparison (POST /api/comparisons without a token). Default 2 MiB. */
    maxAnonymousBodyBytes: positive().optional(),
    /** Dry-run reports held for confirmation, all together, in bytes. Default 64 MiB. */
    maxPendingReportBytes: positive().optional(),
    /** Dry-run reports held for one department (or one operator without a department), in bytes. Default 16 MiB. */
    maxPendingReportBytesPerDepartment: positive().optional(),
  })
  .strict();

export type ServerConfig = z.output<typeof ServerConfigSchema>;

/**
 * The linked-data export (CPSV-AP JSON-LD, `publish --jsonld`): the IRI its node ids start with and
 * the organisations' 统一社会信用代码.
 */
export const LinkedDataConfigSchema = z
  .object({
    /** Absolute IRI, e.g. `https://data.example.gov.cn/jianzheng/`; default `urn:jianzheng:<code>:`. */
    baseIri: z
      .string()
      .regex(
        /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]+$/,
        '应为绝对 IRI，例如 https://data.example.gov.cn/jianzheng/ (an absolute IRI without spaces)',
      )
      .optional(),
    /** Organisation name (a department as the workbooks name it, or `<jurisdiction name>人民政府`) → 统一社会信用代码. */
    organisations: z
      .record(
        z.string().min(1),
        z
          .string()
          .regex(
            /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/,
            '统一社会信用代码应为 18 位数字或大写字母 (unified social credit code: 18 characters)',
          ),
      )
      .optional(),
  })
  .strict();

/** The configuration file of domain.md §9. Every key is optional; unknown keys are errors. */
export const ConfigSchema = z
  .object({
    $schema: z.string().optional(),
    jurisdiction: ConfiguredJurisdictionSchema.optional(),
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
    catalogs: CatalogSettingsSchema.optional(),
    /** Modules (paths relative to the configuration file) whose default export is a rule, a category or an array of them. */
    plugins: z.array(z.string().min(1)).optional(),
    /** The zone every date a person reads is shown in; stored instants stay ISO 8601 with offset. */
    timeZone: TimeZoneSchema.optional(),
    /** The wording of the commitment letters (告知承诺书, domain.md §11). */
    commitmentLetter: CommitmentLetterConfigSchema.optional(),
    /** Supervision cases (督查, domain.md §12): answer deadline and working-day calendar. */
    supervision: SupervisionConfigSchema.optional(),
    /** The service's proxy trust and input limits (`jianzheng serve`). */
    server: ServerConfigSchema.optional(),
    /** The CPSV-AP JSON-LD export's base IRI and organisation identifiers. */
    linkedData: LinkedDataConfigSchema.optional(),
  })
  .strict();

export type ConfigInput = z.input<typeof ConfigSchema>;
export type Config = z.output<typeof ConfigSchema>;

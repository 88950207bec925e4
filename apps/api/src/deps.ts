import type { OpenAPIHono } from '@hono/zod-openapi';
import {
  allowedActions,
  type BatchRecord,
  type Engine,
  type JianzhengStore,
  type Jurisdiction,
  type MaterialRecord,
  NotFoundError,
  type ServerConfig,
} from '@jianzheng/core';
import type { AppEnv } from './auth';
import type { RateLimiter } from './rate-limit';
import type { ParseBudget } from './services/parse-budget';

/** Limits of the service; every one has a default. */
export interface ApiLimits {
  /** Largest accepted upload (all workbooks of one request), in bytes. Default 20 MB. */
  uploadBytes: number;
  /** Largest JSON request body, in bytes. Default 1 MB. */
  jsonBytes: number;
  /** Largest page form post (login, comment, review forms; not uploads), in bytes. Default 64 KB. */
  formBytes: number;
  /** Longest public comment, in characters. Default 2000. */
  commentChars: number;
  /** Comments one client may post per window. Default 5. */
  commentsPerWindow: number;
  /** The rate-limit window, in ms. Default 10 minutes. */
  commentWindowMs: number;
  /**
   * Rows read from the workbooks of one import request, all files together (header and notes
   * included). Default 100,000: a department's list is a few thousand; a province's goes via the CLI.
   */
  importRows: number;
  /** Materials in the workbooks of one import request, all files together. Default 50,000. */
  importMaterials: number;
  /** Characters in one cell. Default 32,767 (Excel's own limit). */
  cellChars: number;
  /** Entries in one workbook's shared-strings table. Default 1,000,000. */
  sharedStrings: number;
  /** Bytes one part of an uploaded xlsx may inflate to. Default 256 MiB. */
  partBytes: number;
  /** Bytes an uploaded .ods or .xlsb may inflate to, all parts together. Default 128 MiB. */
  wholeInflatedBytes: number;
  /** The parse budget: bytes parsed at once, each body counted at 24× its size (PARSE_EXPANSION). Default 64 MiB. */
  parseBytes: number;
  /** The parse budget: parses at once. Default 2. */
  parseConcurrency: number;
  /** How long a request waits for room in the parse budget before 503. Default 10,000 ms (a loaded machine takes seconds per ordinary upload). */
  parseWaitMs: number;
  /** Heap of each parser worker (whole-file formats, comparisons), MiB. Default 256. */
  parserHeapMb: number;
  /** Largest anonymous comparison body. Default 2 MiB (signed-in callers: `uploadBytes`). */
  anonymousBodyBytes: number;
  /** Dry-run reports held for confirmation, all together. Default 64 MiB. */
  pendingReportBytes: number;
  /** Dry-run reports held per department (or per operator without one). Default 16 MiB. */
  pendingReportBytesPerDepartment: number;
}

export const DEFAULT_LIMITS: ApiLimits = {
  uploadBytes: 20 * 1024 * 1024,
  jsonBytes: 1024 * 1024,
  formBytes: 64 * 1024,
  commentChars: 2000,
  commentsPerWindow: 5,
  commentWindowMs: 10 * 60 * 1000,
  importRows: 100_000,
  importMaterials: 50_000,
  cellChars: 32_767,
  sharedStrings: 1_000_000,
  partBytes: 256 * 1024 * 1024,
  wholeInflatedBytes: 128 * 1024 * 1024,
  parseBytes: 64 * 1024 * 1024,
  parseConcurrency: 2,
  parseWaitMs: 10_000,
  parserHeapMb: 256,
  anonymousBodyBytes: 2 * 1024 * 1024,
  pendingReportBytes: 64 * 1024 * 1024,
  pendingReportBytesPerDepartment: 16 * 1024 * 1024,
};

/** The config file's `server` keys (`maxImportRows` …) as the app's limits. */
export function limitsFromConfig(server: ServerConfig | undefined): Partial<ApiLimits> {
  if (!server) return {};
  const pairs: Array<[keyof ApiLimits, number | undefined]> = [
    ['uploadBytes', server.maxUploadBytes],
    ['formBytes', server.maxFormBytes],
    ['importRows', server.maxImportRows],
    ['importMaterials', server.maxImportMaterials],
    ['cellChars', server.maxCellLength],
    ['sharedStrings', server.maxSharedStrings],
    ['partBytes', server.maxPartBytes],
    ['wholeInflatedBytes', server.maxWholeInflatedBytes],
    ['parseBytes', server.maxParseBytes],
    ['parseConcurrency', server.maxConcurrentParses],
    ['parseWaitMs', server.parseWaitMs],
    ['parserHeapMb', server.maxParserHeapMb],
    ['anonymousBodyBytes', server.maxAnonymousBodyBytes],
    ['pendingReportBytes', server.maxPendingReportBytes],
    ['pendingReportBytesPerDepartment', server.maxPendingReportBytesPerDepartment],
  ];
  return Object.fromEntries(pairs.filter(([, value]) => value !== undefined));
}

export interface Deps {
  store: JianzhengStore;
  engine: Engine;
  jurisdiction: Jurisdiction | undefined;
  limits: ApiLimits;
  /** Counts in the database: shared by every instance on it. */
  commentLimiter: RateLimiter;
  /** Anonymous comparisons, counted like comments (same limits, own scope). */
  comparisonLimiter: RateLimiter;
  clientKey: (headers: Headers, env: unknown) => string;
  /** Fixed offset for publication timestamps; undefined: the offset of `timeZone` on that day. */
  timeZoneOffset: string | undefined;
  /** IANA zone of every date people read. */
  timeZone: string;
  now: () => Date;
  /** The one memory budget of every parse (imports, previews, comparisons, pages). */
  parseBudget: ParseBudget;
}

export type App = OpenAPIHono<AppEnv>;

export async function requireBatch(store: JianzhengStore, id: string): Promise<BatchRecord> {
  const batch = await store.getBatch(id);
  if (!batch) throw new NotFoundError('batch', id, '批次');
  return batch;
}

export async function requireMaterial(
  store: JianzhengStore,
  batchId: string,
  id: string,
): Promise<MaterialRecord> {
  const record = await store.getMaterial(batchId, id);
  if (!record) throw new NotFoundError('material', id, '材料');
  return record;
}

export function batchOut(batch: BatchRecord) {
  return {
    ...batch,
    details: batch.details as Record<string, unknown>,
    allowedActions: allowedActions(batch.stage, batch.details) as string[],
  };
}

export const etagOf = (record: MaterialRecord) => `"${record.version}"`;

export function materialOut(record: MaterialRecord) {
  return {
    material: record.material,
    decision: record.decision,
    annotation: record.annotation,
    version: record.version,
    etag: etagOf(record),
  };
}

// @jianzheng/testkit — fixtures for tests and benchmarks: seeded national-scale department
// workbooks (streaming) and the bad-input corpus with the outcome each case must give.

export type { CfbStream } from './cfb';
export { biff8Bof, writeCfb } from './cfb';
export type { CorpusCase, CorpusExpectation } from './corpus';
export { ACCEPTED_CASE_IDS, REFUSED_CASE_IDS, writeBadInputCorpus, ZIP_BOMB_EXPANDED_BYTES } from './corpus';
export {
  csvText,
  FORMAT_SHEET,
  FORMAT_SHEET_MATERIALS,
  prefixSpreadsheetMl,
  replaceCells,
} from './corpus-formats';
export { readCellsWithExceljs, writeCellsWithExceljs } from './exceljs-baseline';
export type { ExpectedMaterial, LayoutWorkbook, UnseenLayout } from './layout-workbooks';
export { LAYOUT_PRODUCERS, UNSEEN_LAYOUTS, writeLayoutWorkbooks } from './layout-workbooks';
export type { PostgresCluster, StartPostgresOptions } from './postgres-cluster';
export { pgTestSkipReason, postgresUnavailableReason, startPostgres } from './postgres-cluster';
export type {
  BatchSpec,
  DeriveOptions,
  ItemSpec,
  MaterialRow,
  SyntheticJurisdictionsOptions,
} from './publications';
export { derivePublication, publicationFromSpec, syntheticJurisdictionPublications } from './publications';
export { PUBLISH_STEPS, PUBLISH_STEPS_2026 } from './publish-steps';
export type { Random } from './random';
export { seededRandom } from './random';
export type { ServerProcess, StartServerProcessOptions } from './server-process';
export { freePort, startServerProcess } from './server-process';
export type { ApiCall, ApiReply } from './settle-legal-queue';
export { SUPERIOR_DOCUMENT, settleLegalQueue } from './settle-legal-queue';
export type {
  SyntheticLayout,
  SyntheticManifest,
  SyntheticOptions,
  SyntheticWorkbook,
} from './synthetic-workbooks';
export { SYNTHETIC_LAYOUTS, writeSyntheticWorkbooks } from './synthetic-workbooks';
export {
  DEPARTMENT_KINDS,
  ISSUERS,
  ITEM_NOUNS,
  ITEM_VERBS,
  LEGAL_BASES,
  MATERIAL_STEMS,
} from './vocabulary';
export type { RawZipEntry, ZipEntry } from './zip';
export { readZip, repeatedDeflate, writeZip } from './zip';

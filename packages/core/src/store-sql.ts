// `@jianzheng/core/store-sql`: what a store adapter needs beyond the port — the write plans core
// computes from what the adapter read in its transaction, the SQL both dialects run, and the
// mappers of the shared table layout. Only adapters import it; the domain is the main entry.

export type { ProgrammeWritePlan, ProgrammeWriteRead } from './programme/store';
export {
  inventoryCountsFromRow,
  PROGRAMMES_TABLE_SQL,
  planProgrammeWrite,
  programmeRecordFromRow,
  programmeRowValues,
  programmeWriteKeys,
  publishedCountsOf,
} from './programme/store';
export { materialStatsValues } from './stats/summary-from-groups';
export type { BatchWriteMethods, StoreReadMethods } from './store/adapter-parts';
export type { ListQuery, PagedQuery } from './store/list-queries';
export {
  auditListQuery,
  caseListQuery,
  commentListQuery,
  materialListQuery,
  materialPageQuery,
  tokenListQuery,
} from './store/list-queries';
export type { TransitionRead } from './store/plans/batch-writes';
export { planCreateBatch, planListChange, planTransitionWrite } from './store/plans/batch-writes';
export { planAnswerCaseWrite, planCloseCaseWrite, planCreateCase } from './store/plans/case-writes';
export type { AddCommentRead } from './store/plans/comment-writes';
export { planAddComment, planAnswerComment } from './store/plans/comment-writes';
export type { ImportRead, MaterialChangeRead } from './store/plans/material-writes';
export { existingMaterialFromRow, planImportWrite, planMaterialChange } from './store/plans/material-writes';
export { planSnapshotImport, SNAPSHOT_QUERIES, snapshotFromRows } from './store/plans/snapshot-writes';
export type { RevokeTokenRead } from './store/plans/token-writes';
export { planCreateToken, planRevokeToken } from './store/plans/token-writes';
export type { InsertPlan, PlannedAudit, PlannedStatement, WritePlan } from './store/plans/write-plan';
export { auditParams, plannedAudit, stored } from './store/plans/write-plan';
export { rateLimitHitFromRow, rateLimitUpsertSql } from './store/rate-limit-sql';
export type { StoreRow } from './store/rows';
export {
  auditFromRow,
  batchFromRow,
  CASE_COLUMNS,
  caseForAudit,
  caseFromRow,
  caseRowValues,
  commentFromRow,
  legalLevelCountsFromRows,
  materialFromRow,
  materialGroupFromRow,
  materialPageFromRows,
  publicationFromRow,
  publicationMetaFromRow,
  requireBatchRow,
  SNAPSHOT_TABLES,
  seqAfterCursor,
  TOKEN_COLUMNS,
  tokenFromRow,
  tokenRowValues,
  tokensParentsFirst,
  transitionFromRow,
} from './store/rows';
export type { SqlTypes } from './store/schema-sql';
export { POSTGRES_TYPES, SQLITE_TYPES, sharedTablesSql } from './store/schema-sql';
export type { StoreReadName, StoreStatementName } from './store/statements';
export {
  existingMaterialsSql,
  numberedPlaceholders,
  STORE_READS,
  STORE_STATEMENTS,
} from './store/statements';
export type { JsonField } from './store/stats-sql';
export { legalLevelGroupsSql, materialGroupsSql, materialStatsMigrationSql } from './store/stats-sql';

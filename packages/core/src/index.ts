// @jianzheng/core — the domain model and the cancellation rule engine. No I/O: zod only.

export type { BatchDetails } from './batch/details';
export { applyTransition } from './batch/details';
export { assertListEditable, FROZEN_STAGES, StageLockedError } from './batch/editing';
export type { FieldIssue } from './batch/errors';
export {
  GuardFailedError,
  InvalidReviewError,
  InvalidTransitionInputError,
  TransitionNotAllowedError,
} from './batch/errors';
export type { AdjustmentChanges } from './batch/guards';
export {
  assertAdjustmentPublishable,
  assertCommentsOpen,
  assertOwnDepartment,
  CommentsClosedError,
  OtherDepartmentError,
  OutsideCommentPeriodError,
  openAdjustmentDraft,
} from './batch/guards';
export type { ExistingMaterial, ImportPlan, PlannedRow } from './batch/import-plan';
export { ImportScopeError, planImport } from './batch/import-plan';
export type { LegalQueueRow, PendingLegalReview } from './batch/legal-queue';
export {
  assertLegalQueueResolved,
  checksLegalQueue,
  LegalReviewPendingError,
  legalQueueRows,
  pendingLegalReviews,
} from './batch/legal-queue';
export type { AnnotationInput, ReviewInput, ReviewOptions, ReviewPlan } from './batch/review';
export { AnnotationInputSchema, applyReview, planReview, ReviewInputSchema } from './batch/review';
export type {
  TransitionAction,
  TransitionContext,
  TransitionDefinition,
  TransitionInput,
  TransitionPlan,
} from './batch/transitions';
export {
  allowedActions,
  assertTransitionGuards,
  parseTransitionInput,
  planTransition,
  TRANSITIONS,
  TransitionInputSchema,
} from './batch/transitions';
export type { CommitmentDomain } from './catalogs/commitment-domains';
export {
  COMMITMENT_DOMAIN_LABELS,
  COMMITMENT_DOMAINS,
  DEFAULT_COMMITMENT_EXCLUSIONS,
} from './catalogs/commitment-domains';
export { DEFAULT_CATALOGS } from './catalogs/defaults';
export { DEFAULT_LEGAL_INSTRUMENTS } from './catalogs/legal-instruments';
export { indexByNames } from './catalogs/name-index';
export type { PolicyList } from './catalogs/policy-sources';
export {
  CLEAN_UP_2018,
  COMMITMENT_2020,
  THREE_IN_ONE_2015,
  VILLAGE_CERTIFICATES_2020,
} from './catalogs/policy-sources';
export type {
  CancelledItemEntry,
  CatalogName,
  Catalogs,
  CommitmentEntry,
  CommitmentExclusionEntry,
  IssuerRestrictionEntry,
  LegalInstrumentEntry,
  LicenceProofEntry,
  SharedDataEntry,
  SuperiorCancellationEntry,
} from './catalogs/schema';
export { CatalogsSchema, LegalInstrumentEntrySchema } from './catalogs/schema';
export { createAliasExpander, SEARCH_SYNONYMS, searchAliasGroups } from './catalogs/search-aliases';
export type { CatalogPatch, CatalogSetting, CatalogSettings } from './config/catalog-patch';
export { catalogPatchProblems, resolveCatalogs } from './config/catalog-patch';
export type { CommitmentCheckEntry, CommitmentLetterConfig } from './config/commitment-letter';
export { CommitmentCheckEntrySchema, CommitmentLetterConfigSchema } from './config/commitment-letter';
export type { ConfigExtras } from './config/parse-config';
export {
  effectiveConfig,
  engineFromConfig,
  engineOptionsFromConfig,
  parseConfig,
} from './config/parse-config';
export type { Config, ConfigInput, ServerConfig } from './config/schema';
export {
  CatalogSettingsSchema,
  ConfigSchema,
  DEFAULT_TIME_ZONE,
  LinkedDataConfigSchema,
  ServerConfigSchema,
  TimeZoneSchema,
} from './config/schema';
export type { SupervisionConfig } from './config/supervision';
export { SupervisionConfigSchema, supervisionSettings } from './config/supervision';
export { agreementOf } from './engine/agreement';
export type { Engine, EngineOptions, EngineRule, RuleSetIdentity } from './engine/create-engine';
export { createEngine } from './engine/create-engine';
export { defineRule } from './engine/define-rule';
export { plannedFrom } from './engine/evaluate';
export { DEFAULT_SLICE_MATERIALS, evaluateInSlices } from './engine/evaluate-in-slices';
export { outcomeCache, ruleOutcome, sharedOutcome } from './engine/outcome';
export type {
  FactValue,
  ItemMaterialNames,
  MaterialContext,
  RuleCheck,
  RuleCompileContext,
  RuleDefinition,
  RuleOutcome,
} from './engine/types';
export type { ConfigProblem } from './errors/config-errors';
export {
  ConfigLoadError,
  DuplicateRuleError,
  InvalidConfigError,
  InvalidPluginError,
  InvalidRuleDefinitionError,
  UnknownCategoryError,
  UnknownRuleError,
} from './errors/config-errors';
export type { JianzhengErrorOptions } from './errors/jianzheng-error';
export { isJianzhengError, JianzhengError } from './errors/jianzheng-error';
export { createSha256, hasNativeSha256, type Sha256Hasher, sha256Hex } from './hash/sha256';
export type { Label, LabelLang } from './labels/workflow';
export {
  ACTION_LABELS,
  ACTION_OUTCOMES,
  AUDIT_EVENTS,
  actionLabel,
  actionOutcome,
  auditEventLabel,
  STAGE_LABELS,
  stageLabel,
  stageStatus,
} from './labels/workflow';
export type {
  Citation,
  InstrumentLevel,
  IssuerReferrals,
  LegalBasisAssessment,
  LegalBasisContext,
  LegalBasisOwner,
  LegalClassification,
  LegalLevel,
  LegalLevelCount,
  LegalLevelCounts,
  LegalTally,
  Referral,
} from './legal/index';
export {
  classifyLegalBasis,
  createLegalBasisClassifier,
  createLegalLevelCounter,
  createLegalTally,
  InstrumentLevelSchema,
  LEGAL_LEVEL_LABELS,
  LEGAL_LEVELS,
  LegalLevelSchema,
  levelRank,
  maySetCertificate,
  tallyLegalBases,
} from './legal/index';
export type { LegalResolutionInput } from './legal/resolution';
export { isLegalReviewPending, LegalResolutionInputSchema, resolveLegalReview } from './legal/resolution';
export type { Batch, BatchStage } from './model/batch';
export { BATCH_STAGE_LABELS_ZH, BATCH_STAGES, BatchSchema, BatchStageSchema } from './model/batch';
export type { CategoryDefinition, DefaultCategoryId } from './model/category';
export {
  CategoryDefinitionSchema,
  CategoryIdSchema,
  DEFAULT_CATEGORIES,
  defineCategory,
} from './model/category';
export type {
  Agreement,
  AlternativeDecision,
  Decision,
  DecisionFlag,
  DecisionStatus,
  LegalBasis,
  LegalResolution,
  TraceEntry,
  Verdict,
} from './model/decision';
export {
  AgreementSchema,
  AlternativeDecisionSchema,
  DECISION_FLAGS,
  DecisionSchema,
  DecisionStatusSchema,
  LegalBasisAssessmentSchema,
  LegalResolutionSchema,
  MaterialFormSchema,
  TraceEntrySchema,
  VerdictSchema,
} from './model/decision';
export type { Department, NoticeChannel } from './model/department';
export { DepartmentSchema, NoticeChannelSchema } from './model/department';
export type { ConfiguredJurisdiction, Jurisdiction, JurisdictionLevel } from './model/jurisdiction';
export {
  ConfiguredJurisdictionSchema,
  JurisdictionLevelSchema,
  JurisdictionSchema,
  plainJurisdiction,
} from './model/jurisdiction';
export type { LocalizedText } from './model/localized';
export { LocalizedTextSchema } from './model/localized';
export type { Material, MaterialInput, MaterialSource, Proposal } from './model/material';
export {
  createMaterial,
  isLegalBasisNone,
  MATERIAL_SOURCES,
  MaterialSchema,
  MaterialSourceSchema,
  ProposalSchema,
  parseProposal,
  parseSource,
  parseSuperiorCancelled,
} from './model/material';
export { assignMaterialIds, materialId, materialIdFromKey } from './model/material-id';
export type {
  Publication,
  PublicationSummary,
  PublishedDepartment,
  PublishedItem,
  PublishedMaterial,
} from './model/publication';
export {
  PUBLICATION_SCHEMA_VERSION,
  PublicationSchema,
  PublicationStatusSchema,
  PublicationSummarySchema,
  PublishedBatchSchema,
  PublishedCategorySchema,
  PublishedDepartmentSchema,
  PublishedFormSchema,
  PublishedItemSchema,
  PublishedLegalReviewSchema,
  PublishedMaterialSchema,
  TotalsSchema,
} from './model/publication';
export type { ItemType, ServiceItem } from './model/service-item';
export { ITEM_TYPES, ItemTypeSchema, itemKey, parseItemType, ServiceItemSchema } from './model/service-item';
export type { YesNo } from './model/yes-no';
export { formatYesNo, parseYesNo, YesNoSchema } from './model/yes-no';
export { splitAlternatives } from './normalize/alternatives';
export type { MaterialForm } from './normalize/material-form';
export { MATERIAL_FORMS, parseMaterialForm, showsOriginal } from './normalize/material-form';
export { cleanText, createNameNormalizer, normalizeName } from './normalize/normalize-name';
export type {
  BatchFacts,
  BatchFigures,
  InventoryCounts,
  ProgrammeFacts,
  ProgrammeFigures,
  ProgrammeTotals,
  PublishedCounts,
  RoundFigures,
  UnitFigures,
} from './programme/figures';
export { programmeFigures, reductionRate } from './programme/figures';
export type {
  Programme,
  ProgrammeBatch,
  ProgrammeFile,
  ProgrammeInput,
  ProgrammeRound,
  ProgrammeUnit,
  UnitState,
} from './programme/model';
export {
  ProgrammeBatchSchema,
  ProgrammeFileSchema,
  ProgrammeRoundSchema,
  ProgrammeSchema,
  ProgrammeUnitSchema,
  programmeOfFile,
  UNIT_STATE_LABELS_ZH,
  UNIT_STATES,
} from './programme/model';
export type { ProgrammeRecord, ProgrammeStore } from './programme/store';
export { InvalidProgrammeError, PROGRAMME_AUDIT_ACTIONS, parseProgramme } from './programme/store';
export { cancellationMethod, publicBasis, retentionReason } from './public/public-text';
export {
  DEFAULT_RULES,
  duplicate,
  internalQuery,
  issuerCannotCertify,
  itemCancelled,
  noLegalBasis,
  notNecessary,
  provenByLicence,
  sharedData,
  superiorCancelled,
  writtenCommitment,
} from './rules/index';
export { cancellationRate, formatRate } from './stats/format-rate';
export type { SummarizeOptions, Summary, Totals } from './stats/summarize';
export { summarize } from './stats/summarize';
export type { SummaryAccumulator, SummaryDecision, SummaryMaterial } from './stats/summary-accumulator';
export { createSummaryAccumulator, UNTYPED_ITEM_TYPE } from './stats/summary-accumulator';
export type { ItemCounts, MaterialGroupCount } from './stats/summary-from-groups';
export { summaryFromGroups, TRIM_CHARACTERS } from './stats/summary-from-groups';
export type { AuditAction } from './store/audit';
export { AUDIT_ACTIONS, materialQueryText, transitionAuditAction } from './store/audit';
export { AlreadyExistsError, NotFoundError, VersionConflictError } from './store/errors';
export type { JianzhengStore } from './store/port';
export type {
  Actor,
  AuditEntry,
  AuditQuery,
  BatchRecord,
  CommentRecord,
  ImportInput,
  ImportResult,
  MaterialChange,
  MaterialPage,
  MaterialPageQuery,
  MaterialQuery,
  MaterialRecord,
  NewBatch,
  NewPublication,
  NewToken,
  Page,
  PublicationMeta,
  PublicationRecord,
  RateLimit,
  RateLimitHit,
  Role,
  StoreSnapshot,
  TokenQuery,
  TokenRecord,
  TransitionRecord,
  WriteContext,
} from './store/types';
export type {
  CaseAnswer,
  CaseOutcome,
  CaseQuery,
  CaseRecord,
  CaseReport,
  CaseState,
  CaseStatus,
  NewCase,
  SupervisionSettings,
} from './supervision/case';
export {
  CASE_LIMITS,
  CASE_OUTCOME_ZH,
  CASE_OUTCOMES,
  CASE_STATES,
  CASE_STATUS_ZH,
  CASE_STATUSES,
  CaseOtherDepartmentError,
  CaseReportSchema,
  CaseStateError,
  caseDueOn,
  caseIdOf,
  caseNumber,
  caseState,
  DEFAULT_SUPERVISION,
  planCaseAnswer,
  planCaseClose,
} from './supervision/case';
export type { CaseStatistics, CaseStatisticsRow } from './supervision/case-stats';
export { caseStatistics } from './supervision/case-stats';
export type { CaseStore } from './supervision/case-store';
export type { WorkingCalendar } from './supervision/working-days';
export { addWorkingDays, isWorkingDay, localDate } from './supervision/working-days';
export type { FormatLocalOptions, LocalDateStyle, LocalDateTime } from './time/local-time';
export {
  formatDayZh,
  formatLocalDate,
  formatLocalDateTime,
  localDateTime,
  wallClockDate,
  zoneOffset,
} from './time/local-time';

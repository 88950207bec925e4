import type { TransitionPlan } from '../batch/transitions';
import type { LegalLevelCounts } from '../legal/tally';
import type { ProgrammeStore } from '../programme/store';
import type { SummarizeOptions, Summary } from '../stats/summarize';
import type { CaseStore } from '../supervision/case-store';
import type {
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
  StoreSnapshot,
  TokenQuery,
  TokenRecord,
  TransitionRecord,
  WriteContext,
} from './types';

/**
 * The storage port of the operators' service. Adapters (@jianzheng/store-sqlite,
 * @jianzheng/store-postgres) implement it; the API knows only this. Every write method is atomic
 * and appends its audit entry (`AUDIT_ACTIONS`) in the same transaction, so a write without its
 * audit trail cannot exist. Every guard of domain.md §5 that a write depends on is re-checked
 * inside that transaction with core's pure guards (no check-then-act window): a write racing a
 * stage change is refused, never applied to a frozen list. `@jianzheng/testkit`'s
 * `runStoreContract` checks all of it against an adapter. Failures are the errors in
 * `store/errors` (NOT_FOUND, ALREADY_EXISTS, VERSION_CONFLICT) and the guard errors of
 * `batch/` (STAGE_LOCKED, COMMENTS_CLOSED, FORBIDDEN, IMPORT_SCOPE, GUARD_FAILED).
 */
export interface JianzhengStore extends CaseStore, ProgrammeStore {
  // Batches
  createBatch(batch: NewBatch, ctx: WriteContext): Promise<BatchRecord>;
  getBatch(id: string): Promise<BatchRecord | undefined>;
  listBatches(): Promise<BatchRecord[]>;

  // Materials and decisions
  /**
   * Replaces the materials of `input.departments` in one transaction, as core's `planImport`
   * says (reviewed decisions and annotations survive). Inside the transaction: the list must be
   * editable (`assertListEditable`), a department actor may import only its own department
   * (`assertOwnDepartment`), and after publication the import opens an adjustment draft.
   */
  importMaterials(batchId: string, input: ImportInput, ctx: WriteContext): Promise<ImportResult>;
  listMaterials(batchId: string, query?: MaterialQuery): Promise<Page<MaterialRecord>>;
  /** Every material of the batch in list order (for a publication, which writes the whole list). */
  allMaterials(batchId: string): Promise<MaterialRecord[]>;
  /**
   * Exactly what core's `summarize` returns for `allMaterials(batchId)` with these options, counted
   * by the database (aggregates over indexed columns): no material is read into memory, so the
   * statistics of a province's list cost as little as a city's.
   */
  summarizeMaterials(batchId: string, options?: SummarizeOptions): Promise<Summary>;
  /**
   * The batch's materials by the legal level of their 设定依据 (domain.md §14): what core's
   * `tallyLegalBases` gives as `byLegalLevel` for `allMaterials(batchId)`, counted by the database.
   */
  countLegalLevels(batchId: string): Promise<LegalLevelCounts>;
  /**
   * A page of the batch's materials in list order (`allMaterials`' order), optionally of one
   * department, after the cursor of the previous page. Keyset paging: a page costs its own rows
   * whatever its depth, and the pages cover every material once while the list is unchanged.
   */
  pageMaterials(batchId: string, query?: MaterialPageQuery): Promise<MaterialPage>;
  getMaterial(batchId: string, materialId: string): Promise<MaterialRecord | undefined>;
  /**
   * Applies a change only when the material's version still equals `expectedVersion` and the list
   * is editable; an annotation only by the material's own department (or a non-department role).
   * A review after publication opens the adjustment draft.
   */
  updateMaterial(
    batchId: string,
    materialId: string,
    expectedVersion: number,
    change: MaterialChange,
    ctx: WriteContext,
  ): Promise<MaterialRecord>;

  // Stages and publications
  /**
   * Moves the batch along `plan` if it is still in `plan.from` and, when the plan carries one, its
   * list is still at `plan.listRevision` (else VERSION_CONFLICT); re-runs `assertTransitionGuards`
   * on what the transaction reads (unanswered comments, materials …) and derives the new details
   * with `applyTransition`. With a publication, the transition and the new version are written
   * together; its `version` must be the one the details lead to.
   */
  transitionBatch(
    batchId: string,
    plan: TransitionPlan,
    ctx: WriteContext,
    publication?: NewPublication,
  ): Promise<BatchRecord>;
  listTransitions(batchId: string): Promise<TransitionRecord[]>;
  listPublications(batchId?: string): Promise<PublicationMeta[]>;
  /** A version, or the latest when `version` is omitted. */
  getPublication(batchId: string, version?: number): Promise<PublicationRecord | undefined>;

  // Public comments
  /**
   * Only while the batch takes comments and, when `today` is given (the comment's date in the
   * jurisdiction's time zone), within the announced period (`assertCommentsOpen`, checked in the
   * transaction on the batch as it reads it). `today` is not stored.
   */
  addComment(
    batchId: string,
    comment: { materialId: string; body: string; author?: string | null; today?: string },
    ctx: WriteContext,
  ): Promise<CommentRecord>;
  listComments(
    batchId: string,
    filter?: { materialId?: string; unanswered?: boolean },
  ): Promise<CommentRecord[]>;
  countUnansweredComments(batchId: string): Promise<number>;
  answerComment(
    batchId: string,
    commentId: number,
    answer: string,
    ctx: WriteContext,
  ): Promise<CommentRecord>;

  // Audit log (append-only: no update or delete exists)
  listAudit(query?: AuditQuery): Promise<Page<AuditEntry>>;

  // Access tokens (hashed)
  createToken(token: NewToken, ctx: WriteContext): Promise<TokenRecord>;
  /** The token with this hash, revoked or expired ones included (the caller decides). */
  findTokenByHash(hash: string): Promise<TokenRecord | undefined>;
  /** Tokens by creation time; `at` decides which have expired (default: now). */
  listTokens(query?: TokenQuery & { at?: string }): Promise<TokenRecord[]>;
  /**
   * Revokes a token and the login sessions opened with it, audited as `token.revoke` in the same
   * transaction. NOT_FOUND for an unknown id; revoking a revoked token changes nothing.
   */
  revokeToken(id: string, ctx: WriteContext): Promise<TokenRecord>;
  /** Records a use (`lastUsedAt`); not audited — the audit log holds the writes a token made. */
  touchToken(id: string, at: string): Promise<void>;

  // Rate limits (e.g. public comments per client address)
  /**
   * Counts one hit of `key` in a fixed window kept in the database, atomically, so every instance
   * on one database shares the count. Expired windows are dropped as hits come in. Not audited and
   * not part of a snapshot: counts are worth nothing after their window.
   */
  hitRateLimit(key: string, limit: RateLimit): Promise<RateLimitHit>;

  // Moving a whole store (`jianzheng migrate`)
  /** Everything the store holds, read consistently. */
  exportSnapshot(): Promise<StoreSnapshot>;
  /**
   * Writes a snapshot into an empty store in one transaction, keeping ids, versions, sequence
   * numbers and times; ALREADY_EXISTS when the store holds anything. Not audited: the audit log
   * itself is part of the snapshot.
   */
  importSnapshot(snapshot: StoreSnapshot): Promise<void>;

  close(): Promise<void>;
}

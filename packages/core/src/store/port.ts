import type { TransitionPlan } from '../batch/transitions';
import type { CaseStore } from '../supervision/case-store';
import type {
  AuditEntry,
  AuditQuery,
  BatchRecord,
  CommentRecord,
  ImportInput,
  ImportResult,
  MaterialChange,
  MaterialQuery,
  MaterialRecord,
  NewBatch,
  NewPublication,
  NewToken,
  Page,
  PublicationMeta,
  PublicationRecord,
  TokenQuery,
  TokenRecord,
  TransitionRecord,
  WriteContext,
} from './types';

/**
 * The storage port of the operators' service. Adapters (e.g. @jianzheng/store-sqlite) implement
 * it; the API knows only this. Every write method is atomic and appends its audit entry in the
 * same transaction, so a write without its audit trail cannot exist. Failures are the errors in
 * `store/errors` (NOT_FOUND, ALREADY_EXISTS, VERSION_CONFLICT).
 */
export interface JianzhengStore extends CaseStore {
  // Batches
  createBatch(batch: NewBatch, ctx: WriteContext): Promise<BatchRecord>;
  getBatch(id: string): Promise<BatchRecord | undefined>;
  listBatches(): Promise<BatchRecord[]>;

  // Materials and decisions
  /**
   * Replaces the materials of `input.departments` in one transaction. A material whose stable id
   * still exists keeps its reviewed decision (confirmed/overridden) and annotation; others take
   * the fresh decision.
   */
  importMaterials(batchId: string, input: ImportInput, ctx: WriteContext): Promise<ImportResult>;
  listMaterials(batchId: string, query?: MaterialQuery): Promise<Page<MaterialRecord>>;
  /** Every material of the batch in list order (for publications and statistics). */
  allMaterials(batchId: string): Promise<MaterialRecord[]>;
  getMaterial(batchId: string, materialId: string): Promise<MaterialRecord | undefined>;
  /** Applies a change only when the material's version still equals `expectedVersion`. */
  updateMaterial(
    batchId: string,
    materialId: string,
    expectedVersion: number,
    change: MaterialChange,
    ctx: WriteContext,
  ): Promise<MaterialRecord>;

  // Stages and publications
  /**
   * Moves the batch along `plan` if it is still in `plan.from` (else VERSION_CONFLICT). With a
   * publication, the transition and the new version are written together.
   */
  transitionBatch(
    batchId: string,
    plan: TransitionPlan,
    details: BatchRecord['details'],
    ctx: WriteContext,
    publication?: NewPublication,
  ): Promise<BatchRecord>;
  listTransitions(batchId: string): Promise<TransitionRecord[]>;
  listPublications(batchId?: string): Promise<PublicationMeta[]>;
  /** A version, or the latest when `version` is omitted. */
  getPublication(batchId: string, version?: number): Promise<PublicationRecord | undefined>;

  // Public comments
  addComment(
    batchId: string,
    comment: { materialId: string; body: string; author?: string | null },
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

  close(): Promise<void>;
}

import type { BatchDetails } from '../batch/details';
import type { AdjustmentChanges } from '../batch/guards';
import type { TransitionAction } from '../batch/transitions';
import type { BatchStage } from '../model/batch';
import type { Agreement, Decision, DecisionStatus, Verdict } from '../model/decision';
import type { Jurisdiction } from '../model/jurisdiction';
import type { Material } from '../model/material';
import type { ProgrammeRecord } from '../programme/store';
import type { CaseRecord } from '../supervision/case';

/** Access roles of the operators' service (谁设定，谁清理). */
export type Role = 'admin' | 'reviewer' | 'legal' | 'department';

/** Who performs a write; recorded in the audit log. */
export interface Actor {
  /** Token id or label; `anonymous` for the public. */
  id: string;
  role: Role | 'anonymous';
  department?: string | null;
}

export interface BatchRecord {
  id: string;
  title: string;
  jurisdiction: Jurisdiction;
  departments: string[];
  stage: BatchStage;
  details: BatchDetails;
  /**
   * Grows with every change of the list (an import, a review): what a transition planned on an
   * older list is refused for (the plan's `listRevision`).
   */
  listRevision: number;
  createdAt: string;
  updatedAt: string;
}

export interface NewBatch {
  id: string;
  title: string;
  jurisdiction: Jurisdiction;
  departments: string[];
}

/** A material with its current decision. `version` grows on every change (the ETag). */
export interface MaterialRecord {
  batchId: string;
  material: Material;
  decision: Decision;
  /** The department's own remark (谁设定，谁清理). */
  annotation: { note: string; by: string; at: string } | null;
  version: number;
  updatedAt: string;
}

export interface MaterialQuery {
  department?: string;
  verdict?: Verdict;
  category?: string;
  agreement?: Agreement;
  status?: DecisionStatus;
  /** Text contained in the item or material name. */
  q?: string;
  /** 0-based offset. */
  offset?: number;
  /** Page size; the store may cap it. */
  limit?: number;
}

export interface Page<T> {
  total: number;
  offset: number;
  limit: number;
  items: T[];
}

/** A page of a batch's materials in list order (`JianzhengStore.pageMaterials`). */
export interface MaterialPageQuery {
  /** Only this department's materials (still in list order). */
  department?: string;
  /** The `next` of the previous page; absent or null for the first page. */
  cursor?: string | null;
  /** Page size; the store may cap it. */
  limit?: number;
}

export interface MaterialPage {
  items: MaterialRecord[];
  /** Cursor of the following page; null on the last one. */
  next: string | null;
}

/** One file's materials and their fresh decisions, replacing the listed departments. */
export interface ImportInput {
  /** Departments whose materials the file replaces (all of them, even when a sheet is empty). */
  departments: string[];
  entries: Array<{ material: Material; decision: Decision }>;
  /** File name, for the audit log. */
  source: string;
}

export interface ImportResult {
  departments: string[];
  /** Materials whose id was new to the batch. */
  added: number;
  /** Materials whose id existed (facts refreshed). */
  updated: number;
  /** Materials of these departments that the file no longer lists. */
  removed: number;
  /** Reviewed (confirmed/overridden) decisions kept because their stable id still exists. */
  keptDecisions: number;
}

/** A decision or annotation change, checked against `expectedVersion`. */
export type MaterialChange =
  | { kind: 'review'; decision: Decision }
  /** The legal office settled the level of a `needs-legal-review` material (`resolveLegalReview`). */
  | { kind: 'legal-resolution'; decision: Decision }
  | { kind: 'annotation'; annotation: { note: string; by: string; at: string } };

export interface TransitionRecord {
  seq: number;
  batchId: string;
  action: TransitionAction;
  from: BatchStage;
  to: BatchStage;
  fields: Record<string, string>;
  actor: string;
  at: string;
}

export interface CommentRecord {
  id: number;
  batchId: string;
  materialId: string;
  body: string;
  /** Optional name or contact the commenter gave. */
  author: string | null;
  createdAt: string;
  answer: string | null;
  answeredBy: string | null;
  answeredAt: string | null;
}

export interface NewPublication {
  version: number;
  publishedAt: string;
  documentNumber: string | null;
  /** Reason of a 动态调整; null for version 1. */
  reason: string | null;
  sha256: string;
  /** Canonical JSON text of the publication. */
  json: string;
  /** The official Excel attachment. */
  excel: Uint8Array;
  /** Diff against the previous version (JSON text), null for version 1. */
  diff: string | null;
  /**
   * For an adjustment: how many materials the diff restores or adds; the store refuses the
   * version unless the adjustment passed legal review on the current list (domain.md §5).
   */
  changes?: AdjustmentChanges;
}

export interface PublicationMeta {
  batchId: string;
  version: number;
  publishedAt: string;
  documentNumber: string | null;
  reason: string | null;
  sha256: string;
}

export interface PublicationRecord extends PublicationMeta {
  json: string;
  excel: Uint8Array;
  diff: string | null;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  role: string;
  /** One of `AUDIT_ACTIONS` or `transition.<action>`. */
  action: string;
  batchId: string | null;
  /** What the write touched (material id, comment id, department …). */
  target: string | null;
  before: unknown;
  after: unknown;
}

export interface AuditQuery {
  batchId?: string;
  action?: string;
  offset?: number;
  limit?: number;
}

export interface TokenRecord {
  id: string;
  /** sha256 (hex) of the token; the token itself is never stored. */
  hash: string;
  role: Role;
  department: string | null;
  label: string | null;
  createdAt: string;
  /** ISO instant after which the token is refused; null = no expiry. */
  expiresAt: string | null;
  /** When the token last authenticated a request (updated coarsely, not on every request). */
  lastUsedAt: string | null;
  /** When it was revoked; a revoked token is refused and stays listed for the audit trail. */
  revokedAt: string | null;
  /**
   * The token a login session was opened with. Revoking that token revokes its sessions too, so
   * an operator logged in with a disabled token is out at the next request.
   */
  parentId: string | null;
}

/** What `createToken` needs: the record without what the store stamps later. */
export type NewToken = Omit<
  TokenRecord,
  'createdAt' | 'lastUsedAt' | 'revokedAt' | 'expiresAt' | 'parentId'
> & {
  expiresAt?: string | null;
  parentId?: string | null;
};

export interface TokenQuery {
  /** Also list revoked and expired tokens (default: only usable ones). */
  all?: boolean;
  /** Include login sessions (tokens with a parent); default false. */
  sessions?: boolean;
}

/** A fixed-window limit: at most `max` hits of one key per `windowMs`. */
export interface RateLimit {
  max: number;
  windowMs: number;
  /** ISO instant of this hit (default: the store's clock). */
  at?: string;
}

/** The outcome of one counted hit. */
export interface RateLimitHit {
  /** False when this hit went past `max` in the current window. */
  allowed: boolean;
  /** Hits of the key in the current window, this one included. */
  count: number;
  /** Until the window ends (0 when allowed is irrelevant to the caller). */
  retryAfterMs: number;
}

/** A write carries who did it and when; the store audits it in the same transaction. */
export interface WriteContext {
  actor: Actor;
  /** ISO timestamp; defaults to now. */
  at?: string;
}

/** Everything a store holds, in write order: what `jianzheng migrate` moves between stores. */
export interface StoreSnapshot {
  batches: BatchRecord[];
  /** Every batch's materials, each batch in list order. */
  materials: MaterialRecord[];
  transitions: TransitionRecord[];
  publications: PublicationRecord[];
  comments: CommentRecord[];
  audit: AuditEntry[];
  /** Tokens and login sessions with their whole lifecycle (expiry, last use, revocation). */
  tokens: TokenRecord[];
  /** Supervision cases (督查), contact included. */
  cases: CaseRecord[];
  /** Programmes (专项清理); absent in snapshots written before they existed. */
  programmes?: ProgrammeRecord[];
}

import { type LegalLevelCounts, legalLevelCountsFromGroups } from '../legal/tally';
import type { MaterialGroupCount } from '../stats/summary-from-groups';
import type { CaseRecord } from '../supervision/case';
import { caseNumber } from '../supervision/case';
import { NotFoundError } from './errors';
import type {
  AuditEntry,
  BatchRecord,
  CommentRecord,
  MaterialPage,
  MaterialRecord,
  PublicationMeta,
  PublicationRecord,
  TokenRecord,
  TransitionRecord,
} from './types';

/**
 * A row of the stores' shared table layout (batches, materials, comments, publications,
 * audit_log, tokens: snake_case columns, JSON kept as text). SQLite and PostgreSQL adapters read
 * their rows through these mappers, so a record reads the same whichever database holds it.
 */
export type StoreRow = Record<string, unknown>;
type Row = StoreRow;

const parse = <T>(text: unknown): T => (text == null ? (null as T) : (JSON.parse(String(text)) as T));

export function batchFromRow(row: Row): BatchRecord {
  return {
    id: String(row.id),
    title: String(row.title),
    jurisdiction: parse(row.jurisdiction),
    departments: parse(row.departments),
    stage: row.stage as BatchRecord['stage'],
    details: parse(row.details) ?? {},
    listRevision: Number(row.list_revision ?? 0),
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
  };
}

/** The batch a write read (`STORE_READS.batch`); a missing one is `NotFoundError`. */
export function requireBatchRow(row: Row | undefined, id: string): BatchRecord {
  if (!row) throw new NotFoundError('batch', id, '批次');
  return batchFromRow(row);
}

export function materialFromRow(row: Row): MaterialRecord {
  return {
    batchId: String(row.batch_id),
    material: parse(row.material),
    decision: parse(row.decision),
    annotation: parse(row.annotation),
    version: Number(row.version),
    updatedAt: String(row.updated_at),
  };
}

export function commentFromRow(row: Row): CommentRecord {
  return {
    id: Number(row.id),
    batchId: String(row.batch_id),
    materialId: String(row.material_id),
    body: String(row.body),
    author: (row.author as string | null) ?? null,
    createdAt: String(row.created_at),
    answer: (row.answer as string | null) ?? null,
    answeredBy: (row.answered_by as string | null) ?? null,
    answeredAt: (row.answered_at as string | null) ?? null,
  };
}

export function publicationMetaFromRow(row: Row): PublicationMeta {
  return {
    batchId: String(row.batch_id),
    version: Number(row.version),
    publishedAt: String(row.published_at),
    documentNumber: (row.document_number as string | null) ?? null,
    reason: (row.reason as string | null) ?? null,
    sha256: String(row.sha256),
  };
}

export function publicationFromRow(row: Row): PublicationRecord {
  return {
    ...publicationMetaFromRow(row),
    json: String(row.json),
    excel: new Uint8Array(row.excel as Uint8Array),
    diff: (row.diff as string | null) ?? null,
  };
}

export function transitionFromRow(row: Row): TransitionRecord {
  return {
    seq: Number(row.seq),
    batchId: String(row.batch_id),
    action: row.action as TransitionRecord['action'],
    from: row.from_stage as TransitionRecord['from'],
    to: row.to_stage as TransitionRecord['to'],
    fields: parse(row.fields),
    actor: String(row.actor),
    at: String(row.at),
  };
}

export function auditFromRow(row: Row): AuditEntry {
  return {
    seq: Number(row.seq),
    at: String(row.at),
    actor: String(row.actor),
    role: String(row.role),
    action: String(row.action),
    batchId: (row.batch_id as string | null) ?? null,
    target: (row.target as string | null) ?? null,
    before: parse(row.before),
    after: parse(row.after),
  };
}

export function tokenFromRow(row: Row): TokenRecord {
  return {
    id: String(row.id),
    hash: String(row.hash),
    role: row.role as TokenRecord['role'],
    department: (row.department as string | null) ?? null,
    label: (row.label as string | null) ?? null,
    createdAt: String(row.created_at),
    expiresAt: (row.expires_at as string | null) ?? null,
    lastUsedAt: (row.last_used_at as string | null) ?? null,
    revokedAt: (row.revoked_at as string | null) ?? null,
    parentId: (row.parent_id as string | null) ?? null,
  };
}

/** A supervision case (domain.md §12) as both stores keep it. */
export function caseFromRow(row: Row): CaseRecord {
  const record: CaseRecord = {
    id: Number(row.id),
    number: caseNumber(Number(row.id), String(row.created_at)),
    batchId: String(row.batch_id),
    materialId: String(row.material_id),
    materialName: String(row.material_name),
    itemName: String(row.item_name),
    department: String(row.department),
    place: String(row.place),
    happenedOn: String(row.happened_on),
    description: String(row.description),
    status: row.status as CaseRecord['status'],
    dueOn: String(row.due_on),
    createdAt: String(row.created_at),
    answer: parse(row.answer),
    closed: parse(row.closed),
  };
  if (row.contact != null) record.contact = String(row.contact);
  return record;
}

/** What the audit log keeps of a case: everything but the reporter's contact. */
export function caseForAudit(record: CaseRecord): Omit<CaseRecord, 'contact'> {
  const { contact: _contact, ...rest } = record;
  return rest;
}

/** Tokens in an order that inserts each login session after the token it was opened with. */
export function tokensParentsFirst<T extends { parentId: string | null }>(tokens: readonly T[]): T[] {
  return [...tokens.filter((t) => !t.parentId), ...tokens.filter((t) => t.parentId)];
}

/** The columns of a token row, in the order `tokenRowValues` gives them (both stores' snapshot import). */
export const TOKEN_COLUMNS =
  'id, hash, role, department, label, created_at, expires_at, last_used_at, revoked_at, parent_id';

export function tokenRowValues(t: TokenRecord): unknown[] {
  return [
    t.id,
    t.hash,
    t.role,
    t.department,
    t.label,
    t.createdAt,
    t.expiresAt,
    t.lastUsedAt,
    t.revokedAt,
    t.parentId,
  ];
}

/** The columns of a case row, in the order `caseRowValues` gives them (both stores' snapshot import). */
export const CASE_COLUMNS =
  'id, batch_id, material_id, material_name, item_name, department, place, happened_on, description, contact, status, due_on, created_at, answer, closed';

export function caseRowValues(c: CaseRecord): unknown[] {
  const json = (value: unknown) => (value == null ? null : JSON.stringify(value));
  return [
    c.id,
    c.batchId,
    c.materialId,
    c.materialName,
    c.itemName,
    c.department,
    c.place,
    c.happenedOn,
    c.description,
    c.contact ?? null,
    c.status,
    c.dueOn,
    c.createdAt,
    json(c.answer),
    json(c.closed),
  ];
}

/**
 * The list position (`seq`) a material page's cursor stands for: the stores' cursors are the
 * `seq` of the last row given. Absent or malformed cursors start at the beginning.
 */
export function seqAfterCursor(cursor: string | null | undefined): number {
  return cursor && /^\d{1,15}$/.test(cursor) ? Number(cursor) : 0;
}

/**
 * A material page from the `limit + 1` rows a store read after the cursor: the extra row only
 * tells that another page follows, whose cursor is the last shown row's `seq`.
 */
export function materialPageFromRows(rows: readonly Row[], limit: number): MaterialPage {
  const more = rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  return { items: shown.map(materialFromRow), next: more ? String(shown.at(-1)?.seq) : null };
}

/**
 * A row of the stores' statistics GROUP BY (columns department, item_type, verdict, cat,
 * agreement, planned, n, first_seq) as `summaryFromGroups` reads it.
 */
export function materialGroupFromRow(row: Row): MaterialGroupCount {
  return {
    department: String(row.department),
    itemType: String(row.item_type),
    verdict: row.verdict as MaterialGroupCount['verdict'],
    category: (row.cat as string | null) ?? null,
    agreement: row.agreement as MaterialGroupCount['agreement'],
    // SQLite answers 1/0, PostgreSQL true/false.
    planned: row.planned === 1 || row.planned === true,
    materials: Number(row.n),
    firstSeq: Number(row.first_seq),
  };
}

/** The counts per legal level from the rows of the stores' by-legal-level GROUP BY (level, verdict, n). */
export function legalLevelCountsFromRows(rows: readonly Row[]): LegalLevelCounts {
  return legalLevelCountsFromGroups(
    rows.map((row) => ({
      level: (row.level as string | null) ?? null,
      verdict: row.verdict as 'retain' | 'cancel',
      materials: Number(row.n),
    })),
  );
}

/** The tables a snapshot reads and fills, in write order: each store's names for `StoreSnapshot`. */
export const SNAPSHOT_TABLES = [
  'batches',
  'materials',
  'transitions',
  'publications',
  'comments',
  'audit_log',
  'tokens',
  'cases',
  'programmes',
] as const;

import { programmeRecordFromRow, programmeRowValues } from '../../programme/store';
import { materialStatsValues } from '../../stats/summary-from-groups';
import { AlreadyExistsError } from '../errors';
import {
  auditFromRow,
  batchFromRow,
  caseFromRow,
  caseRowValues,
  commentFromRow,
  materialFromRow,
  publicationFromRow,
  type StoreRow,
  tokenFromRow,
  tokenRowValues,
  tokensParentsFirst,
  transitionFromRow,
} from '../rows';
import type { StoreSnapshot } from '../types';
import type { PlannedStatement, WritePlan } from './write-plan';

/** What `exportSnapshot` reads, part by part, in write order. */
export const SNAPSHOT_QUERIES = {
  batches: 'SELECT * FROM batches ORDER BY created_at, id',
  materials: 'SELECT * FROM materials ORDER BY batch_id, seq',
  transitions: 'SELECT * FROM transitions ORDER BY seq',
  publications: 'SELECT * FROM publications ORDER BY batch_id, version',
  comments: 'SELECT * FROM comments ORDER BY id',
  audit: 'SELECT * FROM audit_log ORDER BY seq',
  tokens: 'SELECT * FROM tokens ORDER BY created_at, id',
  cases: 'SELECT * FROM cases ORDER BY id',
  programmes: 'SELECT * FROM programmes ORDER BY created_at, id',
} as const satisfies Record<keyof StoreSnapshot, string>;

/** The snapshot of the rows `SNAPSHOT_QUERIES` read (one read transaction). */
export function snapshotFromRows(rows: Record<keyof StoreSnapshot, StoreRow[]>): StoreSnapshot {
  return {
    batches: rows.batches.map(batchFromRow),
    materials: rows.materials.map(materialFromRow),
    transitions: rows.transitions.map(transitionFromRow),
    publications: rows.publications.map(publicationFromRow),
    comments: rows.comments.map(commentFromRow),
    audit: rows.audit.map(auditFromRow),
    tokens: rows.tokens.map(tokenFromRow),
    cases: rows.cases.map(caseFromRow),
    programmes: rows.programmes.map(programmeRecordFromRow),
  };
}

const json = (value: unknown) => (value == null ? null : JSON.stringify(value));

/**
 * `importSnapshot`: every row of the snapshot, keeping ids, versions, sequence numbers and times,
 * into a database whose tables the adapter found empty — `occupied` names the first that was not.
 */
export function planSnapshotImport(snapshot: StoreSnapshot, occupied: string | undefined): WritePlan<void> {
  if (occupied) throw new AlreadyExistsError('store', occupied, '目标数据库中的数据');
  const statements: PlannedStatement[] = [];
  const add = (sql: PlannedStatement['sql'], params: unknown[]) => statements.push({ sql, params });
  for (const b of snapshot.batches) {
    add('restoreBatch', [
      b.id,
      b.title,
      json(b.jurisdiction),
      json(b.departments),
      b.stage,
      json(b.details),
      b.listRevision,
      b.createdAt,
      b.updatedAt,
    ]);
  }
  const seqs = new Map<string, number>();
  for (const { batchId, material, decision: d, annotation, version, updatedAt } of snapshot.materials) {
    const seq = (seqs.get(batchId) ?? 0) + 1;
    seqs.set(batchId, seq);
    const stats = materialStatsValues(material, d);
    add('restoreMaterial', [
      batchId,
      material.id,
      seq,
      material.item.department,
      material.item.name,
      material.name,
      d.verdict,
      d.category,
      d.agreement,
      d.status,
      json(material),
      json(d),
      json(annotation),
      version,
      updatedAt,
      stats.itemKey,
      stats.itemType,
      stats.effectiveFrom,
    ]);
  }
  for (const t of snapshot.transitions) {
    add('restoreTransition', [t.seq, t.batchId, t.action, t.from, t.to, json(t.fields), t.actor, t.at]);
  }
  for (const p of snapshot.publications) {
    add('restorePublication', [
      p.batchId,
      p.version,
      p.publishedAt,
      p.documentNumber,
      p.reason,
      p.sha256,
      p.json,
      p.excel,
      p.diff,
    ]);
  }
  for (const c of snapshot.comments) {
    const { answer, answeredBy, answeredAt } = c;
    add('restoreComment', [
      c.id,
      c.batchId,
      c.materialId,
      c.body,
      c.author,
      c.createdAt,
      answer,
      answeredBy,
      answeredAt,
    ]);
  }
  for (const a of snapshot.audit) {
    add('restoreAudit', [
      a.seq,
      a.at,
      a.actor,
      a.role,
      a.action,
      a.batchId,
      a.target,
      json(a.before),
      json(a.after),
    ]);
  }
  for (const t of tokensParentsFirst(snapshot.tokens)) add('restoreToken', tokenRowValues(t));
  for (const c of snapshot.cases ?? []) add('restoreCase', caseRowValues(c));
  for (const p of snapshot.programmes ?? []) add('restoreProgramme', programmeRowValues(p));
  return { statements, audit: [], result: undefined };
}

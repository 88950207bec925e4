import {
  AlreadyExistsError,
  auditFromRow,
  batchFromRow,
  CASE_COLUMNS,
  caseFromRow,
  caseRowValues,
  commentFromRow,
  materialFromRow,
  materialStatsValues,
  publicationMetaFromRow,
  SNAPSHOT_TABLES,
  type StoreRow,
  type StoreSnapshot,
  TOKEN_COLUMNS,
  tokenFromRow,
  tokenRowValues,
  tokensParentsFirst,
} from '@jianzheng/core';
import type { SqliteConnection } from './driver';

const json = (value: unknown) => (value == null ? null : JSON.stringify(value));

/** Everything the database holds, in write order (`jianzheng migrate`). */
export function exportSqliteSnapshot(db: SqliteConnection): StoreSnapshot {
  const all = (sql: string) => db.prepare(sql).all() as StoreRow[];
  return {
    batches: all('SELECT * FROM batches ORDER BY created_at, id').map(batchFromRow),
    materials: all('SELECT * FROM materials ORDER BY batch_id, seq').map(materialFromRow),
    transitions: all('SELECT * FROM transitions ORDER BY seq').map((row) => ({
      seq: Number(row.seq),
      batchId: String(row.batch_id),
      action: row.action as never,
      from: row.from_stage as never,
      to: row.to_stage as never,
      fields: JSON.parse(String(row.fields)),
      actor: String(row.actor),
      at: String(row.at),
    })),
    publications: all('SELECT * FROM publications ORDER BY batch_id, version').map((row) => ({
      ...publicationMetaFromRow(row),
      json: String(row.json),
      excel: new Uint8Array(row.excel as Buffer),
      diff: (row.diff as string | null) ?? null,
    })),
    comments: all('SELECT * FROM comments ORDER BY id').map(commentFromRow),
    audit: all('SELECT * FROM audit_log ORDER BY seq').map(auditFromRow),
    tokens: all('SELECT * FROM tokens ORDER BY created_at, id').map(tokenFromRow),
    cases: all('SELECT * FROM cases ORDER BY id').map(caseFromRow),
  };
}

/** Writes a snapshot into an empty database in one transaction, keeping ids, versions, sequence numbers and times. */
export function importSqliteSnapshot(db: SqliteConnection, snapshot: StoreSnapshot): void {
  db.transaction(() => {
    for (const table of SNAPSHOT_TABLES) {
      if (db.prepare(`SELECT 1 FROM ${table} LIMIT 1`).get()) {
        throw new AlreadyExistsError('store', table, '目标数据库中的数据');
      }
    }
    const batch = db.prepare(
      'INSERT INTO batches (id, title, jurisdiction, departments, stage, details, list_revision, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (const b of snapshot.batches) {
      batch.run(
        b.id,
        b.title,
        json(b.jurisdiction),
        json(b.departments),
        b.stage,
        json(b.details),
        b.listRevision,
        b.createdAt,
        b.updatedAt,
      );
    }
    const material = db.prepare(
      `INSERT INTO materials (batch_id, id, seq, department, item_name, name, verdict, category, agreement, status, material, decision, annotation, version, updated_at, item_key, item_type, effective_from)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const seqs = new Map<string, number>();
    for (const m of snapshot.materials) {
      const seq = (seqs.get(m.batchId) ?? 0) + 1;
      seqs.set(m.batchId, seq);
      const d = m.decision;
      const stats = materialStatsValues(m.material, d);
      material.run(
        m.batchId,
        m.material.id,
        seq,
        m.material.item.department,
        m.material.item.name,
        m.material.name,
        d.verdict,
        d.category,
        d.agreement,
        d.status,
        json(m.material),
        json(d),
        json(m.annotation),
        m.version,
        m.updatedAt,
        stats.itemKey,
        stats.itemType,
        stats.effectiveFrom,
      );
    }
    const transition = db.prepare(
      'INSERT INTO transitions (seq, batch_id, action, from_stage, to_stage, fields, actor, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (const t of snapshot.transitions)
      transition.run(t.seq, t.batchId, t.action, t.from, t.to, json(t.fields), t.actor, t.at);
    const publication = db.prepare(
      `INSERT INTO publications (batch_id, version, published_at, document_number, reason, sha256, json, excel, diff)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const p of snapshot.publications) {
      publication.run(
        p.batchId,
        p.version,
        p.publishedAt,
        p.documentNumber,
        p.reason,
        p.sha256,
        p.json,
        Buffer.from(p.excel),
        p.diff,
      );
    }
    const comment = db.prepare(
      'INSERT INTO comments (id, batch_id, material_id, body, author, created_at, answer, answered_by, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (const c of snapshot.comments) {
      comment.run(
        c.id,
        c.batchId,
        c.materialId,
        c.body,
        c.author,
        c.createdAt,
        c.answer,
        c.answeredBy,
        c.answeredAt,
      );
    }
    const audit = db.prepare(
      'INSERT INTO audit_log (seq, at, actor, role, action, batch_id, target, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (const a of snapshot.audit) {
      audit.run(a.seq, a.at, a.actor, a.role, a.action, a.batchId, a.target, json(a.before), json(a.after));
    }
    const token = db.prepare(
      `INSERT INTO tokens (${TOKEN_COLUMNS}) VALUES (${Array(10).fill('?').join(', ')})`,
    );
    for (const t of tokensParentsFirst(snapshot.tokens)) token.run(...tokenRowValues(t));
    const supervision = db.prepare(
      `INSERT INTO cases (${CASE_COLUMNS}) VALUES (${Array(15).fill('?').join(', ')})`,
    );
    for (const c of snapshot.cases ?? []) supervision.run(...caseRowValues(c));
  }).immediate();
}

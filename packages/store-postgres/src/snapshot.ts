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
import type pg from 'pg';

const json = (value: unknown) => (value == null ? null : JSON.stringify(value));

/** Everything the database holds, in write order (`jianzheng migrate`), read in one snapshot. */
export async function exportPostgresSnapshot(client: pg.PoolClient): Promise<StoreSnapshot> {
  const all = async (sql: string) => (await client.query(sql)).rows as StoreRow[];
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const snapshot: StoreSnapshot = {
      batches: (await all('SELECT * FROM batches ORDER BY created_at, id')).map(batchFromRow),
      materials: (await all('SELECT * FROM materials ORDER BY batch_id, seq')).map(materialFromRow),
      transitions: (await all('SELECT * FROM transitions ORDER BY seq')).map((row) => ({
        seq: Number(row.seq),
        batchId: String(row.batch_id),
        action: row.action as never,
        from: row.from_stage as never,
        to: row.to_stage as never,
        fields: JSON.parse(String(row.fields)),
        actor: String(row.actor),
        at: String(row.at),
      })),
      publications: (await all('SELECT * FROM publications ORDER BY batch_id, version')).map((row) => ({
        ...publicationMetaFromRow(row),
        json: String(row.json),
        excel: new Uint8Array(row.excel as Buffer),
        diff: (row.diff as string | null) ?? null,
      })),
      comments: (await all('SELECT * FROM comments ORDER BY id')).map(commentFromRow),
      audit: (await all('SELECT * FROM audit_log ORDER BY seq')).map(auditFromRow),
      tokens: (await all('SELECT * FROM tokens ORDER BY created_at, id')).map(tokenFromRow),
      cases: (await all('SELECT * FROM cases ORDER BY id')).map(caseFromRow),
    };
    await client.query('COMMIT');
    return snapshot;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

/**
 * Writes a snapshot into an empty database in one transaction, keeping ids, versions, sequence
 * numbers and times, then moves the sequences past the copied numbers.
 */
export async function importPostgresSnapshot(client: pg.PoolClient, snapshot: StoreSnapshot): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query(`LOCK TABLE ${SNAPSHOT_TABLES.join(', ')} IN EXCLUSIVE MODE`);
    for (const table of SNAPSHOT_TABLES) {
      if ((await client.query(`SELECT 1 FROM ${table} LIMIT 1`)).rows.length) {
        throw new AlreadyExistsError('store', table, '目标数据库中的数据');
      }
    }
    const q = (sql: string, params: unknown[]) => client.query(sql, params);
    for (const b of snapshot.batches) {
      await q(
        'INSERT INTO batches (id, title, jurisdiction, departments, stage, details, list_revision, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
        [
          b.id,
          b.title,
          json(b.jurisdiction),
          json(b.departments),
          b.stage,
          json(b.details),
          b.listRevision,
          b.createdAt,
          b.updatedAt,
        ],
      );
    }
    const seqs = new Map<string, number>();
    for (const m of snapshot.materials) {
      const seq = (seqs.get(m.batchId) ?? 0) + 1;
      seqs.set(m.batchId, seq);
      const d = m.decision;
      const stats = materialStatsValues(m.material, d);
      await q(
        `INSERT INTO materials (batch_id, id, seq, department, item_name, name, verdict, category, agreement, status, material, decision, annotation, version, updated_at, item_key, item_type, effective_from)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
        [
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
        ],
      );
    }
    for (const t of snapshot.transitions) {
      await q(
        'INSERT INTO transitions (seq, batch_id, action, from_stage, to_stage, fields, actor, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
        [t.seq, t.batchId, t.action, t.from, t.to, json(t.fields), t.actor, t.at],
      );
    }
    for (const p of snapshot.publications) {
      await q(
        `INSERT INTO publications (batch_id, version, published_at, document_number, reason, sha256, json, excel, diff)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          p.batchId,
          p.version,
          p.publishedAt,
          p.documentNumber,
          p.reason,
          p.sha256,
          p.json,
          Buffer.from(p.excel),
          p.diff,
        ],
      );
    }
    for (const c of snapshot.comments) {
      await q(
        'INSERT INTO comments (id, batch_id, material_id, body, author, created_at, answer, answered_by, answered_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
        [c.id, c.batchId, c.materialId, c.body, c.author, c.createdAt, c.answer, c.answeredBy, c.answeredAt],
      );
    }
    for (const a of snapshot.audit) {
      await q(
        'INSERT INTO audit_log (seq, at, actor, role, action, batch_id, target, before, after) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
        [a.seq, a.at, a.actor, a.role, a.action, a.batchId, a.target, json(a.before), json(a.after)],
      );
    }
    const tokenPlaceholders = Array.from({ length: 10 }, (_, i) => `$${i + 1}`).join(', ');
    for (const t of tokensParentsFirst(snapshot.tokens)) {
      await q(`INSERT INTO tokens (${TOKEN_COLUMNS}) VALUES (${tokenPlaceholders})`, tokenRowValues(t));
    }
    const placeholders = Array.from({ length: 15 }, (_, i) => `$${i + 1}`).join(', ');
    for (const c of snapshot.cases ?? []) {
      await q(`INSERT INTO cases (${CASE_COLUMNS}) VALUES (${placeholders})`, caseRowValues(c));
    }
    for (const [table, column] of [
      ['transitions', 'seq'],
      ['comments', 'id'],
      ['audit_log', 'seq'],
      ['cases', 'id'],
    ] as const) {
      await client.query(
        `SELECT setval(pg_get_serial_sequence('${table}', '${column}'), COALESCE((SELECT MAX(${column}) FROM ${table}), 0) + 1, false)`,
      );
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

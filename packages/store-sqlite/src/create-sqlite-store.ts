import {
  AlreadyExistsError,
  type AuditEntry,
  type AuditQuery,
  type BatchRecord,
  type CommentRecord,
  type ImportInput,
  type ImportResult,
  type JianzhengStore,
  type MaterialChange,
  type MaterialQuery,
  type MaterialRecord,
  type NewBatch,
  type NewPublication,
  NotFoundError,
  type Page,
  type PublicationMeta,
  type PublicationRecord,
  type TransitionPlan,
  type TransitionRecord,
  VersionConflictError,
  type WriteContext,
} from '@jianzheng/core';
import Database from 'better-sqlite3';
import { sqliteCaseMethods } from './cases';
import { ImportScopeError, SchemaTooNewError } from './errors';
import { MIGRATIONS, migrate } from './migrations';
import { tokenMethods } from './tokens';

export interface SqliteStoreOptions {
  /** Path of the database file; created and migrated on open. `:memory:` for a throwaway store. */
  filename: string;
  /** How long a write waits for another connection's lock, in ms (default 5000). */
  busyTimeoutMs?: number;
  /** Largest page `listMaterials` / `listAudit` return, whatever the caller asks (default 500). */
  maxPageSize?: number;
  /** The clock used for timestamps a write does not give (default: the system clock). */
  now?: () => Date;
}

/** The SQLite store plus what an operator may want beyond the port. */
export interface SqliteStore extends JianzhengStore {
  /** The path the store was opened with. */
  readonly filename: string;
  /** Schema versions applied, oldest first. */
  schemaVersions(): number[];
}

type Row = Record<string, unknown>;

const json = (value: unknown) => JSON.stringify(value);
const parse = <T>(text: unknown): T => (text == null ? (null as T) : (JSON.parse(String(text)) as T));

function batchFrom(row: Row): BatchRecord {
  return {
    id: String(row.id),
    title: String(row.title),
    jurisdiction: parse(row.jurisdiction),
    departments: parse(row.departments),
    stage: row.stage as BatchRecord['stage'],
    details: parse(row.details) ?? {},
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
  };
}

function materialFrom(row: Row): MaterialRecord {
  return {
    batchId: String(row.batch_id),
    material: parse(row.material),
    decision: parse(row.decision),
    annotation: parse(row.annotation),
    version: Number(row.version),
    updatedAt: String(row.updated_at),
  };
}

function commentFrom(row: Row): CommentRecord {
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

function publicationMetaFrom(row: Row): PublicationMeta {
  return {
    batchId: String(row.batch_id),
    version: Number(row.version),
    publishedAt: String(row.published_at),
    documentNumber: (row.document_number as string | null) ?? null,
    reason: (row.reason as string | null) ?? null,
    sha256: String(row.sha256),
  };
}

function auditFrom(row: Row): AuditEntry {
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

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Opens (creating and migrating when needed) a SQLite database as a `JianzhengStore`, over
 * better-sqlite3. WAL journal and foreign keys are on; every write, with its audit entry, is one
 * transaction, so a failed import or publication leaves the database as it was.
 */
export function createSqliteStore(options: SqliteStoreOptions): SqliteStore {
  const now = options.now ?? (() => new Date());
  const maxPage = options.maxPageSize ?? 500;
  const db = new Database(options.filename, { timeout: options.busyTimeoutMs ?? 5000 });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    const known = Math.max(...MIGRATIONS.map((m) => m.version));
    const hasTable = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
      .get();
    if (hasTable) {
      const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
      if ((row.v ?? 0) > known) throw new SchemaTooNewError(options.filename, row.v ?? 0, known);
    }
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }

  const stamp = (ctx: WriteContext) => ctx.at ?? now().toISOString();
  const insertAudit = db.prepare(
    'INSERT INTO audit_log (at, actor, role, action, batch_id, target, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const audit = (
    ctx: WriteContext,
    at: string,
    action: string,
    batchId: string | null,
    target: string | null,
    before: unknown,
    after: unknown,
  ) => {
    insertAudit.run(
      at,
      ctx.actor.id,
      ctx.actor.role,
      action,
      batchId,
      target,
      before === undefined ? null : json(before),
      after === undefined ? null : json(after),
    );
  };

  const selectBatch = db.prepare('SELECT * FROM batches WHERE id = ?');
  const requireBatch = (id: string): BatchRecord => {
    const row = selectBatch.get(id) as Row | undefined;
    if (!row) throw new NotFoundError('batch', id, '批次');
    return batchFrom(row);
  };
  const selectMaterial = db.prepare('SELECT * FROM materials WHERE batch_id = ? AND id = ?');
  // Filtered queries are built from a handful of clauses, so their statements are few: compile
  // each once instead of on every request.
  const statements = new Map<string, Database.Statement>();
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };

  const store: SqliteStore = {
    filename: options.filename,
    ...sqliteCaseMethods(db, audit, stamp),

    schemaVersions() {
      return (
        db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as Array<{
          version: number;
        }>
      ).map((r) => r.version);
    },

    async createBatch(batch: NewBatch, ctx) {
      const at = stamp(ctx);
      return db.transaction(() => {
        if (selectBatch.get(batch.id)) throw new AlreadyExistsError('batch', batch.id, '批次');
        db.prepare(
          'INSERT INTO batches (id, title, jurisdiction, departments, stage, details, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        ).run(
          batch.id,
          batch.title,
          json(batch.jurisdiction),
          json(batch.departments),
          'draft',
          '{}',
          at,
          at,
        );
        const created = requireBatch(batch.id);
        audit(ctx, at, 'batch.create', batch.id, batch.id, null, created);
        return created;
      })();
    },

    async getBatch(id) {
      const row = selectBatch.get(id) as Row | undefined;
      return row ? batchFrom(row) : undefined;
    },

    async listBatches() {
      return (db.prepare('SELECT * FROM batches ORDER BY created_at, id').all() as Row[]).map(batchFrom);
    },

    async importMaterials(batchId, input: ImportInput, ctx): Promise<ImportResult> {
      const at = stamp(ctx);
      return db.transaction(() => {
        requireBatch(batchId);
        const departments = [...new Set(input.departments)];
        const marks = departments.map(() => '?').join(', ');
        const existing = new Map<string, Row>();
        const before: Record<string, number> = Object.fromEntries(departments.map((d) => [d, 0]));
        if (departments.length) {
          for (const row of db
            .prepare(
              `SELECT id, department, status, decision, annotation, version FROM materials WHERE batch_id = ? AND department IN (${marks})`,
            )
            .all(batchId, ...departments) as Row[]) {
            existing.set(String(row.id), row);
            before[String(row.department)] = (before[String(row.department)] ?? 0) + 1;
          }
        }
        const listed = new Set(departments);
        const incoming = new Set<string>();
        for (const { material } of input.entries) {
          if (!listed.has(material.item.department)) {
            throw new ImportScopeError(material.id, material.item.department, departments);
          }
          incoming.add(material.id);
        }
        const remove = db.prepare('DELETE FROM materials WHERE batch_id = ? AND id = ?');
        let removed = 0;
        for (const id of existing.keys()) {
          if (!incoming.has(id)) {
            remove.run(batchId, id);
            removed++;
          }
        }
        const maxSeq = db
          .prepare('SELECT COALESCE(MAX(seq), 0) AS s FROM materials WHERE batch_id = ?')
          .get(batchId) as {
          s: number;
        };
        let seq = maxSeq.s;
        const insert = db.prepare(
          `INSERT INTO materials (batch_id, id, seq, department, item_name, name, verdict, category, agreement, status, material, decision, annotation, version, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 1, ?)`,
        );
        const update = db.prepare(
          `UPDATE materials SET seq = ?, item_name = ?, name = ?, verdict = ?, category = ?, agreement = ?, status = ?,
             material = ?, decision = ?, version = version + 1, updated_at = ? WHERE batch_id = ? AND id = ?`,
        );
        let added = 0;
        let updated = 0;
        let keptDecisions = 0;
        for (const { material, decision: fresh } of input.entries) {
          seq++;
          const old = existing.get(material.id);
          if (!old) {
            insert.run(
              batchId,
              material.id,
              seq,
              material.item.department,
              material.item.name,
              material.name,
              fresh.verdict,
              fresh.category,
              fresh.agreement,
              fresh.status,
              json(material),
              json(fresh),
              at,
            );
            added++;
            continue;
          }
          // A person's settlement outlives a re-upload; the engine's proposal is recomputed anyway.
          const keep = old.status !== 'proposed';
          const decision = keep ? parse<MaterialRecord['decision']>(old.decision) : fresh;
          if (keep) keptDecisions++;
          update.run(
            seq,
            material.item.name,
            material.name,
            decision.verdict,
            decision.category,
            decision.agreement,
            decision.status,
            json(material),
            json(decision),
            at,
            batchId,
            material.id,
          );
          updated++;
        }
        const after: Record<string, number> = Object.fromEntries(departments.map((d) => [d, 0]));
        for (const { material } of input.entries)
          after[material.item.department] = (after[material.item.department] ?? 0) + 1;
        const result: ImportResult = { departments, added, updated, removed, keptDecisions };
        audit(
          ctx,
          at,
          'import',
          batchId,
          departments.join(', '),
          { materials: before },
          { source: input.source, materials: after, ...result },
        );
        return result;
      })();
    },

    async listMaterials(batchId, query: MaterialQuery = {}): Promise<Page<MaterialRecord>> {
      const where = ['batch_id = ?'];
      const params: unknown[] = [batchId];
      if (query.department) {
        where.push('department = ?');
        params.push(query.department);
      }
      if (query.verdict) {
        where.push('verdict = ?');
        params.push(query.verdict);
      }
      if (query.category) {
        where.push('category = ?');
        params.push(query.category);
      }
      if (query.agreement) {
        where.push('agreement = ?');
        params.push(query.agreement);
      }
      if (query.status) {
        where.push('status = ?');
        params.push(query.status);
      }
      const q = query.q?.normalize('NFKC').trim();
      if (q) {
        where.push("(item_name LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\')");
        const like = `%${escapeLike(q)}%`;
        params.push(like, like);
      }
      const limit = Math.max(1, Math.min(query.limit ?? 50, maxPage));
      const offset = Math.max(0, query.offset ?? 0);
      const clause = where.join(' AND ');
      const total = (
        prepared(`SELECT COUNT(*) AS n FROM materials WHERE ${clause}`).get(...params) as { n: number }
      ).n;
      // With materials_search the LIKE terms are evaluated on index entries; full (wide) rows are
      // read only for the rows of the page.
      const sql = `SELECT * FROM materials WHERE ${clause} ORDER BY department, seq LIMIT ? OFFSET ?`;
      const items = (prepared(sql).all(...params, limit, offset) as Row[]).map(materialFrom);
      return { total, offset, limit, items };
    },

    async allMaterials(batchId) {
      return (prepared('SELECT * FROM materials WHERE batch_id = ? ORDER BY seq').all(batchId) as Row[]).map(
        materialFrom,
      );
    },

    async getMaterial(batchId, materialId) {
      const row = selectMaterial.get(batchId, materialId) as Row | undefined;
      return row ? materialFrom(row) : undefined;
    },

    async updateMaterial(batchId, materialId, expectedVersion, change: MaterialChange, ctx) {
      const at = stamp(ctx);
      return db.transaction(() => {
        const row = selectMaterial.get(batchId, materialId) as Row | undefined;
        if (!row) throw new NotFoundError('material', materialId, '材料');
        const current = materialFrom(row);
        if (current.version !== expectedVersion) {
          throw new VersionConflictError('该材料', expectedVersion, current.version);
        }
        if (change.kind === 'review') {
          const d = change.decision;
          db.prepare(
            `UPDATE materials SET verdict = ?, category = ?, agreement = ?, status = ?, decision = ?, version = version + 1, updated_at = ?
             WHERE batch_id = ? AND id = ?`,
          ).run(d.verdict, d.category, d.agreement, d.status, json(d), at, batchId, materialId);
        } else {
          db.prepare(
            'UPDATE materials SET annotation = ?, version = version + 1, updated_at = ? WHERE batch_id = ? AND id = ?',
          ).run(json(change.annotation), at, batchId, materialId);
        }
        const next = materialFrom(selectMaterial.get(batchId, materialId) as Row);
        if (change.kind === 'review') {
          audit(ctx, at, 'decision.review', batchId, materialId, current.decision, next.decision);
        } else {
          audit(ctx, at, 'material.annotate', batchId, materialId, current.annotation, next.annotation);
        }
        return next;
      })();
    },

    async transitionBatch(batchId, plan: TransitionPlan, details, ctx, publication?: NewPublication) {
      const at = stamp(ctx);
      return db.transaction(() => {
        const current = requireBatch(batchId);
        if (current.stage !== plan.from) throw new VersionConflictError('批次阶段', plan.from, current.stage);
        db.prepare('UPDATE batches SET stage = ?, details = ?, updated_at = ? WHERE id = ?').run(
          plan.to,
          json(details),
          at,
          batchId,
        );
        db.prepare(
          'INSERT INTO transitions (batch_id, action, from_stage, to_stage, fields, actor, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        ).run(batchId, plan.action, plan.from, plan.to, json(plan.fields), ctx.actor.id, at);
        const next = requireBatch(batchId);
        audit(
          ctx,
          at,
          `transition.${plan.action}`,
          batchId,
          batchId,
          { stage: current.stage, details: current.details },
          { stage: next.stage, details: next.details, fields: plan.fields },
        );
        if (publication) {
          const taken = db
            .prepare('SELECT 1 FROM publications WHERE batch_id = ? AND version = ?')
            .get(batchId, publication.version);
          if (taken)
            throw new AlreadyExistsError('publication', `${batchId} v${publication.version}`, '发布版本');
          db.prepare(
            `INSERT INTO publications (batch_id, version, published_at, document_number, reason, sha256, json, excel, diff)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          ).run(
            batchId,
            publication.version,
            publication.publishedAt,
            publication.documentNumber,
            publication.reason,
            publication.sha256,
            publication.json,
            Buffer.from(publication.excel),
            publication.diff,
          );
          audit(ctx, at, 'publication.create', batchId, `v${publication.version}`, null, {
            version: publication.version,
            sha256: publication.sha256,
            documentNumber: publication.documentNumber,
            reason: publication.reason,
          });
        }
        return next;
      })();
    },

    async listTransitions(batchId): Promise<TransitionRecord[]> {
      return (
        prepared('SELECT * FROM transitions WHERE batch_id = ? ORDER BY seq').all(batchId) as Row[]
      ).map((row) => ({
        seq: Number(row.seq),
        batchId: String(row.batch_id),
        action: row.action as TransitionRecord['action'],
        from: row.from_stage as TransitionRecord['from'],
        to: row.to_stage as TransitionRecord['to'],
        fields: parse(row.fields),
        actor: String(row.actor),
        at: String(row.at),
      }));
    },

    async listPublications(batchId) {
      const columns = 'batch_id, version, published_at, document_number, reason, sha256';
      const rows = batchId
        ? prepared(`SELECT ${columns} FROM publications WHERE batch_id = ? ORDER BY version`).all(batchId)
        : prepared(`SELECT ${columns} FROM publications ORDER BY batch_id, version`).all();
      return (rows as Row[]).map(publicationMetaFrom);
    },

    async getPublication(batchId, version): Promise<PublicationRecord | undefined> {
      const row = (
        version === undefined
          ? prepared('SELECT * FROM publications WHERE batch_id = ? ORDER BY version DESC LIMIT 1').get(
              batchId,
            )
          : prepared('SELECT * FROM publications WHERE batch_id = ? AND version = ?').get(batchId, version)
      ) as Row | undefined;
      if (!row) return undefined;
      return {
        ...publicationMetaFrom(row),
        json: String(row.json),
        excel: new Uint8Array(row.excel as Buffer),
        diff: (row.diff as string | null) ?? null,
      };
    },

    async addComment(batchId, comment, ctx) {
      const at = stamp(ctx);
      return db.transaction(() => {
        requireBatch(batchId);
        if (!selectMaterial.get(batchId, comment.materialId)) {
          throw new NotFoundError('material', comment.materialId, '材料');
        }
        const info = db
          .prepare(
            'INSERT INTO comments (batch_id, material_id, body, author, created_at) VALUES (?, ?, ?, ?, ?)',
          )
          .run(batchId, comment.materialId, comment.body, comment.author ?? null, at);
        const created = commentFrom(
          db.prepare('SELECT * FROM comments WHERE id = ?').get(info.lastInsertRowid) as Row,
        );
        audit(ctx, at, 'comment.create', batchId, `comment:${created.id}`, null, created);
        return created;
      })();
    },

    async listComments(batchId, filter = {}) {
      const where = ['batch_id = ?'];
      const params: unknown[] = [batchId];
      if (filter.materialId) {
        where.push('material_id = ?');
        params.push(filter.materialId);
      }
      if (filter.unanswered) where.push('answer IS NULL');
      return (
        db.prepare(`SELECT * FROM comments WHERE ${where.join(' AND ')} ORDER BY id`).all(...params) as Row[]
      ).map(commentFrom);
    },

    async countUnansweredComments(batchId) {
      return (
        db
          .prepare('SELECT COUNT(*) AS n FROM comments WHERE batch_id = ? AND answer IS NULL')
          .get(batchId) as {
          n: number;
        }
      ).n;
    },

    async answerComment(batchId, commentId, answer, ctx) {
      const at = stamp(ctx);
      return db.transaction(() => {
        const row = db
          .prepare('SELECT * FROM comments WHERE id = ? AND batch_id = ?')
          .get(commentId, batchId) as Row | undefined;
        if (!row) throw new NotFoundError('comment', String(commentId), '意见');
        const before = commentFrom(row);
        db.prepare('UPDATE comments SET answer = ?, answered_by = ?, answered_at = ? WHERE id = ?').run(
          answer,
          ctx.actor.id,
          at,
          commentId,
        );
        const after = commentFrom(db.prepare('SELECT * FROM comments WHERE id = ?').get(commentId) as Row);
        audit(ctx, at, 'comment.answer', batchId, `comment:${commentId}`, before, after);
        return after;
      })();
    },

    async listAudit(query: AuditQuery = {}) {
      const where: string[] = [];
      const params: unknown[] = [];
      if (query.batchId) {
        where.push('batch_id = ?');
        params.push(query.batchId);
      }
      if (query.action) {
        where.push('action = ?');
        params.push(query.action);
      }
      const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const limit = Math.max(1, Math.min(query.limit ?? 100, maxPage));
      const offset = Math.max(0, query.offset ?? 0);
      const total = (
        db.prepare(`SELECT COUNT(*) AS n FROM audit_log ${clause}`).get(...params) as { n: number }
      ).n;
      const items = (
        db
          .prepare(`SELECT * FROM audit_log ${clause} ORDER BY seq LIMIT ? OFFSET ?`)
          .all(...params, limit, offset) as Row[]
      ).map(auditFrom);
      return { total, offset, limit, items };
    },

    ...tokenMethods(db, stamp, audit, now),

    async close() {
      if (db.open) db.close();
    },
  };
  return store;
}

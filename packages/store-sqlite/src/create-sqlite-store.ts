import {
  AlreadyExistsError,
  AUDIT_ACTIONS,
  type AuditQuery,
  applyTransition,
  assertAdjustmentPublishable,
  assertCommentsOpen,
  assertListEditable,
  assertOwnDepartment,
  assertTransitionGuards,
  auditFromRow,
  type BatchRecord,
  batchFromRow,
  commentFromRow,
  type ImportInput,
  type ImportResult,
  type JianzhengStore,
  type MaterialChange,
  type MaterialQuery,
  type MaterialRecord,
  materialFromRow,
  materialQueryText,
  materialStatsValues,
  type NewBatch,
  type NewPublication,
  NotFoundError,
  openAdjustmentDraft,
  type Page,
  type PublicationRecord,
  planImport,
  publicationMetaFromRow,
  type StoreRow,
  type TransitionPlan,
  type TransitionRecord,
  transitionAuditAction,
  VersionConflictError,
  type WriteContext,
} from '@jianzheng/core';
import { sqliteCaseMethods } from './cases';
import { openSqlite, type SqliteDriverChoice, type SqliteDriverName, type SqliteStatement } from './driver';
import { SchemaTooNewError } from './errors';
import { sqliteMaterialStatsMethods } from './material-stats';
import { MIGRATIONS, migrate } from './migrations';
import { offThreadStore } from './off-thread';
import { rateLimitMethods } from './rate-limits';
import { exportSqliteSnapshot, importSqliteSnapshot } from './snapshot';
import { tokenMethods } from './tokens';

const json = (value: unknown) => JSON.stringify(value);
const parse = <T>(text: unknown): T => (text == null ? (null as T) : (JSON.parse(String(text)) as T));
type Row = StoreRow;

export interface SqliteStoreOptions {
  /** Path of the database file; created and migrated on open. `:memory:` for a throwaway store. */
  filename: string;
  /** How long a write waits for another connection's lock, in ms (default 5000). */
  busyTimeoutMs?: number;
  /** Largest page `listMaterials` / `listAudit` return, whatever the caller asks (default 500). */
  maxPageSize?: number;
  /** The clock used for timestamps a write does not give (default: the system clock). */
  now?: () => Date;
  /**
   * Runs every write (its guards and its audit entry, in its transaction) on a worker thread with
   * a connection of its own, and reads on this thread. A long import then never holds the caller's
   * event loop: a server keeps answering while a department's 50,000 materials are written.
   * Writes still happen one at a time, in call order. Cannot be combined with `now` (a clock does
   * not cross threads: writes without `ctx.at` take the system clock). Default false.
   */
  offThread?: boolean;
  /**
   * The SQLite driver: `libsql` (installs from the npm registry alone, a prebuilt binary per
   * platform), `better-sqlite3` (faster bulk writes; an optional dependency that compiles where its
   * prebuilt download is unreachable), or `auto` (default): better-sqlite3 when it is installed and
   * loads, otherwise libsql. Both read and write the same file format; a file may move between them.
   */
  driver?: SqliteDriverChoice;
}

/** The SQLite store plus what an operator may want beyond the port. */
export interface SqliteStore extends JianzhengStore {
  /** The path the store was opened with. */
  readonly filename: string;
  /** The driver this store runs on (`auto` resolved). */
  readonly driver: SqliteDriverName;
  /** Schema versions applied, oldest first. */
  schemaVersions(): number[];
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Opens (creating and migrating when needed) a SQLite database as a `JianzhengStore`, over
 * libsql or better-sqlite3 (see `driver`). WAL journal and foreign keys are on; every write, with its audit entry, is one
 * transaction, so a failed import or publication leaves the database as it was.
 */
export function createSqliteStore(options: SqliteStoreOptions): SqliteStore {
  if (options.offThread && options.now)
    throw new TypeError(
      'createSqliteStore: `now` cannot be combined with `offThread` (a clock does not cross threads)',
    );
  const now = options.now ?? (() => new Date());
  const maxPage = options.maxPageSize ?? 500;
  const db = openSqlite(options.filename, options.busyTimeoutMs ?? 5000, options.driver);
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
    return batchFromRow(row);
  };
  const selectMaterial = db.prepare('SELECT * FROM materials WHERE batch_id = ? AND id = ?');
  // Filtered queries are built from a handful of clauses, so their statements are few: compile
  // each once instead of on every request.
  const statements = new Map<string, SqliteStatement>();
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };

  // IMMEDIATE takes the write lock before the first read, so a guard read inside the transaction
  // cannot be overtaken by another connection's (or process's) write before ours.
  const immediate = <T>(fn: () => T): T => db.transaction(fn).immediate();
  const countUnanswered = (batchId: string) =>
    (
      prepared('SELECT COUNT(*) AS n FROM comments WHERE batch_id = ? AND answer IS NULL').get(batchId) as {
        n: number;
      }
    ).n;
  const updateDetails = db.prepare(
    'UPDATE batches SET details = ?, list_revision = list_revision + 1, updated_at = ? WHERE id = ?',
  );
  /** Every change of the list bumps its revision; the first after publication opens the adjustment draft. */
  const listChanged = (batch: BatchRecord, ctx: WriteContext, at: string) => {
    const draft = openAdjustmentDraft(batch.stage, batch.details, at, ctx.actor);
    updateDetails.run(json(draft ?? batch.details), at, batch.id);
    if (draft) {
      audit(ctx, at, AUDIT_ACTIONS.adjustmentOpen, batch.id, batch.id, null, draft.adjustment);
    }
  };

  const store: SqliteStore = {
    filename: options.filename,
    driver: db.driver,
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
      return immediate(() => {
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
        audit(ctx, at, AUDIT_ACTIONS.batchCreate, batch.id, batch.id, null, created);
        return created;
      });
    },

    async getBatch(id) {
      const row = selectBatch.get(id) as Row | undefined;
      return row ? batchFromRow(row) : undefined;
    },

    async listBatches() {
      return (db.prepare('SELECT * FROM batches ORDER BY created_at, id').all() as Row[]).map(batchFromRow);
    },

    async importMaterials(batchId, input: ImportInput, ctx): Promise<ImportResult> {
      const at = stamp(ctx);
      return immediate(() => {
        const batch = requireBatch(batchId);
        assertListEditable(batch.stage);
        assertOwnDepartment(ctx.actor, input.departments);
        const departments = [...new Set(input.departments)];
        const marks = departments.map(() => '?').join(', ');
        const existing = departments.length
          ? (
              db
                .prepare(
                  `SELECT id, department, decision FROM materials WHERE batch_id = ? AND department IN (${marks})`,
                )
                .all(batchId, ...departments) as Row[]
            ).map((row) => ({
              id: String(row.id),
              department: String(row.department),
              decision: parse<MaterialRecord['decision']>(row.decision),
            }))
          : [];
        const maxSeq = db
          .prepare('SELECT COALESCE(MAX(seq), 0) AS s FROM materials WHERE batch_id = ?')
          .get(batchId) as { s: number };
        const plan = planImport(existing, maxSeq.s, input);
        const remove = db.prepare('DELETE FROM materials WHERE batch_id = ? AND id = ?');
        for (const id of plan.remove) remove.run(batchId, id);
        const insert = db.prepare(
          `INSERT INTO materials (batch_id, id, seq, department, item_name, name, verdict, category, agreement, status, material, decision, annotation, version, updated_at, item_key, item_type, effective_from)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 1, ?, ?, ?, ?)`,
        );
        const update = db.prepare(
          `UPDATE materials SET seq = ?, item_name = ?, name = ?, verdict = ?, category = ?, agreement = ?, status = ?,
             material = ?, decision = ?, version = version + 1, updated_at = ?, item_key = ?, item_type = ?, effective_from = ?
           WHERE batch_id = ? AND id = ?`,
        );
        for (const { material, decision, seq, write } of plan.rows) {
          const d = decision;
          const stats = materialStatsValues(material, d);
          if (write === 'insert') {
            insert.run(
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
              at,
              stats.itemKey,
              stats.itemType,
              stats.effectiveFrom,
            );
          } else {
            update.run(
              seq,
              material.item.name,
              material.name,
              d.verdict,
              d.category,
              d.agreement,
              d.status,
              json(material),
              json(d),
              at,
              stats.itemKey,
              stats.itemType,
              stats.effectiveFrom,
              batchId,
              material.id,
            );
          }
        }
        listChanged(batch, ctx, at);
        audit(
          ctx,
          at,
          AUDIT_ACTIONS.import,
          batchId,
          departments.join(', '),
          { materials: plan.before },
          {
            source: input.source,
            materials: plan.after,
            ...plan.result,
          },
        );
        return plan.result;
      });
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
      const q = materialQueryText(query.q);
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
      const items = (prepared(sql).all(...params, limit, offset) as Row[]).map(materialFromRow);
      return { total, offset, limit, items };
    },

    async allMaterials(batchId) {
      return (prepared('SELECT * FROM materials WHERE batch_id = ? ORDER BY seq').all(batchId) as Row[]).map(
        materialFromRow,
      );
    },

    ...sqliteMaterialStatsMethods(db, maxPage),

    async getMaterial(batchId, materialId) {
      const row = selectMaterial.get(batchId, materialId) as Row | undefined;
      return row ? materialFromRow(row) : undefined;
    },

    async updateMaterial(batchId, materialId, expectedVersion, change: MaterialChange, ctx) {
      const at = stamp(ctx);
      return immediate(() => {
        const batch = requireBatch(batchId);
        const row = selectMaterial.get(batchId, materialId) as Row | undefined;
        if (!row) throw new NotFoundError('material', materialId, '材料');
        const current = materialFromRow(row);
        if (change.kind === 'annotation') assertOwnDepartment(ctx.actor, [current.material.item.department]);
        assertListEditable(batch.stage);
        if (current.version !== expectedVersion) {
          throw new VersionConflictError('该材料', expectedVersion, current.version);
        }
        if (change.kind === 'review') {
          const d = change.decision;
          db.prepare(
            `UPDATE materials SET verdict = ?, category = ?, agreement = ?, status = ?, decision = ?, effective_from = ?,
               version = version + 1, updated_at = ? WHERE batch_id = ? AND id = ?`,
          ).run(
            d.verdict,
            d.category,
            d.agreement,
            d.status,
            json(d),
            materialStatsValues(current.material, d).effectiveFrom,
            at,
            batchId,
            materialId,
          );
          listChanged(batch, ctx, at);
        } else {
          db.prepare(
            'UPDATE materials SET annotation = ?, version = version + 1, updated_at = ? WHERE batch_id = ? AND id = ?',
          ).run(json(change.annotation), at, batchId, materialId);
        }
        const next = materialFromRow(selectMaterial.get(batchId, materialId) as Row);
        if (change.kind === 'review') {
          audit(ctx, at, AUDIT_ACTIONS.decisionReview, batchId, materialId, current.decision, next.decision);
        } else {
          audit(
            ctx,
            at,
            AUDIT_ACTIONS.materialAnnotate,
            batchId,
            materialId,
            current.annotation,
            next.annotation,
          );
        }
        return next;
      });
    },

    async transitionBatch(batchId, plan: TransitionPlan, ctx, publication?: NewPublication) {
      const at = stamp(ctx);
      return immediate(() => {
        const current = requireBatch(batchId);
        if (current.stage !== plan.from) throw new VersionConflictError('批次阶段', plan.from, current.stage);
        if (plan.listRevision !== undefined && plan.listRevision !== current.listRevision) {
          throw new VersionConflictError('批次清单', plan.listRevision, current.listRevision);
        }
        assertTransitionGuards(plan.action, {
          stage: current.stage,
          materialCount: (
            db.prepare('SELECT COUNT(*) AS n FROM materials WHERE batch_id = ?').get(batchId) as { n: number }
          ).n,
          unansweredComments: countUnanswered(batchId),
          legalReview: current.details.legalReview ?? null,
          details: current.details,
          listRevision: current.listRevision,
        });
        const details = applyTransition(current.details, plan, at);
        if (plan.publishes) {
          if (!publication || publication.version !== details.publicationVersion) {
            throw new VersionConflictError(
              '发布版本',
              details.publicationVersion ?? 0,
              publication?.version ?? 0,
            );
          }
          if (plan.action === 'adjust' && publication.changes) {
            assertAdjustmentPublishable(current.details, current.listRevision, publication.changes);
          }
        }
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
          transitionAuditAction(plan.action),
          batchId,
          batchId,
          { stage: current.stage, details: current.details },
          { stage: next.stage, details: next.details, fields: plan.fields },
        );
        if (publication && plan.publishes) {
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
          audit(ctx, at, AUDIT_ACTIONS.publicationCreate, batchId, `v${publication.version}`, null, {
            version: publication.version,
            sha256: publication.sha256,
            documentNumber: publication.documentNumber,
            reason: publication.reason,
          });
        }
        return next;
      });
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
      return (rows as Row[]).map(publicationMetaFromRow);
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
        ...publicationMetaFromRow(row),
        json: String(row.json),
        excel: new Uint8Array(row.excel as Buffer),
        diff: (row.diff as string | null) ?? null,
      };
    },

    async addComment(batchId, comment, ctx) {
      const at = stamp(ctx);
      return immediate(() => {
        assertCommentsOpen(requireBatch(batchId), comment.today);
        if (!selectMaterial.get(batchId, comment.materialId)) {
          throw new NotFoundError('material', comment.materialId, '材料');
        }
        const info = db
          .prepare(
            'INSERT INTO comments (batch_id, material_id, body, author, created_at) VALUES (?, ?, ?, ?, ?)',
          )
          .run(batchId, comment.materialId, comment.body, comment.author ?? null, at);
        const created = commentFromRow(
          db.prepare('SELECT * FROM comments WHERE id = ?').get(info.lastInsertRowid) as Row,
        );
        audit(ctx, at, AUDIT_ACTIONS.commentCreate, batchId, `comment:${created.id}`, null, created);
        return created;
      });
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
      ).map(commentFromRow);
    },

    async countUnansweredComments(batchId) {
      return countUnanswered(batchId);
    },

    async answerComment(batchId, commentId, answer, ctx) {
      const at = stamp(ctx);
      return immediate(() => {
        const row = db
          .prepare('SELECT * FROM comments WHERE id = ? AND batch_id = ?')
          .get(commentId, batchId) as Row | undefined;
        if (!row) throw new NotFoundError('comment', String(commentId), '意见');
        const before = commentFromRow(row);
        db.prepare('UPDATE comments SET answer = ?, answered_by = ?, answered_at = ? WHERE id = ?').run(
          answer,
          ctx.actor.id,
          at,
          commentId,
        );
        const after = commentFromRow(db.prepare('SELECT * FROM comments WHERE id = ?').get(commentId) as Row);
        audit(ctx, at, AUDIT_ACTIONS.commentAnswer, batchId, `comment:${commentId}`, before, after);
        return after;
      });
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
      ).map(auditFromRow);
      return { total, offset, limit, items };
    },

    ...tokenMethods(db, stamp, audit, now),
    ...rateLimitMethods(db, now),

    async exportSnapshot() {
      return db.transaction(() => exportSqliteSnapshot(db))();
    },

    async importSnapshot(snapshot) {
      importSqliteSnapshot(db, snapshot);
    },

    async close() {
      if (db.open) db.close();
    },
  };
  return options.offThread ? offThreadStore(store, options) : store;
}

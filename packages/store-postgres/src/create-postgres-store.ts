import {
  AlreadyExistsError,
  AUDIT_ACTIONS,
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
  type JianzhengStore,
  type MaterialRecord,
  materialFromRow,
  materialQueryText,
  materialStatsValues,
  NotFoundError,
  openAdjustmentDraft,
  planImport,
  publicationMetaFromRow,
  type StoreRow,
  transitionAuditAction,
  VersionConflictError,
  type WriteContext,
} from '@jianzheng/core';
import pg from 'pg';
import { postgresCaseMethods } from './cases';
import { SchemaTooNewError } from './errors';
import { postgresMaterialStatsMethods } from './material-stats';
import { migratePostgres, POSTGRES_MIGRATIONS } from './migrations';
import { postgresRateLimitMethods } from './rate-limits';
import { exportPostgresSnapshot, importPostgresSnapshot } from './snapshot';
import { postgresTokenMethods } from './tokens';

export interface PostgresStoreOptions {
  /** `postgres://user@host:port/database`; the database must exist (the schema is created). */
  connectionString: string;
  /** Connections in this instance's pool (default 10). */
  maxConnections?: number;
  /** Largest page `listMaterials` / `listAudit` return, whatever the caller asks (default 500). */
  maxPageSize?: number;
  /** The clock used for timestamps a write does not give (default: the system clock). */
  now?: () => Date;
}

/** The PostgreSQL store plus what an operator may want beyond the port. */
export interface PostgresStore extends JianzhengStore {
  /** Schema versions applied, oldest first. */
  schemaVersions(): Promise<number[]>;
}

type Tx = pg.PoolClient;
const json = (value: unknown) => JSON.stringify(value);
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Opens a PostgreSQL database as a `JianzhengStore` over node-postgres (`pg`), migrating it first.
 * Several instances may share one database: every write that depends on a batch's stage or list
 * locks the batch row (`SELECT … FOR UPDATE`) before re-checking core's guards, so writes to one
 * batch are serialised across instances while reads never wait.
 */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<PostgresStore> {
  const now = options.now ?? (() => new Date());
  const maxPage = options.maxPageSize ?? 500;
  const pool = new pg.Pool({ connectionString: options.connectionString, max: options.maxConnections ?? 10 });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    try {
      const known = Math.max(...POSTGRES_MIGRATIONS.map((m) => m.version));
      const exists = await client.query("SELECT to_regclass('schema_migrations') AS t");
      if (exists.rows[0].t) {
        const found = Number(
          (await client.query('SELECT MAX(version) AS v FROM schema_migrations')).rows[0].v ?? 0,
        );
        if (found > known) throw new SchemaTooNewError(options.connectionString, found, known);
      }
      await migratePostgres(client);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end();
    throw error;
  }

  const stamp = (ctx: WriteContext) => ctx.at ?? now().toISOString();
  const rows = async (sql: string, params: unknown[] = []) =>
    (await pool.query(sql, params)).rows as StoreRow[];

  async function tx<T>(fn: (client: Tx) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  const audit = async (
    client: Tx,
    ctx: WriteContext,
    at: string,
    action: string,
    batchId: string | null,
    target: string | null,
    before: unknown,
    after: unknown,
  ) => {
    await client.query(
      'INSERT INTO audit_log (at, actor, role, action, batch_id, target, before, after) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [
        at,
        ctx.actor.id,
        ctx.actor.role,
        action,
        batchId,
        target,
        before === undefined ? null : json(before),
        after === undefined ? null : json(after),
      ],
    );
  };

  /** Reads the batch and locks its row until the transaction ends (`share`: others may read-lock too). */
  const lockBatch = async (
    client: Tx,
    id: string,
    mode: 'update' | 'share' = 'update',
  ): Promise<BatchRecord> => {
    const result = await client.query(
      `SELECT * FROM batches WHERE id = $1 FOR ${mode === 'update' ? 'UPDATE' : 'SHARE'}`,
      [id],
    );
    if (!result.rows[0]) throw new NotFoundError('batch', id, '批次');
    return batchFromRow(result.rows[0]);
  };

  const selectMaterial = async (client: Tx | pg.Pool, batchId: string, id: string) =>
    (await client.query('SELECT * FROM materials WHERE batch_id = $1 AND id = $2', [batchId, id])).rows[0] as
      | StoreRow
      | undefined;

  const countUnanswered = async (client: Tx | pg.Pool, batchId: string) =>
    Number(
      (
        await client.query('SELECT COUNT(*) AS n FROM comments WHERE batch_id = $1 AND answer IS NULL', [
          batchId,
        ])
      ).rows[0].n,
    );

  /** Every change of the list bumps its revision; the first after publication opens the adjustment draft. */
  const listChanged = async (client: Tx, batch: BatchRecord, ctx: WriteContext, at: string) => {
    const draft = openAdjustmentDraft(batch.stage, batch.details, at, ctx.actor);
    await client.query(
      'UPDATE batches SET details = $1, list_revision = list_revision + 1, updated_at = $2 WHERE id = $3',
      [json(draft ?? batch.details), at, batch.id],
    );
    if (draft)
      await audit(client, ctx, at, AUDIT_ACTIONS.adjustmentOpen, batch.id, batch.id, null, draft.adjustment);
  };

  const store: PostgresStore = {
    async schemaVersions() {
      return (await rows('SELECT version FROM schema_migrations ORDER BY version')).map((r) =>
        Number(r.version),
      );
    },

    async createBatch(batch, ctx) {
      const at = stamp(ctx);
      return tx(async (client) => {
        const inserted = await client.query(
          `INSERT INTO batches (id, title, jurisdiction, departments, stage, details, list_revision, created_at, updated_at)
           VALUES ($1, $2, $3, $4, 'draft', '{}', 0, $5, $5) ON CONFLICT (id) DO NOTHING RETURNING *`,
          [batch.id, batch.title, json(batch.jurisdiction), json(batch.departments), at],
        );
        if (!inserted.rows[0]) throw new AlreadyExistsError('batch', batch.id, '批次');
        const created = batchFromRow(inserted.rows[0]);
        await audit(client, ctx, at, AUDIT_ACTIONS.batchCreate, batch.id, batch.id, null, created);
        return created;
      });
    },

    async getBatch(id) {
      const [row] = await rows('SELECT * FROM batches WHERE id = $1', [id]);
      return row ? batchFromRow(row) : undefined;
    },

    async listBatches() {
      return (await rows('SELECT * FROM batches ORDER BY created_at, id')).map(batchFromRow);
    },

    async importMaterials(batchId, input, ctx) {
      const at = stamp(ctx);
      return tx(async (client) => {
        const batch = await lockBatch(client, batchId);
        assertListEditable(batch.stage);
        assertOwnDepartment(ctx.actor, input.departments);
        const departments = [...new Set(input.departments)];
        const existing = (
          await client.query(
            'SELECT id, department, decision FROM materials WHERE batch_id = $1 AND department = ANY($2)',
            [batchId, departments],
          )
        ).rows.map((row) => ({
          id: String(row.id),
          department: String(row.department),
          decision: JSON.parse(row.decision) as MaterialRecord['decision'],
        }));
        const maxSeq = Number(
          (
            await client.query('SELECT COALESCE(MAX(seq), 0) AS s FROM materials WHERE batch_id = $1', [
              batchId,
            ])
          ).rows[0].s,
        );
        const plan = planImport(existing, maxSeq, input);
        if (plan.remove.length) {
          await client.query('DELETE FROM materials WHERE batch_id = $1 AND id = ANY($2)', [
            batchId,
            plan.remove,
          ]);
        }
        for (const { material, decision: d, seq, write } of plan.rows) {
          const stats = materialStatsValues(material, d);
          if (write === 'insert') {
            await client.query(
              `INSERT INTO materials (batch_id, id, seq, department, item_name, name, verdict, category, agreement, status, material, decision, annotation, version, updated_at, item_key, item_type, effective_from)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, NULL, 1, $13, $14, $15, $16)`,
              [
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
              ],
            );
          } else {
            await client.query(
              `UPDATE materials SET seq = $1, item_name = $2, name = $3, verdict = $4, category = $5, agreement = $6, status = $7,
                 material = $8, decision = $9, version = version + 1, updated_at = $10, item_key = $13, item_type = $14,
                 effective_from = $15 WHERE batch_id = $11 AND id = $12`,
              [
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
                batchId,
                material.id,
                stats.itemKey,
                stats.itemType,
                stats.effectiveFrom,
              ],
            );
          }
        }
        await listChanged(client, batch, ctx, at);
        await audit(
          client,
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

    async listMaterials(batchId, query = {}) {
      const where = ['batch_id = $1'];
      const params: unknown[] = [batchId];
      const add = (clause: string, value: unknown) => {
        params.push(value);
        where.push(clause.replace('?', `$${params.length}`));
      };
      if (query.department) add('department = ?', query.department);
      if (query.verdict) add('verdict = ?', query.verdict);
      if (query.category) add('category = ?', query.category);
      if (query.agreement) add('agreement = ?', query.agreement);
      if (query.status) add('status = ?', query.status);
      const q = materialQueryText(query.q);
      if (q) {
        params.push(`%${escapeLike(q)}%`);
        const p = `$${params.length}`;
        where.push(`(item_name LIKE ${p} ESCAPE '\\' OR name LIKE ${p} ESCAPE '\\')`);
      }
      const limit = Math.max(1, Math.min(query.limit ?? 50, maxPage));
      const offset = Math.max(0, query.offset ?? 0);
      const clause = where.join(' AND ');
      const [count] = await rows(`SELECT COUNT(*) AS n FROM materials WHERE ${clause}`, params);
      const items = (
        await rows(
          `SELECT * FROM materials WHERE ${clause} ORDER BY department, seq LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
          [...params, limit, offset],
        )
      ).map(materialFromRow);
      return { total: Number(count!.n), offset, limit, items };
    },

    async allMaterials(batchId) {
      return (await rows('SELECT * FROM materials WHERE batch_id = $1 ORDER BY seq', [batchId])).map(
        materialFromRow,
      );
    },

    ...postgresMaterialStatsMethods(pool, maxPage),

    async getMaterial(batchId, materialId) {
      const row = await selectMaterial(pool, batchId, materialId);
      return row ? materialFromRow(row) : undefined;
    },

    async updateMaterial(batchId, materialId, expectedVersion, change, ctx) {
      const at = stamp(ctx);
      return tx(async (client) => {
        // A review changes the list (its revision, maybe the adjustment draft): exclusive. An
        // annotation only needs the stage to stay put while it writes.
        const batch = await lockBatch(client, batchId, change.kind === 'review' ? 'update' : 'share');
        const row = (
          await client.query('SELECT * FROM materials WHERE batch_id = $1 AND id = $2 FOR UPDATE', [
            batchId,
            materialId,
          ])
        ).rows[0];
        if (!row) throw new NotFoundError('material', materialId, '材料');
        const current = materialFromRow(row);
        if (change.kind === 'annotation') assertOwnDepartment(ctx.actor, [current.material.item.department]);
        assertListEditable(batch.stage);
        if (current.version !== expectedVersion)
          throw new VersionConflictError('该材料', expectedVersion, current.version);
        let updated: StoreRow;
        if (change.kind === 'review') {
          const d = change.decision;
          updated = (
            await client.query(
              `UPDATE materials SET verdict = $1, category = $2, agreement = $3, status = $4, decision = $5, version = version + 1,
                 updated_at = $6, effective_from = $9 WHERE batch_id = $7 AND id = $8 RETURNING *`,
              [
                d.verdict,
                d.category,
                d.agreement,
                d.status,
                json(d),
                at,
                batchId,
                materialId,
                materialStatsValues(current.material, d).effectiveFrom,
              ],
            )
          ).rows[0];
          await listChanged(client, batch, ctx, at);
        } else {
          updated = (
            await client.query(
              'UPDATE materials SET annotation = $1, version = version + 1, updated_at = $2 WHERE batch_id = $3 AND id = $4 RETURNING *',
              [json(change.annotation), at, batchId, materialId],
            )
          ).rows[0];
        }
        const next = materialFromRow(updated);
        if (change.kind === 'review') {
          await audit(
            client,
            ctx,
            at,
            AUDIT_ACTIONS.decisionReview,
            batchId,
            materialId,
            current.decision,
            next.decision,
          );
        } else {
          await audit(
            client,
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

    async transitionBatch(batchId, plan, ctx, publication) {
      const at = stamp(ctx);
      return tx(async (client) => {
        const current = await lockBatch(client, batchId);
        if (current.stage !== plan.from) throw new VersionConflictError('批次阶段', plan.from, current.stage);
        if (plan.listRevision !== undefined && plan.listRevision !== current.listRevision) {
          throw new VersionConflictError('批次清单', plan.listRevision, current.listRevision);
        }
        const materialCount = Number(
          (await client.query('SELECT COUNT(*) AS n FROM materials WHERE batch_id = $1', [batchId])).rows[0]
            .n,
        );
        assertTransitionGuards(plan.action, {
          stage: current.stage,
          materialCount,
          unansweredComments: await countUnanswered(client, batchId),
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
        const next = batchFromRow(
          (
            await client.query(
              'UPDATE batches SET stage = $1, details = $2, updated_at = $3 WHERE id = $4 RETURNING *',
              [plan.to, json(details), at, batchId],
            )
          ).rows[0],
        );
        await client.query(
          'INSERT INTO transitions (batch_id, action, from_stage, to_stage, fields, actor, at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
          [batchId, plan.action, plan.from, plan.to, json(plan.fields), ctx.actor.id, at],
        );
        await audit(
          client,
          ctx,
          at,
          transitionAuditAction(plan.action),
          batchId,
          batchId,
          { stage: current.stage, details: current.details },
          { stage: next.stage, details: next.details, fields: plan.fields },
        );
        if (publication && plan.publishes) {
          const inserted = await client.query(
            `INSERT INTO publications (batch_id, version, published_at, document_number, reason, sha256, json, excel, diff)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
            [
              batchId,
              publication.version,
              publication.publishedAt,
              publication.documentNumber,
              publication.reason,
              publication.sha256,
              publication.json,
              Buffer.from(publication.excel),
              publication.diff,
            ],
          );
          if (inserted.rowCount === 0) {
            throw new AlreadyExistsError('publication', `${batchId} v${publication.version}`, '发布版本');
          }
          await audit(
            client,
            ctx,
            at,
            AUDIT_ACTIONS.publicationCreate,
            batchId,
            `v${publication.version}`,
            null,
            {
              version: publication.version,
              sha256: publication.sha256,
              documentNumber: publication.documentNumber,
              reason: publication.reason,
            },
          );
        }
        return next;
      });
    },

    async listTransitions(batchId) {
      return (await rows('SELECT * FROM transitions WHERE batch_id = $1 ORDER BY seq', [batchId])).map(
        (row) => ({
          seq: Number(row.seq),
          batchId: String(row.batch_id),
          action: row.action as never,
          from: row.from_stage as never,
          to: row.to_stage as never,
          fields: JSON.parse(String(row.fields)),
          actor: String(row.actor),
          at: String(row.at),
        }),
      );
    },

    async listPublications(batchId) {
      const columns = 'batch_id, version, published_at, document_number, reason, sha256';
      const found = batchId
        ? await rows(`SELECT ${columns} FROM publications WHERE batch_id = $1 ORDER BY version`, [batchId])
        : await rows(`SELECT ${columns} FROM publications ORDER BY batch_id, version`);
      return found.map(publicationMetaFromRow);
    },

    async getPublication(batchId, version) {
      const [row] =
        version === undefined
          ? await rows('SELECT * FROM publications WHERE batch_id = $1 ORDER BY version DESC LIMIT 1', [
              batchId,
            ])
          : await rows('SELECT * FROM publications WHERE batch_id = $1 AND version = $2', [batchId, version]);
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
      return tx(async (client) => {
        // SHARE: comments do not wait for each other, but a transition (FOR UPDATE) waits for them
        // and they for it, so one never slips past the other's check.
        assertCommentsOpen(await lockBatch(client, batchId, 'share'), comment.today);
        if (!(await selectMaterial(client, batchId, comment.materialId))) {
          throw new NotFoundError('material', comment.materialId, '材料');
        }
        const created = commentFromRow(
          (
            await client.query(
              'INSERT INTO comments (batch_id, material_id, body, author, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING *',
              [batchId, comment.materialId, comment.body, comment.author ?? null, at],
            )
          ).rows[0],
        );
        await audit(
          client,
          ctx,
          at,
          AUDIT_ACTIONS.commentCreate,
          batchId,
          `comment:${created.id}`,
          null,
          created,
        );
        return created;
      });
    },

    async listComments(batchId, filter = {}) {
      const where = ['batch_id = $1'];
      const params: unknown[] = [batchId];
      if (filter.materialId) {
        params.push(filter.materialId);
        where.push(`material_id = $${params.length}`);
      }
      if (filter.unanswered) where.push('answer IS NULL');
      return (await rows(`SELECT * FROM comments WHERE ${where.join(' AND ')} ORDER BY id`, params)).map(
        commentFromRow,
      );
    },

    async countUnansweredComments(batchId) {
      return countUnanswered(pool, batchId);
    },

    async answerComment(batchId, commentId, answer, ctx) {
      const at = stamp(ctx);
      return tx(async (client) => {
        const row = (
          await client.query('SELECT * FROM comments WHERE id = $1 AND batch_id = $2 FOR UPDATE', [
            commentId,
            batchId,
          ])
        ).rows[0];
        if (!row) throw new NotFoundError('comment', String(commentId), '意见');
        const before = commentFromRow(row);
        const after = commentFromRow(
          (
            await client.query(
              'UPDATE comments SET answer = $1, answered_by = $2, answered_at = $3 WHERE id = $4 RETURNING *',
              [answer, ctx.actor.id, at, commentId],
            )
          ).rows[0],
        );
        await audit(
          client,
          ctx,
          at,
          AUDIT_ACTIONS.commentAnswer,
          batchId,
          `comment:${commentId}`,
          before,
          after,
        );
        return after;
      });
    },

    async listAudit(query = {}) {
      const where: string[] = [];
      const params: unknown[] = [];
      if (query.batchId) {
        params.push(query.batchId);
        where.push(`batch_id = $${params.length}`);
      }
      if (query.action) {
        params.push(query.action);
        where.push(`action = $${params.length}`);
      }
      const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const limit = Math.max(1, Math.min(query.limit ?? 100, maxPage));
      const offset = Math.max(0, query.offset ?? 0);
      const [count] = await rows(`SELECT COUNT(*) AS n FROM audit_log ${clause}`, params);
      const items = (
        await rows(
          `SELECT * FROM audit_log ${clause} ORDER BY seq LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
          [...params, limit, offset],
        )
      ).map(auditFromRow);
      return { total: Number(count!.n), offset, limit, items };
    },

    ...postgresTokenMethods(pool, tx, stamp, audit, now),
    ...postgresCaseMethods(pool, tx, stamp, audit),
    ...postgresRateLimitMethods(pool, now),

    async exportSnapshot() {
      const client = await pool.connect();
      try {
        return await exportPostgresSnapshot(client);
      } finally {
        client.release();
      }
    },

    async importSnapshot(snapshot) {
      const client = await pool.connect();
      try {
        await importPostgresSnapshot(client, snapshot);
      } finally {
        client.release();
      }
    },

    async close() {
      if (!pool.ended) await pool.end();
    },
  };
  return store;
}

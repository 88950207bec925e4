import {
  type BatchFacts,
  NotFoundError,
  type ProgrammeFigures,
  type ProgrammeStore,
  programmeFigures,
  type WriteContext,
} from '@jianzheng/core';
import * as storeSql from '@jianzheng/core/store-sql';
import type pg from 'pg';
import { postgresPlans, type Tx } from './plan-runner';

/** The programmes table (domain.md §16), migration 5: the same text as SQLite's. */
export const PROGRAMMES_MIGRATION_SQL = storeSql.PROGRAMMES_TABLE_SQL;

/**
 * The programme methods of the PostgreSQL store. A write locks the programme row (a new id is
 * guarded by the insert's conflict) and share-locks the batches it names, so a batch cannot change
 * under the guard; core's `planProgrammeWrite` decides and `postgresPlans` runs the plan. The
 * figures are read in one REPEATABLE READ transaction.
 */
export function postgresProgrammeMethods(
  pool: pg.Pool,
  tx: <T>(fn: (client: Tx) => Promise<T>) => Promise<T>,
  stamp: (ctx: WriteContext) => string,
): ProgrammeStore {
  const read = async (client: Tx | pg.Pool, id: string, lock: 'update' | 'none' = 'none') => {
    const [row] = await postgresPlans.rows(client, 'programme', [id], lock);
    return row ? storeSql.programmeRecordFromRow(row) : undefined;
  };
  const write = async (input: unknown, ctx: WriteContext, id: string | undefined, expected?: number) => {
    const at = stamp(ctx);
    return tx(async (client) => {
      const keys = storeSql.programmeWriteKeys(input);
      const key = id ?? keys.id;
      const existing = key === undefined ? undefined : await read(client, key, 'update');
      if (id !== undefined && !existing) throw new NotFoundError('programme', id, '专项清理');
      const batches = [];
      for (const batchId of keys.batches) {
        const [row] = await postgresPlans.rows(client, 'batch', [batchId], 'share');
        if (row) batches.push(storeSql.batchFromRow(row));
      }
      return postgresPlans.execute(
        client,
        storeSql.planProgrammeWrite(input, { existing, batches, at }, ctx, expected),
      );
    });
  };

  return {
    createProgramme: (input, ctx) => write(input, ctx, undefined),
    updateProgramme: (id, expectedRevision, input, ctx) => write(input, ctx, id, expectedRevision),
    getProgramme: (id) => read(pool, id),
    async listProgrammes() {
      return (
        (await pool.query('SELECT * FROM programmes ORDER BY created_at, id')).rows as storeSql.StoreRow[]
      ).map(storeSql.programmeRecordFromRow);
    },
    async summarizeProgramme(id): Promise<ProgrammeFigures> {
      const client = await pool.connect();
      try {
        // One snapshot: the counts, stages and publications are of one moment.
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        const record = await read(client, id);
        if (!record) throw new NotFoundError('programme', id, '专项清理');
        const ids = record.programme.batches.map((b) => b.id);
        const inventory = (
          (
            await client.query(
              `SELECT batch_id, department, COUNT(*) AS materials, COUNT(DISTINCT item_key) AS items,
                 SUM(CASE WHEN verdict = 'cancel' THEN 1 ELSE 0 END) AS proposed
               FROM materials WHERE batch_id = ANY($1) GROUP BY batch_id, department ORDER BY batch_id, department`,
              [ids],
            )
          ).rows as storeSql.StoreRow[]
        ).map(storeSql.inventoryCountsFromRow);
        const batches: BatchFacts[] = [];
        for (const batchId of ids) {
          const [row] = await postgresPlans.rows(client, 'batch', [batchId]);
          if (!row) continue;
          const batch = storeSql.batchFromRow(row);
          const publication = (
            await client.query(
              `SELECT json::json #> '{summary,byDepartment}' AS by_department FROM publications
               WHERE batch_id = $1 ORDER BY version DESC LIMIT 1`,
              [batchId],
            )
          ).rows[0] as storeSql.StoreRow | undefined;
          batches.push({
            id: batchId,
            title: batch.title,
            stage: batch.stage,
            published: publication ? storeSql.publishedCountsOf(publication.by_department) : null,
          });
        }
        await client.query('COMMIT');
        return programmeFigures(record.programme, { inventory, batches });
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
  };
}

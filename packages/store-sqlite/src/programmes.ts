import {
  type BatchFacts,
  NotFoundError,
  type ProgrammeFigures,
  type ProgrammeStore,
  programmeFigures,
  type WriteContext,
} from '@jianzheng/core';
import * as storeSql from '@jianzheng/core/store-sql';
import type { SqliteConnection } from './driver';
import type { SqlitePlanRunner } from './plan-runner';

/** The programmes table (domain.md §16), migration 8: the same text as PostgreSQL's. */
export const PROGRAMMES_MIGRATION_SQL = storeSql.PROGRAMMES_TABLE_SQL;

/**
 * The programme methods of the SQLite store. A write is one IMMEDIATE transaction: read the
 * programme and the batches it names, let core's `planProgrammeWrite` decide, run its plan. The
 * figures are counted by the database in one read transaction.
 */
export function sqliteProgrammeMethods(
  db: SqliteConnection,
  run: SqlitePlanRunner,
  stamp: (ctx: WriteContext) => string,
): ProgrammeStore {
  const read = (id: string) => {
    const row = run.row('programme', id);
    return row ? storeSql.programmeRecordFromRow(row) : undefined;
  };
  const write = (input: unknown, ctx: WriteContext, id: string | undefined, expected?: number) => {
    const at = stamp(ctx);
    return db
      .transaction(() => {
        const keys = storeSql.programmeWriteKeys(input);
        const key = id ?? keys.id;
        const existing = key === undefined ? undefined : read(key);
        if (id !== undefined && !existing) throw new NotFoundError('programme', id, '专项清理');
        const batches = keys.batches.flatMap((batchId) => {
          const row = run.row('batch', batchId);
          return row ? [storeSql.batchFromRow(row)] : [];
        });
        return run.execute(storeSql.planProgrammeWrite(input, { existing, batches, at }, ctx, expected));
      })
      .immediate();
  };

  return {
    async createProgramme(input, ctx) {
      return write(input, ctx, undefined);
    },
    async updateProgramme(id, expectedRevision, input, ctx) {
      return write(input, ctx, id, expectedRevision);
    },
    async getProgramme(id) {
      return read(id);
    },
    async listProgrammes() {
      return (
        db.prepare('SELECT * FROM programmes ORDER BY created_at, id').all() as storeSql.StoreRow[]
      ).map(storeSql.programmeRecordFromRow);
    },
    async summarizeProgramme(id): Promise<ProgrammeFigures> {
      // One read transaction: the counts, stages and publications are of one moment.
      return db.transaction(() => {
        const record = read(id);
        if (!record) throw new NotFoundError('programme', id, '专项清理');
        const ids = record.programme.batches.map((b) => b.id);
        if (ids.length === 0) return programmeFigures(record.programme, { inventory: [] });
        const marks = ids.map(() => '?').join(', ');
        const inventory = (
          db
            .prepare(
              `SELECT batch_id, department, COUNT(*) AS materials, COUNT(DISTINCT item_key) AS items,
                 SUM(CASE WHEN verdict = 'cancel' THEN 1 ELSE 0 END) AS proposed
               FROM materials WHERE batch_id IN (${marks}) GROUP BY batch_id, department ORDER BY batch_id, department`,
            )
            .all(...ids) as storeSql.StoreRow[]
        ).map(storeSql.inventoryCountsFromRow);
        const latest = db.prepare(
          `SELECT json_extract(json, '$.summary.byDepartment') AS by_department FROM publications
           WHERE batch_id = ? ORDER BY version DESC LIMIT 1`,
        );
        const batches: BatchFacts[] = [];
        for (const batchId of ids) {
          const row = run.row('batch', batchId);
          if (!row) continue;
          const batch = storeSql.batchFromRow(row);
          const publication = latest.get(batchId) as storeSql.StoreRow | undefined;
          batches.push({
            id: batchId,
            title: batch.title,
            stage: batch.stage,
            published: publication ? storeSql.publishedCountsOf(publication.by_department) : null,
          });
        }
        return programmeFigures(record.programme, { inventory, batches });
      })();
    },
  };
}

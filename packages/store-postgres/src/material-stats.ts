import type {
  LegalLevelCounts,
  MaterialPage,
  MaterialPageQuery,
  SummarizeOptions,
  Summary,
} from '@jianzheng/core';
import { summaryFromGroups } from '@jianzheng/core';
import * as storeSql from '@jianzheng/core/store-sql';
import type pg from 'pg';

const jsonField: storeSql.JsonField = (column, path) => `${column}::json #>> '{${path.join(',')}}'`;

/** Migration 4 (SQLite's 7): the statistics columns and their covering index (core's SQL). */
export const MATERIAL_STATS_MIGRATION_SQL = storeSql.materialStatsMigrationSql(jsonField, 'btrim');

const LEGAL_LEVELS_SQL = storeSql.legalLevelGroupsSql(jsonField, '$1');

// Typed, so that a NULL day is a text NULL to PostgreSQL.
const GROUPS_SQL = storeSql.materialGroupsSql('$1', '$2::text');

// Distinct items of the whole list, per department and per item type, in one pass.
const ITEMS_SQL = `
  SELECT department, item_type, GROUPING(department, item_type) AS level, COUNT(DISTINCT item_key) AS n
  FROM materials WHERE batch_id = $1
  GROUP BY GROUPING SETS ((), (department), (item_type))`;

/** `summarizeMaterials`, `countLegalLevels` and `pageMaterials` of the PostgreSQL store. */
export function postgresMaterialStatsMethods(pool: pg.Pool, maxPage: number) {
  return {
    async summarizeMaterials(batchId: string, options: SummarizeOptions = {}): Promise<Summary> {
      const client = await pool.connect();
      try {
        // One snapshot for both queries: the counts and the item counts see the same list.
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        const groups = (await client.query(GROUPS_SQL, [batchId, options.asOf ?? null]))
          .rows as storeSql.StoreRow[];
        const items = (await client.query(ITEMS_SQL, [batchId])).rows as storeSql.StoreRow[];
        await client.query('COMMIT');
        const byDepartment = new Map<string, number>();
        const byItemType = new Map<string, number>();
        let whole = 0;
        for (const r of items) {
          // GROUPING gives 1 for the department set (item_type aggregated), 2 for the type set.
          const level = Number(r.level);
          if (level === 3) whole = Number(r.n);
          else if (level === 1) byDepartment.set(String(r.department), Number(r.n));
          else if (level === 2) byItemType.set(String(r.item_type), Number(r.n));
        }
        return summaryFromGroups(
          groups.map(storeSql.materialGroupFromRow),
          { whole, byDepartment, byItemType },
          options,
        );
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },

    async countLegalLevels(batchId: string): Promise<LegalLevelCounts> {
      const { rows } = await pool.query(LEGAL_LEVELS_SQL, [batchId]);
      return storeSql.legalLevelCountsFromRows(rows as storeSql.StoreRow[]);
    },

    async pageMaterials(batchId: string, query: MaterialPageQuery = {}): Promise<MaterialPage> {
      const { sql, params, limit } = storeSql.materialPageQuery(batchId, query, maxPage);
      const { rows } = await pool.query(storeSql.numberedPlaceholders(sql), params);
      return storeSql.materialPageFromRows(rows as storeSql.StoreRow[], limit);
    },
  };
}

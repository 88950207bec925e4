import type {
  ItemCounts,
  LegalLevelCounts,
  MaterialPage,
  MaterialPageQuery,
  SummarizeOptions,
  Summary,
} from '@jianzheng/core';
import { summaryFromGroups } from '@jianzheng/core';
import * as storeSql from '@jianzheng/core/store-sql';
import type { SqliteConnection } from './driver';
import type { SqlitePlanRunner } from './plan-runner';

const jsonField: storeSql.JsonField = (column, path) => `json_extract(${column}, '$.${path.join('.')}')`;

/** Migration 7: the statistics columns and their covering index (core's `materialStatsMigrationSql`). */
export const MATERIAL_STATS_MIGRATION_SQL = storeSql.materialStatsMigrationSql(jsonField, 'trim');

/** `summarizeMaterials`, `countLegalLevels` and `pageMaterials` of the SQLite store. */
export function sqliteMaterialStatsMethods(db: SqliteConnection, run: SqlitePlanRunner, maxPage: number) {
  const { statement } = run;
  const groups = db.prepare(storeSql.materialGroupsSql('@batchId', '@asOf'));
  const itemsWhole = db.prepare('SELECT COUNT(DISTINCT item_key) AS n FROM materials WHERE batch_id = ?');
  const itemsByDepartment = db.prepare(
    'SELECT department AS k, COUNT(DISTINCT item_key) AS n FROM materials WHERE batch_id = ? GROUP BY department',
  );
  const itemsByType = db.prepare(
    'SELECT item_type AS k, COUNT(DISTINCT item_key) AS n FROM materials WHERE batch_id = ? GROUP BY item_type',
  );
  const legalLevels = db.prepare(storeSql.legalLevelGroupsSql(jsonField, '?'));
  const counts = (rows: unknown[]) =>
    new Map((rows as Array<{ k: string; n: number }>).map((r) => [r.k, r.n]));

  // One read transaction: the counts and the item counts see the same list.
  const read = db.transaction((batchId: string, asOf: string | null) => {
    const grouped = (groups.all({ batchId, asOf }) as storeSql.StoreRow[]).map(storeSql.materialGroupFromRow);
    const items: ItemCounts = {
      whole: (itemsWhole.get(batchId) as { n: number }).n,
      byDepartment: counts(itemsByDepartment.all(batchId)),
      byItemType: counts(itemsByType.all(batchId)),
    };
    return { grouped, items };
  });

  return {
    async summarizeMaterials(batchId: string, options: SummarizeOptions = {}): Promise<Summary> {
      const { grouped, items } = read(batchId, options.asOf ?? null);
      return summaryFromGroups(grouped, items, options);
    },

    async countLegalLevels(batchId: string): Promise<LegalLevelCounts> {
      return storeSql.legalLevelCountsFromRows(legalLevels.all(batchId) as storeSql.StoreRow[]);
    },

    async pageMaterials(batchId: string, query: MaterialPageQuery = {}): Promise<MaterialPage> {
      const { sql, params, limit } = storeSql.materialPageQuery(batchId, query, maxPage);
      return storeSql.materialPageFromRows(statement(sql).all(...params) as storeSql.StoreRow[], limit);
    },
  };
}

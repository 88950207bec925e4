import {
  type ItemCounts,
  type MaterialGroupCount,
  type MaterialPage,
  type MaterialPageQuery,
  materialFromRow,
  type StoreRow,
  type SummarizeOptions,
  type Summary,
  seqAfterCursor,
  summaryFromGroups,
  TRIM_CHARACTERS,
  UNTYPED_ITEM_TYPE,
} from '@jianzheng/core';
import type { Database } from 'better-sqlite3';

const trimmed = (expr: string) => `trim(${expr}, '${TRIM_CHARACTERS}')`;

/**
 * Migration 7: the columns statistics group by (core's `materialStatsValues`), derived from the
 * stored JSON for rows written before, and one index that holds every column the aggregates read,
 * so a summary scans that index and never the wide rows with their JSON.
 */
export const MATERIAL_STATS_MIGRATION_SQL = `
  ALTER TABLE materials ADD COLUMN item_key TEXT NOT NULL DEFAULT '';
  ALTER TABLE materials ADD COLUMN item_type TEXT NOT NULL DEFAULT '${UNTYPED_ITEM_TYPE}';
  ALTER TABLE materials ADD COLUMN effective_from TEXT;
  UPDATE materials SET
    item_key = ${trimmed("json_extract(material, '$.item.department')")} || '|' ||
      ${trimmed("COALESCE(NULLIF(json_extract(material, '$.item.code'), ''), json_extract(material, '$.item.name'))")},
    item_type = COALESCE(json_extract(material, '$.item.type'), '${UNTYPED_ITEM_TYPE}'),
    effective_from = NULLIF(json_extract(decision, '$.effectiveFrom'), '');
  CREATE INDEX materials_stats ON materials
    (batch_id, department, item_key, item_type, verdict, category, agreement, effective_from, seq);
`;

// One row per combination of the values a summary slices by; a city's list gives a few hundred.
const GROUPS_SQL = `
  SELECT department, item_type, verdict,
    CASE WHEN verdict = 'cancel' THEN COALESCE(category, 'uncategorized') END AS cat,
    agreement,
    (verdict = 'cancel' AND effective_from IS NOT NULL AND (@asOf IS NULL OR effective_from > @asOf)) AS planned,
    COUNT(*) AS n, MIN(seq) AS first_seq
  FROM materials WHERE batch_id = @batchId
  GROUP BY department, item_type, verdict, cat, agreement, planned`;

/** `summarizeMaterials` and `pageMaterials` of the SQLite store. */
export function sqliteMaterialStatsMethods(db: Database, maxPage: number) {
  const groups = db.prepare(GROUPS_SQL);
  const itemsWhole = db.prepare('SELECT COUNT(DISTINCT item_key) AS n FROM materials WHERE batch_id = ?');
  const itemsByDepartment = db.prepare(
    'SELECT department AS k, COUNT(DISTINCT item_key) AS n FROM materials WHERE batch_id = ? GROUP BY department',
  );
  const itemsByType = db.prepare(
    'SELECT item_type AS k, COUNT(DISTINCT item_key) AS n FROM materials WHERE batch_id = ? GROUP BY item_type',
  );
  const counts = (rows: unknown[]) =>
    new Map((rows as Array<{ k: string; n: number }>).map((r) => [r.k, r.n]));
  const page = db.prepare('SELECT * FROM materials WHERE batch_id = ? AND seq > ? ORDER BY seq LIMIT ?');
  const departmentPage = db.prepare(
    'SELECT * FROM materials WHERE batch_id = ? AND department = ? AND seq > ? ORDER BY seq LIMIT ?',
  );

  // One read transaction: the counts and the item counts see the same list.
  const read = db.transaction((batchId: string, asOf: string | null) => {
    const grouped = (groups.all({ batchId, asOf }) as StoreRow[]).map(
      (r): MaterialGroupCount => ({
        department: String(r.department),
        itemType: String(r.item_type),
        verdict: r.verdict as MaterialGroupCount['verdict'],
        category: (r.cat as string | null) ?? null,
        agreement: r.agreement as MaterialGroupCount['agreement'],
        planned: r.planned === 1,
        materials: Number(r.n),
        firstSeq: Number(r.first_seq),
      }),
    );
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

    async pageMaterials(batchId: string, query: MaterialPageQuery = {}): Promise<MaterialPage> {
      const limit = Math.max(1, Math.min(query.limit ?? 50, maxPage));
      const after = seqAfterCursor(query.cursor);
      // One row more than the page tells whether another page follows.
      const rows = (
        query.department === undefined
          ? page.all(batchId, after, limit + 1)
          : departmentPage.all(batchId, query.department, after, limit + 1)
      ) as StoreRow[];
      const more = rows.length > limit;
      const shown = more ? rows.slice(0, limit) : rows;
      return {
        items: shown.map(materialFromRow),
        next: more ? String(shown.at(-1)?.seq) : null,
      };
    },
  };
}

import {
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
import type pg from 'pg';

const trimmed = (expr: string) => `btrim(${expr}, '${TRIM_CHARACTERS}')`;

/**
 * Migration 4 (SQLite's 7): the columns statistics group by (core's `materialStatsValues`),
 * derived from the stored JSON for rows written before, and one index holding every column the
 * aggregates read, so a summary reads that index (index-only once vacuumed), not the JSON rows.
 */
export const MATERIAL_STATS_MIGRATION_SQL = `
  ALTER TABLE materials ADD COLUMN item_key text NOT NULL DEFAULT '';
  ALTER TABLE materials ADD COLUMN item_type text NOT NULL DEFAULT '${UNTYPED_ITEM_TYPE}';
  ALTER TABLE materials ADD COLUMN effective_from text;
  UPDATE materials SET
    item_key = ${trimmed("material::json->'item'->>'department'")} || '|' ||
      ${trimmed("COALESCE(NULLIF(material::json->'item'->>'code', ''), material::json->'item'->>'name')")},
    item_type = COALESCE(material::json->'item'->>'type', '${UNTYPED_ITEM_TYPE}'),
    effective_from = NULLIF(decision::json->>'effectiveFrom', '');
  CREATE INDEX materials_stats ON materials
    (batch_id, department, item_key, item_type, verdict, category, agreement, effective_from, seq);
`;

// One row per combination of the values a summary slices by; a city's list gives a few hundred.
const GROUPS_SQL = `
  SELECT department, item_type, verdict,
    CASE WHEN verdict = 'cancel' THEN COALESCE(category, 'uncategorized') END AS cat,
    agreement,
    (verdict = 'cancel' AND effective_from IS NOT NULL AND ($2::text IS NULL OR effective_from > $2::text)) AS planned,
    COUNT(*) AS n, MIN(seq) AS first_seq
  FROM materials WHERE batch_id = $1
  GROUP BY department, item_type, verdict, cat, agreement, planned`;

// Distinct items of the whole list, per department and per item type, in one pass.
const ITEMS_SQL = `
  SELECT department, item_type, GROUPING(department, item_type) AS level, COUNT(DISTINCT item_key) AS n
  FROM materials WHERE batch_id = $1
  GROUP BY GROUPING SETS ((), (department), (item_type))`;

/** `summarizeMaterials` and `pageMaterials` of the PostgreSQL store. */
export function postgresMaterialStatsMethods(pool: pg.Pool, maxPage: number) {
  return {
    async summarizeMaterials(batchId: string, options: SummarizeOptions = {}): Promise<Summary> {
      const client = await pool.connect();
      try {
        // One snapshot for both queries: the counts and the item counts see the same list.
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        const groups = (await client.query(GROUPS_SQL, [batchId, options.asOf ?? null])).rows as StoreRow[];
        const items = (await client.query(ITEMS_SQL, [batchId])).rows as StoreRow[];
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
          groups.map(
            (r): MaterialGroupCount => ({
              department: String(r.department),
              itemType: String(r.item_type),
              verdict: r.verdict as MaterialGroupCount['verdict'],
              category: (r.cat as string | null) ?? null,
              agreement: r.agreement as MaterialGroupCount['agreement'],
              planned: r.planned === true,
              materials: Number(r.n),
              firstSeq: Number(r.first_seq),
            }),
          ),
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

    async pageMaterials(batchId: string, query: MaterialPageQuery = {}): Promise<MaterialPage> {
      const limit = Math.max(1, Math.min(query.limit ?? 50, maxPage));
      const after = seqAfterCursor(query.cursor);
      // One row more than the page tells whether another page follows.
      const { rows } =
        query.department === undefined
          ? await pool.query(
              'SELECT * FROM materials WHERE batch_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
              [batchId, after, limit + 1],
            )
          : await pool.query(
              'SELECT * FROM materials WHERE batch_id = $1 AND department = $2 AND seq > $3 ORDER BY seq LIMIT $4',
              [batchId, query.department, after, limit + 1],
            );
      const more = rows.length > limit;
      const shown = (more ? rows.slice(0, limit) : rows) as StoreRow[];
      return { items: shown.map(materialFromRow), next: more ? String(shown.at(-1)?.seq) : null };
    },
  };
}

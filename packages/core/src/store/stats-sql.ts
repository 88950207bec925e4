import { UNTYPED_ITEM_TYPE } from '../stats/summary-accumulator';
import { TRIM_CHARACTERS } from '../stats/summary-from-groups';

/** How a store's SQL reads one field of the JSON kept in a text column. */
export type JsonField = (column: 'material' | 'decision', path: readonly string[]) => string;

/**
 * The migration both stores run to add the statistics columns (`materialStatsValues`), derived
 * from the stored JSON for rows written before exactly as `itemKey` derives them (JavaScript's
 * `trim`), and one index holding every column the aggregates read, so a summary reads that index
 * and never the wide rows with their JSON. `trim` is the dialect's trim-these-characters function.
 */
export function materialStatsMigrationSql(field: JsonField, trim: 'trim' | 'btrim'): string {
  const trimmed = (expr: string) => `${trim}(${expr}, '${TRIM_CHARACTERS}')`;
  const item = (key: string) => field('material', ['item', key]);
  return `
    ALTER TABLE materials ADD COLUMN item_key text NOT NULL DEFAULT '';
    ALTER TABLE materials ADD COLUMN item_type text NOT NULL DEFAULT '${UNTYPED_ITEM_TYPE}';
    ALTER TABLE materials ADD COLUMN effective_from text;
    UPDATE materials SET
      item_key = ${trimmed(item('department'))} || '|' ||
        ${trimmed(`COALESCE(NULLIF(${item('code')}, ''), ${item('name')})`)},
      item_type = COALESCE(${item('type')}, '${UNTYPED_ITEM_TYPE}'),
      effective_from = NULLIF(${field('decision', ['effectiveFrom'])}, '');
    CREATE INDEX materials_stats ON materials
      (batch_id, department, item_key, item_type, verdict, category, agreement, effective_from, seq);
  `;
}

/**
 * The statistics GROUP BY of both stores (rows for `materialGroupFromRow`): one row per
 * combination of the values a summary slices by — a city's list gives a few hundred. `batchId`
 * and `asOf` are the dialect's placeholders (`asOf` may be bound to NULL: every dated
 * cancellation is then planned).
 */
export function materialGroupsSql(batchId: string, asOf: string): string {
  return `
    SELECT department, item_type, verdict,
      CASE WHEN verdict = 'cancel' THEN COALESCE(category, 'uncategorized') END AS cat,
      agreement,
      (verdict = 'cancel' AND effective_from IS NOT NULL AND (${asOf} IS NULL OR effective_from > ${asOf})) AS planned,
      COUNT(*) AS n, MIN(seq) AS first_seq
    FROM materials WHERE batch_id = ${batchId}
    GROUP BY department, item_type, verdict, cat, agreement, planned`;
}

/**
 * The by-legal-level GROUP BY of both stores (rows for `legalLevelGroupFromRow`): a decision's
 * `legalBasis.level` read from its JSON, null where the rule assessed none. `field` as for the
 * migration; `batchId` is the dialect's placeholder.
 */
export function legalLevelGroupsSql(field: JsonField, batchId: string): string {
  return `
    SELECT ${field('decision', ['legalBasis', 'level'])} AS level, verdict, COUNT(*) AS n
    FROM materials WHERE batch_id = ${batchId}
    GROUP BY 1, verdict`;
}

import type { CaseQuery } from '../supervision/case';
import { materialQueryText } from './audit';
import { seqAfterCursor } from './rows';
import type { AuditQuery, MaterialPageQuery, MaterialQuery, TokenQuery } from './types';

/** A filtered read in `?` placeholders (PostgreSQL numbers them): its SQL and parameters. */
export interface ListQuery {
  sql: string;
  params: unknown[];
}

/** A paged read: the count of all matches, and the page (`params` then `limit`, `offset`). */
export interface PagedQuery {
  count: ListQuery;
  page: ListQuery;
  limit: number;
  offset: number;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function filters(
  entries: ReadonlyArray<readonly [string, unknown]>,
  where: string[] = [],
  params: unknown[] = [],
) {
  for (const [column, value] of entries) {
    if (value === undefined || value === null || value === '') continue;
    where.push(`${column} = ?`);
    params.push(value);
  }
  return { where, params };
}

function paged(
  table: string,
  where: string[],
  params: unknown[],
  order: string,
  limit: number,
  offset: number,
) {
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  return {
    count: { sql: `SELECT COUNT(*) AS n FROM ${table} ${clause}`, params },
    page: {
      sql: `SELECT * FROM ${table} ${clause} ORDER BY ${order} LIMIT ? OFFSET ?`,
      params: [...params, limit, offset],
    },
    limit,
    offset,
  };
}

/** `listMaterials`: filters, the text `q` on item and material name, one page in list order. */
export function materialListQuery(batchId: string, query: MaterialQuery, maxPage: number): PagedQuery {
  const { where, params } = filters(
    (['department', 'verdict', 'category', 'agreement', 'status'] as const).map(
      (key) => [key, query[key]] as const,
    ),
    ['batch_id = ?'],
    [batchId],
  );
  const q = materialQueryText(query.q);
  if (q) {
    where.push("(item_name LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\')");
    const like = `%${escapeLike(q)}%`;
    params.push(like, like);
  }
  const limit = Math.max(1, Math.min(query.limit ?? 50, maxPage));
  return paged('materials', where, params, 'department, seq', limit, Math.max(0, query.offset ?? 0));
}

/** `listAudit`: by batch and action, one page in log order. */
export function auditListQuery(query: AuditQuery, maxPage: number): PagedQuery {
  const { where, params } = filters([
    ['batch_id', query.batchId],
    ['action', query.action],
  ]);
  const limit = Math.max(1, Math.min(query.limit ?? 100, maxPage));
  return paged('audit_log', where, params, 'seq', limit, Math.max(0, query.offset ?? 0));
}

/** `listComments`: a batch's comments, of one material or only the unanswered. */
export function commentListQuery(
  batchId: string,
  filter: { materialId?: string; unanswered?: boolean },
): ListQuery {
  const { where, params } = filters([['material_id', filter.materialId]], ['batch_id = ?'], [batchId]);
  if (filter.unanswered) where.push('answer IS NULL');
  return { sql: `SELECT * FROM comments WHERE ${where.join(' AND ')} ORDER BY id`, params };
}

/** `listCases`: by batch, department and status, at most 10,000. */
export function caseListQuery(query: CaseQuery): ListQuery {
  const { where, params } = filters([
    ['batch_id', query.batchId],
    ['department', query.department],
    ['status', query.status],
  ]);
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  params.push(Math.min(query.limit ?? 10_000, 10_000), query.offset ?? 0);
  return { sql: `SELECT * FROM cases ${clause} ORDER BY id LIMIT ? OFFSET ?`, params };
}

/** `listTokens`: API tokens (and sessions when asked), only usable ones at `at` unless `all`. */
export function tokenListQuery(query: TokenQuery, at: string): ListQuery {
  const where: string[] = [];
  const params: unknown[] = [];
  if (!query.sessions) where.push('parent_id IS NULL');
  if (!query.all) {
    where.push('revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)');
    params.push(at);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  return { sql: `SELECT * FROM tokens ${clause} ORDER BY created_at, id`, params };
}

/**
 * `pageMaterials`: the rows after the cursor in list order, one more than the page (it tells
 * whether another page follows; `materialPageFromRows` reads them).
 */
export function materialPageQuery(
  batchId: string,
  query: MaterialPageQuery,
  maxPage: number,
): ListQuery & { limit: number } {
  const limit = Math.max(1, Math.min(query.limit ?? 50, maxPage));
  const where = ['batch_id = ?'];
  const params: unknown[] = [batchId];
  if (query.department !== undefined) {
    where.push('department = ?');
    params.push(query.department);
  }
  where.push('seq > ?');
  params.push(seqAfterCursor(query.cursor), limit + 1);
  return { sql: `SELECT * FROM materials WHERE ${where.join(' AND ')} ORDER BY seq LIMIT ?`, params, limit };
}

import { CASE_COLUMNS, TOKEN_COLUMNS } from './rows';

const PUBLICATION_META = 'batch_id, version, published_at, document_number, reason, sha256';
const marks = (n: number) => Array(n).fill('?').join(', ');
/** The columns of `programmeRowValues`, in its order. */
const PROGRAMME_COLUMNS = 'id, title, definition, revision, created_at, updated_at';

/**
 * The SQL of every write and guard read both stores run, written once with `?` placeholders
 * (SQLite's); PostgreSQL numbers them (`numberedPlaceholders`). A plan names a statement and gives
 * its parameters in the order the text lists them, so the two adapters cannot drift apart.
 */
export const STORE_STATEMENTS = {
  insertAudit:
    'INSERT INTO audit_log (at, actor, role, action, batch_id, target, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  insertBatch: `INSERT INTO batches (id, title, jurisdiction, departments, stage, details, list_revision, created_at, updated_at)
    VALUES (?, ?, ?, ?, 'draft', '{}', 0, ?, ?) ON CONFLICT (id) DO NOTHING`,
  /** Every change of the list bumps its revision (and may open the adjustment draft in `details`). */
  bumpListRevision:
    'UPDATE batches SET details = ?, list_revision = list_revision + 1, updated_at = ? WHERE id = ?',
  moveBatch: 'UPDATE batches SET stage = ?, details = ?, updated_at = ? WHERE id = ?',
  insertTransition:
    'INSERT INTO transitions (batch_id, action, from_stage, to_stage, fields, actor, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  insertPublication: `INSERT INTO publications (batch_id, version, published_at, document_number, reason, sha256, json, excel, diff)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  insertMaterial: `INSERT INTO materials (batch_id, id, seq, department, item_name, name, verdict, category, agreement, status,
      material, decision, annotation, version, updated_at, item_key, item_type, effective_from)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 1, ?, ?, ?, ?)`,
  reimportMaterial: `UPDATE materials SET seq = ?, item_name = ?, name = ?, verdict = ?, category = ?, agreement = ?, status = ?,
      material = ?, decision = ?, version = version + 1, updated_at = ?, item_key = ?, item_type = ?, effective_from = ?
    WHERE batch_id = ? AND id = ?`,
  deleteMaterial: 'DELETE FROM materials WHERE batch_id = ? AND id = ?',
  reviewMaterial: `UPDATE materials SET verdict = ?, category = ?, agreement = ?, status = ?, decision = ?, effective_from = ?,
      version = version + 1, updated_at = ? WHERE batch_id = ? AND id = ?`,
  annotateMaterial:
    'UPDATE materials SET annotation = ?, version = version + 1, updated_at = ? WHERE batch_id = ? AND id = ?',
  insertComment:
    'INSERT INTO comments (batch_id, material_id, body, author, created_at) VALUES (?, ?, ?, ?, ?) RETURNING *',
  answerComment: 'UPDATE comments SET answer = ?, answered_by = ?, answered_at = ? WHERE id = ?',
  insertCase: `INSERT INTO cases (batch_id, material_id, material_name, item_name, department, place, happened_on,
      description, contact, status, due_on, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'assigned', ?, ?) RETURNING *`,
  answerCase: 'UPDATE cases SET status = ?, answer = ? WHERE id = ?',
  closeCase: 'UPDATE cases SET status = ?, closed = ? WHERE id = ?',
  insertToken:
    'INSERT INTO tokens (id, hash, role, department, label, created_at, expires_at, parent_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  revokeToken: 'UPDATE tokens SET revoked_at = ? WHERE id = ?',
  revokeSessions: 'UPDATE tokens SET revoked_at = ? WHERE parent_id = ? AND revoked_at IS NULL',
  // A snapshot's rows into an empty database, ids, sequence numbers and times kept (`jianzheng migrate`).
  restoreBatch: `INSERT INTO batches (id, title, jurisdiction, departments, stage, details, list_revision, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  restoreMaterial: `INSERT INTO materials (batch_id, id, seq, department, item_name, name, verdict, category, agreement, status,
      material, decision, annotation, version, updated_at, item_key, item_type, effective_from)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  restoreTransition:
    'INSERT INTO transitions (seq, batch_id, action, from_stage, to_stage, fields, actor, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  restorePublication: `INSERT INTO publications (batch_id, version, published_at, document_number, reason, sha256, json, excel, diff)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  restoreComment: `INSERT INTO comments (id, batch_id, material_id, body, author, created_at, answer, answered_by, answered_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  restoreAudit:
    'INSERT INTO audit_log (seq, at, actor, role, action, batch_id, target, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  restoreToken: `INSERT INTO tokens (${TOKEN_COLUMNS}) VALUES (${marks(10)})`,
  restoreCase: `INSERT INTO cases (${CASE_COLUMNS}) VALUES (${marks(15)})`,
  restoreProgramme: `INSERT INTO programmes (${PROGRAMME_COLUMNS}) VALUES (${marks(6)})`,
  // A programme (domain.md §16): created once, replaced only at the revision the caller read.
  insertProgramme: `INSERT INTO programmes (${PROGRAMME_COLUMNS}) VALUES (${marks(6)}) ON CONFLICT (id) DO NOTHING`,
  updateProgramme:
    'UPDATE programmes SET title = ?, definition = ?, revision = ?, updated_at = ? WHERE id = ? AND revision = ?',
} as const;

export type StoreStatementName = keyof typeof STORE_STATEMENTS;

/**
 * The reads a write's checks run inside its transaction. A `locked` read is one PostgreSQL ends
 * with `FOR UPDATE` (or `FOR SHARE`), so the row cannot change until the write commits; SQLite's
 * IMMEDIATE transaction already holds the database's write lock.
 */
export const STORE_READS = {
  batch: 'SELECT * FROM batches WHERE id = ?',
  material: 'SELECT * FROM materials WHERE batch_id = ? AND id = ?',
  comment: 'SELECT * FROM comments WHERE id = ? AND batch_id = ?',
  case: 'SELECT * FROM cases WHERE id = ?',
  token: 'SELECT * FROM tokens WHERE id = ?',
  programme: 'SELECT * FROM programmes WHERE id = ?',
  liveSessions: 'SELECT id FROM tokens WHERE parent_id = ? AND revoked_at IS NULL ORDER BY created_at, id',
  materialCount: 'SELECT COUNT(*) AS n FROM materials WHERE batch_id = ?',
  unansweredComments: 'SELECT COUNT(*) AS n FROM comments WHERE batch_id = ? AND answer IS NULL',
  maxSeq: 'SELECT COALESCE(MAX(seq), 0) AS n FROM materials WHERE batch_id = ?',
  // The LIKE narrows the read to flagged rows; core's pendingLegalReviews decides on the parsed
  // decision (a note that merely quotes the flag is not a flag).
  legalQueue: `SELECT id, department, name, decision FROM materials
    WHERE batch_id = ? AND verdict = 'retain' AND decision LIKE '%needs-legal-review%' ORDER BY seq`,
  // The plain reads of the port (no lock).
  batches: 'SELECT * FROM batches ORDER BY created_at, id',
  materials: 'SELECT * FROM materials WHERE batch_id = ? ORDER BY seq',
  transitions: 'SELECT * FROM transitions WHERE batch_id = ? ORDER BY seq',
  publications: `SELECT ${PUBLICATION_META} FROM publications ORDER BY batch_id, version`,
  batchPublications: `SELECT ${PUBLICATION_META} FROM publications WHERE batch_id = ? ORDER BY version`,
  publication: 'SELECT * FROM publications WHERE batch_id = ? AND version = ?',
  latestPublication: 'SELECT * FROM publications WHERE batch_id = ? ORDER BY version DESC LIMIT 1',
  tokenByHash: 'SELECT * FROM tokens WHERE hash = ?',
} as const;

export type StoreReadName = keyof typeof STORE_READS;

/** `?` → `$1`, `$2` …: a statement in PostgreSQL's placeholders (the texts hold no other `?`). */
export function numberedPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** The materials an import replaces (id, department, decision), for `departments` placeholders. */
export function existingMaterialsSql(departments: number): string {
  return `SELECT id, department, decision FROM materials WHERE batch_id = ? AND department IN (${marks(departments)})`;
}

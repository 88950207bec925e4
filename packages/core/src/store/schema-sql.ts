/** The column types of one SQL dialect, for the tables both stores create alike. */
export interface SqlTypes {
  text: string;
  integer: string;
  /** An integer key the database assigns, with its PRIMARY KEY. */
  serial: string;
  bytes: string;
}

export const SQLITE_TYPES: SqlTypes = {
  text: 'TEXT',
  integer: 'INTEGER',
  serial: 'INTEGER PRIMARY KEY AUTOINCREMENT',
  bytes: 'BLOB',
};

export const POSTGRES_TYPES: SqlTypes = {
  text: 'text',
  integer: 'integer',
  serial: 'bigserial PRIMARY KEY',
  bytes: 'bytea',
};

/**
 * The tables whose layout both stores share (the rows the mappers of `rows.ts` read), in a
 * dialect's types. Each store's migrations create them; their triggers and indexes stay there.
 */
export function sharedTablesSql(t: SqlTypes) {
  return {
    transitions: `
      CREATE TABLE transitions (
        seq ${t.serial},
        batch_id ${t.text} NOT NULL REFERENCES batches(id),
        action ${t.text} NOT NULL,
        from_stage ${t.text} NOT NULL,
        to_stage ${t.text} NOT NULL,
        fields ${t.text} NOT NULL,
        actor ${t.text} NOT NULL,
        at ${t.text} NOT NULL
      );`,
    comments: `
      CREATE TABLE comments (
        id ${t.serial},
        batch_id ${t.text} NOT NULL REFERENCES batches(id),
        material_id ${t.text} NOT NULL,
        body ${t.text} NOT NULL,
        author ${t.text},
        created_at ${t.text} NOT NULL,
        answer ${t.text},
        answered_by ${t.text},
        answered_at ${t.text}
      );
      CREATE INDEX comments_by_batch ON comments (batch_id, answer);`,
    publications: `
      CREATE TABLE publications (
        batch_id ${t.text} NOT NULL REFERENCES batches(id),
        version ${t.integer} NOT NULL,
        published_at ${t.text} NOT NULL,
        document_number ${t.text},
        reason ${t.text},
        sha256 ${t.text} NOT NULL,
        json ${t.text} NOT NULL,
        excel ${t.bytes} NOT NULL,
        diff ${t.text},
        PRIMARY KEY (batch_id, version)
      );`,
    auditLog: `
      CREATE TABLE audit_log (
        seq ${t.serial},
        at ${t.text} NOT NULL,
        actor ${t.text} NOT NULL,
        role ${t.text} NOT NULL,
        action ${t.text} NOT NULL,
        batch_id ${t.text},
        target ${t.text},
        before ${t.text},
        after ${t.text}
      );
      CREATE INDEX audit_by_batch ON audit_log (batch_id, seq);`,
    /** The supervision cases (domain.md §12). */
    cases: `
      CREATE TABLE cases (
        id ${t.serial},
        batch_id ${t.text} NOT NULL REFERENCES batches(id),
        material_id ${t.text} NOT NULL,
        material_name ${t.text} NOT NULL,
        item_name ${t.text} NOT NULL,
        department ${t.text} NOT NULL,
        place ${t.text} NOT NULL,
        happened_on ${t.text} NOT NULL,
        description ${t.text} NOT NULL,
        contact ${t.text},
        status ${t.text} NOT NULL,
        due_on ${t.text} NOT NULL,
        created_at ${t.text} NOT NULL,
        answer ${t.text},
        closed ${t.text}
      );
      CREATE INDEX cases_by_department ON cases (department, status, id);
      CREATE INDEX cases_by_batch ON cases (batch_id, id);`,
  };
}

import { GuardFailedError } from '../batch/errors';
import { JianzhengError } from '../errors/jianzheng-error';
import { AUDIT_ACTIONS } from '../store/audit';
import { AlreadyExistsError, NotFoundError, VersionConflictError } from '../store/errors';
import { type PlannedStatement, plannedAudit, type WritePlan } from '../store/plans/write-plan';
import type { BatchRecord, WriteContext } from '../store/types';
import type { InventoryCounts, ProgrammeFigures, PublishedCounts } from './figures';
import { type Programme, ProgrammeSchema } from './model';

/**
 * The programmes table, the same text for SQLite and PostgreSQL: the definition as JSON text, read
 * back through `ProgrammeSchema` (`programmeRecordFromRow`).
 */
export const PROGRAMMES_TABLE_SQL = `
  CREATE TABLE programmes (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    definition TEXT NOT NULL,
    revision INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
`;

/** A row of the programmes table as a record. */
export function programmeRecordFromRow(row: Record<string, unknown>): ProgrammeRecord {
  return {
    programme: ProgrammeSchema.parse(JSON.parse(String(row.definition))),
    revision: Number(row.revision),
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
  };
}

/** The values of an insert, in the column order id, title, definition, revision, created_at, updated_at. */
export function programmeRowValues(record: ProgrammeRecord): unknown[] {
  const { programme, revision, createdAt, updatedAt } = record;
  return [programme.id, programme.title, JSON.stringify(programme), revision, createdAt, updatedAt];
}

/** A programme as a store keeps it. `revision` grows with every change (the ETag). */
export interface ProgrammeRecord {
  programme: Programme;
  revision: number;
  createdAt: string;
  updatedAt: string;
}

/**
 * The programme part of the storage port (domain.md §16). Writes are planned by
 * `planProgrammeWrite` from what the adapter read inside its transaction, and audited there.
 */
export interface ProgrammeStore {
  /** ALREADY_EXISTS for a taken id; GUARD_FAILED when it names a batch the store lacks. */
  createProgramme(programme: unknown, ctx: WriteContext): Promise<ProgrammeRecord>;
  /** Replaces the programme when its revision is still `expectedRevision` (else VERSION_CONFLICT). */
  updateProgramme(
    id: string,
    expectedRevision: number,
    programme: unknown,
    ctx: WriteContext,
  ): Promise<ProgrammeRecord>;
  getProgramme(id: string): Promise<ProgrammeRecord | undefined>;
  listProgrammes(): Promise<ProgrammeRecord[]>;
  /**
   * `programmeFigures` over what the store holds: each unit's materials and proposals in its
   * batch, counted by the database; each batch's stage and latest publication. NOT_FOUND for an
   * unknown id.
   */
  summarizeProgramme(id: string): Promise<ProgrammeFigures>;
}

export const PROGRAMME_AUDIT_ACTIONS = {
  create: AUDIT_ACTIONS.programmeCreate,
  update: AUDIT_ACTIONS.programmeUpdate,
} as const;

/** What the adapter runs for a programme write: its statement and audit entry; the record as result. */
export type ProgrammeWritePlan = WritePlan<ProgrammeRecord>;

/** What the adapter read inside its transaction for a programme write. */
export interface ProgrammeWriteRead {
  /** The stored programme of this id, if any. */
  existing: ProgrammeRecord | undefined;
  /** The store's batches the programme names (the ones it found). */
  batches: readonly BatchRecord[];
  at: string;
}

/**
 * The keys an adapter reads before planning a write, taken from the raw input (the plan checks it):
 * the programme's id and the ids of the batches it names.
 */
export function programmeWriteKeys(input: unknown): { id: string | undefined; batches: string[] } {
  const raw = (input ?? {}) as { id?: unknown; batches?: unknown };
  const batches = Array.isArray(raw.batches)
    ? raw.batches
        .map((b) => (b as { id?: unknown } | null)?.id)
        .filter((id): id is string => typeof id === 'string')
    : [];
  return { id: typeof raw.id === 'string' ? raw.id : undefined, batches: [...new Set(batches)] };
}

/** A programme that does not pass `ProgrammeSchema`: every issue with its path (zh-CN). */
export class InvalidProgrammeError extends JianzhengError {
  readonly issues: ReadonlyArray<{ path: (string | number)[]; message: string }>;
  constructor(issues: ReadonlyArray<{ path: (string | number)[]; message: string }>) {
    const text = issues.map((i) => `${i.path.join('.') || '(根)'}：${i.message}`).join('；');
    super('PROGRAMME_INVALID', `专项清理无效 — ${text}`, { messageEn: `invalid programme — ${text}` });
    this.issues = issues;
  }
}

/** The input as a programme, or PROGRAMME_INVALID with every issue's path. */
export function parseProgramme(input: unknown): Programme {
  const parsed = ProgrammeSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new InvalidProgrammeError(
    parsed.error.issues.map((i) => ({
      path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
      message: i.message,
    })),
  );
}

/**
 * Plans a programme write (create when `expectedRevision` is undefined, else update) from what
 * the adapter read in its transaction. Guards: the id is free (create) or still at the expected
 * revision (update); every batch it names exists in the store; a unit sits only in a batch whose
 * departments include it (when the batch lists any). A batch's title and stage are the store's.
 */
export function planProgrammeWrite(
  input: unknown,
  read: ProgrammeWriteRead,
  ctx: WriteContext,
  expectedRevision?: number,
): ProgrammeWritePlan {
  const given = parseProgramme(input);
  const { existing, at } = read;
  if (expectedRevision === undefined) {
    if (existing) throw new AlreadyExistsError('programme', given.id, '专项清理');
  } else {
    if (!existing) throw new NotFoundError('programme', given.id, '专项清理');
    if (existing.revision !== expectedRevision)
      throw new VersionConflictError('专项清理', expectedRevision, existing.revision);
    if (existing.programme.id !== given.id)
      throw new GuardFailedError(
        'programme-id-unchanged',
        `专项清理编号不能修改（“${existing.programme.id}”改为“${given.id}”）`,
        `a programme's id cannot change ("${existing.programme.id}" → "${given.id}")`,
      );
  }
  const stored = new Map(read.batches.map((b) => [b.id, b]));
  const batches = given.batches.map((batch) => {
    const found = stored.get(batch.id);
    if (!found)
      throw new GuardFailedError(
        'programme-batch-exists',
        `专项清理所列批次“${batch.id}”不存在，请先创建该批次`,
        `the programme names batch "${batch.id}", which does not exist`,
      );
    return { id: batch.id, title: found.title, stage: found.stage };
  });
  for (const unit of given.units) {
    const batch = unit.batch === null ? undefined : stored.get(unit.batch);
    if (batch && batch.departments.length > 0 && !batch.departments.includes(unit.name))
      throw new GuardFailedError(
        'programme-unit-in-batch',
        `单位“${unit.name}”不在批次“${batch.title}”的部门名单中`,
        `unit "${unit.name}" is not among the departments of batch "${batch.id}"`,
      );
  }
  const programme: Programme = { ...given, batches };
  const record: ProgrammeRecord = {
    programme,
    revision: (existing?.revision ?? 0) + 1,
    createdAt: existing?.createdAt ?? at,
    updatedAt: at,
  };
  const [id, title, definition] = programmeRowValues(record);
  const statement: PlannedStatement = existing
    ? {
        sql: 'updateProgramme',
        params: [title, definition, record.revision, at, id, existing.revision],
        conflict: new VersionConflictError('专项清理', existing.revision, '?'),
      }
    : {
        sql: 'insertProgramme',
        params: programmeRowValues(record),
        // Two creates of one id at once: the second meets the first's row only at its insert.
        conflict: new AlreadyExistsError('programme', programme.id, '专项清理'),
      };
  const action = existing ? PROGRAMME_AUDIT_ACTIONS.update : PROGRAMME_AUDIT_ACTIONS.create;
  return {
    statements: [statement],
    audit: [plannedAudit(ctx, at, action, null, programme.id, existing?.programme ?? null, programme)],
    result: record,
  };
}

/** A row of the stores' inventory count (batch_id, department, items, materials, proposed). */
export function inventoryCountsFromRow(row: Record<string, unknown>): InventoryCounts {
  return {
    batch: String(row.batch_id),
    department: String(row.department),
    items: Number(row.items),
    materials: Number(row.materials),
    proposed: Number(row.proposed),
  };
}

/**
 * A publication summary's `byDepartment` (as stored JSON, or parsed) as published counts; null
 * when there is none. Stores read only that part of the latest publication.
 */
export function publishedCountsOf(byDepartment: unknown): PublishedCounts[] | null {
  const rows = typeof byDepartment === 'string' ? (JSON.parse(byDepartment) as unknown) : byDepartment;
  if (!Array.isArray(rows)) return null;
  return rows.map((row: { department: string; materials: number; cancelled: number }) => ({
    department: row.department,
    materials: row.materials,
    cancelled: row.cancelled,
  }));
}

import { assertListEditable } from '../../batch/editing';
import { assertOwnDepartment } from '../../batch/guards';
import { type ExistingMaterial, planImport } from '../../batch/import-plan';
import { materialStatsValues } from '../../stats/summary-from-groups';
import { AUDIT_ACTIONS } from '../audit';
import { NotFoundError, VersionConflictError } from '../errors';
import type { StoreRow } from '../rows';
import type {
  BatchRecord,
  ImportInput,
  ImportResult,
  MaterialChange,
  MaterialRecord,
  WriteContext,
} from '../types';
import { planListChange } from './batch-writes';
import { type PlannedStatement, plannedAudit, stored, type WritePlan } from './write-plan';

const json = (value: unknown) => JSON.stringify(value);

/** A row of `existingMaterialsSql` as `planImport` reads it. */
export function existingMaterialFromRow(row: StoreRow): ExistingMaterial {
  return {
    id: String(row.id),
    department: String(row.department),
    decision: JSON.parse(String(row.decision)) as ExistingMaterial['decision'],
  };
}

/** What `importMaterials` reads inside its transaction (the batch row locked). */
export interface ImportRead {
  batch: BatchRecord;
  /** The stored materials of the declared departments (`existingMaterialsSql`). */
  existing: readonly ExistingMaterial[];
  /** The batch's largest list position. */
  maxSeq: number;
}

/**
 * `importMaterials`: the list must be editable and the departments the actor's own; then the
 * replace `planImport` computes — removals, inserts, re-imports keeping settled decisions — the
 * list change and the import's audit entry.
 */
export function planImportWrite(
  read: ImportRead,
  input: ImportInput,
  ctx: WriteContext,
  at: string,
): WritePlan<ImportResult> {
  const { batch } = read;
  assertListEditable(batch.stage);
  assertOwnDepartment(ctx.actor, input.departments);
  const plan = planImport(read.existing, read.maxSeq, input);
  const changed = planListChange(batch, ctx, at);
  // Rows are planned as they are written, not all first: a list of 50,000 materials would
  // otherwise hold every row's JSON at once, and the collector would copy it to the old space.
  function* statements(): Generator<PlannedStatement> {
    for (const id of plan.remove) yield { sql: 'deleteMaterial', params: [batch.id, id] };
    for (const { material, decision: d, seq, write } of plan.rows) {
      const stats = materialStatsValues(material, d);
      yield write === 'insert'
        ? {
            sql: 'insertMaterial',
            params: [
              batch.id,
              material.id,
              seq,
              material.item.department,
              material.item.name,
              material.name,
              d.verdict,
              d.category,
              d.agreement,
              d.status,
              json(material),
              json(d),
              at,
              stats.itemKey,
              stats.itemType,
              stats.effectiveFrom,
            ],
          }
        : {
            sql: 'reimportMaterial',
            params: [
              seq,
              material.item.name,
              material.name,
              d.verdict,
              d.category,
              d.agreement,
              d.status,
              json(material),
              json(d),
              at,
              stats.itemKey,
              stats.itemType,
              stats.effectiveFrom,
              batch.id,
              material.id,
            ],
          };
    }
    yield changed.statement;
  }
  const audit = [
    ...changed.audit,
    plannedAudit(
      ctx,
      at,
      AUDIT_ACTIONS.import,
      batch.id,
      plan.departments.join(', '),
      { materials: plan.before },
      { source: input.source, materials: plan.after, ...plan.result },
    ),
  ];
  return { statements: statements(), audit, result: plan.result };
}

/** What `updateMaterial` reads inside its transaction (the batch and the material row locked). */
export interface MaterialChangeRead {
  batch: BatchRecord;
  /** The material as stored, when the batch holds it. */
  material: MaterialRecord | undefined;
}

/**
 * `updateMaterial`: a review (the list changes: revision, maybe the adjustment draft) or a
 * department's annotation (only its own department's materials), on an editable list, at the
 * version the caller read.
 */
export function planMaterialChange(
  read: MaterialChangeRead,
  materialId: string,
  expectedVersion: number,
  change: MaterialChange,
  ctx: WriteContext,
  at: string,
): WritePlan<MaterialRecord> {
  const { batch, material: current } = read;
  if (!current) throw new NotFoundError('material', materialId, '材料');
  if (change.kind === 'annotation') assertOwnDepartment(ctx.actor, [current.material.item.department]);
  assertListEditable(batch.stage);
  if (current.version !== expectedVersion) {
    throw new VersionConflictError('该材料', expectedVersion, current.version);
  }
  const written = { version: current.version + 1, updatedAt: at };
  if (change.kind !== 'annotation') {
    const d = change.decision;
    const next: MaterialRecord = { ...current, decision: stored(d), ...written };
    const changed = planListChange(batch, ctx, at);
    return {
      statements: [
        {
          sql: 'reviewMaterial',
          params: [
            d.verdict,
            d.category,
            d.agreement,
            d.status,
            json(d),
            materialStatsValues(current.material, d).effectiveFrom,
            at,
            batch.id,
            materialId,
          ],
        },
        changed.statement,
      ],
      audit: [
        ...changed.audit,
        plannedAudit(
          ctx,
          at,
          // The legal office's settlement of a level is its own event (domain.md §14).
          change.kind === 'review' ? AUDIT_ACTIONS.decisionReview : AUDIT_ACTIONS.legalResolve,
          batch.id,
          materialId,
          current.decision,
          next.decision,
        ),
      ],
      result: next,
    };
  }
  const next: MaterialRecord = { ...current, annotation: stored(change.annotation), ...written };
  return {
    statements: [{ sql: 'annotateMaterial', params: [json(change.annotation), at, batch.id, materialId] }],
    audit: [
      plannedAudit(
        ctx,
        at,
        AUDIT_ACTIONS.materialAnnotate,
        batch.id,
        materialId,
        current.annotation,
        next.annotation,
      ),
    ],
    result: next,
  };
}

import { JianzhengError } from '../errors/jianzheng-error';
import type { Decision } from '../model/decision';
import type { ImportInput, ImportResult } from '../store/types';

/** An import lists a material of a department it does not declare: it would escape the replace. */
export class ImportScopeError extends JianzhengError {
  readonly materialId: string;
  readonly department: string;
  constructor(materialId: string, department: string, declared: readonly string[]) {
    super(
      'IMPORT_SCOPE',
      `材料 ${materialId} 属于“${department}”，不在本次导入声明的部门（${declared.join('、')}）中；未做任何更改`,
      {
        messageEn: `material ${materialId} belongs to "${department}", outside the declared departments; nothing was written`,
      },
    );
    this.materialId = materialId;
    this.department = department;
  }
}

/** What a store holds of an existing material of the replaced departments. */
export interface ExistingMaterial {
  id: string;
  department: string;
  decision: Decision;
}

/** One row the store writes; `seq` counts on from the batch's largest. */
export interface PlannedRow {
  materialId: string;
  seq: number;
  material: ImportInput['entries'][number]['material'];
  decision: Decision;
  /** `insert` for an id new to the batch, `update` for an existing one (version + 1). */
  write: 'insert' | 'update';
}

export interface ImportPlan {
  departments: string[];
  rows: PlannedRow[];
  /** Existing ids of these departments that the file no longer lists. */
  remove: string[];
  result: ImportResult;
  /** Materials per department before and after, for the audit entry. */
  before: Record<string, number>;
  after: Record<string, number>;
}

/**
 * Plans the replace of `input.departments` in a batch: a material whose stable id still exists
 * keeps a person's settlement (confirmed/overridden) — the engine's fresh proposal replaces only
 * proposals; facts are always refreshed. Throws `ImportScopeError` for an entry outside the
 * declared departments. Pure: the store reads `existing` and `maxSeq` and writes the plan in one
 * transaction.
 */
export function planImport(
  existing: readonly ExistingMaterial[],
  maxSeq: number,
  input: ImportInput,
): ImportPlan {
  const departments = [...new Set(input.departments)];
  const listed = new Set(departments);
  const before: Record<string, number> = Object.fromEntries(departments.map((d) => [d, 0]));
  const after: Record<string, number> = Object.fromEntries(departments.map((d) => [d, 0]));
  const old = new Map<string, ExistingMaterial>();
  for (const row of existing) {
    if (!listed.has(row.department)) continue;
    old.set(row.id, row);
    before[row.department] = (before[row.department] ?? 0) + 1;
  }
  const incoming = new Set<string>();
  for (const { material } of input.entries) {
    if (!listed.has(material.item.department)) {
      throw new ImportScopeError(material.id, material.item.department, departments);
    }
    incoming.add(material.id);
    after[material.item.department] = (after[material.item.department] ?? 0) + 1;
  }
  const remove = [...old.keys()].filter((id) => !incoming.has(id));
  let seq = maxSeq;
  let added = 0;
  let updated = 0;
  let keptDecisions = 0;
  const rows: PlannedRow[] = input.entries.map(({ material, decision: fresh }) => {
    seq++;
    const previous = old.get(material.id);
    if (!previous) {
      added++;
      return { materialId: material.id, seq, material, decision: fresh, write: 'insert' };
    }
    updated++;
    const keep = previous.decision.status !== 'proposed';
    if (keep) keptDecisions++;
    return {
      materialId: material.id,
      seq,
      material,
      decision: keep ? previous.decision : fresh,
      write: 'update',
    };
  });
  return {
    departments,
    rows,
    remove,
    result: { departments, added, updated, removed: remove.length, keptDecisions },
    before,
    after,
  };
}

import type { ImportResult } from '../import-workbook';

/** What the layout tests compare: department, item, name, source, basis, 上级已取消, proposal. */
export function layoutMaterials(result: ImportResult): unknown[][] {
  return result.materials.map((m) => [
    m.item.department,
    m.item.name,
    m.name,
    m.source,
    m.legalBasis,
    m.superiorCancelled,
    m.departmentProposal,
  ]);
}

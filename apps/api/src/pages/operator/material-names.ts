import type { OperatorRequest } from './guard';
import { apiBatch } from './guard';
import type { MaterialOut } from './review-row';

/** Where a material sits, as a person names it: department · item · material. */
export interface MaterialName {
  department: string;
  item: string;
  name: string;
}

/**
 * Looks up the names of materials by id through the API (one read per distinct id), so a page
 * shows “市民政局 · 婚姻登记 · 户口簿” where the record only holds `3579e6cd14a01f99`.
 */
export async function materialNames(
  op: OperatorRequest,
  batchId: string,
  ids: Iterable<string>,
): Promise<Map<string, MaterialName>> {
  const names = new Map<string, MaterialName>();
  for (const id of new Set(ids)) {
    const result = await op.call<MaterialOut>(
      'GET',
      apiBatch(batchId, `/materials/${encodeURIComponent(id)}`),
    );
    if (!result.ok) continue;
    const m = result.body.material;
    names.set(id, { department: m.item.department, item: m.item.name, name: m.name });
  }
  return names;
}

export function nameText(name: MaterialName | undefined, fallback: string): string {
  return name ? `${name.department} · ${name.item} · ${name.name}` : fallback;
}

import { cleanText, type Material, normalizeName } from '@jianzheng/core';
import { CliError, EXIT } from './errors';

const MAX_CANDIDATES = 20;

function describe(m: Material): string {
  return `  ${m.id}  ${m.item.department} · ${m.item.name}${m.item.code ? `（${m.item.code}）` : ''} · ${m.name}`;
}

function listOf(materials: readonly Material[], indexes: readonly number[]): string {
  const list = indexes.slice(0, MAX_CANDIDATES).map((i) => describe(materials[i]!));
  if (indexes.length > MAX_CANDIDATES) list.push(`  …… 另有 ${indexes.length - MAX_CANDIDATES} 项`);
  return list.join('\n');
}

/** The narrowest non-empty tier: exact beats normalized beats substring. */
function firstNonEmpty(tiers: readonly (() => number[])[]): number[] {
  for (const tier of tiers) {
    const found = tier();
    if (found.length > 0) return found;
  }
  return [];
}

/**
 * Finds the one material `explain` is asked about. The material by id, exact name, normalised
 * name, then substring; the item (when given) by code, exact name, normalised name, then
 * substring — a substring that fits several items is fine as long as one material remains.
 * When nothing or too much matches, the error says which part did not match and lists the
 * nearest candidates with their ids.
 */
export function findMaterial(materials: readonly Material[], query: string, itemQuery?: string): number {
  const wanted = query.trim();
  const wantedClean = cleanText(wanted);
  const wantedNorm = normalizeName(wanted);
  const all = materials.map((_, i) => i);
  const byId = all.filter((i) => materials[i]!.id === wanted);
  if (byId.length === 1) return byId[0]!;

  let byName = firstNonEmpty([
    () => all.filter((i) => cleanText(materials[i]!.name) === wantedClean),
    () => all.filter((i) => normalizeName(materials[i]!.name) === wantedNorm),
    () => (wantedNorm ? all.filter((i) => normalizeName(materials[i]!.name).includes(wantedNorm)) : []),
  ]);

  let items: number[] | undefined;
  if (itemQuery !== undefined) {
    const item = itemQuery.trim();
    const itemNorm = normalizeName(item);
    items = firstNonEmpty([
      () => all.filter((i) => materials[i]!.item.code === item),
      () => all.filter((i) => cleanText(materials[i]!.item.name) === cleanText(item)),
      () => all.filter((i) => normalizeName(materials[i]!.item.name) === itemNorm),
      () => (itemNorm ? all.filter((i) => normalizeName(materials[i]!.item.name).includes(itemNorm)) : []),
    ]);
    if (items.length === 0) {
      const near = byName.length > 0 ? byName : [];
      throw new CliError(
        'CLI_ITEM_NOT_FOUND',
        `找不到事项“${item}”（按事项编码、名称或名称的一部分查找）` +
          (near.length > 0 ? `；材料“${wanted}”出现在：\n${listOf(materials, near)}` : ''),
        `no item "${item}" (by code, name or part of the name)`,
        EXIT.failed,
      );
    }
    const inItems = new Set(items);
    const narrowed = byName.filter((i) => inItems.has(i));
    if (byName.length > 0 && narrowed.length === 0) {
      throw new CliError(
        'CLI_MATERIAL_NOT_IN_ITEM',
        `事项“${item}”中没有材料“${wanted}”；该事项的材料有：\n${listOf(materials, items)}`,
        `item "${item}" has no material "${wanted}"`,
        EXIT.failed,
      );
    }
    byName = narrowed;
  }

  if (byName.length === 1) return byName[0]!;
  if (byName.length === 0) {
    // Near candidates: names sharing the query's first characters, within the item if one was given.
    const pool = items ?? all;
    const stem = wantedNorm.slice(0, 2);
    const near = stem ? pool.filter((i) => normalizeName(materials[i]!.name).includes(stem)) : [];
    throw new CliError(
      'CLI_MATERIAL_NOT_FOUND',
      `找不到材料“${wanted}”${itemQuery ? `（事项“${itemQuery}”中）` : ''}：请用 evaluate 列出的材料编号或名称` +
        (near.length > 0 ? `；相近的材料：\n${listOf(materials, near)}` : ''),
      `no material "${wanted}"${itemQuery ? ` in item "${itemQuery}"` : ''}: use an id or name listed by evaluate`,
      EXIT.failed,
    );
  }
  throw new CliError(
    'CLI_MATERIAL_AMBIGUOUS',
    `“${wanted}”${itemQuery ? `（事项“${itemQuery}”）` : ''}对应 ${byName.length} 项材料，请改用编号，或用 --item 指定事项：\n${listOf(materials, byName)}`,
    `"${wanted}" matches ${byName.length} materials; give an id, or narrow with --item`,
    EXIT.usage,
  );
}

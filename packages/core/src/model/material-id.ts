import { sha256Hex } from '../hash/sha256';
import { normalizeName } from '../normalize/normalize-name';
import { createMaterial, type Material, type MaterialInput } from './material';
import { itemKey } from './service-item';

/**
 * The stable id of a material (domain.md §6): the first 16 hex digits of
 * sha256(`department|item code or item name|normalized material name`), and `#2`, `#3` …
 * for the second and later material of the same normalized name in the same item.
 */
export function materialId(
  item: { department: string; code?: string | undefined; name: string },
  materialName: string,
  occurrence = 1,
): string {
  return materialIdFromKey(itemKey(item), normalizeName(materialName), occurrence);
}

/**
 * The id from an item key (`itemKey`) and an already normalized name. `hash` defaults to core's
 * portable SHA-256; an importer on Node may pass the native one for speed (same digest).
 */
export function materialIdFromKey(
  key: string,
  normalizedName: string,
  occurrence = 1,
  hash: (text: string) => string = sha256Hex,
): string {
  const base = hash(`${key}|${normalizedName}`).slice(0, 16);
  return occurrence > 1 ? `${base}#${occurrence}` : base;
}

/**
 * Gives every material its stable id and fills unknown facts, in list order. Ids do not depend
 * on the order of items or of differently named materials, only on repeats of the same name.
 */
export function assignMaterialIds(inputs: readonly MaterialInput[]): Material[] {
  const seen = new Map<string, number>();
  const out = new Array<Material>(inputs.length);
  for (let i = 0; i < inputs.length; i++) {
    const input = inputs[i]!;
    const key = itemKey(input.item);
    const name = normalizeName(input.name);
    const seenKey = `${key}|${name}`;
    const occurrence = (seen.get(seenKey) ?? 0) + 1;
    seen.set(seenKey, occurrence);
    out[i] = createMaterial(input, materialIdFromKey(key, name, occurrence));
  }
  return out;
}

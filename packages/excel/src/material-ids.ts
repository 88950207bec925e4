import * as crypto from 'node:crypto';

// Node ≥ 20.12 has the one-shot crypto.hash; older 20.x falls back to createHash.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;
const sha256Hex: (text: string) => string =
  typeof oneShot === 'function'
    ? (text) => oneShot('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text).digest('hex');

/**
 * The material id of domain.md §6, exactly as core's `materialId` computes it, from the item key
 * (core's `itemKey`) and the normalized name (core's `normalizeName`). Core hashes in portable
 * JavaScript so ids can be computed in a browser; on the import's hot path node's native sha256
 * is used instead — about ten times faster here. Tests pin the two to the same ids.
 */
export function fastMaterialId(itemKey: string, normalizedName: string, occurrence: number): string {
  const base = sha256Hex(`${itemKey}|${normalizedName}`).slice(0, 16);
  return occurrence > 1 ? `${base}#${occurrence}` : base;
}

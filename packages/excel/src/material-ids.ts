import * as crypto from 'node:crypto';
import { materialIdFromKey } from '@jianzheng/core';

// Node ≥ 20.12 has the one-shot crypto.hash; older 20.x falls back to createHash.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;
const nativeSha256Hex: (text: string) => string =
  typeof oneShot === 'function'
    ? (text) => oneShot('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text).digest('hex');

/**
 * The material id of domain.md §6 through core's own formula (`materialIdFromKey`), with Node's
 * native sha256: core hashes in portable JavaScript so ids can be computed in a browser, and on
 * the import's hot path the native digest is about ten times faster. Tests pin both to the same ids.
 */
export function fastMaterialId(itemKey: string, normalizedName: string, occurrence: number): string {
  return materialIdFromKey(itemKey, normalizedName, occurrence, nativeSha256Hex);
}

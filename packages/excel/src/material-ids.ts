import { materialIdFromKey } from '@jianzheng/core';

/**
 * The material id of domain.md §6 through core's own formula and SHA-256 (native on Node), for
 * the import's hot path. Tests pin it to the ids core computes from a whole material.
 */
export function fastMaterialId(itemKey: string, normalizedName: string, occurrence: number): string {
  return materialIdFromKey(itemKey, normalizedName, occurrence);
}

import type { ItemMaterialNames } from './types';

/**
 * The normalized material names of one item seen so far in an `evaluate` call. Small items (the
 * usual five to twenty materials) are scanned; a Map and Set are built only for large ones.
 */
export class ItemGroup implements ItemMaterialNames {
  readonly names: string[] = [];
  /** Each name's fingerprint (`nameFingerprint`), so the scan compares numbers before strings. */
  private readonly fingerprints: number[] = [];
  private counts: Map<string, number> | undefined = undefined;
  private nameSet: Set<string> | undefined = undefined;
  private nameSetSize = 0;
  constructor(
    readonly itemName: string,
    readonly department: string,
  ) {}

  /** Originals' names (form original or both), counted apart: see `add`. */
  private originals: Map<string, number> | undefined = undefined;

  /**
   * Adds a name and returns its occurrence (1 for the first). An original counts only earlier
   * originals of the name, so a copy listed first never makes the original a duplicate.
   */
  add(name: string, fingerprint: number, original = false): number {
    const all = this.count(name, fingerprint);
    if (!original) return all;
    if (this.originals === undefined) this.originals = new Map();
    const occurrence = (this.originals.get(name) ?? 0) + 1;
    this.originals.set(name, occurrence);
    return occurrence;
  }

  private count(name: string, fingerprint: number): number {
    const names = this.names;
    names.push(name);
    if (this.counts === undefined && names.length <= 32) {
      const fingerprints = this.fingerprints;
      fingerprints.push(fingerprint);
      // Two different strings cost a call to compare; two different numbers do not.
      let occurrence = 0;
      for (let i = 0; i < names.length; i++)
        if (fingerprints[i] === fingerprint && names[i] === name) occurrence++;
      return occurrence;
    }
    if (this.counts === undefined) {
      this.counts = new Map();
      for (let i = 0; i < names.length - 1; i++)
        this.counts.set(names[i]!, (this.counts.get(names[i]!) ?? 0) + 1);
    }
    const occurrence = (this.counts.get(name) ?? 0) + 1;
    this.counts.set(name, occurrence);
    return occurrence;
  }

  has(name: string): boolean {
    const names = this.names;
    if (names.length <= 32) {
      for (let i = 0; i < names.length; i++) if (names[i] === name) return true;
      return false;
    }
    if (this.nameSet === undefined || this.nameSetSize !== names.length) {
      this.nameSet = new Set(names);
      this.nameSetSize = names.length;
    }
    return this.nameSet.has(name);
  }
}

/** A number that equal names share (and different names rarely do): FNV-1a over the UTF-16 units. */
export function nameFingerprint(name: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 0x01000193);
  return hash | 0;
}

import { splitAlternatives } from '../normalize/alternatives';
import { type MaterialForm, parseMaterialForm, showsOriginal } from '../normalize/material-form';
import { nameFingerprint } from './item-group';

/** What the engine needs of a material's name as written: read once per distinct name. */
export interface NameInfo {
  readonly name: string;
  /** `nameFingerprint(name)`: lets an item count a name's occurrences without comparing strings. */
  readonly fingerprint: number;
  readonly form: MaterialForm;
  /** The form shows an original (原件, or 原件及复印件). */
  readonly original: boolean;
  /** The rules' per-name lookups for this name (`RuleCompileContext.perName`), filled as they run. */
  readonly slots: unknown[];
}

/**
 * The name info of each distinct name as written (normalized name and form): one lookup per
 * material instead of one per property.
 */
export function createNameInfoCache(
  normalize: (raw: string | undefined) => string,
  slotCount: number,
): (raw: string) => NameInfo {
  return createCache((raw: string): NameInfo => {
    // Every form word (原件, 复印件, 影印件, 扫描件, 复制件) ends in 件: most names skip the parse.
    const form = raw.includes('件') ? parseMaterialForm(raw) : 'unspecified';
    const name = normalize(raw);
    return {
      name,
      fingerprint: nameFingerprint(name),
      form,
      original: showsOriginal(form),
      slots: new Array(slotCount),
    };
  });
}

/**
 * The per-name slots of an alternative's (already normalized) name. Looked up by text: an importer
 * gives every material an array of its own, so the arrays of one cell text are never the same.
 */
export function createSlotsCache(slotCount: number): (name: string) => unknown[] {
  return createCache((): unknown[] => new Array(slotCount));
}

/**
 * One kind of text normalized (issuers, departments) in a cache of its own: a city has a few dozen
 * of each, which then stay in the processor's cache; the shared normalizer's table of every name
 * seen is too large for that, and a lookup there per material was a memory stall each.
 */
export function createNormalizedCache(
  normalize: (raw: string | undefined) => string,
): (raw: string | null | undefined) => string {
  const cached = createCache((raw: string) => normalize(raw));
  return (raw) => (raw ? cached(raw) : '');
}

/** For materials built before `alternatives` existed (stored ones): split once per distinct name. */
export function createAlternativesCache(): (name: string) => string[] | null {
  return createCache(splitAlternatives);
}

/** A bounded per-name cache: names repeat thousands of times in a city's list. */
function createCache<T>(compute: (name: string) => T): (name: string) => T {
  let cache = new Map<string, T>();
  return (name) => {
    let hit = cache.get(name);
    if (hit === undefined) {
      hit = compute(name);
      if (cache.size >= 50_000) cache = new Map();
      cache.set(name, hit);
    }
    return hit;
  };
}

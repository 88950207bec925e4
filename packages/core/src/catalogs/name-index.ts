/**
 * Builds an exact-match lookup from normalized names (entry name and aliases) to entries.
 * Catalog matching is by equal normalized names only, never substrings (domain.md §4).
 * The first entry that claims a name keeps it.
 */
export function indexByNames<T>(
  entries: readonly T[],
  namesOf: (entry: T) => readonly (string | undefined)[],
  normalize: (raw: string | undefined) => string,
): Map<string, T> {
  const index = new Map<string, T>();
  for (const entry of entries) {
    for (const name of namesOf(entry)) {
      const key = normalize(name);
      if (key !== '' && !index.has(key)) index.set(key, entry);
    }
  }
  return index;
}

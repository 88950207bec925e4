// The fast writers' shape test, in one place: the canonical body (departments, items) and the row
// tails (rows) write an object the fast way only when it has exactly the schema's keys in order.

/**
 * A plain object with exactly `keys` in that order and no toJSON: what the fast paths write. The
 * keys are read with for…in, not Object.keys, which made an array per object (182 MB of garbage
 * at a million rows). An inherited enumerable key makes the count differ and the object goes the
 * general way, which writes what JSON.stringify writes (own keys only): the same bytes.
 */
export function hasKeys(value: unknown, keys: readonly string[]): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || (value as { toJSON?: unknown }).toJSON !== undefined)
    return false;
  let n = 0;
  for (const key in value) if (key !== keys[n++]) return false;
  return n === keys.length;
}

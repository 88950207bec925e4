import type { MaterialContext } from './types';

/** Stored for a lookup that found nothing: `undefined` in a slot means "not looked up yet". */
const NOTHING = Symbol('nothing');

/** A context that carries the per-name slots of the name it is filled with (the engine's `Context`). */
interface WithSlots {
  readonly slots?: unknown[];
}

/**
 * Per-name lookups that rules register at compile time (`RuleCompileContext.perName`). Each gets a
 * slot in the record the engine keeps per distinct name, so a rule's catalog lookup by normalized
 * name runs once per name instead of once per material: a Map lookup by string costs more than
 * most rules' own logic, and a city's list repeats a few thousand names a million times.
 */
export function createNameMemos(): {
  perName: <T>(lookup: (name: string) => T) => (context: MaterialContext) => T;
  /** How many slots the rules registered: read after every rule is compiled. */
  slotCount: () => number;
} {
  let count = 0;
  return {
    perName<T>(lookup: (name: string) => T) {
      const slot = count++;
      return (context: MaterialContext): T => {
        const slots = (context as WithSlots).slots;
        // A context the engine did not build (a rule's own test harness) just looks up.
        if (slots === undefined) return lookup(context.name);
        const held = slots[slot];
        if (held === undefined) {
          const value = lookup(context.name);
          slots[slot] = value === undefined ? NOTHING : value;
          return value;
        }
        return (held === NOTHING ? undefined : held) as T;
      };
    },
    slotCount: () => count,
  };
}

import type { RuleOutcome } from './types';

/**
 * Marks an outcome as shared: built once (at compile time) and returned for many materials.
 * The engine then reuses one trace entry for it instead of allocating one per material, which
 * is what keeps a million-material evaluation out of the garbage collector.
 */
export function sharedOutcome(outcome: RuleOutcome): RuleOutcome {
  if (Object.isFrozen(outcome)) return outcome;
  if (outcome.facts && !Object.isFrozen(outcome.facts)) Object.freeze(outcome.facts);
  // The slot stays mutable inside the frozen outcome: the engine keeps the trace entry there.
  Object.defineProperty(outcome, TRACE_SLOT, { value: { ruleId: undefined, entry: undefined } });
  return Object.freeze(outcome);
}

/** Where the engine caches the trace entry of a shared outcome (one rule uses an outcome). */
export const TRACE_SLOT: unique symbol = Symbol('jianzheng.traceSlot');

export interface TraceSlot {
  ruleId: string | undefined;
  entry: unknown;
}

/**
 * A cache of shared outcomes keyed by one value the outcome depends on (a legal-basis text, a
 * department name …). Values repeat across a city's list, so each is built once. Bounded, so
 * that an adversarial list of unique values cannot grow it without limit.
 */
export function outcomeCache<K>(
  build: (key: K) => RuleOutcome,
  maxEntries = 10_000,
): (key: K) => RuleOutcome {
  let cache = new Map<K, RuleOutcome>();
  return (key) => {
    let outcome = cache.get(key);
    if (outcome === undefined) {
      outcome = sharedOutcome(build(key));
      if (cache.size >= maxEntries) cache = new Map();
      cache.set(key, outcome);
    }
    return outcome;
  };
}

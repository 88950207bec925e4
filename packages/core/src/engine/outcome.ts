import type { LegalBasisAssessment } from '../legal/classify';
import type { FactValue, RuleOutcome } from './types';

/** The fact a rule sets when it would cancel the material but for an original to be shown. */
export const ORIGINAL_RETAINED_FACT = 'originalRetained';
/** The fact a rule sets when an exclusion (告知承诺 in a 42号文 domain …) stopped it from cancelling. */
export const EXCLUDED_FACT = 'itemExcluded';
/** `Outcome.marks` bits: which of the two facts above the outcome sets. */
export const KEPT_ORIGINAL = 1;
export const EXCLUDED = 2;

/** The marks of an outcome's facts; read once per outcome, not once per decision. */
export function marksOf(facts: Readonly<Record<string, FactValue>>): number {
  return (
    (facts[ORIGINAL_RETAINED_FACT] === true ? KEPT_ORIGINAL : 0) |
    (facts[EXCLUDED_FACT] === true ? EXCLUDED : 0)
  );
}

/**
 * A rule's outcome as the engine keeps it: every outcome has this one shape (a class with every
 * field set), so the engine's reads of `matched`, `replacement` … stay monomorphic, and a shared
 * outcome carries the trace entry the engine built for it once.
 */
export class Outcome implements RuleOutcome {
  readonly matched: boolean;
  readonly reason: string;
  readonly facts: Record<string, FactValue>;
  readonly replacement: string | undefined;
  readonly effectiveFrom: string | undefined;
  readonly flags: readonly string[] | undefined;
  readonly publicReason: string | undefined;
  readonly legalBasis: LegalBasisAssessment | undefined;
  /** Set by the engine: the rule whose trace entry `entry` is (an outcome may serve two rules). */
  traceRuleId: string | undefined = undefined;
  traceEntry: unknown = undefined;
  /** The decision's reason when this outcome decides (rule title and reason, joined once). */
  decisionReason: string | undefined = undefined;
  /** True for outcomes built once and returned for many materials (`sharedOutcome`). */
  readonly shared: boolean;
  /**
   * `KEPT_ORIGINAL | EXCLUDED` as the facts say: the engine looks for them on every retained
   * material, and facts differ in shape from rule to rule (a slow, megamorphic read).
   */
  readonly marks: number;
  constructor(outcome: RuleOutcome, shared: boolean) {
    this.matched = outcome.matched;
    this.reason = outcome.reason;
    this.facts = shared ? Object.freeze({ ...outcome.facts }) : outcome.facts;
    this.replacement = outcome.replacement;
    this.effectiveFrom = outcome.effectiveFrom;
    // Shared by every decision the outcome flags: frozen, so no consumer can change them all at once.
    this.flags = outcome.flags === undefined ? undefined : Object.freeze([...outcome.flags]);
    this.publicReason = outcome.publicReason;
    this.legalBasis = outcome.legalBasis;
    this.shared = shared;
    this.marks = marksOf(this.facts);
  }
}

/**
 * Marks an outcome as shared: built once (at compile time) and returned for many materials.
 * The engine then reuses one trace entry for it instead of allocating one per material, which
 * is what keeps a million-material evaluation out of the garbage collector.
 */
export function sharedOutcome(outcome: RuleOutcome): RuleOutcome {
  if (outcome instanceof Outcome && outcome.shared) return outcome;
  return new Outcome(outcome, true);
}

/**
 * An outcome for one material (its reason names the material): the same shape as shared ones,
 * so the engine's reads stay fast. Plain object literals work too, only slower.
 */
export function ruleOutcome(outcome: RuleOutcome): RuleOutcome {
  return new Outcome(outcome, false);
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

/**
 * A bounded cache keyed by two values (a name and an issuer, a department and an item name): a
 * Map per first key, so that no key string is built per lookup on the hot path. `build` must not
 * return undefined. Past `maxEntries` pairs it starts afresh, so unique values cannot grow it.
 */
export function pairCache<A, B, V>(build: (a: A, b: B) => V, maxEntries = 10_000): (a: A, b: B) => V {
  let byFirst = new Map<A, Map<B, V>>();
  let entries = 0;
  return (a, b) => {
    let bySecond = byFirst.get(a);
    let value = bySecond?.get(b);
    if (value === undefined) {
      value = build(a, b);
      if (++entries > maxEntries) {
        byFirst = new Map();
        bySecond = undefined;
        entries = 1;
      }
      if (bySecond === undefined) {
        bySecond = new Map();
        byFirst.set(a, bySecond);
      }
      bySecond.set(b, value);
    }
    return value;
  };
}

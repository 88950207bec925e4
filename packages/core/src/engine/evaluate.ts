import type { LegalBasisAssessment } from '../legal/classify';
import type { AlternativeDecision, Decision, TraceEntry } from '../model/decision';
import type { Material } from '../model/material';
import { itemKey } from '../model/service-item';
import { type MaterialForm, showsOriginal } from '../normalize/material-form';
import { agreementOf } from './agreement';
import { Context } from './context';
import { ItemGroup } from './item-group';
import {
  createAlternativesCache,
  createNameInfoCache,
  createNormalizedCache,
  createSlotsCache,
  type NameInfo,
} from './name-info';
import { EXCLUDED, KEPT_ORIGINAL, marksOf, Outcome } from './outcome';
import type { RuleCheck, RuleOutcome } from './types';

/** A rule as the evaluator runs it. */
export interface RunnableRule {
  readonly id: string;
  readonly category: string;
  readonly title: { readonly zh: string; readonly en: string };
  /** The public 依据 of a cancellation whose outcome gave none: the rule's public wording or its category's label. */
  readonly publicFallback: string;
  readonly check: RuleCheck;
}

const RETAIN_REASON = '各项取消规则均不适用，保留';

/** What running the rules over one name gave: filled in place, read at once. */
interface Run {
  decidedAt: number;
  outcome: RuleOutcome | undefined;
  trace: TraceEntry[];
  /** Flags of the rules that did not cancel (a retained material's marks), or undefined. */
  flags: string[] | undefined;
  legalBasis: LegalBasisAssessment | undefined;
  /** The first rule's entry that kept an original (现场核验原件), or undefined. */
  kept: TraceEntry | undefined;
  /** The first rule's entry that an exclusion stopped, or undefined. */
  excluded: TraceEntry | undefined;
}

function emptyRun(): Run {
  return {
    decidedAt: -1,
    outcome: undefined,
    trace: [],
    flags: undefined,
    legalBasis: undefined,
    kept: undefined,
    excluded: undefined,
  };
}

/**
 * Builds the evaluate function of an engine: groups materials into items (a rule may look at the
 * item's other materials, later ones too), then decides each material with every rule.
 */
export function createEvaluator(
  rules: readonly RunnableRule[],
  normalize: (raw: string | undefined) => string,
  withTrace: boolean,
  asOf?: string,
  slotCount = 0,
): (materials: readonly Material[]) => Decision[] {
  const ruleCount = rules.length;
  const alternativesOf = createAlternativesCache();
  // What a material's name gives (normalized name, form, the rules' per-name lookups): one lookup
  // per material, not one per property or per rule.
  const nameInfoOf = createNameInfoCache(normalize, slotCount);
  const alternativeSlotsOf = createSlotsCache(slotCount);
  const issuerOf = createNormalizedCache(normalize);
  const departmentOf = createNormalizedCache(normalize);

  function run(context: Context, into: Run): void {
    const trace: TraceEntry[] = withTrace ? new Array<TraceEntry>(ruleCount) : [];
    let decidedAt = -1;
    let decided: RuleOutcome | undefined;
    let flags: string[] | undefined;
    let legalBasis: LegalBasisAssessment | undefined;
    let kept: TraceEntry | undefined;
    let excluded: TraceEntry | undefined;
    for (let r = 0; r < ruleCount; r++) {
      const rule = rules[r]!;
      const outcome = rule.check(context);
      // No instanceof here (it costs more than the rest of a rule's bookkeeping): only a shared
      // Outcome has a traceRuleId and only an Outcome has marks; a plugin's plain object has neither.
      const known = outcome as Partial<Outcome>;
      const entry =
        known.traceRuleId === rule.id ? (known.traceEntry as TraceEntry) : traceEntry(rule, outcome);
      let marks = known.marks;
      if (marks === undefined) marks = marksOf(outcome.facts);
      if (withTrace) trace[r] = entry;
      else trace.push(entry);
      if (outcome.legalBasis !== undefined && legalBasis === undefined) legalBasis = outcome.legalBasis;
      if (outcome.flags !== undefined && !outcome.matched) flags = addFlags(flags, outcome.flags);
      if (marks !== 0) {
        if ((marks & KEPT_ORIGINAL) !== 0 && kept === undefined) kept = entry;
        if ((marks & EXCLUDED) !== 0 && excluded === undefined) excluded = entry;
      }
      if (outcome.matched && decidedAt < 0) {
        decidedAt = r;
        decided = outcome;
        if (!withTrace) break;
      }
    }
    into.decidedAt = decidedAt;
    into.outcome = decided;
    into.trace = trace;
    // A cancelled material needs nothing more: only the deciding rule's own flags stay.
    into.flags = decided === undefined ? flags : decided.flags === undefined ? undefined : [...decided.flags];
    into.legalBasis = legalBasis;
    into.kept = kept;
    into.excluded = excluded;
  }

  function reasonOf(at: number, outcome: RuleOutcome | undefined): string {
    if (at < 0 || outcome === undefined) return RETAIN_REASON;
    const rule = rules[at]!;
    const cached = outcome instanceof Outcome && outcome.shared && outcome.traceRuleId === rule.id;
    if (cached && outcome.decisionReason !== undefined) return outcome.decisionReason;
    const reason = `${rule.title.zh}：${outcome.reason}`;
    if (cached) outcome.decisionReason = reason;
    return reason;
  }

  function decision(
    material: Material,
    form: MaterialForm,
    at: number,
    outcome: RuleOutcome | undefined,
    trace: TraceEntry[],
    run: Run,
  ) {
    const rule = at < 0 ? undefined : rules[at]!;
    const verdict = rule === undefined ? 'retain' : 'cancel';
    // An original kept to be shown (现场核验原件): a rule would have cancelled it but for its form.
    const kept = rule === undefined && showsOriginal(form) ? run.kept : undefined;
    // Retained because an exclusion stopped a rule: the reason says which (保留原因, domain.md §15).
    const excluded = rule === undefined && kept === undefined ? run.excluded : undefined;
    const result: Decision = {
      materialId: material.id,
      verdict,
      category: rule === undefined ? null : rule.category,
      ruleId: rule === undefined ? null : rule.id,
      replacement: outcome?.replacement ?? null,
      reason:
        kept !== undefined
          ? `现场核验原件：${kept.reason}`
          : excluded !== undefined
            ? `保留：${excluded.reason}`
            : reasonOf(at, outcome),
      publicReason:
        rule !== undefined
          ? (outcome?.publicReason ?? rule.publicFallback)
          : kept !== undefined
            ? form === 'both'
              ? '现场核验原件，免交复印件'
              : '现场核验原件'
            : null,
      trace,
      alternatives: null,
      effectiveFrom: plannedFrom(outcome?.effectiveFrom, asOf),
      form,
      copyWaived: kept !== undefined && form === 'both',
      agreement: agreementOf(verdict, material.departmentProposal),
      status: 'proposed',
      // In the literal even when absent (undefined, which JSON leaves out): a property added
      // afterwards would give each decision a second, out-of-object property store.
      flags: run.flags,
      legalBasis: run.legalBasis,
    };
    return result;
  }

  function decideAlternatives(context: Context, material: Material, names: readonly string[]): Decision {
    const runs: AlternativeDecision[] = [];
    const state = emptyRun();
    const bestRun = emptyRun();
    let best = -1;
    let bestAt = -1;
    let bestOutcome: RuleOutcome | undefined;
    let bestTrace: TraceEntry[] = [];
    for (let a = 0; a < names.length; a++) {
      context.name = names[a]!;
      context.slots = alternativeSlotsOf(names[a]!);
      run(context, state);
      const rule = state.decidedAt < 0 ? undefined : rules[state.decidedAt]!;
      runs.push({
        name: names[a]!,
        verdict: rule === undefined ? 'retain' : 'cancel',
        category: rule === undefined ? null : rule.category,
        ruleId: rule === undefined ? null : rule.id,
        replacement: state.outcome?.replacement ?? null,
        reason: reasonOf(state.decidedAt, state.outcome),
        trace: state.trace,
      });
      // The first cancelling alternative in rule order decides; on a tie, the first in the cell.
      const earlier = state.decidedAt >= 0 && (bestAt < 0 || state.decidedAt < bestAt);
      if (best < 0 || earlier) {
        best = a;
        bestAt = state.decidedAt;
        bestOutcome = state.outcome;
        bestTrace = state.trace;
        bestRun.flags = state.flags;
        bestRun.legalBasis = state.legalBasis;
        bestRun.kept = state.kept;
        bestRun.excluded = state.excluded;
      }
    }
    const result = decision(material, context.form, bestAt, bestOutcome, bestTrace, bestRun);
    result.alternatives = runs;
    if (bestAt >= 0) result.reason = `备选材料“${names[best]}”${result.reason}`;
    return result;
  }

  return function evaluate(materials: readonly Material[]): Decision[] {
    const count = materials.length;
    const infos = new Array<NameInfo>(count);
    const occurrences = new Array<number>(count);
    const groups = new Array<ItemGroup>(count);
    const byItem = new Map<string, ItemGroup>();
    // Consecutive materials nearly always belong to the same item object: skip the lookups then.
    let lastItem: Material['item'] | undefined;
    let group: ItemGroup | undefined;
    for (let i = 0; i < count; i++) {
      const material = materials[i]!;
      if (material.item !== lastItem || group === undefined) {
        const key = itemKey(material.item);
        group = byItem.get(key);
        if (group === undefined) {
          group = new ItemGroup(normalize(material.item.name), departmentOf(material.item.department));
          byItem.set(key, group);
        }
        lastItem = material.item;
      }
      const info = nameInfoOf(material.name);
      infos[i] = info;
      occurrences[i] = group.add(info.name, info.fingerprint, info.original);
      groups[i] = group;
    }
    // Decide only once every item is complete: a rule may look at the item's later materials.
    const context = new Context(issuerOf);
    const state = emptyRun();
    const decisions = new Array<Decision>(count);
    for (let i = 0; i < count; i++) {
      const material = materials[i]!;
      const info = infos[i]!;
      context.set(material, info, occurrences[i]!, groups[i]!);
      const alternatives =
        material.alternatives === undefined ? alternativesOf(material.name) : material.alternatives;
      if (alternatives !== null && alternatives.length > 1) {
        decisions[i] = decideAlternatives(context, material, alternatives);
      } else {
        run(context, state);
        decisions[i] = decision(material, info.form, state.decidedAt, state.outcome, state.trace, state);
      }
    }
    return decisions;
  };
}

/**
 * The flags so far plus a rule's flags. The common case — one rule flags — shares that rule's
 * frozen array (one per distinct 设定依据 text) instead of allocating one per material.
 */
function addFlags(into: string[] | undefined, flags: readonly string[]): string[] {
  if (into === undefined) return flags as string[];
  const list = [...into];
  for (const flag of flags) if (!list.includes(flag)) list.push(flag);
  return list;
}

/** The day a planned cancellation takes effect, or null once `asOf` has reached it. */
export function plannedFrom(
  effectiveFrom: string | null | undefined,
  asOf: string | undefined,
): string | null {
  if (!effectiveFrom) return null;
  return asOf !== undefined && asOf >= effectiveFrom ? null : effectiveFrom;
}

function traceEntry(rule: RunnableRule, outcome: RuleOutcome): TraceEntry {
  if (!(outcome instanceof Outcome) || !outcome.shared) {
    return { ruleId: rule.id, matched: outcome.matched, reason: outcome.reason, facts: outcome.facts };
  }
  if (outcome.traceRuleId === rule.id) return outcome.traceEntry as TraceEntry;
  const entry: TraceEntry = Object.freeze({
    ruleId: rule.id,
    matched: outcome.matched,
    reason: outcome.reason,
    facts: outcome.facts,
  });
  // An outcome shared by two rules (rare) just keeps the latest rule's entry.
  outcome.traceRuleId = rule.id;
  outcome.traceEntry = entry;
  outcome.decisionReason = undefined;
  return entry;
}

import { DEFAULT_CATALOGS } from '../catalogs/defaults';
import type { Catalogs } from '../catalogs/schema';
import { DuplicateRuleError, UnknownCategoryError, UnknownRuleError } from '../errors/config-errors';
import { sha256Hex } from '../hash/sha256';
import { type CategoryDefinition, DEFAULT_CATEGORIES } from '../model/category';
import type { Decision, TraceEntry } from '../model/decision';
import type { Material } from '../model/material';
import { itemKey } from '../model/service-item';
import { createNameNormalizer } from '../normalize/normalize-name';
import { DEFAULT_RULES } from '../rules/index';
import { agreementOf } from './agreement';
import { TRACE_SLOT, type TraceSlot } from './outcome';
import type { MaterialContext, RuleCheck, RuleDefinition, RuleOutcome } from './types';

export interface EngineOptions {
  /** The rules, in their default order. Defaults to the ten rules of domain.md §4. */
  rules?: readonly RuleDefinition[];
  /** Catalogs replacing the defaults key by key; an absent key keeps the default, `[]` empties it. */
  catalogs?: Partial<Catalogs>;
  /** Rule ids in evaluation order. Rules not listed keep their relative order after the listed ones. */
  order?: readonly string[];
  /** Rule ids left out of this engine. */
  disabled?: readonly string[];
  /** Re-categorise rules: rule id → category id. */
  categories?: Readonly<Record<string, string>>;
  /** Categories beyond the seven defaults, for a city's own rules. */
  categoryDefinitions?: readonly CategoryDefinition[];
  /**
   * Evaluate every rule for every material so the trace shows all principles that apply
   * (default `true`). With `false` the engine stops at the deciding rule and traces only up to it.
   */
  trace?: boolean;
  /** Identity recorded in publications. The version defaults to a hash of the rules and catalogs. */
  ruleSet?: { id?: string; version?: string };
}

/** A rule as compiled into an engine. */
export interface EngineRule {
  readonly id: string;
  readonly category: string;
  readonly principle: number | undefined;
  readonly title: { readonly zh: string; readonly en: string };
}

export interface RuleSetIdentity {
  readonly id: string;
  readonly version: string;
}

export interface Engine {
  /** The active rules in evaluation order. */
  readonly rules: readonly EngineRule[];
  /** Every category the engine knows, defaults first. */
  readonly categories: ReadonlyMap<string, CategoryDefinition>;
  readonly catalogs: Readonly<Catalogs>;
  readonly ruleSet: RuleSetIdentity;
  /**
   * One decision per material, in input order. Materials are grouped into items by department
   * and item code (or name), so the list may hold several items, in any order.
   */
  evaluate(materials: readonly Material[]): Decision[];
}

interface CompiledRule extends EngineRule {
  readonly check: RuleCheck;
}

/** The materials of one item seen so far in an `evaluate` call. */
class ItemGroup {
  readonly names: string[] = [];
  private counts: Map<string, number> | undefined;
  private nameSet: Set<string> | undefined;
  constructor(
    readonly itemName: string,
    readonly department: string,
  ) {}

  /** Adds a name and returns its occurrence (1 for the first). Small items scan; large ones count. */
  add(name: string): number {
    const names = this.names;
    names.push(name);
    if (this.counts === undefined && names.length <= 32) {
      let occurrence = 0;
      for (let i = 0; i < names.length; i++) if (names[i] === name) occurrence++;
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

  /** Built on first use: only rules that look at the other materials of the item need it. */
  get set(): ReadonlySet<string> {
    if (this.nameSet === undefined) this.nameSet = new Set(this.names);
    return this.nameSet;
  }
}

/** A rule's view of one material. Rarely used names are computed on first access. */
class Context implements MaterialContext {
  constructor(
    readonly material: Material,
    readonly name: string,
    readonly occurrence: number,
    private readonly group: ItemGroup,
    private readonly normalize: (raw: string | undefined) => string,
  ) {}
  get itemName(): string {
    return this.group.itemName;
  }
  get department(): string {
    return this.group.department;
  }
  private issuerName: string | undefined;
  get issuer(): string {
    // Several rules compare the issuer: normalize (a cache lookup) once per material.
    if (this.issuerName === undefined) this.issuerName = this.normalize(this.material.issuer);
    return this.issuerName;
  }
  get itemMaterialNames(): ReadonlySet<string> {
    return this.group.set;
  }
}

const RETAIN_REASON = '各项取消规则均不适用，保留';

function resolveOrder(rules: readonly RuleDefinition[], options: EngineOptions): RuleDefinition[] {
  const byId = new Map<string, RuleDefinition>();
  for (const rule of rules) {
    if (byId.has(rule.id)) throw new DuplicateRuleError(rule.id);
    byId.set(rule.id, rule);
  }
  const known = [...byId.keys()];
  const check = (id: string, where: string) => {
    if (!byId.has(id)) throw new UnknownRuleError(id, known, where);
  };
  for (const id of options.order ?? []) check(id, 'rules.order');
  for (const id of options.disabled ?? []) check(id, 'rules.disabled');
  for (const id of Object.keys(options.categories ?? {})) check(id, 'rules.categories');

  const ordered = [...new Set(options.order ?? [])].map((id) => byId.get(id)!);
  for (const rule of rules) if (!ordered.includes(rule)) ordered.push(rule);
  const disabled = new Set(options.disabled ?? []);
  return ordered.filter((rule) => !disabled.has(rule.id));
}

function resolveCategories(options: EngineOptions): Map<string, CategoryDefinition> {
  const categories = new Map<string, CategoryDefinition>();
  for (const category of [...DEFAULT_CATEGORIES, ...(options.categoryDefinitions ?? [])]) {
    if (categories.has(category.id)) throw new DuplicateRuleError(category.id);
    categories.set(category.id, category);
  }
  return categories;
}

/**
 * Compiles rules and catalogs into an engine. All lookup tables are built here, once; evaluation
 * is synchronous and allocates only the decisions and their traces.
 */
export function createEngine(options: EngineOptions = {}): Engine {
  const catalogs: Catalogs = { ...DEFAULT_CATALOGS, ...definedOnly(options.catalogs ?? {}) };
  const categories = resolveCategories(options);
  const knownCategories = [...categories.keys()];
  const normalize = createNameNormalizer();
  const withTrace = options.trace !== false;

  const compiled: CompiledRule[] = resolveOrder(options.rules ?? DEFAULT_RULES, options).map((rule) => {
    const category = options.categories?.[rule.id] ?? rule.category;
    if (!categories.has(category)) {
      throw new UnknownCategoryError(category, knownCategories, `rules.categories.${rule.id}`);
    }
    return {
      id: rule.id,
      category,
      principle: rule.principle,
      title: rule.title,
      check: rule.compile({ catalogs, normalize }),
    };
  });

  const ruleSet: RuleSetIdentity = {
    id: options.ruleSet?.id ?? 'jianzheng-default',
    version:
      options.ruleSet?.version ??
      sha256Hex(
        JSON.stringify({
          rules: compiled.map((r) => [r.id, r.category]),
          categories: [...categories.values()],
          catalogs,
        }),
      ).slice(0, 12),
  };

  const itemKeys = new WeakMap<object, string>();
  const keyOf = (item: Material['item']) => {
    let key = itemKeys.get(item);
    if (key === undefined) {
      key = itemKey(item);
      itemKeys.set(item, key);
    }
    return key;
  };

  function evaluate(materials: readonly Material[]): Decision[] {
    const count = materials.length;
    const contexts = new Array<Context>(count);
    const byItem = new Map<string, ItemGroup>();
    // Consecutive materials nearly always belong to the same item object: skip the lookups then.
    let lastItem: Material['item'] | undefined;
    let group: ItemGroup | undefined;
    for (let i = 0; i < count; i++) {
      const material = materials[i]!;
      if (material.item !== lastItem || group === undefined) {
        const key = keyOf(material.item);
        group = byItem.get(key);
        if (group === undefined) {
          group = new ItemGroup(normalize(material.item.name), normalize(material.item.department));
          byItem.set(key, group);
        }
        lastItem = material.item;
      }
      const name = normalize(material.name);
      contexts[i] = new Context(material, name, group.add(name), group, normalize);
    }
    // Decide only once every item is complete: a rule may look at the item's later materials.
    const decisions = new Array<Decision>(count);
    for (let i = 0; i < count; i++) decisions[i] = decide(contexts[i]!);
    return decisions;
  }

  function decide(context: MaterialContext): Decision {
    const trace: TraceEntry[] = withTrace ? new Array<TraceEntry>(compiled.length) : [];
    let decidedBy: CompiledRule | undefined;
    let replacement: string | null = null;
    let reason = RETAIN_REASON;
    for (let r = 0; r < compiled.length; r++) {
      const rule = compiled[r]!;
      const outcome = rule.check(context);
      trace[r] = traceEntry(rule, outcome);
      if (outcome.matched && decidedBy === undefined) {
        decidedBy = rule;
        replacement = outcome.replacement ?? null;
        reason = `${rule.title.zh}：${outcome.reason}`;
        if (!withTrace) break;
      }
    }
    const verdict = decidedBy === undefined ? 'retain' : 'cancel';
    return {
      materialId: context.material.id,
      verdict,
      category: decidedBy?.category ?? null,
      ruleId: decidedBy?.id ?? null,
      replacement,
      reason,
      trace,
      agreement: agreementOf(verdict, context.material.departmentProposal),
      status: 'proposed',
    };
  }

  return {
    rules: compiled.map(({ id, category, principle, title }) => ({ id, category, principle, title })),
    categories,
    catalogs,
    ruleSet,
    evaluate,
  };
}

function traceEntry(rule: CompiledRule, outcome: RuleOutcome): TraceEntry {
  const slot = (outcome as { [TRACE_SLOT]?: TraceSlot })[TRACE_SLOT];
  if (slot === undefined) {
    return { ruleId: rule.id, matched: outcome.matched, reason: outcome.reason, facts: outcome.facts };
  }
  if (slot.ruleId === rule.id) return slot.entry as TraceEntry;
  const entry: TraceEntry = Object.freeze({
    ruleId: rule.id,
    matched: outcome.matched,
    reason: outcome.reason,
    facts: outcome.facts,
  });
  // An outcome shared by two rules (rare) just keeps the latest rule's entry.
  slot.ruleId = rule.id;
  slot.entry = entry;
  return entry;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

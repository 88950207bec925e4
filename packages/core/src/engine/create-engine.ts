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
import type { MaterialContext, RuleCheck, RuleDefinition } from './types';

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

interface ItemGroup {
  readonly names: Set<string>;
  readonly seen: Map<string, number>;
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
    const names = new Array<string>(count);
    const groups = new Array<ItemGroup>(count);
    const byItem = new Map<string, ItemGroup>();
    for (let i = 0; i < count; i++) {
      const material = materials[i]!;
      const key = keyOf(material.item);
      let group = byItem.get(key);
      if (group === undefined) {
        group = { names: new Set(), seen: new Map() };
        byItem.set(key, group);
      }
      const name = normalize(material.name);
      group.names.add(name);
      names[i] = name;
      groups[i] = group;
    }

    const decisions = new Array<Decision>(count);
    for (let i = 0; i < count; i++) {
      const material = materials[i]!;
      const group = groups[i]!;
      const name = names[i]!;
      const occurrence = (group.seen.get(name) ?? 0) + 1;
      group.seen.set(name, occurrence);
      const context: MaterialContext = {
        material,
        name,
        itemName: normalize(material.item.name),
        issuer: normalize(material.issuer),
        department: normalize(material.item.department),
        occurrence,
        itemMaterialNames: group.names,
      };
      decisions[i] = decide(context);
    }
    return decisions;
  }

  function decide(context: MaterialContext): Decision {
    const trace: TraceEntry[] = [];
    let decidedBy: CompiledRule | undefined;
    let replacement: string | null = null;
    let reason = RETAIN_REASON;
    for (const rule of compiled) {
      const outcome = rule.check(context);
      trace.push({ ruleId: rule.id, matched: outcome.matched, reason: outcome.reason, facts: outcome.facts });
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

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

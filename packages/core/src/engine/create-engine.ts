import { DEFAULT_CATALOGS } from '../catalogs/defaults';
import type { Catalogs } from '../catalogs/schema';
import { DuplicateRuleError, UnknownCategoryError, UnknownRuleError } from '../errors/config-errors';
import { sha256Hex } from '../hash/sha256';
import { type CategoryDefinition, DEFAULT_CATEGORIES } from '../model/category';
import type { Decision } from '../model/decision';
import type { ConfiguredJurisdiction } from '../model/jurisdiction';
import type { LocalizedText } from '../model/localized';
import type { Material } from '../model/material';
import { createNameNormalizer } from '../normalize/normalize-name';
import { DEFAULT_RULES } from '../rules/index';
import { createEvaluator } from './evaluate';
import { createNameMemos } from './name-memo';
import type { RuleCheck, RuleDefinition } from './types';

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
  /**
   * The day (YYYY-MM-DD, jurisdiction time) the decisions are for — the publication's date. A
   * cancellation by a catalog entry whose `effectiveFrom` is later is planned (计划取消): the
   * decision keeps `effectiveFrom`; from that day on it is an ordinary cancellation. Without a
   * day every `effectiveFrom` is kept, and the publication decides against its own date.
   */
  asOf?: string;
  /**
   * The jurisdiction running the clean-up: its `documentPrefixes` tell its own documents from a
   * superior's (谁设定谁清理, domain.md §14).
   */
  jurisdiction?: ConfiguredJurisdiction;
  /** Identity recorded in publications. The version defaults to a hash of the rules and catalogs. */
  ruleSet?: { id?: string; version?: string };
}

/** A rule as compiled into an engine. */
export interface EngineRule {
  readonly id: string;
  readonly category: string;
  readonly principle: number | undefined;
  readonly title: { readonly zh: string; readonly en: string };
  /** The principle as the policy words it; absent for a rule that did not give one. */
  readonly principleText: LocalizedText | undefined;
  /** What the template's 填表说明 says about the rule. */
  readonly explanation: LocalizedText | undefined;
  /**
   * The public label of its cancellations: the rule's own wording where its meaning differs
   * from the category's, else the (possibly re-assigned) category's label.
   */
  readonly publicWording: LocalizedText;
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
  readonly publicFallback: string;
  readonly check: RuleCheck;
}

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
  const { perName, slotCount } = createNameMemos();

  const compiled: CompiledRule[] = resolveOrder(options.rules ?? DEFAULT_RULES, options).map((rule) => {
    const category = options.categories?.[rule.id] ?? rule.category;
    if (!categories.has(category)) {
      throw new UnknownCategoryError(category, knownCategories, `rules.categories.${rule.id}`);
    }
    // A re-categorised rule speaks with its new category's words, not the wording it was written with.
    const ownWording = category === rule.category ? rule.publicWording : undefined;
    const publicWording = ownWording ?? categories.get(category)!.label;
    return {
      id: rule.id,
      category,
      principle: rule.principle,
      title: rule.title,
      principleText: rule.principleText,
      explanation: rule.explanation,
      publicWording,
      publicFallback: publicWording.zh,
      check: rule.compile({ catalogs, normalize, jurisdiction: options.jurisdiction, perName }),
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
          ...(options.jurisdiction?.documentPrefixes
            ? { documentPrefixes: options.jurisdiction.documentPrefixes }
            : {}),
        }),
      ).slice(0, 12),
  };

  const evaluate = createEvaluator(compiled, normalize, withTrace, options.asOf, slotCount());

  return {
    rules: compiled.map(({ id, category, principle, title, principleText, explanation, publicWording }) => ({
      id,
      category,
      principle,
      title,
      principleText,
      explanation,
      publicWording,
    })),
    categories,
    catalogs,
    ruleSet,
    evaluate,
  };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

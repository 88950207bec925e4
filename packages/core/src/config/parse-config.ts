import type { z } from 'zod';
import { createEngine, type Engine, type EngineOptions } from '../engine/create-engine';
import type { RuleDefinition } from '../engine/types';
import { InvalidConfigError } from '../errors/config-errors';
import type { CategoryDefinition } from '../model/category';
import { DEFAULT_CATEGORIES } from '../model/category';
import { DEFAULT_RULES } from '../rules/index';
import { type CatalogSettings, catalogPatchProblems, resolveCatalogs } from './catalog-patch';
import { type Config, ConfigSchema, DEFAULT_TIME_ZONE } from './schema';
import { supervisionSettings } from './supervision';

const DEFAULT_CATEGORY_IDS = new Set(DEFAULT_CATEGORIES.map((category) => category.id));

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `未知的键 ${issue.keys.join(', ')} (unknown key)`;
  if (issue.code === 'invalid_type') return `类型错误，应为 ${issue.expected} (expected ${issue.expected})`;
  if (issue.code === 'invalid_value') return `取值无效，应为 ${issue.values.join(' | ')} (${issue.message})`;
  return issue.message;
}

function pathOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, key) =>
      typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key),
    '',
  );
}

/**
 * A catalog is an array or an `{ add, remove }` object: report the problems of the branch the
 * person wrote (the one with the fewest problems), with full paths, not “invalid input” at the
 * catalog's key.
 */
function unionBranch(issue: z.core.$ZodIssue, prefix: readonly PropertyKey[]): z.core.$ZodIssue[] {
  const path = [...prefix, ...issue.path];
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [{ ...issue, path }];
  // A branch that refused the value's type at the catalog itself is not the one the person meant.
  const meant = issue.errors.filter(
    (branch) => !branch.some((i) => i.code === 'invalid_type' && i.path.length === 0),
  );
  const branches = [...(meant.length > 0 ? meant : issue.errors)].sort((a, b) => a.length - b.length);
  return branches[0]!.flatMap((inner) => unionBranch(inner, path));
}

/**
 * Validates a configuration object (domain.md §9). Throws `InvalidConfigError` listing every
 * problem with its JSON path. Rule and category ids are checked when the engine is built, against
 * the rules actually in use (`engineFromConfig`).
 */
export function parseConfig(input: unknown, source?: string): Config {
  const result = ConfigSchema.safeParse(input);
  if (!result.success) {
    throw new InvalidConfigError(
      result.error.issues
        .flatMap((issue) => unionBranch(issue, []))
        .map((issue) => ({
          path: pathOf(issue.path),
          message: describeIssue(issue),
        })),
      { source, cause: result.error },
    );
  }
  // A removal that names no default entry would leave that entry in force without a word.
  const problems = catalogPatchProblems(result.data.catalogs as CatalogSettings | undefined);
  if (problems.length > 0) throw new InvalidConfigError(problems, { source });
  return result.data;
}

/** A city's own rules and categories (from plugins, or passed by a library caller). */
export interface ConfigExtras {
  extraRules?: readonly RuleDefinition[];
  extraCategories?: readonly CategoryDefinition[];
}

/** Turns a parsed configuration into engine options; `extraRules` are a city's own TypeScript rules. */
export function engineOptionsFromConfig(config: Config, extras: ConfigExtras = {}): EngineOptions {
  const options: EngineOptions = {
    catalogs: resolveCatalogs(config.catalogs as CatalogSettings | undefined),
    order: config.rules?.order,
    disabled: config.rules?.disabled,
    categories: config.rules?.categories,
    categoryDefinitions: [...(config.categories ?? []), ...(extras.extraCategories ?? [])],
    ruleSet: config.ruleSet,
    jurisdiction: config.jurisdiction,
  };
  if (extras.extraRules?.length) options.rules = [...DEFAULT_RULES, ...extras.extraRules];
  return options;
}

/** Parses a configuration object and compiles the engine it describes. */
export function engineFromConfig(input: unknown, extras: ConfigExtras = {}): Engine {
  return createEngine(engineOptionsFromConfig(parseConfig(input), extras));
}

/**
 * The configuration in effect, every default spelled out (`jianzheng config show`): all seven
 * catalogs merged, the rules in evaluation order with their categories, the time zone, the
 * supervision deadline and calendar. The commitment letters' wording is kept as the city wrote it
 * (its defaults live in @jianzheng/letters). The result is itself a valid configuration (plugins
 * aside) that reproduces the same engine and the same letters and deadlines.
 */
export function effectiveConfig(config: Config, extras: ConfigExtras = {}): Config {
  const engine = createEngine(engineOptionsFromConfig(config, extras));
  const known = [...DEFAULT_RULES, ...(extras.extraRules ?? [])].map((rule) => rule.id);
  const active = new Set(engine.rules.map((rule) => rule.id));
  const { deadlineWorkingDays, holidays, workdays } = supervisionSettings(config);
  const effective: Config = {
    ...(config.$schema ? { $schema: config.$schema } : {}),
    ...(config.jurisdiction ? { jurisdiction: config.jurisdiction } : {}),
    ruleSet: { id: engine.ruleSet.id, version: engine.ruleSet.version },
    rules: {
      order: engine.rules.map((rule) => rule.id),
      disabled: known.filter((id) => !active.has(id)),
      categories: Object.fromEntries(engine.rules.map((rule) => [rule.id, rule.category])),
    },
    categories: [...engine.categories.values()].filter((category) => !DEFAULT_CATEGORY_IDS.has(category.id)),
    catalogs: structuredClone(engine.catalogs) as Config['catalogs'],
    ...(config.plugins ? { plugins: config.plugins } : {}),
    timeZone: config.timeZone ?? DEFAULT_TIME_ZONE,
    ...(config.commitmentLetter ? { commitmentLetter: structuredClone(config.commitmentLetter) } : {}),
    supervision: { deadlineWorkingDays, holidays: [...(holidays ?? [])], workdays: [...(workdays ?? [])] },
    ...(config.server ? { server: config.server } : {}),
    ...(config.linkedData ? { linkedData: structuredClone(config.linkedData) } : {}),
  };
  return effective;
}

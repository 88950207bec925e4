import type { z } from 'zod';
import type { Catalogs } from '../catalogs/schema';
import { createEngine, type Engine, type EngineOptions } from '../engine/create-engine';
import type { RuleDefinition } from '../engine/types';
import { InvalidConfigError } from '../errors/config-errors';
import type { CategoryDefinition } from '../model/category';
import { DEFAULT_RULES } from '../rules/index';
import { type Config, ConfigSchema } from './schema';

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
 * Validates a configuration object (domain.md §9). Throws `InvalidConfigError` listing every
 * problem with its JSON path. Rule and category ids are checked when the engine is built, against
 * the rules actually in use (`engineFromConfig`).
 */
export function parseConfig(input: unknown, source?: string): Config {
  const result = ConfigSchema.safeParse(input);
  if (!result.success) {
    throw new InvalidConfigError(
      result.error.issues.map((issue) => ({ path: pathOf(issue.path), message: describeIssue(issue) })),
      { source, cause: result.error },
    );
  }
  return result.data;
}

/** Turns a parsed configuration into engine options; `extraRules` are a city's own TypeScript rules. */
export function engineOptionsFromConfig(
  config: Config,
  extras: { extraRules?: readonly RuleDefinition[]; extraCategories?: readonly CategoryDefinition[] } = {},
): EngineOptions {
  const options: EngineOptions = {
    catalogs: (config.catalogs ?? {}) as Partial<Catalogs>,
    order: config.rules?.order,
    disabled: config.rules?.disabled,
    categories: config.rules?.categories,
    categoryDefinitions: [...(config.categories ?? []), ...(extras.extraCategories ?? [])],
    ruleSet: config.ruleSet,
  };
  if (extras.extraRules?.length) options.rules = [...DEFAULT_RULES, ...extras.extraRules];
  return options;
}

/** Parses a configuration object and compiles the engine it describes. */
export function engineFromConfig(
  input: unknown,
  extras: { extraRules?: readonly RuleDefinition[]; extraCategories?: readonly CategoryDefinition[] } = {},
): Engine {
  return createEngine(engineOptionsFromConfig(parseConfig(input), extras));
}

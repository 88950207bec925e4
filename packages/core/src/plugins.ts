import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ConfigExtras } from './config/parse-config';
import { defineRule } from './engine/define-rule';
import type { RuleDefinition } from './engine/types';
import { InvalidPluginError } from './errors/config-errors';
import { isJianzhengError } from './errors/jianzheng-error';
import { type CategoryDefinition, CategoryDefinitionSchema } from './model/category';

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object')
    return `object with keys ${Object.keys(value as object).join(', ') || '(none)'}`;
  return typeof value;
}

/** One export of a plugin: a rule (has `compile`) or a category (has `id` and `label`). */
function classify(module: string, value: unknown, index: number | undefined, extras: Required<ConfigExtras>) {
  const where = index === undefined ? '默认导出' : `默认导出[${index}]`;
  const whereEn = index === undefined ? 'the default export' : `default export [${index}]`;
  if (value && typeof value === 'object' && 'compile' in value) {
    try {
      (extras.extraRules as RuleDefinition[]).push(defineRule(value as RuleDefinition));
    } catch (error) {
      const message = isJianzhengError(error) ? error.message : String(error);
      throw new InvalidPluginError(
        module,
        `${where}不是有效的规则：${message}`,
        `${whereEn} is not a valid rule`,
        error,
      );
    }
    return;
  }
  if (value && typeof value === 'object' && 'label' in value) {
    const parsed = CategoryDefinitionSchema.safeParse(value);
    if (!parsed.success) {
      throw new InvalidPluginError(
        module,
        `${where}不是有效的取消类别：${parsed.error.issues.map((i) => `${i.path.join('.') || '(根)'} ${i.message}`).join('；')}`,
        `${whereEn} is not a valid category`,
        parsed.error,
      );
    }
    (extras.extraCategories as CategoryDefinition[]).push(parsed.data);
    return;
  }
  throw new InvalidPluginError(
    module,
    `${where}应为规则（defineRule）、取消类别（defineCategory）或它们的数组，实际是 ${describe(value)}`,
    `${whereEn} must be a rule, a category or an array of them, got ${describe(value)}`,
  );
}

/**
 * Loads the plugins of a configuration (domain.md §9): paths relative to `baseDir` (the
 * configuration file's folder). Each module's default export is a rule, a category or an array of
 * them. Errors name the module: a plugin that cannot be found, throws while loading, or exports
 * the wrong shape.
 */
export async function loadPlugins(
  plugins: readonly string[],
  baseDir: string,
): Promise<Required<ConfigExtras>> {
  const extras: Required<ConfigExtras> = { extraRules: [], extraCategories: [] };
  for (const plugin of plugins) {
    const path = isAbsolute(plugin) ? plugin : resolve(baseDir, plugin);
    let module: { default?: unknown };
    try {
      module = (await import(pathToFileURL(path).href)) as { default?: unknown };
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND';
      const reason = missing ? '找不到模块文件' : `加载时出错：${(error as Error)?.message ?? String(error)}`;
      throw new InvalidPluginError(
        plugin,
        reason,
        missing ? 'module not found' : `failed while loading: ${(error as Error)?.message ?? String(error)}`,
        error,
      );
    }
    if (!('default' in module) || module.default === undefined) {
      throw new InvalidPluginError(plugin, '没有默认导出（export default）', 'has no default export');
    }
    const exported = module.default;
    if (Array.isArray(exported)) {
      for (const [index, value] of exported.entries()) classify(plugin, value, index, extras);
    } else classify(plugin, exported, undefined, extras);
  }
  return extras;
}

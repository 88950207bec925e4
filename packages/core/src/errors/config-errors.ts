import { JianzhengError } from './jianzheng-error';

/** One problem found in a configuration, with the JSON path it sits at. */
export interface ConfigProblem {
  path: string;
  message: string;
}

/** The configuration does not have the shape of domain.md §9 (unknown key, wrong type …). */
export class InvalidConfigError extends JianzhengError {
  readonly problems: readonly ConfigProblem[];
  constructor(problems: readonly ConfigProblem[], options: { source?: string; cause?: unknown } = {}) {
    const where = options.source ? `${options.source}: ` : '';
    const list = problems.map((p) => `${p.path || '(根)'}: ${p.message}`).join('；');
    super('CONFIG_INVALID', `${where}配置无效 — ${list}`, {
      cause: options.cause,
      messageEn: `${where}invalid configuration — ${problems.map((p) => `${p.path || '(root)'}: ${p.message}`).join('; ')}`,
    });
    this.problems = problems;
  }
}

/** A rule id (in `order`, `disabled` or `categories`) that no rule in the set has. */
export class UnknownRuleError extends JianzhengError {
  readonly ruleId: string;
  constructor(ruleId: string, known: readonly string[], where = 'rules') {
    super('UNKNOWN_RULE', `${where}: 未知的规则 “${ruleId}”，可用的规则：${known.join(', ')}`, {
      messageEn: `${where}: unknown rule id "${ruleId}"; known rules: ${known.join(', ')}`,
    });
    this.ruleId = ruleId;
  }
}

/** A category id that is neither one of the seven defaults nor defined by the configuration. */
export class UnknownCategoryError extends JianzhengError {
  readonly categoryId: string;
  constructor(categoryId: string, known: readonly string[], where = 'categories') {
    super('UNKNOWN_CATEGORY', `${where}: 未知的取消类别 “${categoryId}”，可用的类别：${known.join(', ')}`, {
      messageEn: `${where}: unknown category "${categoryId}"; known categories: ${known.join(', ')}`,
    });
    this.categoryId = categoryId;
  }
}

/** Two rules (or two categories) with the same id in one engine. */
export class DuplicateRuleError extends JianzhengError {
  readonly ruleId: string;
  constructor(ruleId: string) {
    super('DUPLICATE_RULE', `规则 “${ruleId}” 重复定义`, { messageEn: `rule "${ruleId}" is defined twice` });
    this.ruleId = ruleId;
  }
}

/** A rule's definition is unusable (no id, no compile function …): a programming error in an extension. */
export class InvalidRuleDefinitionError extends JianzhengError {
  constructor(message: string, messageEn: string) {
    super('RULE_DEFINITION_INVALID', message, { messageEn });
  }
}

/** A configuration file could not be read or loaded (missing, not JSON, module failed). */
export class ConfigLoadError extends JianzhengError {
  readonly path: string;
  constructor(path: string, reason: string, reasonEn: string, cause?: unknown) {
    super('CONFIG_LOAD_FAILED', `无法读取配置文件 ${path}：${reason}`, {
      cause,
      messageEn: `cannot load configuration file ${path}: ${reasonEn}`,
    });
    this.path = path;
  }
}

/**
 * A plugin named in `plugins` failed to load, threw while loading, or its default export is not
 * a rule, a category or an array of them. Always names the module.
 */
export class InvalidPluginError extends JianzhengError {
  readonly module: string;
  constructor(module: string, reason: string, reasonEn: string, cause?: unknown) {
    super('PLUGIN_INVALID', `插件 ${module}：${reason}`, {
      cause,
      messageEn: `plugin ${module}: ${reasonEn}`,
    });
    this.module = module;
  }
}

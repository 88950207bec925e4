import { readFile } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { stripJsonComments } from './config/jsonc';
import {
  type Config,
  type ConfigExtras,
  ConfigLoadError,
  createEngine,
  type Engine,
  engineOptionsFromConfig,
  isJianzhengError,
  parseConfig,
} from './index';
import { loadPlugins } from './plugins';

export { loadPlugins } from './plugins';

/** A city's configuration with its plugins loaded and its engine compiled. */
export interface LoadedCity {
  /** The configuration as written (validated); `{}` when no file was given. */
  config: Config;
  /** Rules and categories from `plugins`. */
  extras: Required<ConfigExtras>;
  engine: Engine;
}

/**
 * Everything a command or the server needs from a configuration file: the validated
 * configuration, its plugins (resolved against the file's folder) and the engine they make.
 * Without a path: the defaults. One function, so evaluate, publish and serve use plugins alike.
 */
export async function loadCity(path: string | undefined): Promise<LoadedCity> {
  const config = path === undefined ? {} : await loadConfig(path);
  const extras = config.plugins?.length
    ? await loadPlugins(config.plugins, dirname(resolve(path!)))
    : { extraRules: [], extraCategories: [] };
  return { config, extras, engine: createEngine(engineOptionsFromConfig(config, extras)) };
}

/**
 * Reads and validates a configuration file (domain.md §9): a `.json` file, or a `.js`/`.mjs`
 * module whose default export has the same shape. Node-only, hence its own entry
 * (`@jianzheng/core/node`), so that the core itself stays free of I/O.
 */
export async function loadConfig(path: string): Promise<Config> {
  const absolute = resolve(path);
  const extension = extname(absolute).toLowerCase();
  let data: unknown;
  if (extension === '.js' || extension === '.mjs') {
    try {
      const module = (await import(pathToFileURL(absolute).href)) as { default?: unknown };
      data = module.default ?? module;
    } catch (error) {
      throw new ConfigLoadError(path, '模块加载失败', 'the module failed to load', error);
    }
  } else if (extension === '.json' || extension === '.jsonc' || extension === '') {
    let text: string;
    try {
      text = await readFile(absolute, 'utf8');
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      throw new ConfigLoadError(
        path,
        missing ? '文件不存在' : '无法读取文件',
        missing ? 'file not found' : 'cannot read the file',
        error,
      );
    }
    try {
      data = JSON.parse(stripJsonComments(text.replace(/^\uFEFF/, '')));
    } catch (error) {
      throw new ConfigLoadError(
        path,
        `不是有效的 JSON（${(error as Error).message}）`,
        'not valid JSON',
        error,
      );
    }
  } else {
    throw new ConfigLoadError(
      path,
      '仅支持 .json、.jsonc、.js 或 .mjs 配置文件（TypeScript 配置请先编译）',
      'only .json, .jsonc, .js or .mjs configuration files are supported (compile TypeScript first)',
    );
  }
  try {
    return parseConfig(data, path);
  } catch (error) {
    if (isJianzhengError(error)) throw error;
    throw new ConfigLoadError(path, '配置无效', 'invalid configuration', error);
  }
}

export type { ParserThread, ParserThreadOptions } from './parser-thread';
export { startParserThread } from './parser-thread';
export { startWorkerThread } from './worker-thread';

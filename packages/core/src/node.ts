import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Config, ConfigLoadError, isJianzhengError, parseConfig } from './index';

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
  } else if (extension === '.json' || extension === '') {
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
      data = JSON.parse(text.replace(/^\uFEFF/, ''));
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
      '仅支持 .json、.js 或 .mjs 配置文件（TypeScript 配置请先编译）',
      'only .json, .js or .mjs configuration files are supported (compile TypeScript first)',
    );
  }
  try {
    return parseConfig(data, path);
  } catch (error) {
    if (isJianzhengError(error)) throw error;
    throw new ConfigLoadError(path, '配置无效', 'invalid configuration', error);
  }
}

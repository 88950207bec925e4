import { stat } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { effectiveConfig, InvalidConfigError, JurisdictionSchema } from '@jianzheng/core';
import { loadCity } from '@jianzheng/core/node';
import type { CommandContext } from '../context';
import { CliError, EXIT } from '../errors';
import { writeFileAtomic } from '../fs-atomic';

export interface ConfigInitOptions {
  name: string;
  code: string;
  level: string;
  output: string;
  force?: boolean;
}

/** Where the installed @jianzheng/core keeps the configuration's JSON Schema, if it can be found. */
function schemaPath(): string | undefined {
  try {
    return fileURLToPath(import.meta.resolve('@jianzheng/core/schema/config.schema.json'));
  } catch {
    return undefined;
  }
}

/** The commented starting configuration (JSONC: the loader accepts comments and trailing commas). */
export function starterConfig(
  jurisdiction: { code: string; name: string; level: string },
  schema?: string,
): string {
  const lines = [
    '// jianzheng 城市配置（说明见 docs/configuration.md）。每个键都可省略，省略即用默认值。',
    '// jianzheng city configuration; every key is optional. `jianzheng config show` prints what is in effect.',
    '{',
    ...(schema ? [`  "$schema": ${JSON.stringify(schema)},`] : []),
    `  "jurisdiction": ${JSON.stringify(jurisdiction)},`,
    '  // 日期按此时区显示（附件、调整说明、页面）；存储的时间保留 ISO 8601 偏移。',
    '  "timeZone": "Asia/Shanghai",',
    '  "rules": {',
    '    // 例：停用某条规则 "disabled": ["issuer-cannot-certify"]；调整类别 "categories": { "duplicate": "not-necessary" }',
    '    "disabled": [],',
    '  },',
    '  "catalogs": {',
    '    // 写成 { "add": [...], "remove": [...] } 是在默认目录上增删（先按规范化名称删除，再追加）；',
    '    // 写成数组则整个替换默认目录，[] 为清空。默认目录见 `jianzheng config show`。',
    '    "sharedData": {',
    '      "add": [',
    '        // { "name": "公积金缴存证明", "aliases": [], "source": "市住房公积金信息系统" },',
    '      ],',
    '      "remove": [],',
    '    },',
    '    "superiorCancellations": {',
    '      "add": [',
    '        // { "item": "机动车注册登记", "material": "车辆购置税完税证明", "reference": "皖政办秘〔2018〕247号" },',
    '      ],',
    '    },',
    '  },',
    '  // 自定义规则或类别的模块（相对本文件的路径），默认导出规则、类别或它们的数组。',
    '  "plugins": [],',
    '}',
    '',
  ];
  return lines.join('\n');
}

/** `jianzheng config init`: a commented starting configuration for a named city. */
export async function configInitCommand(ctx: CommandContext, options: ConfigInitOptions): Promise<number> {
  const parsed = JurisdictionSchema.safeParse({
    code: options.code,
    name: options.name,
    level: options.level,
  });
  if (!parsed.success) {
    throw new InvalidConfigError(
      parsed.error.issues.map((issue) => ({
        path: `jurisdiction.${issue.path.join('.')}`,
        message: issue.message,
      })),
      { source: '--code/--name/--level' },
    );
  }
  const path = resolve(ctx.io.cwd, options.output);
  if (!options.force && (await stat(path).catch(() => undefined))) {
    throw new CliError(
      'CLI_OUTPUT_EXISTS',
      `文件 ${options.output} 已存在；如要覆盖请加 --force`,
      `${options.output} exists; add --force to overwrite it`,
      EXIT.usage,
    );
  }
  const schema = schemaPath();
  const text = starterConfig(parsed.data, schema ? relative(dirname(path), schema) : undefined);
  await writeFileAtomic(path, Buffer.from(text, 'utf8'));
  // The file must load as written: a starter that fails `config check` would be a poor start.
  await loadCity(path);
  ctx.io.stderr.write(`${ctx.err.green('已生成')} ${options.output}（${parsed.data.name}）\n`);
  return EXIT.ok;
}

/** `jianzheng config show`: the effective configuration, every default spelled out, as JSON. */
export async function configShowCommand(ctx: CommandContext, options: { config?: string }): Promise<number> {
  const city = await loadCity(options.config);
  ctx.io.stdout.write(`${JSON.stringify(effectiveConfig(city.config, city.extras), null, 2)}\n`);
  return EXIT.ok;
}

/** `jianzheng config check`: validates the file, its plugins and the engine they make. */
export async function configCheckCommand(ctx: CommandContext, options: { config?: string }): Promise<number> {
  if (options.config === undefined) {
    throw new CliError(
      'CLI_CONFIG_REQUIRED',
      '请用 --config 指定要检查的配置文件',
      'give the file to check with --config',
      EXIT.usage,
    );
  }
  try {
    const city = await loadCity(options.config);
    const shown = effectiveConfig(city.config, city.extras);
    const counts = Object.entries(shown.catalogs ?? {})
      .map(([name, entries]) => `${name} ${(entries as unknown[]).length}`)
      .join('，');
    ctx.io.stdout.write(
      `${ctx.out.green('配置有效')} ${options.config}：${city.engine.rules.length} 条规则（${city.extras.extraRules.length} 条来自插件），目录 ${counts}，时区 ${shown.timeZone}\n`,
    );
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof InvalidConfigError)) throw error;
    // One line per problem, path first, so a long list reads like a compiler's.
    ctx.io.stderr.write(
      `${ctx.err.red('错误')} ${options.config}：配置无效（${error.problems.length} 处）\n`,
    );
    for (const problem of error.problems) {
      ctx.io.stderr.write(`  ${ctx.err.bold(problem.path || '(根)')}  ${problem.message}\n`);
    }
    return EXIT.usage;
  }
}

import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createTemplate } from '@jianzheng/excel';
import type { CommandContext } from '../context';
import { engineFor } from '../engine';
import { CliError, EXIT } from '../errors';
import { writeFileAtomic } from '../fs-atomic';

export interface TemplateCommandOptions {
  output: string;
  department?: string;
  config?: string;
  force?: boolean;
}

/** `jianzheng template`: the department submission workbook, ready to fill in. */
export async function templateCommand(ctx: CommandContext, options: TemplateCommandOptions): Promise<number> {
  const path = resolve(ctx.io.cwd, options.output);
  if (!options.force && (await exists(path))) {
    throw new CliError(
      'CLI_OUTPUT_EXISTS',
      `文件 ${options.output} 已存在；如要覆盖请加 --force`,
      `${options.output} exists; add --force to overwrite it`,
      EXIT.usage,
    );
  }
  const { config, engine } = await engineFor(options.config);
  const buffer = await createTemplate({
    rules: engine.rules,
    ...(options.department ? { department: options.department } : {}),
    ...(config?.jurisdiction ? { jurisdiction: config.jurisdiction } : {}),
  });
  await writeFileAtomic(path, buffer);
  ctx.io.stderr.write(
    `${ctx.err.green('已生成')} ${options.output}${options.department ? `（${options.department}）` : ''}\n`,
  );
  return EXIT.ok;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

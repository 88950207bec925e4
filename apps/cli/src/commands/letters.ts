import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { DEFAULT_TIME_ZONE } from '@jianzheng/core';
import { loadConfig } from '@jianzheng/core/node';
import { readPublication } from '@jianzheng/json/node';
import { commitmentLetters, lettersZip, renderLetterDocx } from '@jianzheng/letters';
import type { CommandContext } from '../context';
import { CliError, EXIT } from '../errors';
import { writeFileAtomic } from '../fs-atomic';
import { checkInputFiles } from '../workbooks';

export interface LettersOptions {
  out: string;
  config?: string;
  zip?: boolean;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * `jianzheng letters`: the commitment letters (告知承诺书) of one published version, one .docx per
 * item under `<out>/<batch>/v<N>-letters/部门/事项.docx` (or one zip with `--zip`). A version's
 * letters are written once and never overwritten, so the letters of older versions stay as issued.
 */
export async function lettersCommand(
  ctx: CommandContext,
  file: string,
  options: LettersOptions,
): Promise<number> {
  await checkInputFiles([file], ctx.io.cwd);
  const publication = await readPublication(resolve(ctx.io.cwd, file));
  const config = options.config ? await loadConfig(resolve(ctx.io.cwd, options.config)) : undefined;
  const letters = commitmentLetters(publication, {
    wording: config?.commitmentLetter,
    timeZone: config?.timeZone ?? DEFAULT_TIME_ZONE,
  });
  const batchDir = join(resolve(ctx.io.cwd, options.out), publication.batch.id);
  const target = join(batchDir, `v${publication.version}-letters${options.zip ? '.zip' : ''}`);
  const show = (path: string) => relative(ctx.io.cwd, path) || path;
  if (await exists(target)) {
    throw new CliError(
      'CLI_LETTERS_EXIST',
      `${show(target)} 已存在：第 ${publication.version} 版的告知承诺书已生成，不覆盖（如需重新生成请先删除）`,
      `${show(target)} exists: the letters of version ${publication.version} are not overwritten`,
      EXIT.usage,
    );
  }
  await mkdir(batchDir, { recursive: true });
  if (options.zip) {
    await writeFileAtomic(target, await lettersZip(letters));
  } else {
    // Written under a hidden name and renamed whole: an interrupted run leaves no partial set.
    const pending = join(batchDir, `.v${publication.version}-letters.pending`);
    await rm(pending, { recursive: true, force: true });
    try {
      for (const letter of letters) {
        const path = join(pending, letter.fileName);
        await mkdir(dirname(path), { recursive: true });
        await writeFileAtomic(path, await renderLetterDocx(letter));
      }
      await mkdir(pending, { recursive: true });
      await rename(pending, target);
    } catch (error) {
      await rm(pending, { recursive: true, force: true });
      throw error;
    }
  }
  const materials = letters.reduce((n, l) => n + l.materials.length, 0);
  ctx.io.stdout.write(
    `${ctx.out.green('已生成')} 告知承诺书 ${letters.length} 份（${materials} 项承诺材料），${publication.batch.title} 第 ${publication.version} 版\n  ${show(target)}\n`,
  );
  if (letters.length === 0)
    ctx.io.stderr.write(
      '提示 本版清单没有改为告知承诺的材料 (no material of this version is replaced by a commitment)\n',
    );
  return EXIT.ok;
}

import type { CommandContext } from '../context';
import { EXIT } from '../errors';
import { openStore, shownDb } from '../open-store';

export interface MigrateOptions {
  from: string;
  to: string;
}

/**
 * `jianzheng migrate --from file.sqlite --to postgres://…`: copies batches, decisions,
 * publications, comments, the audit log, tokens (with sessions) and supervision cases into an empty store, through the port (so any
 * pair of stores works), in one transaction on the target; then compares the counts.
 */
export async function migrateCommand(ctx: CommandContext, options: MigrateOptions): Promise<number> {
  const source = await openStore(options.from, ctx.io.cwd);
  try {
    const target = await openStore(options.to, ctx.io.cwd);
    try {
      const snapshot = await source.exportSnapshot();
      await target.importSnapshot(snapshot);
      const copied = await target.exportSnapshot();
      const counts = (s: typeof snapshot) =>
        [s.batches, s.materials, s.transitions, s.publications, s.comments, s.audit, s.tokens, s.cases].map(
          (l) => l.length,
        );
      const [b, m, t, p, c, a, k, d] = counts(copied);
      if (counts(snapshot).join() !== counts(copied).join()) {
        ctx.io.stderr.write(
          `错误：复制后的记录数与源数据库不一致（${counts(snapshot)} → ${counts(copied)}）\n`,
        );
        return EXIT.failed;
      }
      ctx.io.stderr.write(
        `${ctx.err.green('已迁移')} ${shownDb(options.from)} → ${shownDb(options.to)}：` +
          `${b} 个批次、${m} 项材料、${t} 次阶段流转、${p} 个发布版本、${c} 条意见、${a} 条审计记录、${k} 个令牌、${d} 件督查\n`,
      );
      return EXIT.ok;
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

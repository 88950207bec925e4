#!/usr/bin/env node
// The workspace bin link points here, not at dist/: npm links a workspace's bin only when the
// file exists at install time, and on a fresh clone `npm ci` runs before `npm run build`.
import { existsSync } from 'node:fs';

const built = new URL('../dist/bin.js', import.meta.url);
if (!existsSync(built)) {
  process.stderr.write(
    '错误 jianzheng 尚未构建：请先在仓库根目录运行 npm run build\n  jianzheng is not built yet: run npm run build at the repository root\n',
  );
  process.exitCode = 1;
} else {
  await import(built.href);
}

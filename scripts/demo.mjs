#!/usr/bin/env node
// npm run demo: the bundled 宿州 2018 first batch, end to end, through the built `jianzheng` command.
// (npm run demo builds first.) Evaluates examples/suzhou-2018, prints the statistics table and
// publishes version 1 of the batch — JSON and the official Excel attachment — under out/.

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'apps/cli/dist/bin.js');
const example = join(root, 'examples/suzhou-2018');
const config = join(example, 'jianzheng.config.json');
const out = join(root, 'out');
const batch = 'suzhou-2018-first';

if (!existsSync(bin)) {
  console.error('错误 jianzheng 尚未构建：请运行 npm run demo（会先构建）或 npm run build');
  process.exit(1);
}
const workbooks = readdirSync(example)
  .filter((name) => name.endsWith('.xlsx'))
  .sort()
  .map((name) => relative(root, join(example, name)));

function jianzheng(...args) {
  const shown = args
    .filter((a) => !workbooks.includes(a) || a === workbooks[0])
    .map((a) => (a === workbooks[0] ? 'examples/suzhou-2018/*.xlsx' : a));
  console.error(`\n$ jianzheng ${shown.join(' ')}\n`);
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

jianzheng('report', ...workbooks, '--config', relative(root, config));

// The demo publishes version 1 every time: remove what an earlier run wrote, nothing else.
rmSync(join(out, batch), { recursive: true, force: true });
jianzheng(
  'publish',
  ...workbooks,
  '--config',
  relative(root, config),
  '--batch',
  batch,
  '--title',
  '市公安局等11部门取消政务服务事项申请材料清单',
  '--published-at',
  '2018-08-13T09:00:00+08:00',
  '--out',
  relative(root, out),
);

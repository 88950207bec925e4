#!/usr/bin/env node
// npm run demo: the bundled 宿州 2018 first batch, end to end, through the built `jianzheng` command.
// (npm run demo builds first.) Evaluates examples/suzhou-2018, prints the statistics table and
// publishes version 1 of the batch — JSON, the official Excel attachment and CPSV-AP JSON-LD —
// under out/, prints the whole programme (63 units, examples/suzhou-2018/programme.json) beside
// it, then compares the batch with two generated county lists (对标).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'apps/cli/dist/bin.js');
const example = join(root, 'examples/suzhou-2018');
const config = join(example, 'jianzheng.config.json');
// JIANZHENG_DEMO_OUT lets the demo's own test write elsewhere than the repository's out/.
const { env } = process;
const out = env.JIANZHENG_DEMO_OUT ?? join(root, 'out');
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
  // Workbooks are shown as one glob per directory.
  const shown = [];
  for (const arg of args) {
    const item = arg.endsWith('.xlsx') ? `${dirname(arg)}/*.xlsx` : arg;
    if (!arg.endsWith('.xlsx') || !shown.includes(item)) shown.push(item);
  }
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
  '--jsonld',
  '--out',
  relative(root, out),
);

// The whole programme (专项清理, domain.md §16): all 63 units' inventories, what the engine proposes
// for each (拟取消), and the first batch as published above. The committed programme file names the
// workbooks; this run's copy adds the publication it just wrote.
const programmeFile = JSON.parse(readFileSync(join(example, 'programme.json'), 'utf8'));
mkdirSync(out, { recursive: true });
const programmePath = join(out, 'programme.json');
writeFileSync(
  programmePath,
  `${JSON.stringify(
    {
      ...programmeFile,
      workbooks: programmeFile.workbooks.map((dir) => relative(out, join(example, dir)) || '.'),
      batches: programmeFile.batches.map((b) =>
        b.id === 'first' ? { ...b, publication: join(batch, 'v1.json') } : b,
      ),
    },
    null,
    2,
  )}\n`,
);
const help = spawnSync(process.execPath, [bin, 'report', '--help'], { cwd: root, encoding: 'utf8' });
if (help.stdout.includes('--programme')) {
  jianzheng('report', '--programme', relative(root, programmePath), '--config', relative(root, config));
} else {
  // A CLI without `report --programme`: the per-unit table of all 63 units' workbooks, whose
  // 取消 column is what the engine would cancel — the programme's proposals (拟取消).
  const all = [
    ...workbooks,
    ...readdirSync(join(example, 'programme'))
      .filter((name) => name.endsWith('.xlsx'))
      .sort()
      .map((name) => relative(root, join(example, 'programme', name))),
  ];
  console.error(
    '\n（此版本的 jianzheng 没有 report --programme：以下为 63 家单位全部清单的规则结论，取消即拟取消）',
  );
  jianzheng('report', ...all, '--config', relative(root, config));
}

// 对标: two neighbouring counties' lists, generated (砀山 from 宿州's list, 萧县 from 砀山's: same
// items, a few decided the other way, some items not listed), then the comparison of the three.
const { readPublication, writePublication } = await import('@jianzheng/json/node');
const { derivePublication } = await import('@jianzheng/testkit');
const suzhou = await readPublication(join(out, batch, 'v1.json'));
const counties = [
  { code: '341321', name: '砀山县', id: 'dangshan-2018-first', seed: 3 },
  { code: '341322', name: '萧县', id: 'xiaoxian-2018-first', seed: 7 },
];
const compared = [relative(root, join(out, batch, 'v1.json'))];
let source = suzhou;
for (const county of counties) {
  rmSync(join(out, county.id), { recursive: true, force: true });
  const pub = derivePublication(source, {
    jurisdiction: { code: county.code, name: county.name, level: 'county' },
    batch: {
      id: county.id,
      title: `${county.name}第一批取消证明材料清单（示例）`,
      documentNumber: `示例·${county.name}2018-1号`,
    },
    seed: county.seed,
    cancelRetained: 0.003,
    retainCancelled: 0.002,
  });
  source = pub;
  compared.push(relative(root, await writePublication(out, pub)));
}
console.error(`\n（砀山县、萧县的清单由 宿州 清单生成，仅作对标示例 — generated examples）`);
jianzheng('compare', ...compared, '--rows', '8');

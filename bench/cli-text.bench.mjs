// The CLI's terminal text (#29 item 5): string-width and cli-table3, which the CLI uses, next to
// the hand-written width and table code they replaced (kept here, verbatim, as the baseline of the
// same run). Two workloads: the `evaluate` table's measuring pass (every cell of every row, the
// part that grows with the input) and a `report`-sized table drawn whole. Prints; asserts nothing.
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = createRequire(join(dirname(fileURLToPath(import.meta.url)), '../apps/cli/package.json'));
const load = async (name) => (await import(pathToFileURL(cli.resolve(name)).href)).default;
const stringWidth = await load('string-width');
const Table = await load('cli-table3');
const ROWS = Number(process.env.BENCH_CLI_ROWS ?? 200_000);

// ---- baseline: the CLI's own code before #29 ----
const WIDE = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x20000, 0x3fffd],
];
const ANSI = /\u001b\[[0-9;]*m/g;
function ownWidth(text) {
  let width = 0;
  for (const char of text.replace(ANSI, '')) {
    const code = char.codePointAt(0);
    if (code < 0x20 || (code >= 0x300 && code <= 0x36f) || code === 0x200b) continue;
    width += WIDE.some(([from, to]) => code >= from && code <= to) ? 2 : 1;
  }
  return width;
}
const pad = (width) => (text, w) => text + ' '.repeat(Math.max(0, w - width(text)));
function ownTable(columns, rows) {
  const widths = columns.map((c, i) =>
    Math.max(ownWidth(c.header), ...rows.map((r) => ownWidth(r[i] ?? ''))),
  );
  const padEnd = pad(ownWidth);
  const line = (cells) =>
    cells
      .map((cell, i) => padEnd(cell, widths[i]))
      .join('  ')
      .trimEnd();
  const rule = '─'.repeat(widths.reduce((a, b) => a + b, 0) + 2 * (columns.length - 1));
  return [line(columns.map((c) => c.header)), rule, ...rows.map(line)].join('\n');
}

// ---- what the CLI does now (apps/cli/src/table.ts) ----
const CHARS = {
  top: '',
  'top-mid': '',
  'top-left': '',
  'top-right': '',
  bottom: '',
  'bottom-mid': '',
  'bottom-left': '',
  'bottom-right': '',
  left: '',
  'left-mid': '',
  mid: '─',
  'mid-mid': '──',
  right: '',
  'right-mid': '',
  middle: '  ',
};
function libTable(columns, rows) {
  const table = new Table({
    head: columns.map((c) => c.header),
    chars: CHARS,
    style: { head: [], border: [], compact: true, 'padding-left': 0, 'padding-right': 0 },
  });
  for (const row of rows) table.push(row);
  return table
    .toString()
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n');
}

const DEPARTMENTS = [
  '市公安局',
  '市民政局',
  '市人力资源和社会保障局',
  '市市场监督管理局',
  '市卫生健康委员会',
];
const MATERIALS = [
  '居民身份证',
  '户口簿（原件及复印件）',
  '营业执照副本',
  '无犯罪记录证明',
  'Application form A-3',
];
const row = (i) => [
  DEPARTMENTS[i % 5],
  `第${i % 977}号事项：${i % 3 ? '企业登记' : '户口迁移登记'}`,
  MATERIALS[i % 5],
  i % 3 ? '取消' : '保留',
  i % 3 ? '通过信息共享获取' : '',
  '一致',
  (i * 2654435761).toString(16).padStart(16, '0').slice(0, 16),
];
const rows = Array.from({ length: ROWS }, (_, i) => row(i));

const time = (fn) => {
  const start = process.hrtime.bigint();
  const result = fn();
  return { s: Number(process.hrtime.bigint() - start) / 1e9, result };
};
const measure = (width) => () => {
  let total = 0;
  for (const r of rows) for (const cell of r) total += width(cell);
  return total;
};
const columns = ['部门', '事项', '材料', '结论', '类别', '部门意见', '编号'].map((header) => ({ header }));
const small = rows.slice(0, Number(process.env.BENCH_CLI_TABLE_ROWS ?? 2_000));

const runs = [];
for (let round = 0; round < 2; round++) {
  const own = time(measure(ownWidth));
  const lib = time(measure(stringWidth));
  const ownT = time(() => ownTable(columns, small));
  const libT = time(() => libTable(columns, small));
  if (own.result !== lib.result) console.log(`widths differ: own ${own.result}, string-width ${lib.result}`);
  if (ownT.result !== libT.result) console.log('tables differ');
  runs.push({ own: own.s, lib: lib.s, ownT: ownT.s, libT: libT.s });
}
const best = (key) => Math.min(...runs.map((r) => r[key]));
console.log(
  `CLI text, load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')}, best of ${runs.length}`,
);
console.log(
  `evaluate measuring pass, ${ROWS.toLocaleString('en-US')} rows × 7 cells: own ${best('own').toFixed(2)} s, ` +
    `string-width ${best('lib').toFixed(2)} s → ${(best('lib') / best('own')).toFixed(2)} × the own code`,
);
console.log(
  `table of ${small.length.toLocaleString('en-US')} rows: own ${(best('ownT') * 1000).toFixed(0)} ms, ` +
    `cli-table3 ${(best('libT') * 1000).toFixed(0)} ms → ${(best('libT') / best('ownT')).toFixed(2)} ×`,
);

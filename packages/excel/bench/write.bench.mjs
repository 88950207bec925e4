// Benchmark (not a test): the official attachment written by writePublicationWorkbook vs
// exceljs's own raw streaming WorkbookWriter writing the same cell values (no titles, merges
// or borders) — the baseline, as in bench/e2e-million.bench.mjs.
//   node bench/write.bench.mjs                    1,000,000 materials
//   BENCH_MATERIALS=100000 node bench/write.bench.mjs
//   BENCH_LEVELS=1,3,6 node bench/write.bench.mjs  (deflate levels of the new writer to compare)
// Runs against dist (build first). Each measurement runs in its own child process, so its peak
// RSS (maxRSS) is its own; every child builds the same seeded publication before the clock starts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CATEGORIES } from '@jianzheng/core';
import {
  ITEM_NOUNS,
  ITEM_VERBS,
  LEGAL_BASES,
  MATERIAL_STEMS,
  seededRandom,
  ISSUERS as TESTKIT_ISSUERS,
  writeCellsWithExceljs,
} from '@jianzheng/testkit';

const args = process.argv.slice(2);
const self = fileURLToPath(import.meta.url);
const COUNT = Number(process.env.BENCH_MATERIALS ?? 1_000_000);
const LEVELS = (process.env.BENCH_LEVELS ?? '3').split(',').map(Number);

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'jz-excel-write-bench-'));
  try {
    console.log(
      `${COUNT.toLocaleString('en')} materials, load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    const raw = measure('raw', join(dir, 'raw.xlsx'));
    report('exceljs raw streaming write (baseline)', raw);
    const runs = LEVELS.map((level) => {
      const run = measure('attachment', join(dir, `attachment-${level}.xlsx`), level);
      report(`writePublicationWorkbook (deflate ${level})`, run);
      return { level, run };
    });
    console.log('');
    for (const { level, run } of runs) {
      console.log(
        `ratio attachment (deflate ${level}) / exceljs raw: ${(run.seconds / raw.seconds).toFixed(2)} ×  (target: well under 1; ≤ 15 s at 1M)`,
      );
    }
    console.log(
      `load average after: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(name, run) {
  console.log(
    `${name.padEnd(42)} ${run.seconds.toFixed(2).padStart(7)} s (CPU ${run.cpuSeconds.toFixed(2)} s)  ${Math.round(
      run.rows / run.seconds,
    )
      .toLocaleString('en')
      .padStart(
        9,
      )} rows/s  peak RSS ${run.maxRssMb.toFixed(0).padStart(5)} MB (publication ${run.heldMb.toFixed(0)})  file ${(run.bytes / 1048576).toFixed(1)} MB  load ${run.load.toFixed(2)}`,
  );
}

function measure(mode, path, level = 3) {
  const result = spawnSync(process.execPath, [self, '--child', mode, path, String(level)], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (result.status !== 0) throw new Error(`${mode} child failed: ${result.stderr}`);
  const run = JSON.parse(result.stdout.trim().split('\n').at(-1));
  return { ...run, bytes: statSync(path).size };
}

async function child(mode, path, level) {
  const publication = buildPublication(COUNT);
  globalThis.gc?.();
  // What the publication alone holds, so the writer's own share of the peak can be told apart.
  const heldMb = process.memoryUsage().rss / 1048576;
  const load = loadavg()[0];
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  let rows = COUNT;
  if (mode === 'raw') {
    rows = await writeCellsWithExceljs(publication, path);
  } else {
    const { writePublicationWorkbook } = await import('@jianzheng/excel');
    await writePublicationWorkbook(publication, path, { compressionLevel: level });
  }
  const seconds = (performance.now() - start) / 1000;
  // CPU time of the whole process (zlib's thread pool included): steadier than wall time when
  // other work shares the machine.
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ mode, seconds, cpuSeconds, rows, maxRssMb, heldMb, load }));
}

// Names from testkit's vocabulary and the default categories, so the bench's list looks like the
// generated national workbooks; issuers and sources include blanks (null) as real lists do.
const TYPES = ['行政许可', '行政确认', '行政给付', '行政备案', '公共服务', '其他行政权力'];
const ISSUERS = [...TESTKIT_ISSUERS.slice(0, 7), null];
const SOURCES = ['申请人自备', '政府部门核发', '中介机构出具', '其他', null];
const LAWS = [...LEGAL_BASES.slice(0, 5), null];
const CATEGORIES = DEFAULT_CATEGORIES.map((c) => ({ id: c.id, zh: c.label.zh, en: c.label.en }));

function buildPublication(count) {
  // Seeded, so every child builds the same publication.
  const random = seededRandom(20181113);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const departments = [];
  for (let d = 0; d < 200; d++) departments.push({ name: `市第${d + 1}局`, items: [] });
  let made = 0;
  let itemNo = 0;
  while (made < count) {
    itemNo++;
    const department = departments[itemNo % departments.length];
    const n = Math.min(count - made, 5 + Math.floor(random() * 11));
    const materials = [];
    for (let m = 0; m < n; m++) {
      const cancel = random() < 0.3;
      const category = cancel ? pick(CATEGORIES) : null;
      const law = pick(LAWS);
      materials.push({
        id: `m${made + m}`,
        name: `${m + 1}、${pick(MATERIAL_STEMS)}${random() < 0.3 ? '（原件及复印件）' : ''}`,
        verdict: cancel ? 'cancel' : 'retain',
        category,
        ruleId: cancel ? `R-${category.id}` : null,
        replacement: cancel && random() < 0.5 ? '通过全国一体化政务服务平台核验' : null,
        reason: cancel
          ? `依据规则 ${category.id}：${category.zh}（事项 ${itemNo}）`
          : `设定依据：${law ?? '无'}`,
        status: 'auto',
        source: pick(SOURCES),
        issuer: pick(ISSUERS),
        legalBasis: law,
      });
    }
    department.items.push({
      code: `3413${String(itemNo).padStart(8, '0')}`,
      name: `${pick(ITEM_NOUNS)}${pick(ITEM_VERBS)}（${itemNo}）`,
      type: pick(TYPES),
      materials,
    });
    made += n;
  }
  return {
    schemaVersion: '1.0',
    jurisdiction: { code: '000000', name: '全国（合成数据）', level: 'province' },
    batch: {
      id: 'bench',
      title: '基准测试第一批',
      documentNumber: null,
      approvedAt: null,
      adjustmentReason: null,
    },
    version: 1,
    publishedAt: '2026-11-26T00:00:00Z',
    ruleSet: { id: 'default', version: '1' },
    summary: {},
    departments,
    sha256: '0'.repeat(64),
  };
}

// Dispatch last: the tables above must be initialised before the code runs.
if (args[0] === '--child') {
  await child(args[1], args[2], Number(args[3]));
} else {
  await main();
}

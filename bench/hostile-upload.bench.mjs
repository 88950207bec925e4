// Issue 13, "Done when": the server's RSS stays under 1 GB and /health answers within 1 s while it
// is sent the hostile files of the issue, three at a time. The real `jianzheng serve` (default
// limits) runs in its own process; this one samples its RSS (/proc) and /health latency
// throughout. Baseline of the same run: the same server taking ordinary uploads, three at a time.
// Every file is generated here, in a temp folder, and removed at the end.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  readZip,
  repeatedDeflate,
  writeBadInputCorpus,
  writeSyntheticWorkbooks,
  writeZip,
} from '@jianzheng/testkit';
import ExcelJS from 'exceljs';
import { record } from './results.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const BIN = resolve(HERE, '../apps/cli/dist/bin.js');
const ROUNDS = Number(process.env.BENCH_HOSTILE_ROUNDS ?? 3);
const PARALLEL = 3;
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const dir = mkdtempSync(join(tmpdir(), 'jz-bench-hostile-'));
const dbPath = join(dir, 'jianzheng.db');

// ---- the hostile files -------------------------------------------------------------------------

/** A one-sheet workbook written by exceljs whose worksheet part is replaced by `sheet`. */
async function withSheet(sheet) {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('市公安局').addRow(['实施部门', '事项名称', '材料名称']);
  const base = Buffer.from(await workbook.xlsx.writeBuffer());
  return writeZip(readZip(base).map((e) => (e.name === 'xl/worksheets/sheet1.xml' ? sheet(e.name) : e)));
}

const cell = (text) => `<c t="inlineStr"><is><t>${text}</t></is></c>`;
const head = Buffer.from(
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}"><sheetData><row>${cell('实施部门')}${cell('事项名称')}${cell('材料名称')}</row>`,
);
const tail = Buffer.from('</sheetData></worksheet>');

// 1.5 million identical rows in a few MB (the issue's 4.8 MB file that took 213 s and 6.4 GB of database).
const repeatedRows = await withSheet((name) =>
  repeatedDeflate(
    name,
    head,
    Buffer.from(`<row>${cell('市公安局')}${cell('户口迁移')}${cell('居民身份证')}</row>`.repeat(1000)),
    1500,
    tail,
  ),
);
// One cell of 900 million characters in under 1 MB (the issue's 1.9 GB RSS before its 422).
const hugeCell = await withSheet((name) =>
  repeatedDeflate(
    name,
    Buffer.concat([head, Buffer.from(`<row>${cell('市公安局')}${cell('户口迁移')}<c t="inlineStr"><is><t>`)]),
    Buffer.alloc(1024 * 1024, 0x41),
    900,
    Buffer.concat([Buffer.from('</t></is></c></row>'), tail]),
  ),
);
const corpus = await writeBadInputCorpus(join(dir, 'corpus'));
const fromCorpus = (id) => readFileSync(corpus.find((c) => c.id === id).path);
const files = {
  'shared-strings bomb (150 M <si/>)': fromCorpus('shared-strings-bomb'),
  'zip bomb (> 1 GiB inflated)': fromCorpus('zip-bomb'),
  '1.5 M repeated rows': repeatedRows,
  'one 900 M-character cell': hugeCell,
};
const FORM_BYTES = 300 * 1024 * 1024;

// ---- the server --------------------------------------------------------------------------------

const admin = spawnSync(process.execPath, [BIN, 'token', 'create', '--role', 'admin', '--db', dbPath], {
  encoding: 'utf8',
}).stdout.trim();
const server = spawn(process.execPath, [BIN, 'serve', '--db', dbPath, '--port', '0'], {
  env: { ...process.env, NO_COLOR: '1' },
  stdio: ['ignore', 'ignore', 'pipe'],
});
const url = await new Promise((done, fail) => {
  let text = '';
  server.stderr.on('data', (chunk) => {
    text += chunk;
    const match = /http:\/\/[\d.]+:\d+/.exec(text);
    if (match) done(match[0]);
  });
  server.on('exit', (code) => fail(new Error(`serve exited with ${code}: ${text}`)));
});
let serverDied;
server.on('exit', (code, signal) => {
  serverDied = `exit ${code} ${signal ?? ''}`;
});

async function call(method, path, body, headers = {}) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${admin}`, ...headers },
    body,
    duplex: 'half',
  });
  const text = await res.text();
  return { status: res.status, text };
}

const rssMb = () => {
  const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
};

/** Samples RSS every 100 ms and /health back to back (timeout 10 s) until stopped. */
function sampler() {
  const out = { maxRss: 0, health: [], failures: 0, running: true };
  const rss = setInterval(() => {
    try {
      out.maxRss = Math.max(out.maxRss, rssMb());
    } catch {}
  }, 100);
  const health = (async () => {
    while (out.running) {
      const start = performance.now();
      try {
        const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(10_000) });
        await res.text();
        if (!res.ok) out.failures++;
      } catch {
        out.failures++;
      }
      out.health.push(performance.now() - start);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return {
    async stop() {
      out.running = false;
      clearInterval(rss);
      await health;
      const sorted = [...out.health].sort((a, b) => a - b);
      return {
        maxRssMb: Math.round(out.maxRss),
        healthMaxMs: Math.round(sorted.at(-1) ?? 0),
        healthP99Ms: Math.round(sorted[Math.floor(sorted.length * 0.99)] ?? 0),
        healthSamples: sorted.length,
        healthFailures: out.failures,
      };
    },
  };
}

/** Runs the tasks PARALLEL at a time. */
async function threeAtATime(tasks) {
  const results = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      while (next < tasks.length) {
        const task = tasks[next++];
        results.push(await task());
      }
    }),
  );
  return results;
}

const upload = (name, bytes) => async () => {
  const form = new FormData();
  form.append('files', new File([bytes], `${name}.xlsx`));
  const start = performance.now();
  const res = await call('POST', '/api/batches/hostile/imports', form);
  let code = '';
  try {
    const body = JSON.parse(res.text);
    code =
      body.files?.flatMap((f) => f.issues.filter((i) => i.severity === 'error').map((i) => i.code))[0] ??
      body.code;
  } catch {}
  return { name, status: res.status, code, ms: performance.now() - start };
};

/** 300 MB of urlencoded form, streamed (never held), with no Content-Length. */
const hugeForm = () => async () => {
  let sent = 0;
  const chunk = Buffer.alloc(1024 * 1024, 0x61);
  const body = new ReadableStream({
    pull(controller) {
      if (sent >= FORM_BYTES) return controller.close();
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
  const start = performance.now();
  let status = 0;
  try {
    const res = await fetch(`${url}/operator/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: url },
      body,
      duplex: 'half',
    });
    status = res.status;
    await res.text();
  } catch (error) {
    status = `closed (${error.cause?.code ?? error.message})`;
  }
  return {
    name: '300 MB page-form body',
    status,
    code: `${Math.round(sent / 1048576)} MB sent`,
    ms: performance.now() - start,
  };
};

// ---- the run -----------------------------------------------------------------------------------

const synthetic = await writeSyntheticWorkbooks({
  dir: join(dir, 'good'),
  materials: 3000,
  departments: 1,
  workbooks: 1,
});
const good = synthetic.workbooks[0];
const created = await call(
  'POST',
  '/api/batches',
  JSON.stringify({
    id: 'hostile',
    title: '压力',
    departments: [...good.departments, '市公安局'],
    jurisdiction: { code: '341300', name: '宿州市', level: 'city' },
  }),
  {
    'content-type': 'application/json',
  },
);
if (created.status !== 201) throw new Error(created.text);

const idleRss = Math.round(rssMb());
const goodBytes = readFileSync(good.path);
const baselineSampler = sampler();
const baselineResults = await threeAtATime(
  Array.from({ length: 3 * ROUNDS }, () => upload('ordinary 3,000 materials', goodBytes)),
);
const baseline = await baselineSampler.stop();

const hostileSampler = sampler();
const tasks = [];
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, bytes] of Object.entries(files)) tasks.push(upload(name, bytes));
  tasks.push(hugeForm());
}
const results = await threeAtATime(tasks);
const hostile = await hostileSampler.stop();
const alive = serverDied === undefined && (await call('GET', '/health')).status === 200;
server.kill('SIGINT');
await new Promise((r) => server.once('exit', r));

const load = loadavg()
  .map((n) => n.toFixed(2))
  .join(' ');
const byName = new Map();
for (const r of [...baselineResults, ...results]) {
  const entry = byName.get(r.name) ?? { name: r.name, answers: new Set(), ms: [] };
  entry.answers.add(`${r.status}${r.code ? ` ${r.code}` : ''}`);
  entry.ms.push(r.ms);
  byName.set(r.name, entry);
}
console.log(`hostile uploads, ${PARALLEL} at a time, ${ROUNDS} rounds; load ${load}; idle RSS ${idleRss} MB`);
console.log('| request | answers | slowest (s) |');
console.log('|---|---|---:|');
for (const e of byName.values())
  console.log(
    `| ${e.name} (${e.ms.length}×) | ${[...e.answers].join('; ')} | ${(Math.max(...e.ms) / 1000).toFixed(1)} |`,
  );
console.log('');
console.log('| phase | max RSS (MB) | /health max (ms) | /health p99 (ms) | samples | failed |');
console.log('|---|---:|---:|---:|---:|---:|');
console.log(
  `| baseline: ordinary uploads | ${baseline.maxRssMb} | ${baseline.healthMaxMs} | ${baseline.healthP99Ms} | ${baseline.healthSamples} | ${baseline.healthFailures} |`,
);
console.log(
  `| hostile files | ${hostile.maxRssMb} | ${hostile.healthMaxMs} | ${hostile.healthP99Ms} | ${hostile.healthSamples} | ${hostile.healthFailures} |`,
);
console.log('');
console.log(
  `RSS hostile ÷ ordinary: ${(hostile.maxRssMb / baseline.maxRssMb).toFixed(2)} × — target < 1,024 MB: ${hostile.maxRssMb < 1024 ? 'met' : 'NOT met'}; /health max ${hostile.healthMaxMs} ms — target < 1,000 ms: ${hostile.healthMaxMs < 1000 && hostile.healthFailures === 0 ? 'met' : 'NOT met'}; server alive at the end: ${alive}`,
);
record('hostile-upload', {
  idleRss,
  baseline,
  hostile,
  alive,
  answers: [...byName.values()].map((e) => ({ name: e.name, answers: [...e.answers] })),
});
rmSync(dir, { recursive: true, force: true });

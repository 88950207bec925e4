// Issues 13 and 28, "Done when": the server's RSS stays under 1 GB and /health answers within 1 s
// while it is sent the attack set — zip, .ods and .xlsb bombs, a 150 MB shared string, a 100 MB
// cell, three 19 MB CSVs, 40 page dry runs of a 45,000-material workbook, six anonymous 18 MB
// comparisons and a 300 MB form — three and then six at a time, with ordinary uploads running
// beside them. The real `jianzheng serve` (default limits) runs in its own process; this one
// samples its RSS (/proc, worker threads included) and /health latency throughout. Baseline of the
// same run: the same server taking only ordinary uploads. Files are made in a temp folder, removed.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSyntheticWorkbooks } from '@jianzheng/testkit';
import { comparison18, csv19, issue13Files, issue28Files } from './hostile-files.mjs';
import { record } from './results.mjs';
import { sampler } from './rss-health-sampler.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const BIN = resolve(HERE, '../apps/cli/dist/bin.js');
const LEVELS = [3, 6];
const dir = mkdtempSync(join(tmpdir(), 'jz-bench-hostile-'));
const dbPath = join(dir, 'jianzheng.db');
const FORM_BYTES = 300 * 1024 * 1024;

const files = { ...(await issue13Files(dir)), ...(await issue28Files()) };
const csv = csv19();
const comparison = comparison18();

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

async function call(method, path, body, headers = {}, who = admin) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: who ? { authorization: `Bearer ${who}`, ...headers } : headers,
    body,
    duplex: 'half',
    redirect: 'manual',
  });
  const text = await res.text();
  return { status: res.status, text, headers: res.headers };
}

/** The first named error of an answer (a file's error issue, or the problem's code). */
function codeOf(text) {
  try {
    const body = JSON.parse(text);
    return (
      body.files?.flatMap((f) => f.issues.filter((i) => i.severity === 'error').map((i) => i.code))[0] ??
      body.code ??
      ''
    );
  } catch {
    return '';
  }
}

const timed = (name, run) => async () => {
  const start = performance.now();
  let answer;
  try {
    answer = await run();
  } catch (error) {
    answer = { status: `failed (${error.cause?.code ?? error.message})`, code: '' };
  }
  return { name, ...answer, ms: performance.now() - start };
};

const upload = (name, bytes) =>
  timed(name, async () => {
    const form = new FormData();
    form.append('files', new File([bytes], name));
    const res = await call('POST', '/api/batches/hostile/imports', form);
    return { status: res.status, code: codeOf(res.text) };
  });

const anonymousComparison = () =>
  timed('anonymous 18 MB comparison', async () => {
    const res = await call(
      'POST',
      '/api/comparisons',
      comparison,
      { 'content-type': 'application/json' },
      null,
    );
    return { status: res.status, code: codeOf(res.text) };
  });

/** 300 MB of urlencoded form, streamed (never held), with no Content-Length. */
const hugeForm = () =>
  timed('300 MB page-form body', async () => {
    let sent = 0;
    const chunk = Buffer.alloc(1024 * 1024, 0x61);
    const body = new ReadableStream({
      pull(controller) {
        if (sent >= FORM_BYTES) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const res = await call(
      'POST',
      '/operator/login',
      body,
      {
        'content-type': 'application/x-www-form-urlencoded',
        origin: url,
      },
      null,
    );
    return { status: res.status, code: `${Math.round(sent / 1048576)} MB sent` };
  });

// ---- the page's dry runs -----------------------------------------------------------------------

const cookiesOf = (res) => res.headers.getSetCookie().map((c) => c.split(';')[0]);
const formToken = (html) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];

/** Logs in on the operator pages as a browser would; the cookie header of the session. */
async function pageSession() {
  const first = await call('GET', '/operator', undefined, {}, null);
  const anonymous = cookiesOf(first).join('; ');
  const login = await call(
    'POST',
    '/operator/login',
    new URLSearchParams({ token: admin, _csrf: formToken(first.text) }).toString(),
    { 'content-type': 'application/x-www-form-urlencoded', origin: url, cookie: anonymous },
    null,
  );
  return cookiesOf(login).find((c) => c.startsWith('jz_token='));
}

const dryRun = (cookie, bytes) =>
  timed('page dry run, 45,000 materials', async () => {
    const page = await call('GET', '/operator/batches/hostile/upload', undefined, { cookie }, null);
    const form = new FormData();
    form.append('_csrf', formToken(page.text));
    form.append('files', new File([bytes], 'dry-run.xlsx'));
    const res = await call('POST', '/operator/batches/hostile/upload', form, { cookie, origin: url }, null);
    const held = res.headers.get('location')?.includes('pending=');
    return {
      status: res.status,
      code: res.status === 303 ? (held ? 'report held' : 'refused: cap') : codeOf(res.text),
    };
  });

// ---- the run -----------------------------------------------------------------------------------

const good = (
  await writeSyntheticWorkbooks({ dir: join(dir, 'good'), materials: 3000, departments: 1, workbooks: 1 })
).workbooks[0];
const big = (
  await writeSyntheticWorkbooks({
    dir: join(dir, 'big'),
    materials: 45_000,
    departments: 1,
    workbooks: 1,
    departmentOffset: 7,
  })
).workbooks[0];
const created = await call(
  'POST',
  '/api/batches',
  JSON.stringify({
    id: 'hostile',
    title: '压力',
    departments: [...good.departments, ...big.departments, '市公安局'],
    jurisdiction: { code: '341300', name: '宿州市', level: 'city' },
  }),
  { 'content-type': 'application/json' },
);
if (created.status !== 201) throw new Error(created.text);
const cookie = await pageSession();
if (!cookie) throw new Error('page login failed');

/** Runs the tasks `n` at a time. */
async function atATime(n, tasks) {
  const results = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < tasks.length) results.push(await tasks[next++]());
    }),
  );
  return results;
}

const idleRss = sampler(url, server.pid).rssNow();
const goodBytes = readFileSync(good.path);
const bigBytes = readFileSync(big.path);
const baselineSampler = sampler(url, server.pid);
const baselineResults = await atATime(
  3,
  Array.from({ length: 9 }, () => upload('ordinary 3,000 materials', goodBytes)),
);
const baseline = await baselineSampler.stop();

const phases = [];
const results = [...baselineResults];
for (const level of LEVELS) {
  const tasks = [
    ...Object.entries(files).map(([name, bytes]) => upload(name, bytes)),
    ...[1, 2, 3].map((i) => upload(`19 MB CSV #${i}.csv`, csv)),
    ...Array.from({ length: 40 }, () => dryRun(cookie, bigBytes)),
    ...Array.from({ length: 6 }, anonymousComparison),
    hugeForm(),
  ];
  const phaseSampler = sampler(url, server.pid);
  // Ordinary uploads beside the attack, one at a time, for as long as it lasts.
  let attacking = true;
  const beside = (async () => {
    const out = [];
    while (attacking) out.push(await upload('ordinary upload beside the attack', goodBytes)());
    return out;
  })();
  results.push(...(await atATime(level, tasks)));
  attacking = false;
  results.push(...(await beside));
  phases.push({ level, ...(await phaseSampler.stop()) });
}
const alive = serverDied === undefined && (await call('GET', '/health')).status === 200;
server.kill('SIGINT');
await new Promise((r) => server.once('exit', r));

const load = loadavg()
  .map((n) => n.toFixed(2))
  .join(' ');
const byName = new Map();
for (const r of results) {
  const entry = byName.get(r.name) ?? { name: r.name, answers: new Map(), ms: [] };
  const answer = `${r.status}${r.code ? ` ${r.code}` : ''}`;
  entry.answers.set(answer, (entry.answers.get(answer) ?? 0) + 1);
  entry.ms.push(r.ms);
  byName.set(r.name, entry);
}
console.log(`hostile load, ${LEVELS.join(' then ')} at a time; load ${load}; idle RSS ${idleRss} MB`);
console.log('| request | answers (count) | slowest (s) |');
console.log('|---|---|---:|');
for (const e of byName.values())
  console.log(
    `| ${e.name} (${e.ms.length}×) | ${[...e.answers].map(([a, n]) => `${a} (${n})`).join('; ')} | ${(Math.max(...e.ms) / 1000).toFixed(1)} |`,
  );
console.log('');
console.log('| phase | max RSS (MB) | /health max (ms) | /health p99 (ms) | samples | failed |');
console.log('|---|---:|---:|---:|---:|---:|');
const row = (name, p) =>
  console.log(
    `| ${name} | ${p.maxRssMb} | ${p.healthMaxMs} | ${p.healthP99Ms} | ${p.healthSamples} | ${p.healthFailures} |`,
  );
row('baseline: ordinary uploads, 3 at a time', baseline);
for (const p of phases) row(`attack set, ${p.level} at a time, ordinary uploads beside`, p);
console.log('');
const worstRss = Math.max(...phases.map((p) => p.maxRssMb));
const worstHealth = Math.max(...phases.map((p) => p.healthMaxMs));
const failures = phases.reduce((n, p) => n + p.healthFailures, 0);
console.log(
  `RSS attack ÷ ordinary: ${(worstRss / baseline.maxRssMb).toFixed(2)} × — target < 1,024 MB: ${worstRss < 1024 ? 'met' : 'NOT met'}; /health max ${worstHealth} ms — target < 1,000 ms: ${worstHealth < 1000 && failures === 0 ? 'met' : 'NOT met'}; server alive at the end: ${alive}`,
);
record('hostile-upload', {
  idleRss,
  baseline,
  phases,
  alive,
  answers: [...byName.values()].map((e) => ({ name: e.name, answers: Object.fromEntries(e.answers) })),
});
rmSync(dir, { recursive: true, force: true });

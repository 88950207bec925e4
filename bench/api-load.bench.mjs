// API load on loopback: the published list and a material search through the jianzheng API,
// side by side with a bare Hono route serving the same bytes from the same server process.
// Bounded in time and count. Prints throughput, p50/p99 and the ratio to the bare route.
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { failures, runLoad } from './load.mjs';
import { record } from './results.mjs';

const DURATION = Number(process.env.BENCH_API_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_API_CONNECTIONS ?? 10);
const MAX_REQUESTS = Number(process.env.BENCH_API_MAX_REQUESTS ?? 200_000);

const child = spawn(process.execPath, [join(import.meta.dirname, 'api-servers.mjs')], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const setup = await new Promise((resolve, reject) => {
  let out = '';
  child.stdout.on('data', (chunk) => {
    out += chunk;
    const line = out.split('\n').find((l) => l.startsWith('{'));
    if (line) resolve(JSON.parse(line));
  });
  child.once('exit', (code) => reject(new Error(`servers exited (${code}) before ready`)));
});
console.log(
  `servers ready: ${setup.materials.toLocaleString('en-US')} materials published; list ${(setup.listBytes / 1024).toFixed(0)} KiB, search page ${(setup.searchBytes / 1024).toFixed(1)} KiB`,
);

const run = (url, headers) =>
  runLoad(url, { connections: CONNECTIONS, duration: DURATION, maxRequests: MAX_REQUESTS, headers });

const auth = { authorization: `Bearer ${setup.token}` };
const pairs = [
  ['published list (latest JSON)', `${setup.api}${setup.list}`, {}, `${setup.bare}/list`],
  [
    'published list revalidation (If-None-Match → 304)',
    `${setup.api}${setup.list}`,
    { 'if-none-match': setup.listEtag },
    `${setup.bare}/list-revalidate`,
    304,
  ],
  ['material search (q=身份证, 50/page)', `${setup.api}${setup.search}`, auth, `${setup.bare}/search`],
];
// Responses other than the expected status (200, or 304 for a revalidation) count as errors.
const figures = [];
try {
  for (const [name, url, headers, bareUrl, status = 200] of pairs) {
    // Bare first, then ours, then bare again: the bare figure is the mean of the two around ours.
    const load = loadavg()[0];
    const bare1 = await run(bareUrl, headers);
    const ours = await run(url, headers);
    const bare2 = await run(bareUrl, headers);
    const bareRps = (bare1.requests.average + bare2.requests.average) / 2;
    const row = {
      name,
      load,
      ours: {
        rps: ours.requests.average,
        p50: ours.latency.p50,
        p99: ours.latency.p99,
        errors: failures(ours, status),
        requests: ours.requests.total,
      },
      bare: {
        rps: bareRps,
        p50: (bare1.latency.p50 + bare2.latency.p50) / 2,
        p99: Math.max(bare1.latency.p99, bare2.latency.p99),
        errors: failures(bare1, status) + failures(bare2, status),
      },
      ratio: ours.requests.average / bareRps,
    };
    figures.push(row);
    console.log(
      `${name}\n  jianzheng ${Math.round(row.ours.rps).toLocaleString('en-US')} req/s  p50 ${row.ours.p50} ms  p99 ${row.ours.p99} ms  errors ${row.ours.errors}\n  bare Hono ${Math.round(row.bare.rps).toLocaleString('en-US')} req/s  p50 ${row.bare.p50} ms  p99 ${row.bare.p99} ms  errors ${row.bare.errors}\n  ratio ${(row.ratio * 100).toFixed(0)} % of the bare route (target ≥ 70 % for the published list)  load ${load.toFixed(2)}`,
    );
  }
} finally {
  child.kill('SIGTERM');
}
record('api', {
  connections: CONNECTIONS,
  seconds: DURATION,
  materials: setup.materials,
  listBytes: setup.listBytes,
  figures,
});

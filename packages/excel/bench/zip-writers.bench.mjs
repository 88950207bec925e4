// Benchmark (not a test): the zip layer of the attachment writer with each maintained zip library,
// fed the parts of a real attachment (written by writePublicationWorkbook, read back with yauzl),
// each candidate in its own child process, best of BENCH_ROUNDS. Why the writer uses fflate's
// streaming Zip with Node's zlib deflate and zlib.crc32: bench/RESULTS.md.
//   node bench/zip-writers.bench.mjs                 100,000 materials, parts held in memory
//   BENCH_MATERIALS=1000000 node bench/zip-writers.bench.mjs   parts streamed from the file
// yazl and zip-stream are resolved from the workspace (testkit, exceljs's archiver); @zip.js/zip.js
// is measured only if installed.
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import * as zlib from 'node:zlib';
import { Zip, ZipDeflate } from 'fflate';
import yauzl from 'yauzl';
import yazl from 'yazl';
import ZipStream from 'zip-stream';

const [src, which, outPath] = process.argv.slice(3);
const LEVEL = 3;
const CHUNK = 256 * 1024;

// parts as async iterables of Buffers, read from the attachment with yauzl
async function partsOf(path) {
  const zip = await new Promise((res, rej) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false }, (e, z) => (e ? rej(e) : res(z))),
  );
  const entries = [];
  await new Promise((resolve, reject) => {
    zip.on('entry', (e) => {
      entries.push(e);
      zip.readEntry();
    });
    zip.on('end', resolve);
    zip.on('error', reject);
    zip.readEntry();
  });
  return entries.map((e) => ({
    name: e.fileName,
    async *chunks() {
      const stream = await new Promise((res, rej) =>
        zip.openReadStream(e, (er, s) => (er ? rej(er) : res(s))),
      );
      let pending = [];
      let size = 0;
      for await (const c of stream) {
        pending.push(c);
        size += c.length;
        if (size >= CHUNK) {
          yield Buffer.concat(pending);
          pending = [];
          size = 0;
        }
      }
      if (size) yield Buffer.concat(pending);
    },
  }));
}

function fileSink(path) {
  const s = createWriteStream(path, { highWaterMark: 1024 * 1024 });
  return {
    stream: s,
    write: (c) => s.write(c),
    drain: () => new Promise((r) => s.once('drain', r)),
    end: () => new Promise((r) => s.end(r)),
  };
}

const self = fileURLToPath(import.meta.url);
if (process.argv[2] !== '--child') {
  const COUNT = Number(process.env.BENCH_MATERIALS ?? 100_000);
  const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
  const dir = mkdtempSync(join(tmpdir(), 'jz-zip-bench-'));
  try {
    const source = join(dir, 'attachment.xlsx');
    const made = spawnSync(
      process.execPath,
      [join(dirname(self), 'write.bench.mjs'), '--child', 'attachment', source, '3'],
      { env: { ...process.env, BENCH_MATERIALS: String(COUNT) }, encoding: 'utf8' },
    );
    if (made.status !== 0) throw new Error(made.stderr);
    const inMemory = COUNT <= 200_000;
    console.log(
      `zip layer of a ${COUNT.toLocaleString('en')}-material attachment (${(statSync(source).size / 1048576).toFixed(1)} MB), parts ${inMemory ? 'in memory' : 'streamed from the file (the "read only" row is that cost)'}, deflate level 3, load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    const names = ['fflateNative', 'yazl', 'zipStream', 'fflatePure', 'zipjs'];
    if (!inMemory) names.unshift('none');
    const best = {};
    for (let round = 0; round < ROUNDS; round++) {
      for (const name of names) {
        const out = join(dir, `${name}.zip`);
        const r = spawnSync(process.execPath, [self, '--child', source, name, out], {
          env: { ...process.env, MEM: inMemory ? '1' : '' },
          encoding: 'utf8',
        });
        if (r.status !== 0) {
          best[name] ??= { error: r.stderr.split('\n').find((l) => l.includes('Error')) ?? 'failed' };
          continue;
        }
        const run = JSON.parse(r.stdout.trim().split('\n').at(-1));
        if (!best[name] || best[name].error || run.cpu < best[name].cpu) best[name] = run;
      }
    }
    const base = best.fflateNative;
    const label = {
      none: 'read only (no zip written)',
      fflateNative: 'fflate Zip + zlib deflate + zlib.crc32 (ours)',
      yazl: 'yazl 3 (its deflate, buffer-crc32)',
      zipStream: 'zip-stream 4 (archiver)',
      fflatePure: 'fflate ZipDeflate (JS deflate and CRC)',
      zipjs: '@zip.js/zip.js ZipWriter',
    };
    for (const name of names) {
      const run = best[name];
      if (run.error) {
        console.log(`${label[name].padEnd(48)} skipped: ${run.error}`);
        continue;
      }
      console.log(
        `${label[name].padEnd(48)} wall ${String(run.ms).padStart(6)} ms  CPU ${String(run.cpu).padStart(6)} ms (${(run.cpu / base.cpu).toFixed(2)} ×)  peak RSS ${run.rss} MB  ${(run.bytes / 1048576).toFixed(1)} MB`,
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
  process.exit(0);
}

const writers = {
  async none(parts) {
    for (const p of parts) for await (const _ of p.chunks());
  },
  // fflate frames; deflate + crc native (a custom ZipInputFile)
  async fflateNative(parts, out) {
    const sink = fileSink(out);
    let failure;
    let waiting;
    const zip = new Zip((err, chunk) => {
      if (err) failure = err;
      else if (!sink.write(chunk)) waiting ??= sink.drain().then(() => (waiting = undefined));
    });
    for (const p of parts) {
      const deflate = zlib.createDeflateRaw({
        level: LEVEL,
        memLevel: 9,
        chunkSize: 256 * 1024,
        highWaterMark: 1024 * 1024,
      });
      const file = {
        filename: p.name,
        size: 0,
        crc: 0,
        compression: 8,
        flag: 0,
        mtime: new Date(2026, 10, 26),
        ondata: null,
      };
      zip.add(file);
      let crc = 0;
      let size = 0;
      const ended = new Promise((resolve, reject) => {
        deflate.on('data', (d) => file.ondata(null, d, false));
        deflate.on('end', () => {
          file.crc = crc;
          file.size = size;
          file.ondata(null, new Uint8Array(0), true);
          resolve();
        });
        deflate.on('error', reject);
      });
      for await (const c of p.chunks()) {
        crc = zlib.crc32(c, crc);
        size += c.length;
        if (!deflate.write(c)) await new Promise((r) => deflate.once('drain', r));
        if (waiting) await waiting;
      }
      deflate.end();
      await ended;
      if (waiting) await waiting;
    }
    zip.end();
    if (failure) throw failure;
    await sink.end();
  },
  async fflatePure(parts, out) {
    const sink = fileSink(out);
    let waiting;
    const zip = new Zip((err, chunk) => {
      if (err) throw err;
      if (!sink.write(chunk)) waiting ??= sink.drain().then(() => (waiting = undefined));
    });
    for (const p of parts) {
      const f = new ZipDeflate(p.name, { level: LEVEL });
      zip.add(f);
      for await (const c of p.chunks()) {
        f.push(c);
        if (waiting) await waiting;
      }
      f.push(new Uint8Array(0), true);
    }
    zip.end();
    await sink.end();
  },
  async yazl(parts, out) {
    const zip = new yazl.ZipFile();
    const done = pipeline(zip.outputStream, createWriteStream(out, { highWaterMark: 1024 * 1024 }));
    for (const p of parts) {
      zip.addReadStreamLazy(p.name, { compressionLevel: LEVEL }, (cb) => {
        const pt = new PassThrough({ highWaterMark: 1024 * 1024 });
        (async () => {
          for await (const c of p.chunks()) if (!pt.write(c)) await new Promise((r) => pt.once('drain', r));
          pt.end();
        })();
        cb(null, pt);
      });
    }
    zip.end();
    await done;
  },
  async zipStream(parts, out) {
    const zip = new ZipStream({ level: LEVEL });
    const done = pipeline(zip, createWriteStream(out, { highWaterMark: 1024 * 1024 }));
    for (const p of parts) {
      const pt = new PassThrough({ highWaterMark: 1024 * 1024 });
      const feeding = (async () => {
        for await (const c of p.chunks()) if (!pt.write(c)) await new Promise((r) => pt.once('drain', r));
        pt.end();
      })();
      await new Promise((resolve, reject) =>
        zip.entry(pt, { name: p.name }, (e) => (e ? reject(e) : resolve())),
      );
      await feeding;
    }
    zip.finish();
    await done;
  },
  async zipjs(parts, out) {
    const { ZipWriter, configure } = await import(process.env.ZIPJS ?? '@zip.js/zip.js');
    configure({ useWebWorkers: false });
    const { Writable } = await import('node:stream');
    const ws = createWriteStream(out, { highWaterMark: 1024 * 1024 });
    const writer = new ZipWriter(Writable.toWeb(ws), { level: LEVEL, dataDescriptor: true });
    for (const p of parts) {
      const gen = p.chunks();
      const rs = new ReadableStream({
        async pull(ctl) {
          const { value, done } = await gen.next();
          if (done) ctl.close();
          else ctl.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.length));
        },
      });
      await writer.add(p.name, rs);
    }
    await writer.close();
  },
};

let parts = await partsOf(src);
if (process.env.MEM) {
  const loaded = [];
  for (const p of parts) {
    const chunks = [];
    for await (const c of p.chunks()) chunks.push(c);
    loaded.push({
      name: p.name,
      async *chunks() {
        yield* chunks;
      },
    });
  }
  parts = loaded;
}
const t = performance.now();
const cpu0 = process.cpuUsage();
await writers[which](parts, outPath);
const ms = performance.now() - t;
console.log(
  JSON.stringify({
    which,
    ms: Math.round(ms),
    cpu: Math.round((process.cpuUsage(cpu0).user + process.cpuUsage(cpu0).system) / 1000),
    rss: Math.round(process.resourceUsage().maxRSS / 1024),
    bytes: outPath && which !== 'none' ? statSync(outPath).size : 0,
    load: loadavg()[0],
  }),
);

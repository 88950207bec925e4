#!/usr/bin/env node
// The CLI on the service's hostile files (issue 28): each `jianzheng evaluate` must stop with a
// named error, exit 1, and a peak RSS under 1 GB. Prints one row per file: exit code, the first
// line of stderr, and the child's peak RSS (getrusage of the finished child, in MB).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { csv19, issue13Files, issue28Files } from './hostile-files.mjs';

const BIN = resolve(dirname(fileURLToPath(import.meta.url)), '../apps/cli/bin/jianzheng.js');
const dir = mkdtempSync(join(tmpdir(), 'jz-hostile-cli-'));

function evaluate(path) {
  return new Promise((done) => {
    // /usr/bin/time -f %M: the child's own peak RSS in KiB, whatever its workers did.
    const child = spawn(
      '/usr/bin/time',
      ['-f', 'PEAK_KB=%M', process.execPath, BIN, 'evaluate', path, '--format', 'json'],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (code) => {
      const peak = Number(/PEAK_KB=(\d+)/.exec(stderr)?.[1] ?? 0) / 1024;
      const message =
        stderr
          .replace(/PEAK_KB=\d+\s*$/, '')
          .trim()
          .split('\n')[0] ?? '';
      done({ code, peak, message });
    });
  });
}

try {
  const files = { ...(await issue13Files(dir)), ...(await issue28Files()), '19 MB CSV.csv': csv19() };
  console.log('| file | exit | peak RSS (MB) | first line of stderr |\n|---|---:|---:|---|');
  let worst = 0;
  for (const [name, bytes] of Object.entries(files)) {
    const path = join(dir, name.replace(/[^\w.\u4e00-\u9fff-]+/g, '_'));
    writeFileSync(path, bytes);
    const { code, peak, message } = await evaluate(path);
    worst = Math.max(worst, peak);
    console.log(`| ${name} | ${code} | ${peak.toFixed(0)} | ${message.slice(0, 160)} |`);
    rmSync(path);
  }
  console.log(`\nworst peak RSS ${worst.toFixed(0)} MB (target < 1,024 MB)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

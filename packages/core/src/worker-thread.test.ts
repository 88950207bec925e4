import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// Each case runs a real node with the flags a user or script might start it with; the worker
// reports the flags it got.
const dir = mkdtempSync(join(tmpdir(), 'jz-worker-flags-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const workerFile = join(dir, 'worker.mjs');
writeFileSync(
  workerFile,
  "import { parentPort } from 'node:worker_threads'; parentPort.postMessage(process.execArgv);",
);
const entry = fileURLToPath(new URL('../dist/node.js', import.meta.url));
const script = `
  const { startWorkerThread } = await import(${JSON.stringify(entry)});
  const worker = startWorkerThread(new URL(${JSON.stringify(pathToFileURL(workerFile).href)}));
  worker.on('error', (e) => { console.log('error ' + e.code); process.exitCode = 1; });
  worker.once('message', (flags) => { console.log(JSON.stringify(flags)); worker.terminate(); });`;
const scriptFile = join(dir, 'start.mjs');
writeFileSync(scriptFile, script);

function run(flags: string[], asEval: boolean) {
  const args = asEval ? [...flags, '-e', script] : [...flags, scriptFile];
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 20_000 });
  return { status: child.status, stderr: child.stderr, flags: child.stdout.trim() };
}

describe('startWorkerThread', () => {
  it('keeps V8 flags such as --max-old-space-size (an explicit flag list would refuse them)', () => {
    const result = run(['--max-old-space-size=512', '--stack-size=900'], false);
    expect(result).toEqual({
      status: 0,
      stderr: '',
      flags: '["--max-old-space-size=512","--stack-size=900"]',
    });
  });

  it('drops --input-type, in either form, and keeps the other flags of a node -e script', () => {
    for (const inputType of [['--input-type=module'], ['--input-type', 'module']]) {
      const result = run([...inputType, '--enable-source-maps'], true);
      expect(result).toEqual({ status: 0, stderr: '', flags: '["--enable-source-maps"]' });
    }
  });

  it('starts without flags when a node -e script also has flags a worker may not be given', () => {
    const result = run(['--input-type=module', '--max-old-space-size=512'], true);
    expect(result).toEqual({ status: 0, stderr: '', flags: '[]' });
  });
});

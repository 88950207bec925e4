import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeLayoutWorkbooks } from '@jianzheng/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importWorkbooks } from './import-workbook';

let dir: string;
let paths: string[];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jz-threads-'));
  paths = (await writeLayoutWorkbooks({ dir })).map((w) => w.path).slice(0, 12);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('importWorkbooks on worker threads', () => {
  it('gives on two threads exactly what one thread gives, in the same order (a repeated file and a bad one included)', async () => {
    const sources = [...paths, { input: paths[0]!, fileName: '副本.xlsx' }, Buffer.from('not a workbook')];
    const rows: number[] = [];
    const threaded = await importWorkbooks(sources, { threads: 2, onProgress: (n) => rows.push(n) });
    const single = await importWorkbooks(sources, { threads: 1 });
    expect(threaded.files.length).toBe(sources.length);
    expect(threaded.ok).toBe(false);
    expect(JSON.stringify(threaded)).toBe(JSON.stringify(single));
    // Every material of an item shares the item's one object, also across the thread boundary.
    for (const material of threaded.materials) expect(threaded.items).toContain(material.item);
    expect(threaded.issues.some((i) => i.code === 'ITEM_IN_SEVERAL_FILES')).toBe(true);
    expect(rows.at(-1)).toBeGreaterThan(0);
  });

  it('works in a node started with V8 flags (--max-old-space-size …), as operators start big imports', () => {
    const entry = fileURLToPath(new URL('../dist/index.js', import.meta.url));
    const script = `
      const { importWorkbooks } = await import(${JSON.stringify(entry)});
      const result = await importWorkbooks(${JSON.stringify(paths.slice(0, 4))}, { threads: 2 });
      console.log(result.ok, result.materials.length);`;
    const child = spawnSync(
      process.execPath,
      ['--max-old-space-size=2048', '--input-type=module', '-e', script],
      {
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(child.stderr).toBe('');
    expect(child.stdout.trim()).toMatch(/^true [1-9]\d*$/);
    expect(child.status).toBe(0);
  });
});

import { join } from 'node:path';
import {
  ACCEPTED_CASE_IDS,
  type CorpusCase,
  REFUSED_CASE_IDS,
  writeBadInputCorpus,
} from '@jianzheng/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, STACK_LINE, tempDir } from './test-support';

let tmp: ReturnType<typeof tempDir>;
let cases: CorpusCase[];

beforeAll(async () => {
  tmp = tempDir('corpus');
  cases = await writeBadInputCorpus(join(tmp.path, 'corpus'));
});
afterAll(() => tmp.remove());

const byId = (id: string) => cases.find((c) => c.id === id)!;

describe('bad-input corpus through `jianzheng evaluate` (the built command)', () => {
  for (const id of REFUSED_CASE_IDS) {
    it(`${id}: exit 1, a zh-CN message naming the file on stderr, no stack trace, nothing evaluated`, async () => {
      const c = byId(id);
      const result = await runCli(['evaluate', c.path, '--format', 'json']);
      expect(result.code, result.stderr).toBe(1);
      expect(result.stderr).toContain(c.fileName);
      expect(result.stderr).toMatch(/[\u4e00-\u9fff]/);
      expect(result.stderr).not.toMatch(STACK_LINE);
      expect(result.stderr).not.toContain('node_modules');
      if (c.expect.sheet) expect(result.stderr).toContain(c.expect.sheet);
      if (c.expect.row) expect(result.stderr).toContain(`第 ${c.expect.row} 行`);
      const document = JSON.parse(result.stdout);
      expect(document.materials).toEqual([]);
      const error = document.issues.find((i: { severity: string; code?: string }) => i.severity === 'error');
      expect(error.file).toContain(c.fileName);
    });
  }

  for (const id of ACCEPTED_CASE_IDS) {
    it(`${id}: exit 0, every material evaluated, warnings located`, async () => {
      const c = byId(id);
      const result = await runCli(['evaluate', c.path, '--format', 'json']);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).not.toMatch(STACK_LINE);
      const document = JSON.parse(result.stdout);
      expect(document.materials).toHaveLength(c.expect.materials!);
      expect(document.summary.materials).toBe(c.expect.materials);
      if (c.expect.column) {
        const issue = document.issues.find(
          (i: { row: number; column: string }) => i.row === c.expect.row && i.column === c.expect.column,
        );
        expect(issue, JSON.stringify(document.issues)).toBeDefined();
        expect(result.stderr).toContain(`第 ${c.expect.row} 行 ${c.expect.column} 列`);
      }
    });
  }

  it('evaluates the good files of a run and refuses the bad ones, exit 1', async () => {
    const good = byId('header-in-wrong-row');
    const files = ['zip-bomb', 'encrypted', 'truncated-zip'].map((id) => byId(id).path);
    const result = await runCli(['evaluate', ...files, good.path, '--format', 'json']);
    expect(result.code).toBe(1);
    const document = JSON.parse(result.stdout);
    expect(document.materials).toHaveLength(good.expect.materials!);
    expect(document.issues.filter((i: { severity: string }) => i.severity === 'error')).toHaveLength(3);
    expect(result.stderr).not.toMatch(STACK_LINE);
  });
});

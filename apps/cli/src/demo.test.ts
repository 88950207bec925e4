import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DEFAULT_RULES } from '@jianzheng/core';
import { describe, expect, it } from 'vitest';
import { displayWidth } from './table';
import { DEMO_DIR, REPO_ROOT, runCli, STACK_LINE, tempDir } from './test-support';

const workbooks = readdirSync(DEMO_DIR)
  .filter((name) => name.endsWith('.xlsx'))
  .sort()
  .map((name) => join(DEMO_DIR, name));
const config = join(DEMO_DIR, 'jianzheng.config.json');

// The press release of 2018-09-04 (../../../../shared/seed): the first batch of 宿州.
const PRESS_RELEASE = {
  departments: 11,
  items: 436,
  materials: 4363,
  cancelled: 1290,
  cancellationRate: 29.6,
  byCategory: {
    'information-sharing': 540,
    'internal-query': 232,
    commitment: 208,
    'no-legal-basis': 119,
    'not-necessary': 89,
    duplicate: 71,
    'superior-decision': 31,
  },
};

describe('the bundled 宿州 2018 first-batch demo', () => {
  it('reproduces the press release figures from the engine deciding the workbook facts', async () => {
    expect(workbooks).toHaveLength(11);
    const result = await runCli(['evaluate', ...workbooks, '--config', config, '--format', 'json'], {
      env: { JIANZHENG_PROGRESS: 'always' },
    });
    expect(result.code).toBe(0);
    const { summary, materials, issues } = JSON.parse(result.stdout);
    expect(Object.keys(summary)).toEqual([
      'departments',
      'items',
      'materials',
      'cancelled',
      'retained',
      'cancellationRate',
      'byCategory',
      'byDepartment',
      'agreement',
    ]);
    expect(summary).toMatchObject({ ...PRESS_RELEASE, retained: 4363 - 1290 });
    expect(summary.byCategory).toEqual(PRESS_RELEASE.byCategory);
    expect(summary.byDepartment).toHaveLength(11);
    expect(summary.byDepartment.map((d: { department: string }) => d.department)).toContain('市公安局');

    // Every number above is the count of decisions in the material list.
    expect(materials).toHaveLength(4363);
    const counted: Record<string, number> = {};
    for (const m of materials)
      if (m.verdict === 'cancel') counted[m.category] = (counted[m.category] ?? 0) + 1;
    expect(counted).toEqual(PRESS_RELEASE.byCategory);
    expect(Object.keys(materials[0])).toEqual([
      'id',
      'department',
      'itemCode',
      'itemName',
      'name',
      'verdict',
      'category',
      'ruleId',
      'replacement',
      'agreement',
      'flags',
      'legalBasis',
      'trace',
    ]);
    // The example configuration keeps the default rules: every one answers for every material.
    const ruleIds = DEFAULT_RULES.map((r) => r.id);
    for (const m of materials) {
      expect(m.trace.map((t: { ruleId: string }) => t.ruleId)).toEqual(ruleIds);
      if (m.verdict === 'retain') expect([m.category, m.ruleId]).toEqual([null, null]);
      else expect(typeof m.ruleId).toBe('string');
    }
    // Departments wrote their own 清理意见: engine and departments agree mostly, not always.
    expect(summary.agreement.agree).toBeGreaterThan(summary.materials / 2);
    expect(summary.agreement['engine-cancels']).toBeGreaterThan(0);
    expect(summary.agreement['department-cancels']).toBeGreaterThan(0);
    expect(summary.agreement['no-proposal']).toBeGreaterThan(0);

    expect(issues.filter((i: { severity: string }) => i.severity === 'error')).toEqual([]);
    for (const issue of issues) {
      expect(Object.keys(issue)).toEqual(['severity', 'file', 'sheet', 'row', 'column', 'message']);
    }
    // The progress bar (forced on, since stderr is a pipe here) counts files and rows and gives a rate.
    expect(result.stderr).toMatch(/11\/11 个文件 · [\d,]+ 行 · [\d,]+ 行\/秒/);
  });

  it('prints the statistics table like the press release, rate with one decimal', async () => {
    const result = await runCli(['report', ...workbooks, '--config', config]);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    const total = lines.find((line) => line.startsWith('合计（11 个部门）'));
    expect(total?.split(/\s{2,}/).slice(1)).toEqual(['436', '4,363', '1,290', '3,073', '29.6%']);
    for (const [label, n] of [
      ['通过信息共享获取', '540'],
      ['改为部门内部查询', '232'],
      ['改为申请人书面承诺、事中事后核查', '208'],
      ['无法律法规依据', '119'],
      ['非办事必要条件', '89'],
      ['重复设置', '71'],
      ['依据上级有关文件取消', '31'],
    ] as const) {
      const line = lines.find((l) => l.startsWith(label));
      expect(line?.split(/\s+/)[1], label).toBe(n);
    }
    // Aligned: the rate column ends at the same place on every department row.
    const rows = lines.filter((line) => /^市.+%$/.test(line));
    expect(rows).toHaveLength(11);
    expect(new Set(rows.map(displayWidth)).size).toBe(1);
  });

  it('explains one material rule by rule', async () => {
    const listed = await runCli(['evaluate', ...workbooks, '--format', 'json']);
    const { materials } = JSON.parse(listed.stdout);
    const shared =
      materials.find(
        (m: { ruleId: string; trace: { ruleId: string; matched: boolean }[] }) =>
          m.ruleId === 'shared-data' && m.trace.filter((t) => t.matched).length > 1,
      ) ?? materials.find((m: { ruleId: string }) => m.ruleId === 'shared-data');
    const result = await runCli(['explain', ...workbooks, '--material', shared.id]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(shared.name);
    expect(result.stdout).toContain('通过信息共享获取');
    for (const rule of DEFAULT_RULES) expect(result.stdout).toContain(rule.id);
    expect(result.stdout).toMatch(/shared-data .*✔ 取消/);

    const json = await runCli(['explain', ...workbooks, '--material', shared.id, '--format', 'json']);
    expect(JSON.parse(json.stdout)).toEqual(shared);

    // A name shared by many items is ambiguous: the operator gets the candidates, exit 2.
    const ambiguous = await runCli(['explain', ...workbooks, '--material', '居民身份证']);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain('请改用编号');
    expect(ambiguous.stderr).not.toMatch(STACK_LINE);

    const missing = await runCli(['explain', ...workbooks, '--material', '不存在的材料']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('找不到材料');
  });
});

describe('the demo generator', () => {
  it('regenerates the committed workbooks cell for cell (seeded)', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const out = tempDir('generate');
    try {
      const run = spawnSync(process.execPath, [join(DEMO_DIR, 'generate.mjs'), '--out', out.path], {
        encoding: 'utf8',
      });
      expect(run.status, run.stderr).toBe(0);
      // Zip timestamps differ between runs; the content (sheets, cells, merges) must not.
      const content = async (path: string) => {
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.readFile(path);
        return workbook.worksheets.map((sheet) => ({
          name: sheet.name,
          merges: [...(sheet.model as { merges: string[] }).merges].sort(),
          rows: sheet.getSheetValues().map((row) => JSON.stringify(row ?? null)),
        }));
      };
      const names = workbooks.map((path) => basename(path));
      expect(
        readdirSync(out.path)
          .filter((n) => n.endsWith('.xlsx'))
          .sort(),
      ).toEqual(names);
      for (const name of names) {
        expect(await content(join(out.path, name)), name).toEqual(await content(join(DEMO_DIR, name)));
      }
      // The programme's other 52 units and the programme file naming all 63.
      const units = readdirSync(join(DEMO_DIR, 'programme')).sort();
      expect(units).toHaveLength(52);
      expect(readdirSync(join(out.path, 'programme')).sort()).toEqual(units);
      for (const name of units) {
        const path = join('programme', name);
        expect(await content(join(out.path, path)), path).toEqual(await content(join(DEMO_DIR, path)));
      }
      expect(readFileSync(join(out.path, 'programme.json'), 'utf8')).toBe(
        readFileSync(join(DEMO_DIR, 'programme.json'), 'utf8'),
      );
    } finally {
      out.remove();
    }
  });
});

describe('npm run demo (scripts/demo.mjs, on the built command)', () => {
  it('reproduces the figures, publishes CPSV-AP JSON-LD that expands whole, and ends with the comparison', async () => {
    const out = tempDir('demo');
    try {
      const run = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts/demo.mjs')], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        env: { ...process.env, JIANZHENG_DEMO_OUT: out.path, NO_COLOR: '1', JIANZHENG_PROGRESS: '' },
      });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toContain('11 个部门、436 个事项、4,363 项材料，取消 1,290 项（29.6%）');
      // The whole programme beside it (domain.md §16): 63 units, 10,107 materials, 1,761 proposed.
      const programme = run.stdout.slice(run.stdout.indexOf('11 个部门、436 个事项'));
      expect(programme).toMatch(/63 个(单位|部门)/);
      expect(programme).toMatch(/10,107 项[^\n]*1,761 项[^\n]*17\.4%/);
      const comparison = run.stdout.slice(run.stdout.indexOf('对标：宿州市、砀山县、萧县'));
      expect(comparison).toMatch(/^对标：宿州市、砀山县、萧县\n\n3 个地区，[\d,]+ 项（事项 × 材料）/);
      const findings = comparison.split('\n').filter((line) => /^(宿州市|砀山县|萧县) /.test(line));
      expect(findings.length).toBeGreaterThan(0);
      expect(findings.some((line) => line.startsWith('宿州市'))).toBe(true);
      expect(run.stdout.trimEnd().split('\n').at(-1)).toMatch(/另有 \d+ 项未显示|—|取消·/);

      // The demo publication in CPSV-AP 3: a JSON-LD processor expands it without dropping a term.
      const { default: jsonld } = await import('jsonld');
      const { CPSV_AP_CONTEXT_URL } = await import('@jianzheng/json');
      const { readCpsvApContext } = await import('@jianzheng/json/node');
      const context = await readCpsvApContext();
      const document = JSON.parse(readFileSync(join(out.path, 'suzhou-2018-first/v1.jsonld'), 'utf8'));
      const expanded = (await jsonld.expand(document, {
        documentLoader: async (url: string) => {
          if (url !== CPSV_AP_CONTEXT_URL) throw new Error(`no network here: ${url}`);
          return { documentUrl: url, document: context };
        },
        safe: true,
      } as Parameters<typeof jsonld.expand>[1])) as { '@type': string[] }[];
      const count = (iri: string) => expanded.filter((n) => n['@type'].includes(iri)).length;
      expect(count('http://purl.org/vocab/cpsv#PublicService')).toBe(436);
      expect(count('http://data.europa.eu/m8g/Requirement')).toBe(4363);
      // A material abolished outright is no longer a requirement the service holds; every other one is,
      // met by evidence (submitted, or obtained by the office through sharing, a query or a commitment).
      const publication = JSON.parse(readFileSync(join(out.path, 'suzhou-2018-first/v1.json'), 'utf8')) as {
        departments: {
          items: {
            materials: { verdict: string; effectiveFrom: string | null; category: { id: string } | null }[];
          }[];
        }[];
      };
      const replacing = new Set(['information-sharing', 'internal-query', 'commitment']);
      const abolished = publication.departments
        .flatMap((d) => d.items.flatMap((i) => i.materials))
        .filter(
          (m) => m.verdict === 'cancel' && m.effectiveFrom === null && !replacing.has(m.category!.id),
        ).length;
      expect(abolished).toBeGreaterThan(0);
      expect(count('http://data.europa.eu/m8g/Evidence')).toBe(4363 - abolished);
      const held = new Set(
        (expanded as unknown as Record<string, { '@id': string }[]>[])
          .flatMap((n) => n['http://data.europa.eu/m8g/holdsRequirement'] ?? [])
          .map((r) => r['@id']),
      );
      expect(held.size).toBe(4363 - abolished);
    } finally {
      out.remove();
    }
  });
});

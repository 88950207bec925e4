// #29 “Done when”: a city's own rule, registered through the public API only (a plugin named in the
// configuration, domain.md §9), reaches every place that explains rules — with no other file
// changed. The template's 填表说明 and `explain` show its title and explanation; the public outputs
// (attachment, pages) show its public wording and public reason, never its engine reason (§15).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PUBLISH_STEPS_2026, type ServerProcess, startServerProcess } from '@jianzheng/testkit';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli, tempDir } from './test-support';

const RULE = {
  id: 'counter-photos',
  title: { zh: '照片窗口现场采集', en: 'photos taken at the counter' },
  explanation: { zh: '证件照由窗口现场拍摄，不再要求申请人提供', en: 'the counter takes the photo' },
  publicWording: { zh: '改为窗口现场采集', en: 'taken at the counter' },
  publicReason: '由办理窗口现场拍摄证件照',
  engineReason: 'ENGINE-REASON-照片规则命中',
};

const PLUGIN = `// A city's rule: a plain module, no import of jianzheng needed.
export default {
  id: ${JSON.stringify(RULE.id)},
  category: 'not-necessary',
  title: ${JSON.stringify(RULE.title)},
  principleText: { zh: '凡窗口能现场采集的，一律取消', en: 'what the counter can take itself is cancelled' },
  explanation: ${JSON.stringify(RULE.explanation)},
  publicWording: ${JSON.stringify(RULE.publicWording)},
  compile: () => (m) =>
    m.name.includes('照片')
      ? { matched: true, reason: ${JSON.stringify(RULE.engineReason)}, facts: {}, publicReason: ${JSON.stringify(RULE.publicReason)} }
      : { matched: false, reason: '不是照片', facts: {} },
};
`;

const tmp = tempDir('rule-plugin');
const config = join(tmp.path, 'jianzheng.config.json');
const workbook = join(tmp.path, '公安局.csv');
let server: ServerProcess | undefined;

beforeAll(() => {
  mkdirSync(join(tmp.path, 'rules'));
  writeFileSync(join(tmp.path, 'rules/counter-photos.mjs'), PLUGIN);
  writeFileSync(
    config,
    JSON.stringify({
      jurisdiction: { code: '341300', name: '宿州市', level: 'city' },
      plugins: ['./rules/counter-photos.mjs'],
    }),
  );
  writeFileSync(
    workbook,
    '实施部门,事项编码,事项名称,材料名称,设定依据\n' +
      '市公安局,341300-GA-009,居民身份证申领,二寸免冠照片,《中华人民共和国居民身份证法》第八条\n' +
      '市公安局,341300-GA-009,居民身份证申领,居民身份证申领登记表,《中华人民共和国居民身份证法》第八条\n',
  );
});

afterAll(async () => {
  await server?.stop();
  tmp.remove();
});

async function sheetText(file: string, sheet: string): Promise<string> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const lines: string[] = [];
  book.getWorksheet(sheet)!.eachRow((row) => {
    lines.push(((row.values as unknown[]).slice(1) as unknown[]).map((v) => String(v ?? '')).join('|'));
  });
  return lines.join('\n');
}

describe('a rule added by a plugin (#29)', () => {
  it('explains itself in the template and in explain, by its own title and explanation', async () => {
    const template = join(tmp.path, 'template.xlsx');
    expect((await runCli(['template', '-o', template, '--config', config])).code).toBe(0);
    const help = await sheetText(template, '填表说明');
    expect(help).toContain(RULE.title.zh);
    expect(help).toContain(RULE.explanation.zh);

    const explained = await runCli(['explain', workbook, '--config', config, '--material', '二寸免冠照片']);
    expect(explained.code, explained.stderr).toBe(0);
    expect(explained.stdout).toContain(RULE.title.zh);
    expect(explained.stdout).toContain(RULE.explanation.zh);
    expect(explained.stdout).toContain(RULE.id);
  });

  it('publishes its cancellations with its public wording and reason in the attachment and on the pages', async () => {
    const out = join(tmp.path, 'out');
    const published = await runCli([
      'publish',
      workbook,
      '--batch',
      'photos',
      '--title',
      '第一批',
      '--out',
      out,
      '--config',
      config,
      '--published-at',
      '2026-12-07T09:00:00+08:00',
    ]);
    expect(published.code, published.stderr).toBe(0);
    const json = JSON.parse(readFileSync(join(out, 'photos/v1.json'), 'utf8'));
    const photo = json.departments[0].items[0].materials.find(
      (m: { name: string }) => m.name === '二寸免冠照片',
    );
    expect(photo).toMatchObject({ verdict: 'cancel', ruleId: RULE.id, wording: RULE.publicWording });
    const cancelled = await sheetText(join(out, 'photos/v1.xlsx'), '取消的申请材料');
    const row = cancelled.split('\n').find((line) => line.includes('二寸免冠照片'))!;
    expect(row).toContain(RULE.publicWording.zh);
    expect(row).toContain(RULE.publicReason);
    expect(cancelled).not.toContain('ENGINE-REASON');

    // The same rule in the server, loaded from the same configuration: the published item page.
    const db = join(tmp.path, 'jianzheng.sqlite');
    const token = async (role: string) =>
      (await runCli(['token', 'create', '--role', role, '--label', role, '--db', db])).stdout.trim();
    const tokens = { admin: await token('admin'), legal: await token('legal') };
    server = await startServerProcess({
      script: BIN,
      args: ['serve', '--db', db, '--port', '{port}', '--config', config],
    });
    const call = async (who: keyof typeof tokens, path: string, body: unknown) => {
      const res = await fetch(`${server!.url}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${tokens[who]}`,
          ...(body instanceof FormData ? {} : { 'content-type': 'application/json' }),
        },
        body: body instanceof FormData ? body : JSON.stringify(body),
      });
      return { status: res.status, text: await res.text() };
    };
    const created = await call('admin', '/api/batches', {
      id: 'photos',
      title: '第一批',
      departments: ['市公安局'],
    });
    expect(created.status, created.text).toBe(201);
    const files = new FormData();
    files.append('files', new File([readFileSync(workbook)], '公安局.csv'));
    const imported = await call('admin', '/api/batches/photos/imports', files);
    expect(imported.status, imported.text).toBe(200);
    for (const step of PUBLISH_STEPS_2026) {
      const res = await call(
        step.action === 'legal-review' ? 'legal' : 'admin',
        '/api/batches/photos/transitions',
        step,
      );
      expect(res.status, res.text).toBe(200);
    }
    const search = (await (
      await fetch(`${server.url}/api/public/search?q=${encodeURIComponent('照片')}`)
    ).json()) as { items: { slug: string }[] };
    const page = await (await fetch(`${server.url}/items/photos/${search.items[0]!.slug}`)).text();
    expect(page).toContain('二寸免冠照片');
    expect(page).toContain(RULE.publicWording.zh);
    expect(page).toContain(RULE.publicReason);
    expect(page).not.toContain('ENGINE-REASON');
  });
});

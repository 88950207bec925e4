import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidPluginError } from './errors/config-errors';
import { loadCity } from './node';
import { materials } from './testing/fixtures';

const dir = mkdtempSync(join(tmpdir(), 'jianzheng-plugins-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
}

// A plugin needs no import: a plain object with the shape of defineRule's argument is a rule.
write(
  'no-photos.mjs',
  `export default [
    { id: 'merged', label: { zh: '合并办理', en: 'merged' } },
    { id: 'no-photos', category: 'merged', title: { zh: '照片现场采集', en: 'photos taken on site' },
      compile: () => (m) => ({ matched: m.name.includes('照片'), reason: '照片可现场采集', facts: {} }) },
  ];`,
);
write('throws.mjs', `throw new Error('数据库连不上');`);
write('wrong.mjs', `export default { name: 'not a rule' };`);
write(
  'bad-rule.mjs',
  `export default { id: 'Bad Id', category: 'x', title: { zh: 'a', en: 'b' }, compile() {} };`,
);

function config(plugins: string[]): string {
  return write(`city-${plugins.join('-').replace(/\W/g, '')}.json`, JSON.stringify({ plugins }));
}

describe('loadCity with plugins', () => {
  it('loads rules and categories relative to the configuration file', async () => {
    const city = await loadCity(config(['./no-photos.mjs']));
    expect(city.engine.rules.at(-1)).toMatchObject({ id: 'no-photos', category: 'merged' });
    const [photo] = city.engine.evaluate(materials({ name: '近期免冠照片' }));
    expect(photo).toMatchObject({ verdict: 'cancel', ruleId: 'no-photos', category: 'merged' });
  });

  it.each([
    ['./throws.mjs', /插件 \.\/throws\.mjs：加载时出错：数据库连不上/],
    ['./wrong.mjs', /插件 \.\/wrong\.mjs：默认导出应为规则.*object with keys name/],
    ['./bad-rule.mjs', /插件 \.\/bad-rule\.mjs：默认导出不是有效的规则：规则编号 “Bad Id” 无效/],
    ['./missing.mjs', /插件 \.\/missing\.mjs：找不到模块文件/],
  ])('names the module when %s is unusable', async (plugin, message) => {
    const error = await loadCity(config([plugin])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidPluginError);
    expect((error as Error).message).toMatch(message);
  });
});

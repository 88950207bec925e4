import { DEFAULT_CATEGORIES } from '@jianzheng/core';
import { describe, expect, it } from 'vitest';
import type { PageDeps } from './deps';
import { type DiffData, DiffView } from './diff-view';
import { VersionNotes } from './public/version-notes';

const deps = {
  categories: new Map(DEFAULT_CATEGORIES.map((c) => [c.id, c])),
  rules: [],
} as unknown as PageDeps;

const ref = (name: string) => ({
  id: '0123456789abcdef',
  department: '市民政局',
  item: { name: '婚姻登记' },
  name,
});

describe('adjustment notice', () => {
  it('marks restored materials, names categories in words and never shows ids', async () => {
    const diff: DiffData = {
      adjustmentReason: '恢复户口簿',
      added: [],
      removed: [],
      newlyCancelled: [
        {
          ...ref('银行流水'),
          from: { verdict: 'retain', category: null },
          to: { verdict: 'cancel', category: { id: 'internal-query' } },
        },
      ],
      restored: [
        {
          ...ref('户口簿'),
          from: { verdict: 'cancel', category: { id: 'information-sharing' } },
          to: { verdict: 'retain', category: null },
        },
      ],
      recategorised: [],
      changedFacts: [],
      counts: { restored: 1, newlyCancelled: 1, unchanged: 4 },
    };
    const html = String(await (<DiffView deps={deps} lang="zh" diff={diff} />));
    expect(html).toMatch(
      /<li class="restored">市民政局 · 婚姻登记 · <strong>户口簿<\/strong> — 取消（通过信息共享获取） → 保留<\/li>/,
    );
    expect(html).toContain('保留 → 取消（改为部门内部查询）');
    expect(html).not.toContain('0123456789abcdef');
    expect(html).not.toContain('information-sharing');
  });

  it('tells citizens on the item page what a later version changed, with the date', async () => {
    const html = String(
      await (
        <VersionNotes
          lang="zh"
          notes={[{ version: 2, date: '2018-10-08', kind: 'restored', material: '户口簿' }]}
        />
      ),
    );
    expect(html).toContain('2018-10-08 · 版本 2：“户口簿”恢复为需提交');
    expect(html).toContain('class="restored"');
  });
});

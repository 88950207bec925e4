// Test helper: the bundled 宿州 2018 first batch published the way `npm run demo` does it —
// the department workbooks imported, the demo configuration's engine, createPublication.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { engineFromConfig, type Publication, plainJurisdiction } from '@jianzheng/core';
import { importWorkbooks } from '@jianzheng/excel';
import { createPublication } from '@jianzheng/json';

export const DEMO_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../examples/suzhou-2018');

export async function demoPublication(
  overrides: { version?: number; adjustmentReason?: string } = {},
): Promise<Publication> {
  const config = JSON.parse(readFileSync(join(DEMO_DIR, 'jianzheng.config.json'), 'utf8'));
  const engine = engineFromConfig(config);
  const files = readdirSync(DEMO_DIR)
    .filter((name) => name.endsWith('.xlsx'))
    .sort()
    .map((name) => join(DEMO_DIR, name));
  const imported = await importWorkbooks(files);
  if (!imported.ok) throw new Error(`demo workbooks failed to import: ${JSON.stringify(imported.issues)}`);
  return createPublication({
    jurisdiction: plainJurisdiction(config.jurisdiction),
    batch: {
      id: 'suzhou-2018-first',
      title: '市公安局等11部门取消政务服务事项申请材料清单',
      documentNumber: null,
      approvedAt: null,
      adjustmentReason: overrides.adjustmentReason ?? null,
    },
    version: overrides.version ?? 1,
    ruleSet: engine.ruleSet,
    publishedAt: '2018-08-13T09:00:00+08:00',
    categories: [...engine.categories.values()],
    materials: imported.materials,
    decisions: engine.evaluate(imported.materials),
  });
}

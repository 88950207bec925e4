// Test-only: publications of earlier schema versions made the way those versions defined them,
// independently of our canonical writer — the current sample's rows rewritten to the old keys in
// the old order, stringified with two-space indent, hashed with node:crypto, the checksum appended.
import { createHash } from 'node:crypto';
import { serializePublication } from './serialize';
import { samplePublication } from './test-support';

/** A reviewer-facing reason as 1.1 rows carried it. */
export const LEGACY_REASON = '通过信息共享获取：部门填报可通过信息共享获取';

const MATERIAL_KEYS_1_1 = [
  'id',
  'name',
  'verdict',
  'category',
  'ruleId',
  'effectiveFrom',
  'replacement',
  'reason',
  'status',
  'source',
  'issuer',
  'legalBasis',
];

export function legacyText(version: '1.0' | '1.1'): { text: string; sha256: string } {
  const doc = JSON.parse(serializePublication(samplePublication()));
  delete doc.sha256;
  doc.schemaVersion = version;
  delete doc.batch.status;
  delete doc.batch.legalReview;
  for (const d of doc.departments)
    for (const i of d.items)
      i.materials = i.materials.map((m: Record<string, unknown>) => {
        const old: Record<string, unknown> = {
          ...m,
          reason: m.verdict === 'cancel' ? LEGACY_REASON : '各项取消规则均不适用，保留',
        };
        return Object.fromEntries(
          MATERIAL_KEYS_1_1.filter((k) => version === '1.1' || k !== 'effectiveFrom').map((k) => [k, old[k]]),
        );
      });
  if (version === '1.0') {
    const strip = (t: Record<string, unknown>) => {
      delete t.effective;
      delete t.planned;
      delete t.plannedRate;
    };
    strip(doc.summary);
    for (const d of doc.summary.byDepartment) strip(d);
    for (const t of doc.summary.byItemType) strip(t);
  }
  const json = JSON.stringify(doc, null, 2);
  const sha256 = createHash('sha256').update(`${json}\n`).digest('hex');
  return { text: `${json.slice(0, -2)},\n  "sha256": "${sha256}"\n}\n`, sha256 };
}

// Publications of several jurisdictions for the comparison (对标) tests, benches and demo, built
// by @jianzheng/json from materials and decisions, so every one is a valid, checksummed publication.
import {
  assignMaterialIds,
  DEFAULT_CATEGORIES,
  type Decision,
  type Jurisdiction,
  type MaterialInput,
  type Publication,
  type ServiceItem,
} from '@jianzheng/core';
import { createPublication, createPublicationBuilder } from '@jianzheng/json';
import { seededRandom } from './random';
import { DEPARTMENT_KINDS, ITEM_NOUNS, ITEM_VERBS, MATERIAL_STEMS } from './vocabulary';

/** `[name]` is demanded; `[name, category, replacement?]` is cancelled in that category. */
export type MaterialRow = [name: string, category?: string, replacement?: string];

export interface ItemSpec {
  department: string;
  code?: string;
  name: string;
  type?: string;
  materials: MaterialRow[];
}

export interface BatchSpec {
  id: string;
  title: string;
  documentNumber?: string;
  adjustmentReason?: string;
}

const LEGAL_BASIS = '《中华人民共和国行政许可法》';

function decision(materialId: string, category: string | undefined, replacement: string | null): Decision {
  return {
    materialId,
    verdict: category ? 'cancel' : 'retain',
    category: category ?? null,
    ruleId: null,
    replacement,
    reason: category ? `取消（${category}）` : '保留',
    trace: [],
    agreement: 'no-proposal',
    status: 'confirmed',
  };
}

/** A publication whose every decision is written out in `items` (known by construction). */
export function publicationFromSpec(
  jurisdiction: Jurisdiction,
  batch: BatchSpec,
  items: readonly ItemSpec[],
  version = 1,
): Publication {
  const inputs: MaterialInput[] = [];
  const rows: MaterialRow[] = [];
  for (const spec of items) {
    const item = {
      department: spec.department,
      code: spec.code,
      name: spec.name,
      type: spec.type,
    } as ServiceItem;
    for (const row of spec.materials) {
      inputs.push({ item, name: row[0], legalBasis: LEGAL_BASIS });
      rows.push(row);
    }
  }
  const materials = assignMaterialIds(inputs);
  return createPublication({
    jurisdiction,
    batch,
    version,
    materials,
    decisions: materials.map((m, i) => decision(m.id, rows[i]![1], rows[i]![2] ?? null)),
    ruleSet: { id: 'testkit', version: '1' },
    publishedAt: '2018-09-04T09:00:00+08:00',
  });
}

export interface DeriveOptions {
  jurisdiction: Jurisdiction;
  batch: BatchSpec;
  seed: number;
  /** Share of the source's items the derived list leaves out (default 0.3). */
  dropItem?: number;
  /** Share of retained materials the derived list cancels (default 0.004). */
  cancelRetained?: number;
  /** Share of cancelled materials the derived list retains (default 0.004). */
  retainCancelled?: number;
}

const CANCEL_AS = [
  { category: 'information-sharing', replacement: '省政务数据共享交换平台' },
  { category: 'commitment', replacement: null },
  { category: 'internal-query', replacement: null },
] as const;

/**
 * Another jurisdiction's list derived from `source`: its departments renamed (市公安局 → 县公安局),
 * some items left out, and a few decisions taken the other way — the neighbours of a city that
 * decided differently on some of the same materials.
 */
export function derivePublication(source: Publication, options: DeriveOptions): Publication {
  const random = seededRandom(options.seed);
  const level = options.jurisdiction.level === 'county' ? '县' : '市';
  const builder = createPublicationBuilder({
    jurisdiction: options.jurisdiction,
    batch: options.batch,
    version: 1,
    ruleSet: source.ruleSet,
    publishedAt: source.publishedAt,
  });
  for (const department of source.departments) {
    const name = department.name.replace(/^市/, level);
    for (const item of department.items) {
      if (random.chance(options.dropItem ?? 0.3)) continue;
      const inputs: MaterialInput[] = [];
      const decided: [string | undefined, string | null][] = [];
      const serviceItem = {
        department: name,
        code: item.code,
        name: item.name,
        type: item.type,
      } as ServiceItem;
      for (const m of item.materials) {
        inputs.push({
          item: serviceItem,
          name: m.name,
          ...(m.source ? { source: m.source } : {}),
          ...(m.issuer ? { issuer: m.issuer } : {}),
          legalBasis: m.legalBasis ?? LEGAL_BASIS,
        });
        if (m.verdict === 'retain' && random.chance(options.cancelRetained ?? 0.004)) {
          const to = random.pick(CANCEL_AS);
          decided.push([to.category, to.replacement]);
        } else if (m.verdict === 'cancel' && !random.chance(options.retainCancelled ?? 0.004)) {
          decided.push([m.category?.id, m.replacement]);
        } else decided.push([undefined, null]);
      }
      const materials = assignMaterialIds(inputs);
      builder.add(
        materials,
        materials.map((m, i) => decision(m.id, decided[i]![0], decided[i]![1])),
      );
    }
  }
  return builder.finish();
}

export interface SyntheticJurisdictionsOptions {
  jurisdictions: number;
  materialsEach: number;
  seed?: number;
}

/**
 * Publications of `jurisdictions` cities with about `materialsEach` materials each, drawn from a
 * shared pool of items and material names, so rows match across cities as a province's do; each
 * city decides on its own. Yields one publication at a time, so a bench can write each and drop it.
 */
export function* syntheticJurisdictionPublications(
  options: SyntheticJurisdictionsOptions,
): Generator<Publication> {
  const seed = options.seed ?? 19;
  const itemCount = Math.max(1, Math.round(options.materialsEach / 8));
  for (let j = 0; j < options.jurisdictions; j++) {
    const random = seededRandom(seed * 1000 + j);
    const code = String(340100 + j * 100);
    const builder = createPublicationBuilder({
      jurisdiction: { code, name: `第${j + 1}市`, level: 'city' },
      batch: {
        id: `city-${j + 1}-first`,
        title: `第${j + 1}市第一批`,
        documentNumber: `政办〔2026〕${j + 1}号`,
      },
      version: 1,
      ruleSet: { id: 'testkit', version: '1' },
      publishedAt: '2026-11-30T09:00:00+08:00',
    });
    let left = options.materialsEach;
    // Each city takes about half of a shared pool of items, each item once (a repeated item would
    // repeat its material ids); past the end of the pool it lists items of its own.
    const pool = itemCount * 2;
    const start = random.int(pool);
    for (let k = 0; left > 0; k++) {
      if (k < pool && !random.chance(0.55)) continue;
      const poolIndex = k < pool ? (start + k) % pool : k;
      // An item demands much the same materials everywhere (the national catalogue of items):
      // its list is fixed by the item, and each city leaves out a few.
      const n = Math.min(left, 4 + ((poolIndex * 31) % 9));
      const item = {
        department: `市${DEPARTMENT_KINDS[poolIndex % DEPARTMENT_KINDS.length]}`,
        code: `XK-${String(poolIndex).padStart(6, '0')}`,
        name: `${ITEM_VERBS[poolIndex % ITEM_VERBS.length]}${ITEM_NOUNS[Math.floor(poolIndex / ITEM_VERBS.length) % ITEM_NOUNS.length]}${poolIndex}`,
        type: '行政许可',
      } as ServiceItem;
      const inputs: MaterialInput[] = [];
      const decided: (typeof DEFAULT_CATEGORIES)[number]['id'][] = [];
      const first = (poolIndex * 7) % MATERIAL_STEMS.length;
      for (let m = 0; m < n; m++) {
        if (m > 0 && random.chance(0.05)) continue;
        inputs.push({
          item,
          name: MATERIAL_STEMS[(first + m) % MATERIAL_STEMS.length]!,
          legalBasis: LEGAL_BASIS,
        });
        decided.push(random.chance(0.3) ? random.pick(DEFAULT_CATEGORIES).id : '');
      }
      left -= inputs.length;
      const materials = assignMaterialIds(inputs);
      builder.add(
        materials,
        materials.map((m, i) =>
          decision(m.id, decided[i] || undefined, decided[i] === 'information-sharing' ? '人口信息库' : null),
        ),
      );
    }
    yield builder.finish();
  }
}

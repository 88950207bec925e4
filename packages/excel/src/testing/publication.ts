// Test helper: a Publication built from imported materials and the real default engine, in the
// shape core defines (the canonical JSON form and checksum belong to @jianzheng/json).
import {
  cancellationMethod,
  createEngine,
  type Engine,
  type Material,
  PUBLICATION_SCHEMA_VERSION,
  type Publication,
  PublicationSchema,
  type PublishedDepartment,
  publicBasis,
  summarize,
} from '@jianzheng/core';

export function buildPublication(
  materials: readonly Material[],
  engine: Engine = createEngine(),
): Publication {
  const decisions = engine.evaluate(materials);
  const labels = new Map([...engine.categories.values()].map((c) => [c.id, c.label]));
  const wordings = new Map(engine.rules.map((r) => [r.id, r.publicWording]));
  const departments = new Map<string, PublishedDepartment>();
  const items = new Map<object, PublishedDepartment['items'][number]>();
  materials.forEach((material, i) => {
    const decision = decisions[i]!;
    let department = departments.get(material.item.department);
    if (!department) {
      department = { name: material.item.department, items: [] };
      departments.set(material.item.department, department);
    }
    let item = items.get(material.item);
    if (!item) {
      item = {
        code: material.item.code ?? null,
        name: material.item.name,
        type: material.item.type ?? null,
        materials: [],
      };
      items.set(material.item, item);
      department.items.push(item);
    }
    const label = decision.category ? labels.get(decision.category) : undefined;
    const own = decision.ruleId ? wordings.get(decision.ruleId) : undefined;
    // The rule's own wording only where it says something its category's label does not.
    const wording = own && label && own.zh !== label.zh ? { zh: own.zh, en: own.en } : null;
    item.materials.push({
      id: material.id,
      name: material.name,
      verdict: decision.verdict,
      category: decision.category && label ? { id: decision.category, zh: label.zh, en: label.en } : null,
      ruleId: decision.ruleId,
      effectiveFrom: decision.verdict === 'cancel' ? (decision.effectiveFrom ?? null) : null,
      replacement: decision.replacement,
      wording,
      method: cancellationMethod(decision),
      basis: publicBasis(decision, wording?.zh ?? label?.zh ?? null),
      status: decision.status,
      form: null,
      source: material.source ?? null,
      issuer: material.issuer ?? null,
      legalBasis: material.legalBasis ?? null,
      legalBasisLevel: null,
      legalInstrument: null,
    });
  });
  return PublicationSchema.parse({
    schemaVersion: PUBLICATION_SCHEMA_VERSION,
    jurisdiction: { code: '341300', name: '宿州市', level: 'city' },
    batch: {
      id: '2018-1',
      title: '第一批',
      documentNumber: '宿政办秘〔2018〕100号',
      approvedAt: null,
      adjustmentReason: null,
      status: 'official',
      legalReview: null,
    },
    version: 1,
    publishedAt: '2018-08-13T00:00:00Z',
    ruleSet: engine.ruleSet,
    summary: summarize(materials, decisions),
    departments: [...departments.values()],
    sha256: '0'.repeat(64),
  });
}

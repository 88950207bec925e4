// Test-only helpers (not exported from the package): build materials the way an importer would.
import { createEngine, type EngineOptions } from '../engine/create-engine';
import type { Decision } from '../model/decision';
import type { Material, MaterialInput } from '../model/material';
import { assignMaterialIds } from '../model/material-id';
import type { ServiceItem } from '../model/service-item';

export const POLICE_ITEM: ServiceItem = {
  department: '市公安局',
  code: '340100-XK-001',
  name: '户口迁移登记',
  type: '行政确认',
};

export type MaterialSpec = Partial<Omit<MaterialInput, 'item'>> & { name: string; item?: ServiceItem };

/** A material with a legal basis, so that only the facts a test gives decide. */
export function material(spec: MaterialSpec): MaterialInput {
  return { legalBasis: '《中华人民共和国户口登记条例》', ...spec, item: spec.item ?? POLICE_ITEM };
}

export function materials(...specs: MaterialSpec[]): Material[] {
  return assignMaterialIds(specs.map(material));
}

/** Decisions for materials of one item, with the default rules unless options say otherwise. */
export function decide(specs: MaterialSpec[], options: EngineOptions = {}): Decision[] {
  return createEngine(options).evaluate(materials(...specs));
}

export function decideOne(spec: MaterialSpec, options: EngineOptions = {}): Decision {
  return decide([spec], options)[0]!;
}

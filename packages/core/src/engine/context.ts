import type { Material } from '../model/material';
import type { MaterialForm } from '../normalize/material-form';
import type { ItemGroup } from './item-group';
import type { NameInfo } from './name-info';
import type { ItemMaterialNames, MaterialContext } from './types';

/**
 * The one context object of an evaluation, refilled for every material and alternative: no
 * allocation per material, and one hidden class for every rule's field reads.
 */
export class Context implements MaterialContext {
  material: Material = undefined as unknown as Material;
  name = '';
  form: MaterialForm = 'unspecified';
  occurrence = 1;
  group: ItemGroup = undefined as unknown as ItemGroup;
  /** The per-name lookups of `name` (see name-memo.ts). */
  slots: unknown[] = [];
  private issuerName: string | undefined = undefined;
  constructor(private readonly normalizeIssuer: (raw: string | null | undefined) => string) {}
  set(material: Material, info: NameInfo, occurrence: number, group: ItemGroup): void {
    this.material = material;
    this.name = info.name;
    this.form = info.form;
    this.slots = info.slots;
    this.occurrence = occurrence;
    this.group = group;
    this.issuerName = undefined;
  }
  get itemName(): string {
    return this.group.itemName;
  }
  get department(): string {
    return this.group.department;
  }
  get issuer(): string {
    // Several rules compare the issuer: normalize (a cache lookup) once per material.
    if (this.issuerName === undefined) this.issuerName = this.normalizeIssuer(this.material.issuer);
    return this.issuerName;
  }
  get itemMaterialNames(): ItemMaterialNames {
    return this.group;
  }
}

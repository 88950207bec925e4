import type { Catalogs } from '../catalogs/schema';
import type { LegalBasisAssessment } from '../legal/classify';
import type { ConfiguredJurisdiction } from '../model/jurisdiction';
import type { LocalizedText } from '../model/localized';
import type { Material } from '../model/material';
import type { MaterialForm } from '../normalize/material-form';

/** A fact value a rule reports in its trace. */
export type FactValue = string | number | boolean | null;

/**
 * What a rule sees of one material: the material and the names already normalized, plus what it
 * needs to know about the material's item. Built once per material by the engine.
 */
export interface MaterialContext {
  readonly material: Material;
  /** Normalized material name (domain.md §4); for an alternative (§10), the alternative's name. */
  readonly name: string;
  /** Normalized item name. */
  readonly itemName: string;
  /** Normalized issuer ('' when none), computed on first read: read it only where needed. */
  readonly issuer: string;
  /** Normalized department name. */
  readonly department: string;
  /** The form the whole cell demands (原件, 复印件 … domain.md §4 “Originals and copies”). */
  readonly form: MaterialForm;
  /**
   * 1 for the first material of this normalized name in its item, 2 for the next … An original
   * (form original or both) counts only earlier originals: a copy listed before it does not make
   * the original a duplicate.
   */
  readonly occurrence: number;
  /** Normalized names of every material of the same item (whole cells, not their alternatives). */
  readonly itemMaterialNames: ItemMaterialNames;
}

/** The normalized material names of one item. Built only when a rule asks. */
export interface ItemMaterialNames {
  has(name: string): boolean;
}

/** One rule's answer for one material. */
export interface RuleOutcome {
  matched: boolean;
  /** zh-CN sentence a reviewer reads: why the rule matched, or why not. */
  reason: string;
  /** The facts the rule read, by name. */
  facts: Record<string, FactValue>;
  /** How the office gets the information once the material is cancelled. */
  replacement?: string;
  /**
   * The day (YYYY-MM-DD) the catalog entry that cancels goes live: before it, the cancellation is
   * planned (计划取消, domain.md §10).
   */
  effectiveFrom?: string;
  /**
   * The public 依据 (zh-CN) of the cancellation, built from facts only (the data source, the
   * superior document's title and 文号, the instrument and its level …): what the publication,
   * the attachment and the public pages print. Never the `reason`, which is for reviewers.
   */
  publicReason?: string;
  /**
   * Marks on a retained material that someone must act on (domain.md §14): `refer-to-issuer`
   * (建议制定机关取消), `needs-legal-review` (the legal office must settle the level).
   */
  flags?: readonly string[];
  /** The legal level of the material's 设定依据, when the rule assessed it (§14). */
  legalBasis?: LegalBasisAssessment;
}

/** What a rule gets when it is compiled: the engine's catalogs (defaults or the city's). */
export interface RuleCompileContext {
  readonly catalogs: Readonly<Catalogs>;
  /** The name normalizer, memoized by the engine. */
  readonly normalize: (raw: string | undefined) => string;
  /** The configured jurisdiction (with its own `documentPrefixes`), when there is one. */
  readonly jurisdiction?: Readonly<ConfiguredJurisdiction>;
  /**
   * Memoizes a lookup by the context's normalized `name` (a catalog entry, an outcome built from
   * it): the engine keeps the answer with the name, so the lookup runs once per distinct name, not
   * once per material. `lookup` must depend on the name alone. Call it here, at compile time.
   */
  readonly perName: <T>(lookup: (name: string) => T) => (context: MaterialContext) => T;
}

/** A compiled rule's check: synchronous, no I/O. */
export type RuleCheck = (context: MaterialContext) => RuleOutcome;

/** A rule as a developer writes it with `defineRule`. */
export interface RuleDefinition {
  /** Stable id (`no-legal-basis`): used in config, traces and publications. */
  readonly id: string;
  /** Category of the cancellations it decides (can be changed in config). */
  readonly category: string;
  /** The 一律取消 principle (1–8) it implements, for people reading the trace. */
  readonly principle?: number;
  readonly title: { readonly zh: string; readonly en: string };
  /** The principle as the policy words it (“凡没有法律法规依据的，一律取消”). */
  readonly principleText?: LocalizedText;
  /** What the template's 填表说明 says about the rule: when it cancels, and what a department fills in. */
  readonly explanation?: LocalizedText;
  /**
   * The public label of a cancellation by this rule, where the rule's meaning differs from its
   * category's (principle 7: “村(居)委会无权出具，改由办理部门核实”, not “非办事必要条件”).
   */
  readonly publicWording?: LocalizedText;
  /** Called once per engine: build lookup tables here, return the per-material check. */
  compile(context: RuleCompileContext): RuleCheck;
}

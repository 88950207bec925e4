// Reading publications of schema 1.1, written before public and internal text were kept apart
// (domain.md §15): their rows carry the engine's `reason` and none of 1.2's public fields. A city
// that upgrades still has them on disk and in its store and diffs its next version against them,
// so they are read, checked against their own checksum, and upgraded in memory.
import {
  cancellationMethod,
  type Publication,
  PublicationSchema,
  PublishedBatchSchema,
  PublishedDepartmentSchema,
  PublishedItemSchema,
  PublishedMaterialSchema,
} from '@jianzheng/core';
import { z } from 'zod';

export const SCHEMA_1_1 = '1.1';

const NEW_MATERIAL_KEYS = {
  wording: true,
  method: true,
  basis: true,
  form: true,
  legalBasisLevel: true,
  legalInstrument: true,
} as const;

export const Material11Schema = PublishedMaterialSchema.omit(NEW_MATERIAL_KEYS).extend({
  reason: z.string(),
});
export type Material11 = z.infer<typeof Material11Schema>;

/** Schema 1.1: 1.2 with the engine's `reason` on rows instead of the public fields, and no batch status. */
export const Publication11Schema = PublicationSchema.extend({
  schemaVersion: z.literal(SCHEMA_1_1),
  batch: PublishedBatchSchema.omit({ status: true, legalReview: true }),
  departments: z.array(
    PublishedDepartmentSchema.extend({
      items: z.array(PublishedItemSchema.extend({ materials: z.array(Material11Schema) })),
    }),
  ),
});
export type Publication11 = z.infer<typeof Publication11Schema>;

/**
 * A 1.1 publication in the current model. The internal `reason` is dropped, not turned into the
 * public `basis` (which stays `null`): it is exactly the text §15 keeps out of public output.
 * 取消后办理方式 is derived from the replacement and category as the attachment always did. A
 * published 1.1 list was the official one. `sha256` stays the checksum as published.
 */
export function upgradePublication11(pub: Publication11): Publication {
  return {
    ...pub,
    schemaVersion: PublicationSchema.shape.schemaVersion.value,
    batch: { ...pub.batch, status: 'official', legalReview: null },
    departments: pub.departments.map((d) => ({
      ...d,
      items: d.items.map((i) => ({
        ...i,
        materials: i.materials.map(({ reason: _internal, ...m }) => ({
          ...m,
          wording: null,
          method: cancellationMethod({
            verdict: m.verdict,
            category: m.category?.id ?? null,
            replacement: m.replacement,
          }),
          basis: null,
          form: null,
          legalBasisLevel: null,
          legalInstrument: null,
        })),
      })),
    })),
  };
}

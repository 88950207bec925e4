// Reading publications of schema 1.0, written before planned cancellations existed (domain.md
// §10). A city that upgrades still has them on disk and in its store, and diffs its next version
// against them, so they are read, checked against their own checksum, and upgraded in memory.
import {
  type Publication,
  PublicationSummarySchema,
  PublishedDepartmentSchema,
  PublishedItemSchema,
  TotalsSchema,
} from '@jianzheng/core';
import { z } from 'zod';
import {
  Material11Schema,
  type Publication11,
  Publication11Schema,
  upgradePublication11,
} from './schema-1-1';

/** The schema version of publications written before planned cancellations. */
export const LEGACY_SCHEMA_VERSION = '1.0';

const NEW_TOTALS = { effective: true, planned: true, plannedRate: true } as const;
const Totals10 = TotalsSchema.omit(NEW_TOTALS);
const Material10 = Material11Schema.omit({ effectiveFrom: true });

/** Schema 1.0: 1.1 without `effectiveFrom` on materials and without the planned totals. */
export const Publication10Schema = Publication11Schema.extend({
  schemaVersion: z.literal(LEGACY_SCHEMA_VERSION),
  summary: PublicationSummarySchema.omit(NEW_TOTALS).extend({
    byDepartment: z.array(Totals10.extend({ department: z.string() }).strict()),
    byItemType: z.array(Totals10.extend({ itemType: z.string() }).strict()),
  }),
  departments: z.array(
    PublishedDepartmentSchema.extend({
      items: z.array(PublishedItemSchema.extend({ materials: z.array(Material10) })),
    }),
  ),
});
export type Publication10 = z.infer<typeof Publication10Schema>;

type Totals10 = z.infer<typeof Totals10>;

// Every 1.0 cancellation was in force: nothing was planned then.
const upgradeTotals = <T extends Totals10>(t: T) => ({
  ...t,
  effective: t.cancelled,
  planned: 0,
  plannedRate: 0,
});

/**
 * A 1.0 publication in the current model: as 1.1 with `effectiveFrom: null` on every material,
 * effective = cancelled, planned 0, then upgraded as 1.1 is. `sha256` stays the checksum of the
 * document as it was published, which is what identifies it (a diff shows it); it is not re-signed.
 */
export function upgradePublication10(pub: Publication10): Publication {
  return upgradePublication11({
    ...pub,
    schemaVersion: Publication11Schema.shape.schemaVersion.value,
    summary: {
      ...upgradeTotals(pub.summary),
      byDepartment: pub.summary.byDepartment.map(upgradeTotals),
      byItemType: pub.summary.byItemType.map(upgradeTotals),
    },
    departments: pub.departments.map((d) => ({
      ...d,
      items: d.items.map((i) => ({
        ...i,
        materials: i.materials.map((m) => ({ ...m, effectiveFrom: null })),
      })),
    })),
  } satisfies Publication11);
}

import type { Decision, Material, Publication } from '@jianzheng/core';
import { createPublicationBuilder, type PublicationHeadInput } from './publication-builder';

export interface CreatePublicationInput extends PublicationHeadInput {
  /** The materials in the order departments wrote them; grouping keeps this order. */
  materials: readonly Material[];
  /** One decision per material, matched by `materialId` (any order). */
  decisions: readonly Decision[];
}

/**
 * Builds a publication (domain.md §6): departments in first-seen order, items in first-seen order
 * within their department, materials in input order within their item; the summary as core's
 * `summarize` counts it; the `sha256` of the canonical content filled in. Throws `PublicationInputError`
 * (zh-CN message listing each problem) for a material without a decision, a decision for no
 * material, a repeated material id, a cancelled material without a known category, and so on.
 * The result is deeply frozen: a publication is an immutable snapshot.
 *
 * This is `createPublicationBuilder` fed both arrays in one chunk; a national list that arrives
 * item by item is better fed to the builder directly, so that only the published rows stay alive.
 */
export function createPublication(input: CreatePublicationInput): Publication {
  const { materials, decisions, ...head } = input;
  const builder = createPublicationBuilder(head);
  builder.add(materials, decisions);
  return builder.finish();
}

import type { RuleDefinition } from '../engine/types';
import { duplicate } from './duplicate';
import { internalQuery } from './internal-query';
import { issuerCannotCertify } from './issuer-cannot-certify';
import { itemCancelled } from './item-cancelled';
import { noLegalBasis } from './no-legal-basis';
import { notNecessary } from './not-necessary';
import { provenByLicence } from './proven-by-licence';
import { sharedData } from './shared-data';
import { superiorCancelled } from './superior-cancelled';
import { writtenCommitment } from './written-commitment';

/** The ten rules of the eight 一律取消 principles, in the order domain.md §4 evaluates them. */
export const DEFAULT_RULES: readonly RuleDefinition[] = Object.freeze([
  superiorCancelled,
  itemCancelled,
  noLegalBasis,
  duplicate,
  provenByLicence,
  notNecessary,
  issuerCannotCertify,
  sharedData,
  internalQuery,
  writtenCommitment,
]);

export {
  duplicate,
  internalQuery,
  issuerCannotCertify,
  itemCancelled,
  noLegalBasis,
  notNecessary,
  provenByLicence,
  sharedData,
  superiorCancelled,
  writtenCommitment,
};

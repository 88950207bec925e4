import type { Publication } from '@jianzheng/core';
import { canonicalContent, canonicalJson, checksumOfJson, signJson } from './canonical';
import { PublicationInvalidError } from './errors';
import { isSealed } from './sealed';
import {
  checkConsistency,
  checkSchema,
  type UnsignedPublication,
  UnsignedPublicationSchema,
} from './validate';

/**
 * The canonical JSON text of a publication (UTF-8 when written, 2-space indent, final newline,
 * keys in schema order), with its `sha256` recomputed from the content and embedded as the last
 * member. Equal publications give identical text whatever the key insertion order of the objects
 * passed in. A `sha256` already present is ignored. Throws `PublicationInvalidError` for objects
 * that do not match the schema, so nothing invalid is ever published. (Publications returned by
 * createPublication are frozen, validated and canonical already; they skip that step.)
 */
export function serializePublication(pub: Publication | UnsignedPublication): string {
  let content: UnsignedPublication;
  if (isSealed(pub)) {
    // Built by canonicalContent and frozen since: already canonical, no copy needed.
    const { sha256: _, ...rest } = pub as Publication;
    content = rest;
  } else {
    content = canonicalContent(validated(pub));
  }
  const json = canonicalJson(content);
  return signJson(json, checksumOfJson(json));
}

function validated(pub: Publication | UnsignedPublication): UnsignedPublication {
  const { sha256: _ignored, ...rest } = pub as Publication;
  const checked = checkSchema(UnsignedPublicationSchema, rest);
  if (!checked.ok) throw new PublicationInvalidError(checked.issues);
  const consistency = checkConsistency(checked.value);
  if (consistency.length > 0) throw new PublicationInvalidError(consistency);
  return checked.value;
}

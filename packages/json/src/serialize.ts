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
 * createPublication and parsePublication are frozen and already validated; they skip that step.)
 */
export function serializePublication(pub: Publication | UnsignedPublication): string {
  const json = canonicalJson(canonicalContent(isSealed(pub) ? pub : validated(pub)));
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

import type { Publication } from '@jianzheng/core';
import { canonicalContent, canonicalText, signText } from './canonical';
import { PublicationInvalidError } from './errors';
import { sha256Text } from './hash';
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
 * that do not match the schema, so nothing invalid is ever published.
 */
export function serializePublication(pub: Publication | UnsignedPublication): string {
  const { sha256: _ignored, ...rest } = pub as Publication;
  const checked = checkSchema(UnsignedPublicationSchema, rest);
  if (!checked.ok) throw new PublicationInvalidError(checked.issues);
  const consistency = checkConsistency(checked.value);
  if (consistency.length > 0) throw new PublicationInvalidError(consistency);
  const unsigned = canonicalText(canonicalContent(checked.value));
  return signText(unsigned, sha256Text(unsigned));
}

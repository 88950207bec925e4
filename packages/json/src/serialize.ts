import type { Publication } from '@jianzheng/core';
import { canonicalBodyChunks, canonicalContent, contentChecksum, signedTail } from './canonical';
import { PublicationInvalidError } from './errors';
import { createSha256 } from './hash';
import { isSealed, pendingChecksum } from './sealed';
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
 * One string: past V8's string limit (~1,000,000 materials) use serializePublicationChunks.
 */
export function serializePublication(pub: Publication | UnsignedPublication): string {
  const { content, sha256 } = prepare(pub);
  // Content is in canonical key order with `sha256` the last member, so one native stringify is
  // the canonical text: several times faster than joining the per-item chunks. A checksum still
  // pending is computed by reading it.
  return `${JSON.stringify({ ...content, sha256: sha256 ?? (pub as Publication).sha256 }, null, 2)}\n`;
}

/**
 * The same canonical text as serializePublication, in pieces (the head, then per department and
 * item, then the checksum member): joined they are byte for byte `serializePublication(pub)`. For
 * writing or hashing a publication whose text is longer than V8's longest string. The publication
 * is validated when this is called (errors throw here, not while iterating); a publication that is
 * not from createPublication is walked twice, once for its checksum and once for the text.
 */
export function serializePublicationChunks(
  pub: Publication | UnsignedPublication,
): Generator<string, void, undefined> {
  const { content, sha256, settle } = prepare(pub);
  return chunks(content, sha256, settle);
}

/**
 * A publication ready to be written: canonical content, and its checksum — or, for a sealed
 * publication whose checksum nobody has read yet, `settle`, to be called with the sha256 of the
 * body chunks plus `\n}\n` once the writer has hashed them (the text is then produced only once).
 */
export interface PreparedPublication {
  content: UnsignedPublication;
  sha256?: string;
  settle?: (sha256: string) => void;
}

/** Validates (unless sealed) and canonicalises; see PreparedPublication. */
export function prepare(pub: Publication | UnsignedPublication): PreparedPublication {
  let content: UnsignedPublication;
  let sha256: string;
  if (isSealed(pub)) {
    const waiting = pendingChecksum(pub);
    if (waiting !== undefined) return { content: waiting.content, settle: waiting.settle };
    // Built by canonicalContent, checksummed by contentChecksum and frozen since: the stored
    // checksum is the recomputed one, and hashing 1,000,000 materials again would double the cost.
    const { sha256: stored, ...rest } = pub as Publication;
    content = rest;
    sha256 = stored;
  } else {
    content = canonicalContent(validated(pub));
    sha256 = contentChecksum(content);
  }
  return { content, sha256 };
}

function* chunks(
  content: UnsignedPublication,
  sha256: string | undefined,
  settle: ((sha256: string) => void) | undefined,
): Generator<string, void, undefined> {
  if (sha256 !== undefined) {
    yield* canonicalBodyChunks(content);
    yield signedTail(sha256);
    return;
  }
  // Pending checksum: hash the chunks on their way out, so the text is produced once.
  const hash = createSha256();
  for (const chunk of canonicalBodyChunks(content)) {
    hash.update(chunk);
    yield chunk;
  }
  hash.update('\n}\n');
  const digest = hash.digest();
  settle?.(digest);
  yield signedTail(digest);
}

function validated(pub: Publication | UnsignedPublication): UnsignedPublication {
  const { sha256: _ignored, ...rest } = pub as Publication;
  const checked = checkSchema(UnsignedPublicationSchema, rest);
  if (!checked.ok) throw new PublicationInvalidError(checked.issues);
  const consistency = checkConsistency(checked.value);
  if (consistency.length > 0) throw new PublicationInvalidError(consistency);
  return checked.value;
}

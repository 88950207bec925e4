import { PUBLICATION_SCHEMA_VERSION, type Publication, PublicationSchema } from '@jianzheng/core';
import { checkTail, checkTailBytes, publicationChecksum } from './canonical';
import {
  PublicationChecksumError,
  PublicationInvalidError,
  type PublicationIssue,
  PublicationSchemaVersionError,
} from './errors';
import {
  LEGACY_SCHEMA_VERSION,
  type Publication10,
  Publication10Schema,
  upgradePublication10,
} from './schema-1-0';
import { type Publication11, Publication11Schema, SCHEMA_1_1, upgradePublication11 } from './schema-1-1';
import { checkConsistency, checkSchema } from './validate';

export interface ParsePublicationOptions {
  /** Check the embedded `sha256` against the content (default `true`). */
  verify?: boolean;
  /** Where the text came from (a file path), named first in every error message. */
  source?: string;
}

export interface VerifyResult {
  ok: boolean;
  /** The checksum the document carries (`null` when it carries none). */
  expected: string | null;
  /** The checksum of its canonical content. */
  actual: string;
}

const BOM = '\uFEFF';

/** 1-based line and column of a UTF-16 offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

function parseJson(text: string, source: string | undefined): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const at = /position (\d+)/.exec(detail);
    const end = text.trimEnd().length;
    const offset = at ? Math.min(Number(at[1]), text.length) : end;
    const truncated = offset >= end;
    const { line, column } = lineColumn(text, offset);
    const issue: PublicationIssue = truncated
      ? {
          path: '$',
          message: `JSON 不完整：在第 ${line} 行第 ${column} 列意外结束，文件可能被截断`,
          messageEn: `incomplete JSON: it ends unexpectedly at line ${line} column ${column}; the file may be truncated`,
        }
      : {
          path: '$',
          message: `JSON 语法错误：第 ${line} 行第 ${column} 列（${detail}）`,
          messageEn: `JSON syntax error at line ${line} column ${column} (${detail})`,
        };
    throw new PublicationInvalidError([issue], { source, line, column, cause: error });
  }
}

/** A validated document: the current schema, or an earlier one still to be upgraded after its checksum. */
type Validated =
  | { legacy: false; doc: Publication }
  | { legacy: '1.0'; doc: Publication10 }
  | { legacy: '1.1'; doc: Publication11 };

function validate(data: unknown, source: string | undefined): Validated {
  const declared = (data as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof data === 'object' && data !== null && declared === LEGACY_SCHEMA_VERSION) {
    const checked = checkSchema(Publication10Schema, data);
    if (!checked.ok) throw new PublicationInvalidError(checked.issues, { source });
    return { legacy: '1.0', doc: checked.value };
  }
  if (typeof data === 'object' && data !== null && declared === SCHEMA_1_1) {
    const checked = checkSchema(Publication11Schema, data);
    if (!checked.ok) throw new PublicationInvalidError(checked.issues, { source });
    return { legacy: '1.1', doc: checked.value };
  }
  if (
    typeof data === 'object' &&
    data !== null &&
    declared !== undefined &&
    declared !== PUBLICATION_SCHEMA_VERSION
  )
    throw new PublicationSchemaVersionError(
      declared,
      `${LEGACY_SCHEMA_VERSION}, ${SCHEMA_1_1}, ${PUBLICATION_SCHEMA_VERSION}`,
      source,
    );
  const checked = checkSchema(PublicationSchema, data);
  if (!checked.ok) throw new PublicationInvalidError(checked.issues, { source });
  return { legacy: false, doc: checked.value };
}

function current(validated: Validated): Publication {
  if (validated.legacy === '1.0') return upgradePublication10(validated.doc);
  if (validated.legacy === '1.1') return upgradePublication11(validated.doc);
  return validated.doc;
}

/**
 * The checksum check. Fast path: a file as published ends with the `sha256` member, so the bytes
 * before it are the canonical text and are hashed as they are. Reformatted files (other indent,
 * CRLF, reordered keys) are re-serialized canonically, which is what the checksum is defined over.
 */
function check(
  tail: { expected: string; actual: string } | undefined,
  { doc: pub }: Validated,
): VerifyResult {
  if (tail && tail.expected === pub.sha256 && tail.actual === pub.sha256)
    return { ok: true, expected: pub.sha256, actual: tail.actual };
  const { sha256: _, ...content } = pub;
  // A 1.0 or 1.1 document's canonical form is the current one without the keys it lacks (and
  // with 1.1's `reason`): the canonical writer names every version's keys, and JSON drops those
  // that are undefined.
  const actual = publicationChecksum(content as unknown as Omit<Publication, 'sha256'>);
  return { ok: actual === pub.sha256, expected: pub.sha256, actual };
}

/**
 * Reads a publication: JSON syntax (errors give line and column; a truncated file is called
 * truncated), schema version, the zod schema (errors give the JSON path of every problem, zh-CN
 * first), consistency of ids and totals, and the checksum. Throws `PublicationInvalidError`,
 * `PublicationSchemaVersionError` or `PublicationChecksumError`. A schema 1.0 document is checked
 * as 1.0 and returned upgraded (nothing planned, its `sha256` kept); a 1.1 one likewise (its
 * internal `reason` dropped, `basis` null). Give the file's bytes rather than
 * its text where you have them: they are checksummed as they are, invalid UTF-8 is refused instead
 * of becoming U+FFFD, and the decoded text does not outlive the JSON parse.
 */
export function parsePublication(
  input: string | Uint8Array,
  options: ParsePublicationOptions = {},
): Publication {
  const verify = options.verify !== false;
  let tail: VerifyResult | { expected: string; actual: string } | undefined;
  let data: unknown;
  if (typeof input === 'string') {
    const body = input.startsWith(BOM) ? input.slice(1) : input;
    tail = verify ? checkTail(body) : undefined;
    data = parseJson(body, options.source);
  } else {
    const body = hasBomBytes(input) ? input.subarray(3) : input;
    tail = verify ? checkTailBytes(body) : undefined;
    data = parseDecoded(body, options.source);
  }
  const validated = validate(data, options.source);
  if (verify) {
    const result = check(tail, validated);
    if (!result.ok) throw new PublicationChecksumError(validated.doc.sha256, result.actual, options.source);
  }
  const pub = current(validated);
  // After the checksum: an edited total is reported as tampering, not as a generator bug.
  const consistency = checkConsistency(pub);
  if (consistency.length > 0) throw new PublicationInvalidError(consistency, { source: options.source });
  return pub;
}

const hasBomBytes = (bytes: Uint8Array) => bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

// The decoded text of a Chinese list is twice its file size (UTF-16) and is garbage once parsed.
// It lives only in this frame, so validation of a 50 MB file does not keep ~100 MB more alive:
// that live size sets V8's next heap limit, and with it the peak RSS of a 16-city comparison.
function parseDecoded(bytes: Uint8Array, source: string | undefined): unknown {
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch (error) {
    throw new PublicationInvalidError(
      [
        {
          path: '$',
          message: '文件不是有效的 UTF-8 编码文本，发布文件必须以 UTF-8 保存',
          messageEn: 'the file is not valid UTF-8; publications are UTF-8 text',
        },
      ],
      { source, cause: error },
    );
  }
  return parseJson(text, source);
}

/**
 * Whether the embedded `sha256` matches the content. Never throws for a checksum mismatch (that is
 * `ok: false`); throws `PublicationInvalidError` when the text is not a publication at all, since
 * then there is no content to check.
 */
export function verifyPublication(text: string): VerifyResult {
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  const tail = checkTail(body);
  if (tail && tail.actual === tail.expected) return { ok: true, ...tail };
  return check(tail, validate(parseJson(body, undefined), undefined));
}

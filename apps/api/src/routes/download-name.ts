import { formatLocalDateTime } from '@jianzheng/core';

// People type jurisdictions and batch titles: a name part never carries a path, a quote or a control.
const UNSAFE = /[\u0000-\u001f\u007f"\\/:*?<>|]+/g;

function part(text: string): string {
  return text.normalize('NFKC').replace(UNSAFE, '').replace(/\s+/g, '').slice(0, 60);
}

// RFC 5987 attr-chars: encodeURIComponent leaves ' ( ) * alone, which filename* may not carry raw.
const ext = (text: string) =>
  encodeURIComponent(text).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * A Content-Disposition with a file name (RFC 6266): an ASCII `filename` for old clients and the
 * UTF-8 name (Chinese) as `filename*`, which every current browser prefers.
 */
export function contentDisposition(
  kind: 'attachment' | 'inline',
  fileName: string,
  fallback: string,
): string {
  const ascii = fallback.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${ext(fileName)}`;
}

/** What a published version's file is named after: where, which list, which version, which day. */
export interface VersionNaming {
  batchId: string;
  version: number;
  publishedAt: string;
  /** The batch's jurisdiction and title when the batch is known. */
  jurisdiction?: string | undefined;
  title?: string | undefined;
  timeZone: string;
}

/**
 * `宿州市-第一批-第2版-20180904.json`, with the ASCII fallback `b1-v2-20180904.json`; the day is
 * the publication day in the city's zone.
 */
export function versionFileName(
  naming: VersionNaming,
  suffix: string,
  asciiSuffix = suffix,
): { name: string; fallback: string } {
  const day = formatLocalDateTime(naming.publishedAt, naming.timeZone, { style: 'date-compact' });
  const where = [naming.jurisdiction, naming.title].filter((p): p is string => !!p).map(part);
  return {
    name: [...where, `第${naming.version}版`, day].filter(Boolean).join('-') + suffix,
    fallback: `${naming.batchId}-v${naming.version}-${day}${asciiSuffix}`,
  };
}

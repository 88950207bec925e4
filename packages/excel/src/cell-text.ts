/** The shared-strings table, when exceljs hands out indexes instead of text (exceljs #683). */
export type SharedStrings = readonly unknown[] | undefined;

/**
 * The text of a cell, whatever exceljs made of it: string, number, boolean, date, rich text,
 * formula or shared-formula result, error, hyperlink, or a shared-string index. Never throws;
 * a formula without a cached result is blank. An error value (#REF!) comes back as its code,
 * so that it stays visible; the importer reports it separately (see `cellError`).
 */
export function cellText(value: unknown, sharedStrings?: SharedStrings): string {
  if (value == null) return '';
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return formatNumber(value);
    case 'boolean':
      return value ? '是' : '否';
    case 'object':
      return objectText(value as Record<string, unknown>, sharedStrings, 0);
    default:
      return String(value);
  }
}

/** The error code of an error cell or of a formula whose result is an error, else `undefined`. */
export function cellError(value: unknown): string | undefined {
  if (value == null || typeof value !== 'object') return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record.error === 'string') return record.error;
  const result = record.result;
  // exceljs's streaming reader parses the cached result of an erroring formula (t="e") as a
  // number, so #DIV/0! arrives as NaN.
  if (
    typeof result === 'number' &&
    Number.isNaN(result) &&
    ('formula' in record || 'sharedFormula' in record)
  ) {
    return '#ERROR';
  }
  if (
    result != null &&
    typeof result === 'object' &&
    typeof (result as { error?: unknown }).error === 'string'
  ) {
    return (result as { error: string }).error;
  }
  return undefined;
}

function objectText(value: Record<string, unknown>, sharedStrings: SharedStrings, depth: number): string {
  // Defends against self-referencing shared strings or odd nesting: no real cell nests deeper.
  if (depth > 4) return '';
  if (value instanceof Date) return formatDate(value);
  const richText = value.richText;
  if (Array.isArray(richText)) {
    let text = '';
    for (const run of richText) {
      const part = (run as { text?: unknown } | null)?.text;
      if (part != null) text += String(part);
    }
    return text;
  }
  if ('formula' in value || 'sharedFormula' in value) return nested(value.result, sharedStrings, depth);
  if (typeof value.error === 'string') return value.error;
  if ('hyperlink' in value || 'text' in value) return nested(value.text, sharedStrings, depth);
  if (typeof value.sharedString === 'number') {
    return nested(sharedStrings?.[value.sharedString], sharedStrings, depth);
  }
  return '';
}

function nested(value: unknown, sharedStrings: SharedStrings, depth: number): string {
  if (value == null) return '';
  if (typeof value === 'object')
    return objectText(value as Record<string, unknown>, sharedStrings, depth + 1);
  return cellText(value, sharedStrings);
}

function formatNumber(value: number): string {
  if (Number.isInteger(value) || !Number.isFinite(value)) return String(value);
  // Binary floating point shows 0.30000000000000004 where the sheet shows 0.3.
  return String(Number(value.toPrecision(15)));
}

function formatDate(value: Date): string {
  const time = value.getTime();
  if (Number.isNaN(time)) return '';
  const iso = value.toISOString();
  // exceljs reads dates as UTC; a date without a time of day is shown as a date.
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('.000Z', 'Z');
}

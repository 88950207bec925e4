/** How bad an import problem is: an error stops the whole file from importing. */
export type IssueSeverity = 'error' | 'warning' | 'info';

/**
 * One problem found while importing, located as precisely as the input allows. `code` is
 * stable across versions (callers switch on it); `message` is zh-CN, `messageEn` English.
 */
export interface ImportIssue {
  severity: IssueSeverity;
  code: string;
  /** The file name as given in options, else the path, else `<stream>`. */
  file: string;
  sheet: string | null;
  /** 1-based row number as Excel shows it. */
  row: number | null;
  /** Column letter as Excel shows it, e.g. `F`. */
  column: string | null;
  message: string;
  messageEn: string;
}

export interface IssueLocation {
  file: string;
  sheet?: string | null;
  row?: number | null;
  column?: string | null;
}

/** "「a.xlsx」工作表「公安局」第 12 行 F 列" — the prefix every zh-CN message starts with. */
export function whereZh(at: IssueLocation): string {
  let text = `「${at.file}」`;
  if (at.sheet != null) text += `工作表「${at.sheet}」`;
  if (at.row != null) text += `第 ${at.row} 行`;
  if (at.column != null) text += `${at.row != null ? ' ' : ''}${at.column} 列`;
  return text;
}

export function whereEn(at: IssueLocation): string {
  const parts = [`"${at.file}"`];
  if (at.sheet != null) parts.push(`sheet "${at.sheet}"`);
  if (at.row != null) parts.push(`row ${at.row}`);
  if (at.column != null) parts.push(`column ${at.column}`);
  return parts.join(', ');
}

export function makeIssue(
  severity: IssueSeverity,
  code: string,
  at: IssueLocation,
  zh: string,
  en: string,
): ImportIssue {
  return {
    severity,
    code,
    file: at.file,
    sheet: at.sheet ?? null,
    row: at.row ?? null,
    column: at.column ?? null,
    message: `${whereZh(at)}：${zh}`,
    messageEn: `${whereEn(at)}: ${en}`,
  };
}

const PER_KIND_LIMIT = 20;

/**
 * Collects issues with a cap per (code, sheet, column): a column of 1,000,000 unreadable
 * yes/no cells must not become 1,000,000 issue objects. The overflow is summarised at the end.
 */
export class IssueCollector {
  readonly issues: ImportIssue[] = [];
  private readonly counts = new Map<string, { count: number; first: ImportIssue }>();
  private errors = 0;

  constructor(readonly file: string) {}

  get hasErrors(): boolean {
    return this.errors > 0;
  }

  add(issue: ImportIssue): void {
    if (issue.severity === 'error') this.errors++;
    const key = `${issue.code}\u0000${issue.sheet}\u0000${issue.column}`;
    const seen = this.counts.get(key);
    if (seen === undefined) {
      this.counts.set(key, { count: 1, first: issue });
      this.issues.push(issue);
      return;
    }
    seen.count++;
    if (seen.count <= PER_KIND_LIMIT) this.issues.push(issue);
  }

  /** Adds one summary per capped kind; call once, at the end. */
  finish(): ImportIssue[] {
    for (const { count, first } of this.counts.values()) {
      if (count <= PER_KIND_LIMIT) continue;
      const more = count - PER_KIND_LIMIT;
      this.issues.push(
        makeIssue(
          first.severity === 'error' ? 'error' : 'info',
          'MORE_ISSUES',
          { file: first.file, sheet: first.sheet, column: first.column },
          `另有 ${more} 处同类问题（${first.code}）未逐条列出`,
          `${more} more issues of the same kind (${first.code}) not listed one by one`,
        ),
      );
    }
    return this.issues;
  }
}

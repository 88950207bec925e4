import {
  cleanText,
  createNameNormalizer,
  parseItemType,
  parseProposal,
  parseSource,
  parseSuperiorCancelled,
  parseYesNo,
  splitAlternatives,
} from '@jianzheng/core';
import { cleanName, memo } from './text';

/**
 * The import's memoized text functions. Each is pure (a text reads the same in every file and
 * every sheet), and each cache is bounded. The values are shared and never changed: a caller
 * that changes one copies it first (readMaterial copies the alternatives).
 */
export class TextMemos {
  readonly normalize = createNameNormalizer(50_000);
  readonly cleanName = memo(cleanName);
  readonly cleanText = memo((text) => cleanText(text));
  // The same functions remembered apart for the cells that repeat row after row (a sheet's
  // department, an item's name): their own last text is then nearly always the one asked for.
  readonly cleanDepartment = memo((text) => cleanText(text));
  readonly cleanItemName = memo(cleanName);
  readonly yesNo = memo((text) => parseYesNo(text));
  readonly source = memo((text) => parseSource(text));
  readonly proposal = memo((text) => parseProposal(text));
  readonly itemType = memo((text) => parseItemType(text));
  readonly superior = memo((text) => parseSuperiorCancelled(text));
  /** core's split of 任选其一 names; a sheet repeats names, and the split is regular expressions. */
  readonly alternatives = memo((name) => splitAlternatives(name));
}

let shared: TextMemos | undefined;

/**
 * Makes the files imported on this thread from now on share one set of memos. For an import
 * worker, which imports one file after another: the files of a batch repeat the same names,
 * sources and laws, and each file parsing them afresh was about a tenth of a file's time.
 * Elsewhere each file keeps its own, so nothing outlives an import.
 */
export function shareTextMemos(): void {
  shared ??= new TextMemos();
}

/** The memos for a new file: the shared ones when this thread shares them, else new ones. */
export function textMemos(): TextMemos {
  return shared ?? new TextMemos();
}

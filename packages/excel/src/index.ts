// @jianzheng/excel — department workbooks in, the submission template and the official list out.

export { publicationTitle } from './attachment-layout';
export { cellError, cellText } from './cell-text';
export { columnLetter } from './column-letter';
export { exportPublication } from './export-publication';
export type { ItemGroup, SheetSummary } from './file-context';
export type { Field, FieldDefinition } from './headers';
export { FIELDS, matchHeader } from './headers';
export type { AheadSource, ImportAheadOptions } from './import-ahead';
export { defaultAheadThreads, importWorkbooksAhead } from './import-ahead';
export type { ImportBatchOptions, ImportBatchResult, ImportResult, WorkbookSource } from './import-workbook';
export { importWorkbook, importWorkbooks } from './import-workbook';
export type { ImportIssue, IssueSeverity } from './issues';
export type { ImportLimits, LimitLocation } from './limits';
export {
  CellTooLargeError,
  CellTooLongError,
  DEFAULT_LIMITS,
  FileTooLargeError,
  ImportLimitError,
  PartTooLargeError,
  TooManyItemMaterialsError,
  TooManyMaterialsError,
  TooManyRowsError,
  TooManySharedStringsError,
} from './limits';
export type { WorkbookInput } from './open-input';
export { UnreadableFormatError } from './read-whole';
export { ParserMemoryExceededError } from './read-whole-off-thread';
export type { ReferralsWorkbookOptions } from './referrals-workbook';
export { createReferralsWorkbook } from './referrals-workbook';
export type { ImportOptions, StreamOptions, StreamSummary, WorkbookEvent } from './stream-workbook';
export { streamWorkbook } from './stream-workbook';
export type { TemplateOptions } from './template';
export { createTemplate, principlesOf, TEMPLATE_FIELDS } from './template';
export type { WriteWorkbookOptions } from './write-publication-workbook';
export { WorkbookWriteError, writePublicationWorkbook } from './write-publication-workbook';
export { XlsxTooLargeError } from './xlsx-writer/zip-writer';

import { createMaterial, type Material, type MaterialSource, type ServiceItem } from '@jianzheng/core';
import type { FileContext } from './file-context';
import type { SheetCells } from './sheet-cells';
import type { SheetRow } from './worksheet-rows';

const PROPOSAL_HINT = '保留 或 取消';

/** One data row as a core Material of `item`; unknown values are kept as unknown, with a warning. */
export function readMaterial(
  ctx: FileContext,
  cells: SheetCells,
  row: SheetRow,
  name: string,
  item: ServiceItem,
): Material {
  const col = cells.col;
  let source: MaterialSource | undefined;
  const sourceText = cells.text(row, col.source, 'source');
  if (sourceText.length > 0) {
    source = ctx.source(sourceText);
    if (source === undefined && sourceText.trim().length > 0) {
      cells.warnValue(
        row,
        'source',
        'UNKNOWN_SOURCE',
        sourceText,
        '申请人自备、政府部门核发、中介机构出具、其他',
      );
    }
  }
  const issuer = cells.optionalText(row, col.issuer, 'issuer');
  const legalBasis = cells.optionalText(row, col.legalBasis, 'legalBasis');
  // A blank 设定依据 reads as none; the rows are listed in one warning per file (domain.md §8).
  if (legalBasis === undefined)
    ctx.blankLegalBasis.add(cells.sheet, row.number, col.legalBasis === undefined);
  const necessary = cells.yesNo(row, 'necessary');
  const shareable = cells.yesNo(row, 'shareable');
  const internalQuery = cells.yesNo(row, 'internalQuery');
  const commitment = cells.yesNo(row, 'commitment');

  let superiorCancelled: Material['superiorCancelled'] = 'unknown';
  let superiorReference: string | undefined;
  const superiorText = cells.text(row, col.superiorCancelled, 'superiorCancelled');
  // A blank cell in a 上级已取消 column is no (domain.md §8); without the column nothing was said.
  if (col.superiorCancelled !== undefined) {
    const superior = ctx.superior(ctx.cleanText(superiorText));
    superiorCancelled = superior.value;
    superiorReference = superior.reference;
    if (superior.unrecognised) {
      cells.warnValue(
        row,
        'superiorCancelled',
        'UNKNOWN_SUPERIOR_CANCELLED',
        superiorText,
        '否、×、N、无、/、未取消、不适用；是、√、Y；或上级文件名称《…》、文号',
      );
    }
  }

  let departmentProposal: Material['departmentProposal'] = 'unknown';
  const proposalText = cells.text(row, col.departmentProposal, 'departmentProposal');
  if (proposalText.length > 0) {
    const proposal = ctx.proposal(proposalText);
    if (proposal === undefined) {
      cells.warnValue(row, 'departmentProposal', 'UNKNOWN_PROPOSAL', proposalText, PROPOSAL_HINT);
    } else {
      departmentProposal = proposal;
    }
  }
  const proposedMethod = cells.optionalText(row, col.proposedMethod, 'proposedMethod');
  const notes = cells.optionalText(row, col.notes, 'notes');
  // Core builds the object, so imported materials share the engine's one shape. The id is set
  // when the item closes.
  // Each material its own array: the memoized split is shared between the rows of a name.
  const alternatives = ctx.alternatives(name);
  return createMaterial({
    item,
    name,
    alternatives: alternatives === null ? null : [...alternatives],
    source,
    issuer,
    legalBasis,
    necessary,
    shareable,
    internalQuery,
    commitment,
    superiorCancelled,
    superiorReference,
    departmentProposal,
    proposedMethod,
    notes,
  });
}

import { type ItemType, itemKey, type ServiceItem } from '@jianzheng/core';
import { columnLetter } from './column-letter';
import type { FileContext, OpenGroup } from './file-context';
import { makeIssue } from './issues';
import type { SheetCells } from './sheet-cells';
import type { SheetRow } from './sheet-row';
import { isNotApplicable } from './text';

/** The item a row starts. */
export interface NewItem {
  key: string;
  department: string;
  code: string;
  name: string;
  /** The 事项类型 text in force (written on this row or inherited from above). */
  type: string;
  row: SheetRow;
}

/**
 * Opens the group of an item's materials: one ServiceItem object per item of the file, an
 * unknown 事项类型 left blank with a warning, an item met again after others with a warning.
 */
export function openItem(ctx: FileContext, cells: SheetCells, next: NewItem): OpenGroup {
  const { key, department, code, name, row } = next;
  const sheet = cells.sheet;
  const typeText = next.type.trim();
  let type: ItemType | undefined;
  if (typeText.length > 0 && !isNotApplicable(typeText)) {
    type = ctx.itemType(typeText);
    if (type === undefined && cells.col.itemType !== undefined) {
      ctx.issues.add(
        makeIssue(
          'warning',
          'UNKNOWN_ITEM_TYPE',
          { file: ctx.file, sheet, row: row.number, column: columnLetter(cells.col.itemType) },
          `事项类型“${typeText}”不是八类事项类型之一（行政许可、行政确认、行政裁决、行政给付、行政奖励、行政备案、其他行政权力、公共服务），记为未填`,
          `item type "${typeText}" is none of the eight types; left blank`,
        ),
      );
    }
  }
  const { state, repeated } = ctx.itemState(key, () => {
    const item: ServiceItem = { department, name };
    if (code.length > 0) item.code = code;
    if (type !== undefined) item.type = type;
    return { item, key: itemKey(item), counts: new Map(), firstRow: row.number, sheet };
  });
  if (repeated) {
    ctx.issues.add(
      makeIssue(
        'warning',
        'ITEM_REPEATED',
        { file: ctx.file, sheet, row: row.number },
        `事项“${name}”此前已出现（工作表「${state.sheet}」第 ${state.firstRow} 行），这里的材料并入同一事项`,
        `item "${name}" already appeared (sheet "${state.sheet}", row ${state.firstRow}); these materials join it`,
      ),
    );
  }
  return { key, state, materials: [] };
}

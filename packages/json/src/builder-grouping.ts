// How the publication builder groups rows: departments in first-seen order, items in first-seen
// order within their department, each row at the end of its item.
import { itemKey, type Material, type PublishedDepartment, type PublishedItem } from '@jianzheng/core';
import { blankToNull } from './builder-text';

type Row = PublishedItem['materials'][number];

/** The departments and items seen so far, and where the next row of an item goes. */
export function createGrouping(intern: (text: string) => string) {
  // Per department its place in the list, and per item the item and its place in the department.
  let departments = new Map<
    string,
    { name: string; at: number; items: Map<string, [PublishedItem, number]> }
  >();
  // Materials come item by item: the last item's row list is reused while the item is the same
  // object with the same fields, instead of a key concatenated and two map lookups per material.
  let lastItem: Material['item'] | undefined;
  let lastFields: readonly unknown[] = [];
  let lastRows: Row[] | undefined;
  let department = 0;
  let item = 0;
  const sameItem = (next: Material['item']) =>
    next === lastItem &&
    next.department === lastFields[0] &&
    next.code === lastFields[1] &&
    next.name === lastFields[2] &&
    next.type === lastFields[3];

  return {
    /** The row list of the material's item (made on first sight); `department` and `item` then say where it is. */
    rowsOf(material: Material): Row[] {
      if (lastRows !== undefined && sameItem(material.item)) return lastRows;
      let group = departments.get(material.item.department);
      if (group === undefined) {
        group = { name: intern(material.item.department), at: departments.size, items: new Map() };
        departments.set(material.item.department, group);
      }
      const key = itemKey(material.item);
      let entry = group.items.get(key);
      if (entry === undefined) {
        const code = blankToNull(material.item.code);
        const published: PublishedItem = {
          code: code === null ? null : intern(code),
          name: intern(material.item.name),
          type: material.item.type ?? null,
          materials: [],
        };
        entry = [published, group.items.size];
        group.items.set(key, entry);
      }
      lastItem = material.item;
      lastFields = [material.item.department, material.item.code, material.item.name, material.item.type];
      lastRows = entry[0].materials;
      department = group.at;
      item = entry[1];
      return lastRows;
    },
    /** Place of the department of the last `rowsOf`, in the list. */
    get department() {
      return department;
    },
    /** Place of the item of the last `rowsOf`, in its department. */
    get item() {
      return item;
    },
    /** The departments with their items, once; the grouping is empty afterwards. */
    take(): PublishedDepartment[] {
      const list = [...departments.values()].map((d) => ({
        name: d.name,
        items: [...d.items.values()].map(([published]) => published),
      }));
      departments = new Map();
      lastRows = undefined;
      return list;
    },
  };
}

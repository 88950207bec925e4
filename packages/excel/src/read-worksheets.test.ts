import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openWorkbook } from './read-worksheets';
import { ZipSource } from './zip-source';

const FIXTURES = join(import.meta.dirname, '../fixtures');
const LIMITS = { maxSharedStrings: 1_000_000, maxCellLength: 32_767 };

/** Every sheet of a workbook as the reader yields it: name, state, merges, every cell. */
async function readAll(path: string, wholePartBytes?: number) {
  const zip = await ZipSource.fromFile(path);
  try {
    const sheets = await openWorkbook(zip, LIMITS, wholePartBytes);
    const out: unknown[] = [];
    for await (const sheet of sheets!) {
      const rows: unknown[] = [];
      for await (const batch of sheet.rows) {
        for (const row of batch) {
          const cells: unknown[] = [];
          row.eachValue((value, column) => cells.push([column, value]));
          rows.push([row.number, row.hidden, cells]);
        }
      }
      out.push({ name: sheet.name, state: sheet.state, merges: sheet.merges, rows });
    }
    return out;
  } finally {
    await zip.close();
  }
}

async function xlsxFixtures(): Promise<string[]> {
  const paths: string[] = [];
  for (const dir of ['layouts', 'producers']) {
    for (const name of await readdir(join(FIXTURES, dir))) {
      if (name.endsWith('.xlsx')) paths.push(join(FIXTURES, dir, name));
    }
  }
  return paths;
}

describe('openWorkbook: parts held whole and parts streamed read alike', () => {
  it('gives the same sheets, merged ranges and cells both ways, for files of several producers', async () => {
    const paths = await xlsxFixtures();
    expect(paths.length).toBeGreaterThan(10);
    let merges = 0;
    for (const path of paths) {
      const whole = await readAll(path);
      // 0 bytes: every part streams, inflated chunk by chunk (the way files over the size go).
      const streamed = await readAll(path, 0);
      expect(whole, path).toEqual(streamed);
      for (const sheet of whole as Array<{ merges: unknown[] }>) merges += sheet.merges.length;
    }
    // The layouts merge cells: the merge scan of a whole part is compared, not only rows.
    expect(merges).toBeGreaterThan(0);
  });
});

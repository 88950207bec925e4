import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { importWorkbook } from './import-workbook';
import { withoutFormatNoise } from './read-whole';

const ODS = join(__dirname, '..', 'fixtures', 'layouts', 'superior-cancelled.libreoffice.ods');
const noise = (calls: unknown[][]) => calls.filter((args) => String(args[0]).startsWith('ODS number format'));

afterEach(() => vi.restoreAllMocks());

describe('SheetJS console noise on reading a LibreOffice .ods', () => {
  it('is held back from the operator, the import unchanged', async () => {
    const bytes = await readFile(ODS);
    // The file does make SheetJS print it: read bare, the notice comes.
    const bare = vi.spyOn(console, 'error').mockImplementation(() => {});
    XLSX.read(bytes, { type: 'buffer', dense: true, cellNF: true });
    expect(noise(bare.mock.calls).length).toBeGreaterThan(0);
    bare.mockClear();

    // The import reads the file on a parser thread, whose console reaches this process's stderr.
    const written: unknown[][] = [];
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => {
      written.push([String(chunk)]);
      return true;
    });
    const result = await importWorkbook(ODS);
    // The thread's output is piped: give it a turn to arrive before looking.
    await new Promise((resolve) => setTimeout(resolve, 50));
    stderr.mockRestore();
    expect(result.ok).toBe(true);
    expect(result.materials.length).toBeGreaterThan(0);
    expect(noise([...bare.mock.calls, ...written])).toEqual([]);
  });

  it('lets every other console.error through, and puts console.error back even when the read throws', () => {
    const seen = vi.spyOn(console, 'error').mockImplementation(() => {});
    const wrapped = console.error;
    withoutFormatNoise(() => {
      console.error('ODS number format may be incorrect: value()>0');
      console.error('something else', 1);
    });
    expect(seen.mock.calls).toEqual([['something else', 1]]);
    expect(() =>
      withoutFormatNoise(() => {
        throw new Error('corrupt');
      }),
    ).toThrow('corrupt');
    expect(console.error).toBe(wrapped);
  });
});

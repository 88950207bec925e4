import { describe, expect, it } from 'vitest';
import { commitmentLetters } from './build-letters';
import { letterProvenance } from './docx';
import { demoPublication } from './testing/demo-publication';
import { lettersZip } from './zip';

/** The DOS date and time of every local file header in a zip (what archive tools show). */
function entryDates(zip: Uint8Array): string[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const dates: string[] = [];
  for (let at = 0; at + 30 <= zip.length; ) {
    if (view.getUint32(at, true) !== 0x04034b50) break;
    const time = view.getUint16(at + 10, true);
    const date = view.getUint16(at + 12, true);
    const pad = (n: number) => String(n).padStart(2, '0');
    dates.push(
      `${(date >> 9) + 1980}-${pad((date >> 5) & 15)}-${pad(date & 31)} ${pad(time >> 11)}:${pad((time >> 5) & 63)}`,
    );
    const size = view.getUint32(at + 18, true);
    at += 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true) + size;
  }
  return dates;
}

describe('the letters’ dates are the city’s (domain.md §9 timeZone)', () => {
  it('dates a version published at 23:30 UTC on the next day in Asia/Shanghai, in the zip and the footer', async () => {
    const publication = { ...(await demoPublication()), publishedAt: '2026-12-06T23:30:00.000Z' };
    const letters = commitmentLetters(publication, { timeZone: 'Asia/Shanghai' }).slice(0, 3);
    const dates = entryDates(await lettersZip(letters));
    expect(dates).toHaveLength(4);
    for (const date of dates) expect(date).toBe('2026-12-07 07:30');
    expect(letterProvenance(letters[0]!)).toContain('2026-12-07 公布');
    const utc = commitmentLetters(publication, { timeZone: 'UTC' }).slice(0, 1);
    expect(entryDates(await lettersZip(utc))[0]).toBe('2026-12-06 23:30');
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, harness, htmlPage, operatorCookie, seededBatch } from '../test-support/harness';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

/** The text a person reads (tags and scripts out). */
const visible = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

describe('operator pages show times in the configured zone (domain.md §9, default Asia/Shanghai)', () => {
  it('an event at 23:30 UTC is read as 07:30 on the next day on the audit, token and batch pages', async () => {
    h.setNow('2026-12-06T23:30:00.000Z');
    await seededBatch(h);
    expect((await h.call('admin', 'POST', '/api/batches/b1/transitions', { action: 'submit' })).status).toBe(
      200,
    );
    const made = await h.call('admin', 'POST', '/api/tokens', { role: 'reviewer', label: '夜班' });
    expect(made.status).toBe(201);
    const cookie = await operatorCookie(h, 'admin');
    h.setNow('2026-12-06T23:50:00.000Z');

    for (const path of ['/operator/audit', '/operator/tokens', '/operator/batches/b1']) {
      const page = await htmlPage(h, path, cookie);
      expect(page.status, path).toBe(200);
      const text = visible(page.html);
      expect(text, path).toContain('2026-12-07 07:30');
      expect(text, path).not.toContain('2026-12-06');
      expect(text, path).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
    }
  });
});

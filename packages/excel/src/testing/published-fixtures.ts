// Test helper: a file's publication, built from fixture workbooks before its tests, and a temp
// folder to write into; the fixtures and the folder are removed after the file's tests.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Publication } from '@jianzheng/core';
import { afterAll, beforeAll } from 'vitest';
import { importWorkbooks } from '../import-workbook';
import { type Fixtures, writeFixtures } from './fixtures';
import { buildPublication } from './publication';

export interface PublishedFixtures {
  /** The temp folder (empty at first). */
  readonly dir: string;
  readonly publication: Publication;
}

/** Call at a test file's top level: the fields are set once its `beforeAll` has run. */
export function publishedFixtures(prefix: string, pick: (f: Fixtures) => string[]): PublishedFixtures {
  const state = { dir: '', publication: undefined as unknown as Publication };
  let fixtures: Fixtures | undefined;
  beforeAll(async () => {
    fixtures = await writeFixtures();
    state.dir = await mkdtemp(join(tmpdir(), prefix));
    const imported = await importWorkbooks(pick(fixtures));
    if (!imported.ok) throw new Error(`fixture workbooks did not import: ${JSON.stringify(imported.issues)}`);
    state.publication = buildPublication(imported.materials);
  });
  afterAll(async () => {
    if (fixtures) await rm(fixtures.dir, { recursive: true, force: true });
    if (state.dir) await rm(state.dir, { recursive: true, force: true });
  });
  return state;
}

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PUBLICATION_SCHEMA_VERSION } from '@jianzheng/core';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { serializePublication } from './serialize';
import { samplePublication } from './test-support';

// The file the package ships (written by scripts/build-schema.mjs during `npm run build`), checked
// with an independent validator so that the zod schema and the published JSON Schema cannot drift.
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const schemaPath = join(root, 'schema', 'publication.schema.json');

describe('schema/publication.schema.json', () => {
  let validate: ReturnType<Ajv2020['compile']>;
  let schema: Record<string, unknown>;

  beforeAll(() => {
    if (!existsSync(schemaPath))
      throw new Error(
        `${schemaPath} is missing: run the build (npx turbo run build --filter=@jianzheng/json...)`,
      );
    schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
    const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
    addFormats(ajv);
    validate = ajv.compile(schema);
  });

  it('is draft 2020-12 with an $id and a title, and the package exports it', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe(`urn:jianzheng:schema:publication:${PUBLICATION_SCHEMA_VERSION}`);
    expect(schema.title).toContain('减证便民');
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(pkg.exports['./schema/publication.schema.json']).toBe('./schema/publication.schema.json');
    expect(pkg.files).toContain('schema');
  });

  it('accepts a real publication as serialized', () => {
    const doc = JSON.parse(serializePublication(samplePublication()));
    const ok = validate(doc);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('rejects broken publications at the right place', () => {
    const good = JSON.parse(serializePublication(samplePublication()));
    // biome-ignore lint/suspicious/noExplicitAny: the cases break the document in arbitrary ways
    const cases: Array<[string, (doc: any) => void, string]> = [
      [
        'bad verdict',
        (d) => (d.departments[0].items[0].materials[0].verdict = 'maybe'),
        '/departments/0/items/0/materials/0/verdict',
      ],
      [
        'unknown key',
        (d) => (d.departments[0].items[0].materials[0].colour = 'red'),
        '/departments/0/items/0/materials/0',
      ],
      ['missing sha256', (d) => delete d.sha256, ''],
      ['short sha256', (d) => (d.sha256 = 'abc'), '/sha256'],
      ['other schema version', (d) => (d.schemaVersion = '2.0'), '/schemaVersion'],
      ['negative count', (d) => (d.summary.cancelled = -1), '/summary/cancelled'],
      ['bad division code', (d) => (d.jurisdiction.code = '34a300'), '/jurisdiction/code'],
      ['unknown agreement key', (d) => (d.summary.agreement.maybe = 1), '/summary/agreement'],
    ];
    for (const [name, breakIt, where] of cases) {
      const doc = structuredClone(good);
      breakIt(doc);
      expect(validate(doc), name).toBe(false);
      expect(
        validate.errors!.map((e) => e.instancePath),
        name,
      ).toContain(where);
    }
  });
});

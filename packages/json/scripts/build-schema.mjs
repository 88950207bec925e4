// Generates schema/publication.schema.json from core's zod PublicationSchema, so that portals in
// other cities can validate publications without TypeScript. Runs after tsup in `npm run build`;
// the file is a build output (like dist/), never edited by hand.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PUBLICATION_SCHEMA_VERSION, PublicationSchema } from '@jianzheng/core';
import { z } from 'zod';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'schema', 'publication.schema.json');
const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));

const generated = z.toJSONSchema(PublicationSchema, { target: 'draft-2020-12', io: 'output' });
const { $schema, ...rest } = generated;
const schema = {
  $schema,
  // A URN, not a URL: the schema is shipped inside the package, not served from a domain we own.
  $id: `urn:jianzheng:schema:publication:${PUBLICATION_SCHEMA_VERSION}`,
  title: `减证便民 申请材料清理清单发布文件 / jianzheng publication, schema ${PUBLICATION_SCHEMA_VERSION}`,
  description:
    `A versioned publication of cancelled and retained application materials (domain.md §6), ` +
    `generated from @jianzheng/core's PublicationSchema by ${pkg.name} ${pkg.version}. ` +
    'The sha256 member is the SHA-256 of the canonical text without that member; see the package README.',
  ...rest,
};

// Refuse to ship a schema that a 2020-12 validator cannot compile (ajv is a devDependency, present
// whenever this package is built).
// (strictRequired is off: zod lists every enum key of `agreement` as required via propertyNames.)
const { default: Ajv2020 } = await import('ajv/dist/2020.js');
try {
  new Ajv2020({ strict: true, strictRequired: false, allowUnionTypes: true }).compile(schema);
} catch (error) {
  console.error(`generated JSON Schema does not compile: ${error.message}`);
  process.exit(1);
}

await mkdir(dirname(out), { recursive: true });
await writeFile(out, `${JSON.stringify(schema, null, 2)}\n`, 'utf8');
console.log(`wrote ${out.slice(root.length + 1)}`);

// Generates schema/config.schema.json from the zod ConfigSchema, so that a city's editor completes
// and checks its configuration (`"$schema"` in the file). Runs after tsup in `npm run build`; the
// file is a build output (like dist/), never edited by hand.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ConfigSchema } from '../dist/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'schema', 'config.schema.json');
const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));

// io 'input': the schema describes what a person writes, so defaulted keys are optional.
const { $schema, ...rest } = z.toJSONSchema(ConfigSchema, { target: 'draft-2020-12', io: 'input' });
const schema = {
  $schema,
  $id: 'urn:jianzheng:schema:config:1',
  title: '减证便民 城市配置 / jianzheng city configuration',
  description:
    `The configuration file of docs/configuration.md (jurisdiction, rules, catalogs, plugins, timeZone), ` +
    `generated from ${pkg.name} ${pkg.version}'s ConfigSchema.`,
  ...rest,
};
await mkdir(dirname(out), { recursive: true });
await writeFile(out, `${JSON.stringify(schema, null, 2)}\n`, 'utf8');
console.log(`wrote ${out.slice(root.length + 1)}`);

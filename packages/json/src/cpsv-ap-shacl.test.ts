// The export against SEMIC's official CPSV-AP 3.2.0 SHACL shapes, with Zazuko's rdf-validate-shacl.
// The shapes are SEMIC's file, not ours, so the repository does not carry them: the test reads
// them from `shared/` beside the repository (CI gets a copy there) and is skipped, saying where it
// looked, when they are absent. cpsv-ap-profile.test.ts checks the same demands on every run.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Parser, Store } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import { describe, expect, it } from 'vitest';
import { exportCpsvAp } from './cpsv-ap';
import { toDataset } from './cpsv-ap-test-support';
import { samplePublication } from './test-support';

const SHAPES_PATH = '../shared/cpsv-ap/3.2.0/cpsv-ap-SHACL.ttl';
const shapesFile = fileURLToPath(new URL(`../../../${SHAPES_PATH}`, import.meta.url));
const present = existsSync(shapesFile);
if (!present)
  console.info(
    `CPSV-AP SHACL: skipped — SEMIC's shapes not found at ${SHAPES_PATH} (relative to the repository root)`,
  );

async function violations(document: ReturnType<typeof exportCpsvAp>) {
  const shapes = new Store(new Parser().parse(readFileSync(shapesFile, 'utf8')));
  const report = await new SHACLValidator(shapes).validate(await toDataset(document));
  return report.results.map(
    (r) => `${r.focusNode?.value} ${r.path?.value} ${r.message.map((m) => m.value).join(' ')}`,
  );
}

describe.skipIf(!present)(`CPSV-AP 3.2.0 official SHACL shapes (${SHAPES_PATH})`, () => {
  const publication = samplePublication();

  it('the export of the fixture list conforms: no violation', async () => {
    expect(await violations(exportCpsvAp(publication))).toEqual([]);
    const own = exportCpsvAp(publication, {
      baseIri: 'https://data.suzhou.example/jianzheng/',
      organisations: { 市公安局: '11341300003194505X' },
    });
    expect(await violations(own)).toEqual([]);
  });

  it('the validator sees a service without description and a publisher not typed as an agent', async () => {
    const document = exportCpsvAp(publication);
    const service = document['@graph'].find((n) => n['@type'] === 'cpsv:PublicService')!;
    delete service['dct:description'];
    const publisher = document['@graph'].find((n) => String(n['@id']).includes('organisation/'))!;
    publisher['@type'] = 'cv:PublicOrganisation';
    const found = await violations(document);
    expect(found.some((v) => v.startsWith(`${service['@id']} http://purl.org/dc/terms/description`))).toBe(
      true,
    );
    expect(found.some((v) => v.includes('http://purl.org/dc/terms/publisher'))).toBe(true);
  });
});

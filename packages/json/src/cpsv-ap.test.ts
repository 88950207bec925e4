import jsonldModule from 'jsonld';
import { describe, expect, it } from 'vitest';
import { CPSV_AP_CONTEXT_URL, exportCpsvAp } from './cpsv-ap';
import { readCpsvApContext } from './node';
import { samplePublication } from './test-support';

// A real JSON-LD processor, offline: the CPSV-AP context comes from the bundled copy.
const context = await readCpsvApContext();
const documentLoader = async (url: string) => {
  if (url !== CPSV_AP_CONTEXT_URL) throw new Error(`no network here: ${url}`);
  return { documentUrl: url, document: context };
};
// `safe` makes jsonld.js throw on a term it would otherwise silently drop (no IRI for it).
const options = { documentLoader, safe: true };

type Node = Record<string, unknown>;
// jsonld.js 9 as these tests call it (@types/jsonld describes the 1.5 API, with callbacks).
const jsonld = jsonldModule as unknown as {
  expand(input: unknown, options: object): Promise<Node[]>;
  compact(input: unknown, context: unknown, options: object): Promise<Node>;
};
const RDF_TYPE = '@type';
const CV = 'http://data.europa.eu/m8g/';
const DCT = 'http://purl.org/dc/terms/';

/** Every IRI the CPSV-AP 3.2.0 context defines: its classes and properties. */
function vocabulary(): Set<string> {
  const terms = (context as { '@context': Record<string, string | { '@id': string }> })['@context'];
  return new Set(Object.values(terms).map((v) => (typeof v === 'string' ? v : v['@id'])));
}

describe('exportCpsvAp', () => {
  const publication = samplePublication();
  const document = exportCpsvAp(publication);

  it('expands with a JSON-LD processor without dropping a term, using only CPSV-AP vocabulary', async () => {
    const expanded = await jsonld.expand(document, options);
    const known = vocabulary();
    const used = new Set<string>();
    let values = 0;
    for (const node of expanded) {
      for (const [key, value] of Object.entries(node)) {
        if (key === '@id') continue;
        if (key === RDF_TYPE) for (const type of value as string[]) used.add(type);
        else {
          used.add(key);
          values += (value as unknown[]).length;
        }
      }
    }
    expect([...used].filter((iri) => !known.has(iri))).toEqual([]);
    // Nothing lost: every key of every node of the compact document came through.
    const compactValues = document['@graph'].reduce(
      (n, node) =>
        n +
        Object.entries(node)
          .filter(([key]) => !key.startsWith('@'))
          .reduce((m, [, v]) => m + (Array.isArray(v) ? v.length : 1), 0),
      0,
    );
    expect(values).toBe(compactValues);
    expect(expanded).toHaveLength(document['@graph'].length);
  });

  it('maps items to public services, retained materials to evidence, cancelled ones to how it is obtained now', async () => {
    const expanded = await jsonld.expand(document, options);
    const ofType = (iri: string) => expanded.filter((n) => (n[RDF_TYPE] as string[]).includes(iri));
    const items = publication.departments.flatMap((d) => d.items);
    const materials = items.flatMap((i) => i.materials);
    const retained = materials.filter((m) => m.verdict === 'retain');
    expect(ofType('http://purl.org/vocab/cpsv#PublicService')).toHaveLength(items.length);
    expect(ofType(`${CV}Requirement`)).toHaveLength(materials.length);
    expect(ofType(`${CV}Evidence`)).toHaveLength(retained.length);
    expect(retained.length).toBeGreaterThan(0);
    expect(retained.length).toBeLessThan(materials.length);

    const byId = new Map(expanded.map((n) => [n['@id'] as string, n]));
    const service = ofType('http://purl.org/vocab/cpsv#PublicService')[0]!;
    const authority = byId.get((service[`${CV}hasCompetentAuthority`] as { '@id': string }[])[0]!['@id'])!;
    expect(authority[RDF_TYPE]).toEqual([`${CV}PublicOrganisation`]);
    expect(authority['http://www.w3.org/2004/02/skos/core#prefLabel']).toEqual([
      { '@language': 'zh-cn', '@value': publication.departments[0]!.name },
    ]);

    const shared = materials.find((m) => m.verdict === 'cancel' && m.replacement)!;
    const requirement = byId.get(`urn:jianzheng:341300:2018-01:v1:requirement/${shared.id}`)!;
    expect(requirement[`${CV}hasSupportingEvidence`]).toBeUndefined();
    const description = (requirement[`${DCT}description`] as { '@value': string }[]).map((d) => d['@value']);
    expect(description[0]).toBe(`申请人无需提交，已取消（${shared.category!.zh}）：${shared.replacement}`);
    const category = byId.get((requirement[`${DCT}type`] as { '@id': string }[])[0]!['@id'])!;
    expect(category['http://www.w3.org/2004/02/skos/core#prefLabel']).toContainEqual({
      '@language': 'en',
      '@value': shared.category!.en,
    });

    const kept = retained[0]!;
    const evidence = byId.get(`urn:jianzheng:341300:2018-01:v1:evidence/${kept.id}`)!;
    expect(evidence[`${CV}supportsRequirement`]).toEqual([
      { '@id': `urn:jianzheng:341300:2018-01:v1:requirement/${kept.id}` },
    ]);
  });

  it('round-trips: compacting the expanded form and expanding again gives the same graph', async () => {
    const expanded = await jsonld.expand(document, options);
    const compacted = await jsonld.compact(expanded, document['@context'], { documentLoader });
    const again = await jsonld.expand(compacted, options);
    const sorted = (nodes: Node[]) =>
      [...nodes].sort((a, b) => String(a['@id']).localeCompare(String(b['@id'])));
    expect(sorted(again)).toEqual(sorted(expanded));
  });

  it('takes a base IRI of the city’s own', async () => {
    const own = exportCpsvAp(publication, { baseIri: 'https://data.suzhou.example/jianzheng/' });
    const expanded = await jsonld.expand(own, options);
    expect(expanded.every((n) => String(n['@id']).startsWith('https://data.suzhou.example/jianzheng/'))).toBe(
      true,
    );
  });
});

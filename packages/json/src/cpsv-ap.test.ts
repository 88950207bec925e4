import { describe, expect, it } from 'vitest';
import { exportCpsvAp } from './cpsv-ap';
import {
  cpsvApContext,
  documentLoader,
  expand,
  expandOptions,
  graphOf,
  IRI,
  jsonld,
  type Node,
} from './cpsv-ap-test-support';
import { samplePublication } from './test-support';

/** Class IRI → the property IRIs CPSV-AP 3.2.0 gives that class (`Class.property` terms of its context). */
function profileProperties(): Map<string, Set<string>> {
  const terms = (cpsvApContext as { '@context': Record<string, string | { '@id': string }> })['@context'];
  const iri = (term: string | { '@id': string }) => (typeof term === 'string' ? term : term['@id']);
  const byClass = new Map<string, Set<string>>();
  for (const [key, term] of Object.entries(terms)) {
    const [cls, property] = key.split('.');
    if (!property || !terms[cls!]) continue;
    const classIri = iri(terms[cls!]!);
    if (!byClass.has(classIri)) byClass.set(classIri, new Set());
    byClass.get(classIri)!.add(iri(term));
  }
  return byClass;
}

describe('exportCpsvAp', () => {
  const publication = samplePublication();
  const document = exportCpsvAp(publication);
  const materials = publication.departments.flatMap((d) => d.items.flatMap((i) => i.materials));

  it('expands with a JSON-LD processor without dropping a term', async () => {
    const expanded = await expand(document);
    let values = 0;
    for (const node of expanded)
      for (const [key, value] of Object.entries(node))
        if (key !== '@id' && key !== '@type') values += (value as unknown[]).length;
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

  it('puts on a profile class only the properties CPSV-AP gives that class', async () => {
    const allowed = profileProperties();
    const { ofType, types } = graphOf(await expand(document));
    const checked = [IRI.service, IRI.requirement, IRI.evidence, IRI.organisation];
    const outside: string[] = [];
    for (const cls of checked) {
      const nodes = ofType(cls);
      expect(nodes.length, cls).toBeGreaterThan(0);
      for (const node of nodes) {
        const mine = new Set(types(node).flatMap((t) => [...(allowed.get(t) ?? [])]));
        for (const key of Object.keys(node))
          if (!key.startsWith('@') && !mine.has(key)) outside.push(`${types(node).join('+')} ${key}`);
      }
    }
    expect([...new Set(outside)]).toEqual([]);
  });

  it('keeps a material replaced by sharing as a requirement met by evidence the office obtains', async () => {
    const { byId, ids, types, values } = graphOf(await expand(document));
    const shared = materials.find((m) => m.verdict === 'cancel' && m.category?.id === 'information-sharing')!;
    expect(shared).toBeDefined();
    const service = [...byId.values()].find((n) =>
      ids(n, IRI.holds).includes(`urn:jianzheng:341300:requirement/${shared.id}`),
    )!;
    expect(types(service)).toEqual([IRI.service]);
    const requirement = byId.get(`urn:jianzheng:341300:requirement/${shared.id}`)!;
    const kinds = ids(requirement, IRI.dct('type')).map((id) => byId.get(id)![IRI.notation]);
    expect(kinds).toEqual([[{ '@value': 'replaced' }], [{ '@value': 'information-sharing' }]]);
    const evidence = byId.get(ids(requirement, IRI.supportedBy)[0]!)!;
    expect(byId.get(ids(evidence, IRI.dct('type'))[0]!)![IRI.notation]).toEqual([
      { '@value': 'obtained-by-sharing' },
    ]);
    const description = values(evidence, IRI.dct('description'))[0]!['@value'] as string;
    // Schema 1.2 rows carry the public 依据 too; the evidence's description adds it after the method.
    const basis = (shared as { basis?: string | null }).basis;
    expect(description).toBe(
      `办理部门通过信息共享获取：${shared.replacement}${basis ? `；依据：${basis}` : ''}`,
    );
    // The applicant hands nothing in for it.
    expect(ids(service, IRI.hasInput)).not.toContain(evidence['@id']);
  });

  it('records a material abolished outright in the list’s change set, not on the service', async () => {
    const { byId, ids, ofType } = graphOf(await expand(document));
    const abolished = materials.find((m) => m.verdict === 'cancel' && m.category?.id === 'no-legal-basis')!;
    expect(abolished).toBeDefined();
    const iri = `urn:jianzheng:341300:requirement/${abolished.id}`;
    expect(ofType(IRI.service).some((s) => ids(s, IRI.holds).includes(iri))).toBe(false);
    const [changes] = ofType('http://purl.org/vocab/changeset/schema#ChangeSet');
    const statement = ids(changes!, IRI.removal)
      .map((id) => byId.get(id)!)
      .find((s) => ids(s, IRI.rdfObject)[0] === iri)!;
    expect(byId.get(ids(statement, IRI.rdfSubject)[0]!)!['@type']).toEqual([IRI.service]);
    expect(ids(changes!, 'http://purl.org/vocab/changeset/schema#subjectOfChange')).toEqual([
      'urn:jianzheng:341300:list/2018-01',
    ]);
  });

  it('cites legal bases as ELI legal resources with title and 文号', async () => {
    const { byId, ids, ofType, values } = graphOf(await expand(document));
    const retained = materials.find((m) => m.verdict === 'retain' && m.legalBasis?.includes('《'))!;
    const title = retained.legalBasis!.match(/《([^》]+)》/)![1];
    const services = ofType(IRI.service).filter((s) => ids(s, IRI.legalResource).length > 0);
    expect(services.length).toBeGreaterThan(0);
    const cited = services.flatMap((s) => ids(s, IRI.legalResource)).map((id) => byId.get(id)!);
    expect(cited.every((n) => (n['@type'] as string[]).includes(IRI.legal))).toBe(true);
    expect(cited.map((n) => values(n, 'http://data.europa.eu/eli/ontology#title')[0]!['@value'])).toContain(
      title,
    );
    const list = byId.get('urn:jianzheng:341300:list/2018-01')!;
    const decree = byId.get(ids(list, IRI.dct('relation'))[0]!)!;
    expect(decree['http://data.europa.eu/eli/ontology#id_local']).toEqual([
      { '@value': '宿政办秘〔2018〕100号' },
    ]);
  });

  it('reads the level, instrument, 依据 and 取消后办理方式 a publication carries (schema 1.2)', async () => {
    const assessed = structuredClone(publication);
    const all = assessed.departments.flatMap((d) => d.items.flatMap((i) => i.materials));
    for (const material of all) {
      if (material.legalBasis?.includes('《户口登记条例》'))
        Object.assign(material, {
          legalBasisLevel: 'administrative-regulation',
          legalInstrument: '户口登记条例',
        });
      if (material.category?.id === 'information-sharing')
        Object.assign(material, { method: '人口信息库共享核验', basis: '国办发〔2018〕47号' });
    }
    const { byId, ids, values } = graphOf(await expand(exportCpsvAp(assessed)));
    const regulation = byId.get(`urn:jianzheng:341300:legal-resource/${encodeURIComponent('户口登记条例')}`)!;
    const level = byId.get(ids(regulation, 'http://data.europa.eu/eli/ontology#type_document')[0]!)!;
    expect(level[IRI.notation]).toEqual([{ '@value': 'administrative-regulation' }]);
    expect(values(level, 'http://www.w3.org/2004/02/skos/core#prefLabel')).toContainEqual({
      '@language': 'zh-cn',
      '@value': '行政法规',
    });
    const shared = all.find((m) => m.category?.id === 'information-sharing')!;
    const evidence = byId.get(`urn:jianzheng:341300:evidence/${shared.id}`)!;
    expect(values(evidence, IRI.dct('description'))[0]!['@value']).toBe(
      '办理部门通过信息共享获取：人口信息库共享核验；依据：国办发〔2018〕47号',
    );
  });

  it('round-trips: compacting the expanded form and expanding again gives the same graph', async () => {
    const expanded = await expand(document);
    const compacted = await jsonld.compact(expanded, document['@context'], { documentLoader });
    const again = await jsonld.expand(compacted, expandOptions);
    const sorted = (nodes: Node[]) =>
      [...nodes].sort((a, b) => String(a['@id']).localeCompare(String(b['@id'])));
    expect(sorted(again)).toEqual(sorted(expanded));
  });

  it('takes a base IRI and 统一社会信用代码 of the city’s own', async () => {
    const own = exportCpsvAp(publication, {
      baseIri: 'https://data.suzhou.example/jianzheng',
      organisations: { 市公安局: '11341300003194505X' },
    });
    const { byId, ofType } = graphOf(await expand(own));
    const outside = ofType(IRI.service).concat(ofType(IRI.requirement), ofType(IRI.organisation));
    expect(outside.every((n) => String(n['@id']).startsWith('https://data.suzhou.example/jianzheng/'))).toBe(
      true,
    );
    expect(byId.get('https://data.suzhou.example/jianzheng/organisation/11341300003194505X')).toMatchObject({
      [IRI.dct('identifier')]: [{ '@value': '11341300003194505X' }],
    });
  });
});

// What CPSV-AP 3.2.0's shapes demand of the nodes this export writes, stated here in our own words
// and checked on every run (the official shapes file is not part of the repository; see
// cpsv-ap-shacl.test.ts for the run against it).
import { describe, expect, it } from 'vitest';
import { exportCpsvAp } from './cpsv-ap';
import { expand, graphOf, IRI, type Node } from './cpsv-ap-test-support';
import { createPublication } from './create-publication';
import { sampleInput, samplePublication } from './test-support';

const HAN = /\p{Script=Han}/u;
const ABOLISHING = new Set(['no-legal-basis', 'not-necessary', 'duplicate', 'superior-decision']);

describe('CPSV-AP export against the profile’s constraints', async () => {
  const publication = samplePublication();
  const expanded = await expand(exportCpsvAp(publication));
  const { byId, ids, ofType, types, values } = graphOf(expanded);
  const literals = (node: Node, property: string) =>
    values(node, property) as { '@value': string; '@language'?: string }[];
  const typedAs = (iri: string, cls: string) => types(byId.get(iri)).includes(cls);

  it('gives every public service one identifier, a zh-CN title and description, a typed competent authority', () => {
    const services = ofType(IRI.service);
    expect(services).toHaveLength(publication.departments.flatMap((d) => d.items).length);
    for (const service of services) {
      expect(literals(service, IRI.dct('identifier'))).toHaveLength(1);
      for (const property of ['title', 'description']) {
        const texts = literals(service, IRI.dct(property));
        expect(texts.length, property).toBeGreaterThan(0);
        expect(texts.every((t) => t['@language'] === 'zh-cn')).toBe(true);
      }
      expect(ids(service, IRI.authority).length).toBeGreaterThan(0);
      for (const [property, cls] of [
        [IRI.authority, IRI.organisation],
        [IRI.holds, IRI.requirement],
        [IRI.hasInput, IRI.evidence],
        [IRI.legalResource, IRI.legal],
        ['http://data.europa.eu/m8g/isClassifiedBy', IRI.concept],
        [IRI.dct('isPartOf'), IRI.dataset],
        [IRI.dct('spatial'), IRI.dct('Location')],
        [IRI.dct('language'), IRI.dct('LinguisticSystem')],
      ] as const)
        for (const target of ids(service, property))
          expect(typedAs(target, cls), `${property} ${target}`).toBe(true);
    }
    // An item without 事项编码 gets a derived identifier, and says so.
    const uncoded = ofType(IRI.service).find((s) =>
      literals(s, IRI.dct('identifier'))[0]!['@value'].startsWith('derived-'),
    )!;
    expect(literals(uncoded, IRI.dct('description'))[0]!['@value']).toContain('清单未载事项编码');
  });

  it('types every organisation as an agent with one identifier, a title and a division', () => {
    const organisations = ofType(IRI.organisation);
    expect(organisations).toHaveLength(publication.departments.length + 1);
    for (const organisation of organisations) {
      expect(types(organisation)).toContain(IRI.agent);
      expect(literals(organisation, IRI.dct('identifier'))).toHaveLength(1);
      expect(literals(organisation, IRI.dct('title'))[0]!['@language']).toBe('zh-cn');
      expect(literals(organisation, 'http://www.w3.org/2004/02/skos/core#prefLabel').length).toBeGreaterThan(
        0,
      );
      const [division] = ids(organisation, IRI.dct('spatial'));
      expect(division).toBe('urn:jianzheng:341300:division/341300');
      expect(typedAs(division!, IRI.dct('Location'))).toBe(true);
    }
  });

  it('names the list’s one publisher, typed as an agent, and its version as a property', () => {
    const [list] = ofType(IRI.dataset);
    const publishers = ids(list!, IRI.dct('publisher'));
    expect(publishers).toHaveLength(1);
    expect(typedAs(publishers[0]!, IRI.agent)).toBe(true);
    expect(literals(list!, IRI.dct('title')).length).toBeGreaterThan(0);
    expect(literals(list!, IRI.dct('description')).length).toBeGreaterThan(0);
    expect(literals(list!, 'http://www.w3.org/ns/dcat#version')).toEqual([{ '@value': '1' }]);
    for (const part of ids(list!, IRI.dct('hasPart'))) expect(typedAs(part, IRI.service)).toBe(true);
  });

  it('gives requirements and evidence one identifier and a title; every dct:type is a concept of a published scheme', () => {
    for (const node of [...ofType(IRI.requirement), ...ofType(IRI.evidence)]) {
      expect(literals(node, IRI.dct('identifier'))).toHaveLength(1);
      expect(literals(node, IRI.dct('title')).length).toBeGreaterThan(0);
    }
    for (const evidence of ofType(IRI.evidence))
      expect(ids(evidence, IRI.dct('type')).length).toBeLessThanOrEqual(1);
    const typed = [...ofType(IRI.requirement), ...ofType(IRI.evidence)].flatMap((n) =>
      ids(n, IRI.dct('type')),
    );
    expect(typed.length).toBeGreaterThan(0);
    for (const concept of typed) {
      expect(typedAs(concept, IRI.concept)).toBe(true);
      const [scheme] = ids(byId.get(concept)!, IRI.inScheme);
      expect(typedAs(scheme!, IRI.conceptScheme)).toBe(true);
    }
  });

  it('holds no requirement that was abolished outright, and holds every other material', () => {
    const held = new Set(ofType(IRI.service).flatMap((s) => ids(s, IRI.holds)));
    const materials = publication.departments.flatMap((d) => d.items.flatMap((i) => i.materials));
    const abolished = materials.filter(
      (m) => m.verdict === 'cancel' && m.effectiveFrom === null && ABOLISHING.has(m.category!.id),
    );
    expect(abolished.length).toBeGreaterThan(0);
    for (const material of materials)
      expect(held.has(`urn:jianzheng:341300:requirement/${material.id}`), material.name).toBe(
        !abolished.includes(material),
      );
    const removed = ofType('http://purl.org/vocab/changeset/schema#ChangeSet').flatMap((c) =>
      ids(c, IRI.removal),
    );
    expect(removed).toHaveLength(abolished.length);
  });

  it('tags text with the language it is written in', () => {
    let checked = 0;
    for (const node of expanded)
      for (const [key, value] of Object.entries(node)) {
        if (key.startsWith('@')) continue;
        for (const v of value as { '@value'?: unknown; '@language'?: string }[]) {
          if (!v['@language']) continue;
          checked++;
          expect(HAN.test(String(v['@value'])), `${key} ${v['@language']} ${v['@value']}`).toBe(
            v['@language'] === 'zh-cn',
          );
        }
      }
    expect(checked).toBeGreaterThan(50);
  });

  it('keeps node IRIs free of the version: an unchanged second version shares at least 90 % of them', async () => {
    const second = createPublication({
      ...sampleInput().input,
      version: 2,
      batch: { ...sampleInput().input.batch, adjustmentReason: '动态调整：内容未变' },
      publishedAt: '2019-03-01T09:00:00+08:00',
    });
    const nodeIris = async (p: typeof publication) =>
      new Set(
        (await expand(exportCpsvAp(p))).map((n) => n['@id'] as string).filter((id) => !id.startsWith('_:')),
      );
    const first = await nodeIris(publication);
    const again = await nodeIris(second);
    const shared = [...again].filter((iri) => first.has(iri)).length;
    expect(shared / again.size).toBeGreaterThanOrEqual(0.9);
    expect([...first].filter((iri) => /(^|[/:])v1([/:]|$)/.test(iri))).toEqual([]);
  });
});

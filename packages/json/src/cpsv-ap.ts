import type { Publication, PublishedItem, PublishedMaterial } from '@jianzheng/core';

/**
 * The published JSON-LD context of CPSV-AP 3.2.0, the EU's Core Public Service Vocabulary
 * Application Profile. A copy ships in `@jianzheng/json/context/cpsv-ap-3.2.0.jsonld` (CC-BY 4.0,
 * SEMIC) for readers without network access.
 */
export const CPSV_AP_CONTEXT_URL =
  'https://semiceu.github.io/uri.semic.eu-generated/CPSV-AP/releases/3.2.0/context/cpsv-ap.jsonld';

/** The prefixes used beside the CPSV-AP context, as in CPSV-AP's own published examples. */
export const CPSV_AP_PREFIXES = {
  cpsv: 'http://purl.org/vocab/cpsv#',
  cv: 'http://data.europa.eu/m8g/',
  dct: 'http://purl.org/dc/terms/',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  adms: 'http://www.w3.org/ns/adms#',
} as const;

export interface CpsvApOptions {
  /**
   * The IRI every node id starts with. Default: `urn:jianzheng:<jurisdiction code>:<batch id>:v<version>:`,
   * which names the nodes without claiming a web address; a city with a data portal passes its own.
   */
  baseIri?: string;
}

type Text = { '@language': string; '@value': string };
type Ref = { '@id': string };
type JsonLdNode = { '@id': string; '@type': string } & Record<string, unknown>;

/** A CPSV-AP 3 JSON-LD document: the context (the published one and the prefixes) and a graph. */
export interface CpsvApDocument {
  '@context': [typeof CPSV_AP_CONTEXT_URL, typeof CPSV_AP_PREFIXES];
  '@graph': JsonLdNode[];
}

const zh = (value: string): Text => ({ '@language': 'zh-CN', '@value': value });
const en = (value: string): Text => ({ '@language': 'en', '@value': value });
const ref = (id: string): Ref => ({ '@id': id });
const segment = (text: string) => encodeURIComponent(text);

/** How the office obtains the information now, for a cancelled material (zh, en). */
function obtainedNow(material: PublishedMaterial): [string, string] {
  const category = material.category;
  const replacement = material.replacement ? `：${material.replacement}` : '';
  const replacementEn = material.replacement ? `: ${material.replacement}` : '';
  return [
    `申请人无需提交，已取消（${category?.zh ?? '已取消'}）${replacement}`,
    `no longer asked of the applicant, cancelled (${category?.en ?? 'cancelled'})${replacementEn}`,
  ];
}

/**
 * Maps a publication to CPSV-AP 3 JSON-LD: each item a `cpsv:PublicService` with its department as
 * `cv:hasCompetentAuthority` (a `cv:PublicOrganisation` in the jurisdiction), each material a
 * `cv:Requirement` of the service; a retained material's requirement is met by a `cv:Evidence` the
 * applicant supplies (`cpsv:hasInput` of the service), a cancelled one has no evidence, carries its
 * category as `dct:type` and says in `dct:description` how the office obtains the information
 * now. `adms:status` marks each requirement 须提交 (required) or 已取消 (cancelled). The list itself is
 * a `dcat:Dataset` with its batch title, version and 文号.
 */
export function exportCpsvAp(publication: Publication, options: CpsvApOptions = {}): CpsvApDocument {
  const { jurisdiction, batch, version } = publication;
  const base = options.baseIri ?? `urn:jianzheng:${jurisdiction.code}:${segment(batch.id)}:v${version}:`;
  const graph: JsonLdNode[] = [];
  const concepts = new Map<string, JsonLdNode>();
  const concept = (kind: string, id: string, labels: Text[]): Ref => {
    const iri = `${base}${kind}/${segment(id)}`;
    if (!concepts.has(iri))
      concepts.set(iri, { '@id': iri, '@type': 'skos:Concept', 'skos:prefLabel': labels });
    return ref(iri);
  };
  const required = concept('status', 'required', [zh('须提交'), en('required')]);
  const cancelled = concept('status', 'cancelled', [zh('已取消'), en('cancelled')]);

  const place = `${base}jurisdiction/${jurisdiction.code}`;
  graph.push({
    '@id': place,
    '@type': 'dct:Location',
    'dct:identifier': jurisdiction.code,
    'skos:prefLabel': [zh(jurisdiction.name)],
  });
  const government = `${base}organisation/${jurisdiction.code}`;
  graph.push({
    '@id': government,
    '@type': 'cv:PublicOrganisation',
    'skos:prefLabel': [zh(jurisdiction.name)],
    'dct:spatial': ref(place),
  });
  const dataset: JsonLdNode = {
    '@id': `${base}list`,
    '@type': 'http://www.w3.org/ns/dcat#Dataset',
    'dct:identifier': `${batch.id}/v${version}`,
    'dct:title': [zh(batch.title)],
    'dct:description': [
      zh(
        `政务服务事项 ${publication.summary.items} 项，申请材料 ${publication.summary.materials} 项，取消 ${publication.summary.cancelled} 项（${publication.summary.cancellationRate}%）`,
      ),
    ],
    'dct:publisher': ref(government),
    'dct:hasPart': [] as Ref[],
  };
  if (batch.documentNumber) {
    const document = `${base}document/${segment(batch.documentNumber)}`;
    graph.push({
      '@id': document,
      '@type': 'http://data.europa.eu/eli/ontology#LegalResource',
      'dct:identifier': batch.documentNumber,
      'dct:title': [zh(batch.title)],
    });
    dataset['dct:relation'] = ref(document);
  }
  graph.push(dataset);

  for (const department of publication.departments) {
    const authority = `${base}organisation/${segment(department.name)}`;
    graph.push({
      '@id': authority,
      '@type': 'cv:PublicOrganisation',
      'skos:prefLabel': [zh(department.name)],
      'dct:spatial': ref(place),
    });
    for (const item of department.items) {
      const service = serviceNode(base, department.name, item, authority, dataset['@id'], concept);
      (dataset['dct:hasPart'] as Ref[]).push(ref(service['@id']));
      graph.push(service);
      for (const material of item.materials) {
        const requirement: JsonLdNode = {
          '@id': `${base}requirement/${material.id}`,
          '@type': 'cv:Requirement',
          'dct:identifier': material.id,
          'dct:title': [zh(material.name)],
          'adms:status': material.verdict === 'cancel' ? cancelled : required,
        };
        (service['cv:holdsRequirement'] as Ref[]).push(ref(requirement['@id']));
        graph.push(requirement);
        if (material.verdict === 'cancel') {
          const [text, textEn] = obtainedNow(material);
          requirement['dct:description'] = [zh(text), en(textEn)];
          if (material.category)
            requirement['dct:type'] = concept('category', material.category.id, [
              zh(material.category.zh),
              en(material.category.en),
            ]);
          continue;
        }
        if (material.legalBasis) requirement['dct:description'] = [zh(`设定依据：${material.legalBasis}`)];
        const evidence = `${base}evidence/${material.id}`;
        requirement['cv:hasSupportingEvidence'] = [ref(evidence)];
        (service['cpsv:hasInput'] as Ref[]).push(ref(evidence));
        const facts = [
          material.source ? `材料来源：${material.source}` : '',
          material.issuer ? `开具单位：${material.issuer}` : '',
        ].filter(Boolean);
        graph.push({
          '@id': evidence,
          '@type': 'cv:Evidence',
          'dct:identifier': material.id,
          'dct:title': [zh(material.name)],
          ...(facts.length > 0 ? { 'dct:description': [zh(facts.join('；'))] } : {}),
          'cv:supportsRequirement': [ref(requirement['@id'])],
        });
      }
    }
  }
  graph.push(...concepts.values());
  return { '@context': [CPSV_AP_CONTEXT_URL, CPSV_AP_PREFIXES], '@graph': graph };
}

function serviceNode(
  base: string,
  department: string,
  item: PublishedItem,
  authority: string,
  dataset: string,
  concept: (kind: string, id: string, labels: Text[]) => Ref,
): JsonLdNode {
  const key = `${department}/${item.code ?? item.name}`;
  return {
    '@id': `${base}service/${segment(key)}`,
    '@type': 'cpsv:PublicService',
    'dct:identifier': item.code ?? item.name,
    'dct:title': [zh(item.name)],
    ...(item.type ? { 'cv:isClassifiedBy': [concept('item-type', item.type, [zh(item.type)])] } : {}),
    'cv:hasCompetentAuthority': [ref(authority)],
    'dct:isPartOf': [ref(dataset)],
    'cv:holdsRequirement': [] as Ref[],
    'cpsv:hasInput': [] as Ref[],
  };
}

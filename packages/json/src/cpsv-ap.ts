import { type Jurisdiction, type Publication, type PublishedMaterial, sha256Hex } from '@jianzheng/core';
import {
  type Concepts,
  conceptCollector,
  EVIDENCE_TYPES,
  en,
  itemTypeConcept,
  type JsonLdNode,
  REPLACING_CATEGORIES,
  REQUIREMENT_STATUSES,
  type Ref,
  ref,
  segment,
  zh,
} from './cpsv-ap-concepts';
import { type LegalBasisFields, legalResourceCollector } from './cpsv-ap-legal';
import { serviceDescription } from './cpsv-ap-text';

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
  dcat: 'http://www.w3.org/ns/dcat#',
  foaf: 'http://xmlns.com/foaf/0.1/',
  eli: 'http://data.europa.eu/eli/ontology#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  adms: 'http://www.w3.org/ns/adms#',
  cs: 'http://purl.org/vocab/changeset/schema#',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const;

/** Chinese in the EU's language authority table: the `dct:language` of the list and its services. */
export const CHINESE_LANGUAGE = 'http://publications.europa.eu/resource/authority/language/ZHO';

export interface CpsvApOptions {
  /**
   * The IRI every node id starts with (configuration `linkedData.baseIri`, `publish --base-iri`).
   * Node ids name the thing — `<base>service/<事项编码>`, `<base>organisation/<id>` — never the
   * version, so a catalogue sees the same service in every version. Default
   * `urn:jianzheng:<jurisdiction code>:`, which names the nodes without claiming a web address.
   */
  baseIri?: string;
  /**
   * 统一社会信用代码 by organisation name: a department as its workbooks name it, or the government
   * as `<jurisdiction name>人民政府`. An organisation not listed gets a stable derived identifier
   * (`derived-` and 16 hex digits of its jurisdiction and name).
   */
  organisations?: Readonly<Record<string, string>>;
}

/** A CPSV-AP 3 JSON-LD document: the context (the published one and the prefixes) and a graph. */
export interface CpsvApDocument {
  '@context': [typeof CPSV_AP_CONTEXT_URL, typeof CPSV_AP_PREFIXES];
  '@graph': JsonLdNode[];
}

/** Publication 1.2 adds the public 依据 and 取消后办理方式; read them when the list has them. */
type PublicMaterial = PublishedMaterial &
  LegalBasisFields & { basis?: string | null; method?: string | null };

const HOLDS_REQUIREMENT = 'http://data.europa.eu/m8g/holdsRequirement';

/** The default base IRI of a jurisdiction's nodes. */
export const defaultBaseIri = (jurisdiction: Pick<Jurisdiction, 'code'>) =>
  `urn:jianzheng:${jurisdiction.code}:`;

/** A stable identifier for a thing the list gives no code for, marked as derived. */
export const derivedIdentifier = (...parts: string[]) => `derived-${sha256Hex(parts.join('|')).slice(0, 16)}`;

const normalizeBase = (base: string) => (/[/#:]$/.test(base) ? base : `${base}/`);

/**
 * Maps a publication to CPSV-AP 3.2.0 JSON-LD that conforms to SEMIC's SHACL shapes. Each item is a
 * `cpsv:PublicService` (zh-CN description, 事项编码 as identifier) of its department (a
 * `cv:PublicOrganisation`, also `foaf:Agent`); each material it still asks for in any form is a
 * `cv:Requirement` it holds, typed from the status scheme: required (met by evidence the applicant
 * submits), or replaced by data sharing, an internal query or a written commitment (met by a
 * `cv:Evidence` typed by how the office now obtains it). A material abolished outright is not held:
 * the list's change set (`cs:ChangeSet` on the `dcat:Dataset`) records its removal and category.
 * Legal bases are `eli:LegalResource`s; categories, statuses, item types, kinds of evidence and legal
 * levels are published concept schemes. Reads only the publication's public fields.
 */
export function exportCpsvAp(publication: Publication, options: CpsvApOptions = {}): CpsvApDocument {
  const { jurisdiction, batch, version, summary } = publication;
  const base = normalizeBase(options.baseIri ?? defaultBaseIri(jurisdiction));
  const organisations = options.organisations ?? {};
  const concepts = conceptCollector(base);
  const legal = legalResourceCollector(base, concepts);
  const graph: JsonLdNode[] = [];

  const division = `${base}division/${jurisdiction.code}`;
  graph.push({
    '@id': division,
    '@type': 'dct:Location',
    'dct:identifier': jurisdiction.code,
    'skos:prefLabel': [zh(jurisdiction.name)],
  });
  graph.push({ '@id': CHINESE_LANGUAGE, '@type': 'dct:LinguisticSystem' });
  const organisation = (name: string) => {
    const identifier = organisations[name] ?? derivedIdentifier(jurisdiction.code, name);
    const node: JsonLdNode = {
      '@id': `${base}organisation/${segment(identifier)}`,
      '@type': ['cv:PublicOrganisation', 'foaf:Agent'],
      'dct:identifier': identifier,
      'dct:title': [zh(name)],
      'skos:prefLabel': [zh(name)],
      'dct:spatial': ref(division),
    };
    graph.push(node);
    return node['@id'];
  };
  const government = organisation(`${jurisdiction.name}人民政府`);

  const datasetIri = `${base}list/${segment(batch.id)}`;
  const services: Ref[] = [];
  const dataset: JsonLdNode = {
    '@id': datasetIri,
    '@type': 'dcat:Dataset',
    'dct:identifier': batch.id,
    'dct:title': [zh(batch.title)],
    'dct:description': [
      zh(
        `政务服务事项 ${summary.items} 项，申请材料 ${summary.materials} 项，取消 ${summary.cancelled} 项（${summary.cancellationRate}%）`,
      ),
    ],
    'dct:publisher': ref(government),
    'dct:language': [ref(CHINESE_LANGUAGE)],
    'dct:issued': { '@value': publication.publishedAt, '@type': 'xsd:dateTime' },
    'dcat:version': String(version),
    ...(batch.adjustmentReason ? { 'adms:versionNotes': [zh(batch.adjustmentReason)] } : {}),
    'dct:hasPart': services,
  };
  if (batch.documentNumber) {
    const document = `${base}legal-resource/${segment(batch.documentNumber)}`;
    graph.push({
      '@id': document,
      '@type': 'eli:LegalResource',
      'eli:title': [zh(batch.title)],
      'eli:id_local': batch.documentNumber,
    });
    dataset['dct:relation'] = ref(document);
  }
  graph.push(dataset);
  const removals: JsonLdNode[] = [];

  const usedCodes = new Set<string>();
  for (const department of publication.departments) {
    const authority = organisation(department.name);
    for (const item of department.items) {
      // A 事项编码 names one service; a second item under the same code is told apart by derivation.
      const coded = item.code !== null && !usedCodes.has(item.code);
      if (item.code) usedCodes.add(item.code);
      const identifier = coded
        ? item.code!
        : derivedIdentifier(jurisdiction.code, department.name, item.name);
      const held: Ref[] = [];
      const inputs: Ref[] = [];
      const legalResources = new Map<string, Ref>();
      const service: JsonLdNode = {
        '@id': `${base}service/${segment(identifier)}`,
        '@type': 'cpsv:PublicService',
        'dct:identifier': identifier,
        'dct:title': [zh(item.name)],
        'dct:description': [zh(serviceDescription(department.name, item, coded ? null : identifier))],
        'dct:language': [ref(CHINESE_LANGUAGE)],
        'dct:spatial': [ref(division)],
        ...(item.type
          ? { 'cv:isClassifiedBy': [concepts.concept('item-type', itemTypeConcept(item.type))] }
          : {}),
        'cv:hasCompetentAuthority': [ref(authority)],
        'dct:isPartOf': [ref(datasetIri)],
        'cv:holdsRequirement': held,
        'cpsv:hasInput': inputs,
      };
      services.push(ref(service['@id']));
      graph.push(service);
      for (const material of item.materials as PublicMaterial[]) {
        const requirement = requirementNode(base, material, concepts);
        graph.push(requirement.node);
        if (requirement.kind === 'abolished') {
          removals.push(removal(datasetIri, service['@id'], requirement.node['@id'], material));
          continue;
        }
        held.push(ref(requirement.node['@id']));
        for (const resource of legal.cite(material)) legalResources.set(resource['@id'], resource);
        const evidence = evidenceNode(base, material, requirement.kind, requirement.node['@id'], concepts);
        requirement.node['cv:hasSupportingEvidence'] = [ref(evidence['@id'])];
        if (requirement.kind !== 'replaced' || material.category?.id === 'commitment')
          inputs.push(ref(evidence['@id']));
        graph.push(evidence);
      }
      if (legalResources.size > 0) service['cv:hasLegalResource'] = [...legalResources.values()];
    }
  }
  graph.push({
    '@id': `${datasetIri}/changes`,
    '@type': 'cs:ChangeSet',
    'cs:subjectOfChange': ref(datasetIri),
    'cs:createdDate': { '@value': publication.publishedAt, '@type': 'xsd:dateTime' },
    'cs:changeReason': [zh(`${batch.title}：取消、不再要求的申请材料 ${removals.length} 项`)],
    'cs:removal': removals.map((r) => ref(r['@id'])),
  });
  graph.push(...removals, ...legal.nodes(), ...concepts.nodes());
  return { '@context': [CPSV_AP_CONTEXT_URL, CPSV_AP_PREFIXES], '@graph': graph };
}

type RequirementKind = 'required' | 'planned' | 'replaced' | 'abolished';

function requirementNode(base: string, material: PublicMaterial, concepts: Concepts) {
  const category = material.category;
  const kind: RequirementKind =
    material.verdict === 'retain'
      ? 'required'
      : material.effectiveFrom !== null
        ? 'planned'
        : category && REPLACING_CATEGORIES.has(category.id)
          ? 'replaced'
          : 'abolished';
  const types = [concepts.concept('status', REQUIREMENT_STATUSES[kind])];
  if (material.verdict === 'cancel' && category)
    types.push(concepts.concept('category', { id: category.id, zh: category.zh, en: category.en }));
  const node: JsonLdNode = {
    '@id': `${base}requirement/${material.id}`,
    '@type': 'cv:Requirement',
    'dct:identifier': material.id,
    'dct:title': [zh(material.name)],
    'dct:type': types,
  };
  return { kind, node };
}

function evidenceNode(
  base: string,
  material: PublicMaterial,
  kind: Exclude<RequirementKind, 'abolished'>,
  requirement: string,
  concepts: Concepts,
): JsonLdNode {
  const categoryId = material.category?.id as keyof typeof EVIDENCE_TYPES | undefined;
  const type = kind === 'replaced' && categoryId ? EVIDENCE_TYPES[categoryId] : EVIDENCE_TYPES.submitted;
  const method = material.method ?? material.replacement;
  const facts =
    kind === 'replaced'
      ? [`${type.zh}${method ? `：${method}` : ''}`, material.basis ? `依据：${material.basis}` : '']
      : [
          material.source ? `材料来源：${material.source}` : '',
          material.issuer ? `开具单位：${material.issuer}` : '',
          material.legalBasis ? `设定依据：${material.legalBasis}` : '',
          kind === 'planned'
            ? `自 ${material.effectiveFrom} 起取消（${material.category?.zh ?? '计划取消'}）`
            : '',
        ];
  const description = facts.filter(Boolean).join('；');
  return {
    '@id': `${base}evidence/${material.id}`,
    '@type': 'cv:Evidence',
    'dct:identifier': material.id,
    'dct:title': [zh(material.name)],
    ...(description ? { 'dct:description': [zh(description)] } : {}),
    'dct:type': concepts.concept('evidence', type),
    'cv:supportsRequirement': [ref(requirement)],
  };
}

/** The change set's statement that the service no longer holds the requirement, and why (public wording). */
function removal(
  dataset: string,
  service: string,
  requirement: string,
  material: PublicMaterial,
): JsonLdNode {
  const why = [material.category?.zh, material.basis].filter(Boolean).join('：');
  return {
    '@id': `${dataset}/changes/${material.id}`,
    '@type': 'rdf:Statement',
    'rdf:subject': ref(service),
    'rdf:predicate': ref(HOLDS_REQUIREMENT),
    'rdf:object': ref(requirement),
    ...(why ? { 'rdfs:comment': [zh(why), ...(material.basis ? [] : en(material.category?.en ?? ''))] } : {}),
  };
}

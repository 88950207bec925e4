// Test helpers for the CPSV-AP export: a real JSON-LD processor, offline (the CPSV-AP context comes
// from the bundled copy), and the document as RDF for a SHACL validator.
import jsonldModule from 'jsonld';
import { Parser, Store } from 'n3';
import { CPSV_AP_CONTEXT_URL, type CpsvApDocument } from './cpsv-ap';
import { readCpsvApContext } from './node';

export type Node = Record<string, unknown>;
// jsonld.js 9 as these tests call it (@types/jsonld describes the 1.5 API, with callbacks).
export const jsonld = jsonldModule as unknown as {
  expand(input: unknown, options: object): Promise<Node[]>;
  compact(input: unknown, context: unknown, options: object): Promise<Node>;
  toRDF(input: unknown, options: object): Promise<string>;
};

export const cpsvApContext = await readCpsvApContext();
export const documentLoader = async (url: string) => {
  if (url !== CPSV_AP_CONTEXT_URL) throw new Error(`no network here: ${url}`);
  return { documentUrl: url, document: cpsvApContext };
};
// `safe` makes jsonld.js throw on a term it would otherwise silently drop (no IRI for it).
export const expandOptions = { documentLoader, safe: true };

export const expand = (document: CpsvApDocument) => jsonld.expand(document, expandOptions);

/** The document's triples in an RDF/JS dataset. */
export async function toDataset(document: CpsvApDocument): Promise<Store> {
  const nquads = await jsonld.toRDF(document, { documentLoader, format: 'application/n-quads' });
  return new Store(new Parser({ format: 'N-Quads' }).parse(nquads));
}

export const IRI = {
  type: '@type',
  service: 'http://purl.org/vocab/cpsv#PublicService',
  hasInput: 'http://purl.org/vocab/cpsv#hasInput',
  organisation: 'http://data.europa.eu/m8g/PublicOrganisation',
  requirement: 'http://data.europa.eu/m8g/Requirement',
  evidence: 'http://data.europa.eu/m8g/Evidence',
  holds: 'http://data.europa.eu/m8g/holdsRequirement',
  supportedBy: 'http://data.europa.eu/m8g/hasSupportingEvidence',
  authority: 'http://data.europa.eu/m8g/hasCompetentAuthority',
  legalResource: 'http://data.europa.eu/m8g/hasLegalResource',
  agent: 'http://xmlns.com/foaf/0.1/Agent',
  dataset: 'http://www.w3.org/ns/dcat#Dataset',
  legal: 'http://data.europa.eu/eli/ontology#LegalResource',
  concept: 'http://www.w3.org/2004/02/skos/core#Concept',
  inScheme: 'http://www.w3.org/2004/02/skos/core#inScheme',
  conceptScheme: 'http://www.w3.org/2004/02/skos/core#ConceptScheme',
  notation: 'http://www.w3.org/2004/02/skos/core#notation',
  removal: 'http://purl.org/vocab/changeset/schema#removal',
  rdfObject: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#object',
  rdfSubject: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#subject',
  dct: (name: string) => `http://purl.org/dc/terms/${name}`,
} as const;

/** The expanded graph indexed: nodes by id and by type, and a property's values. */
export function graphOf(expanded: Node[]) {
  const byId = new Map(expanded.map((n) => [n['@id'] as string, n]));
  const types = (node: Node | undefined) => (node?.['@type'] as string[] | undefined) ?? [];
  return {
    byId,
    types,
    ofType: (iri: string) => expanded.filter((n) => types(n).includes(iri)),
    values: (node: Node, property: string) => (node[property] as Node[] | undefined) ?? [],
    ids: (node: Node, property: string) =>
      ((node[property] as { '@id': string }[] | undefined) ?? []).map((v) => v['@id']),
  };
}

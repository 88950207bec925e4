// Legal bases as `eli:LegalResource`s (the class CPSV-AP reuses from ELI): one node per instrument a
// 设定依据 cites, with its title, 文号 and domain.md §14 level, linked from the service by
// `cv:hasLegalResource`.
import { sha256Hex } from '@jianzheng/core';
import {
  type Concepts,
  type JsonLdNode,
  legalLevelConcept,
  type Ref,
  ref,
  segment,
  zh,
} from './cpsv-ap-concepts';

/** The public legal-basis fields of a published material (schema 1.2 adds the assessment). */
export interface LegalBasisFields {
  legalBasis: string | null;
  legalBasisLevel?: string | null;
  legalInstrument?: unknown;
}

const TITLE = /《([^《》]+)》/gu;
// 宿政办〔2017〕12号, 皖政办秘[2018]247号, 国务院令第 412 号.
const DOCUMENT_NUMBER =
  /\p{Script=Han}{1,16}(?:[〔［[（(]\d{4}[〕］\]）)]\s*第?\s*\d+\s*号|令\s*第\s*\d+\s*号)/u;

interface Instrument {
  key: string;
  title: string;
  documentNumber: string | null;
}

/** The instruments a 设定依据 text cites: each 《title》, else its 文号, else the text itself. */
function instrumentsOf(text: string, primary: string | null): Instrument[] {
  const documentNumber = text.match(DOCUMENT_NUMBER)?.[0].replace(/\s+/g, '') ?? null;
  const titles = [...text.matchAll(TITLE)].map((m) => m[1]!.trim()).filter(Boolean);
  if (primary && !titles.includes(primary)) titles.unshift(primary);
  if (titles.length > 0)
    return [...new Set(titles)].map((title, i, all) => ({
      key: title,
      title,
      // A 文号 beside one title is that instrument's; beside several it cannot be assigned.
      documentNumber: all.length === 1 && i === 0 ? documentNumber : null,
    }));
  if (documentNumber) return [{ key: documentNumber, title: text.trim(), documentNumber }];
  return [{ key: `text-${sha256Hex(text.trim()).slice(0, 16)}`, title: text.trim(), documentNumber: null }];
}

/** Collects the legal resources a document cites; `cite` answers the refs for one material. */
export function legalResourceCollector(base: string, concepts: Concepts) {
  const nodes = new Map<string, JsonLdNode>();
  return {
    cite(material: LegalBasisFields): Ref[] {
      const text = material.legalBasis?.trim();
      if (!text) return [];
      const primary = typeof material.legalInstrument === 'string' ? material.legalInstrument : null;
      const instruments = instrumentsOf(text, primary);
      return instruments.map((instrument) => {
        const iri = `${base}legal-resource/${segment(instrument.key)}`;
        // The assessed level is the strongest instrument's: the named one, or the only one.
        const level =
          material.legalBasisLevel && (instrument.title === primary || instruments.length === 1)
            ? material.legalBasisLevel
            : null;
        const known = nodes.get(iri);
        if (!known) {
          nodes.set(iri, {
            '@id': iri,
            '@type': 'eli:LegalResource',
            'eli:title': [zh(instrument.title)],
            ...(instrument.documentNumber ? { 'eli:id_local': instrument.documentNumber } : {}),
            'eli:type_document': concepts.concept('legal-level', legalLevelConcept(level ?? 'unknown')),
          });
        } else if (level && (known['eli:type_document'] as Ref)['@id'].endsWith('/unknown')) {
          known['eli:type_document'] = concepts.concept('legal-level', legalLevelConcept(level));
        }
        if (instrument.documentNumber && nodes.get(iri)!['eli:id_local'] === undefined)
          nodes.get(iri)!['eli:id_local'] = instrument.documentNumber;
        return ref(iri);
      });
    },
    nodes: () => [...nodes.values()],
  };
}

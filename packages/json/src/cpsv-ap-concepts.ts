// The concept schemes the CPSV-AP export types its nodes from. Each concept is published in the
// document itself (a `skos:ConceptScheme` with its `skos:Concept`s), so a consumer needs no other
// vocabulary to read a status, a category, an item type, a kind of evidence or a legal level.

export type Text = { '@language': 'zh-CN' | 'en'; '@value': string };
export type Ref = { '@id': string };
export type JsonLdNode = { '@id': string; '@type': string | string[] } & Record<string, unknown>;

const HAN = /\p{Script=Han}/u;

/** zh-CN text. */
export const zh = (value: string): Text => ({ '@language': 'zh-CN', '@value': value });
/** An English text, or nothing: a value holding Chinese characters is not English, whatever it is called. */
export const en = (value: string): Text[] =>
  value.trim() === '' || HAN.test(value) ? [] : [{ '@language': 'en', '@value': value }];
export const ref = (id: string): Ref => ({ '@id': id });
export const segment = (text: string) => encodeURIComponent(text);

/** A concept's id (its notation, also the last IRI segment) and its labels. */
export interface ConceptEntry {
  id: string;
  zh: string;
  en?: string;
}

/** The states of a material in the published list (`dct:type` of a `cv:Requirement`). */
export const REQUIREMENT_STATUSES = {
  required: { id: 'required', zh: '须提交', en: 'required' },
  replaced: {
    id: 'replaced',
    zh: '已取消提交，改由其他方式获取',
    en: 'no longer submitted, obtained another way',
  },
  planned: { id: 'planned-cancellation', zh: '计划取消', en: 'cancellation planned' },
  abolished: { id: 'abolished', zh: '已取消', en: 'abolished' },
} as const satisfies Record<string, ConceptEntry>;

/** How the office gets what a requirement asks for (`dct:type` of a `cv:Evidence`). */
export const EVIDENCE_TYPES = {
  submitted: { id: 'submitted', zh: '申请人提交', en: 'submitted by the applicant' },
  'information-sharing': {
    id: 'obtained-by-sharing',
    zh: '办理部门通过信息共享获取',
    en: 'obtained by the office through data sharing',
  },
  'internal-query': {
    id: 'internal-query',
    zh: '办理部门内部查询',
    en: 'queried by the office internally',
  },
  commitment: {
    id: 'written-commitment',
    zh: '申请人书面承诺，事中事后核查',
    en: 'written commitment of the applicant, checked later',
  },
} as const satisfies Record<string, ConceptEntry>;

/**
 * Categories whose cancellation replaces the material by another way of getting the information: the
 * requirement stays with the service, met by that other way. Every other category (no-legal-basis,
 * not-necessary, duplicate, superior-decision, a city's own) abolishes the requirement outright.
 */
export const REPLACING_CATEGORIES = new Set(['information-sharing', 'internal-query', 'commitment']);

/** domain.md §2 item types, with a stable ASCII id and an English label. */
const ITEM_TYPES: Record<string, { id: string; en: string }> = {
  行政许可: { id: 'administrative-licensing', en: 'administrative licensing' },
  行政确认: { id: 'administrative-confirmation', en: 'administrative confirmation' },
  行政裁决: { id: 'administrative-adjudication', en: 'administrative adjudication' },
  行政给付: { id: 'administrative-payment', en: 'administrative benefit payment' },
  行政奖励: { id: 'administrative-reward', en: 'administrative reward' },
  行政备案: { id: 'administrative-filing', en: 'administrative filing' },
  其他行政权力: { id: 'other-administrative-power', en: 'other administrative power' },
  公共服务: { id: 'public-service', en: 'public service' },
};

export function itemTypeConcept(type: string): ConceptEntry {
  const known = ITEM_TYPES[type];
  return known ? { id: known.id, zh: type, en: known.en } : { id: type, zh: type };
}

/** domain.md §14 levels of a legal basis (`eli:type_document` of an `eli:LegalResource`). */
const LEGAL_LEVELS: Record<string, [string, string]> = {
  law: ['法律', 'law'],
  'administrative-regulation': ['行政法规', 'administrative regulation'],
  'state-council-decision': ['国务院决定', 'State Council decision'],
  'local-regulation': ['地方性法规', 'local regulation'],
  'department-rule': ['部门规章', 'department rule'],
  'local-government-rule': ['地方政府规章', 'local government rule'],
  'normative-document': ['规范性文件', 'normative document'],
  none: ['无依据', 'none'],
  unknown: ['效力层级未判定', 'level not assessed'],
};

export function legalLevelConcept(level: string): ConceptEntry {
  const known = LEGAL_LEVELS[level];
  return known ? { id: level, zh: known[0], en: known[1] } : { id: level, zh: level };
}

/** The schemes: IRI segment and title. */
export const SCHEMES = {
  status: { zh: '申请材料状态', en: 'status of a requirement' },
  category: { zh: '取消类别', en: 'cancellation categories' },
  'item-type': { zh: '政务服务事项类型', en: 'types of government service items' },
  evidence: { zh: '证明获取方式', en: 'how the evidence is obtained' },
  'legal-level': { zh: '设定依据效力层级', en: 'levels of a legal basis' },
} as const;
export type SchemeId = keyof typeof SCHEMES;

/** Collects the concepts a document uses, and emits them with their schemes. */
export function conceptCollector(base: string) {
  const concepts = new Map<string, JsonLdNode>();
  const used = new Set<SchemeId>();
  const schemeIri = (scheme: SchemeId) => `${base}concept/${scheme}`;
  return {
    concept(scheme: SchemeId, entry: ConceptEntry): Ref {
      const iri = `${schemeIri(scheme)}/${segment(entry.id)}`;
      if (!concepts.has(iri)) {
        used.add(scheme);
        concepts.set(iri, {
          '@id': iri,
          '@type': 'skos:Concept',
          'skos:notation': entry.id,
          'skos:prefLabel': [zh(entry.zh), ...(entry.en ? en(entry.en) : [])],
          'skos:inScheme': ref(schemeIri(scheme)),
        });
      }
      return ref(iri);
    },
    nodes(): JsonLdNode[] {
      const schemes = [...used].sort().map(
        (scheme): JsonLdNode => ({
          '@id': schemeIri(scheme),
          '@type': 'skos:ConceptScheme',
          'skos:prefLabel': [zh(SCHEMES[scheme].zh), ...en(SCHEMES[scheme].en)],
        }),
      );
      return [...schemes, ...concepts.values()];
    },
  };
}
export type Concepts = ReturnType<typeof conceptCollector>;

import type { LegalLevel } from './levels';

/** What a pattern (§14) makes of one citation: its level and, when the text names one, its issuer. */
export interface PatternVerdict {
  readonly level: LegalLevel;
  readonly issuer: string | null;
}

const PROVINCES = [
  '北京',
  '天津',
  '上海',
  '重庆',
  '河北',
  '山西',
  '辽宁',
  '吉林',
  '黑龙江',
  '江苏',
  '浙江',
  '安徽',
  '福建',
  '江西',
  '山东',
  '河南',
  '湖北',
  '湖南',
  '广东',
  '海南',
  '四川',
  '贵州',
  '云南',
  '陕西',
  '甘肃',
  '青海',
  '内蒙古',
  '广西',
  '西藏',
  '宁夏',
  '新疆',
];
// Words that begin with a place-like “X市 / X州” but name no place (城市市容, 超市 …).
const NOT_PLACES = /^(城市|城镇|超市|都市|夜市|集市|集贸|股市|国家)/;
const PLACE = /^[\u4e00-\u9fff]{2,4}?(?:省|自治区|市|自治州|州|县|盟|地区)/;

/** The place a title or issuer begins with (安徽省, 成都市 …), or null for a national one. */
export function placeOf(text: string): string | null {
  for (const province of PROVINCES) {
    if (!text.startsWith(province)) continue;
    const suffix = /^(?:省|自治区|市|壮族自治区|回族自治区|维吾尔自治区)/.exec(text.slice(province.length));
    return province + (suffix?.[0] ?? '');
  }
  if (NOT_PLACES.test(text)) return null;
  return PLACE.exec(text)?.[0] ?? null;
}

/** A 令号 (国务院令第412号, 公安部令第124号, 交通部令2005年第10号, 宿州市人民政府令第3号). */
export const DECREE =
  /((?:中华人民共和国)?[\u4e00-\u9fff、]{2,80}?)令(?:\(?(?:19|20)\d{2}年?\)?)?第?([\d零〇一二三四五六七八九十百]+)号/;
/** A 文号 (宿政办〔2017〕12号, 国办发[2018]47号, 成人社发(2016)30号): agency code, year, serial. */
export const DOCUMENT_NUMBER = /([\u4e00-\u9fff]{1,12})[〔[【(]((?:19|20)\d{2})[〕\]】)]第?(\d+)号/;

const LEADING_VERBS = /^(?:依据|根据|按照|参照|依照|见|详见|执行|按|据|遵照)+/;

/** The issuer a 令号 names, and the level its kind of decree gives. */
export function decreeVerdict(issuer: string): PatternVerdict | null {
  const who = issuer.replace(LEADING_VERBS, '');
  if (/^(?:中华人民共和国)?主席$/.test(who)) return { level: 'law', issuer: '全国人民代表大会常务委员会' };
  if (who === '国务院' || who === '中华人民共和国国务院')
    return { level: 'administrative-regulation', issuer: '国务院' };
  if (/人民政府$/.test(who)) return { level: 'local-government-rule', issuer: who };
  if (placeOf(who) !== null) return null;
  if (/(?:部|委员会|总局|局|署|银行|总署|办公室|办)$/.test(who))
    return { level: 'department-rule', issuer: who };
  return null;
}

const STATE_COUNCIL_CODES: Record<string, string> = {
  国发: '国务院',
  国函: '国务院',
  国办发: '国务院办公厅',
  国办函: '国务院办公厅',
};

/** The issuer of a 文号 by its agency code: 国发 → 国务院; otherwise the code itself (宿政办). */
export function documentIssuer(code: string): string {
  const bare = code.replace(LEADING_VERBS, '');
  return STATE_COUNCIL_CODES[bare] ?? bare;
}

const NOTICE = /(?:通知|意见|批复|复函|函|方案|纲要|通告|公告|纪要|指引|规划)$/;
const RULE_LIKE = /(?:规定|办法|细则|规则|规范|规程|标准|制度|守则)$/;

/**
 * The level a title gives by its form (§14), with what follows it (a 令号 or 文号) when present.
 * `unknown` whenever the form leaves room for two levels: never a guess.
 */
export function titleVerdict(
  title: string,
  decree: PatternVerdict | null,
  docCode: string | null,
): PatternVerdict {
  const t = title.replace(LEADING_VERBS, '');
  if (/^全国人民代表大会(?:常务委员会)?关于.+的决定$/.test(t)) {
    return { level: 'law', issuer: '全国人民代表大会常务委员会' };
  }
  if (/^国务院(?:关于|对).+的决定$/.test(t)) return { level: 'state-council-decision', issuer: '国务院' };
  if (decree) return decree;
  const place = placeOf(t);
  if (docCode !== null) return { level: 'normative-document', issuer: documentIssuer(docCode) };
  if (/^国务院办公厅/.test(t) && NOTICE.test(t))
    return { level: 'normative-document', issuer: '国务院办公厅' };
  if (/^国务院关于/.test(t) && NOTICE.test(t)) return { level: 'normative-document', issuer: '国务院' };
  if (place !== null) {
    // “XX省实施《中华人民共和国…法》办法” is the form of a 地方性法规 (人大常委会).
    if (/^[\u4e00-\u9fff]+实施[《〈][^》〉]+法[》〉]办法$/.test(t) || /条例$/.test(t)) {
      return { level: 'local-regulation', issuer: place };
    }
    if (NOTICE.test(t)) return { level: 'normative-document', issuer: place };
    return { level: 'unknown', issuer: place };
  }
  if (/^中华人民共和国.+法$/.test(t) && !/办法$/.test(t))
    return { level: 'law', issuer: '全国人民代表大会常务委员会' };
  if (/条例$/.test(t) && !/^关于/.test(t)) return { level: 'administrative-regulation', issuer: '国务院' };
  if (/[^办方做算]法$/.test(t) && !/^关于/.test(t) && !RULE_LIKE.test(t)) {
    return { level: 'law', issuer: '全国人民代表大会常务委员会' };
  }
  const ministry = /^([\u4e00-\u9fff]{2,20}?(?:部|委员会|总局|局|署))关于.+$/.exec(t);
  if (ministry && NOTICE.test(t)) return { level: 'normative-document', issuer: ministry[1]! };
  if (/^关于.+/.test(t) && NOTICE.test(t)) return { level: 'normative-document', issuer: null };
  return { level: 'unknown', issuer: null };
}

/** Whether a run of text reads as a title (ends like one), so the title patterns apply to it. */
export function looksLikeTitle(text: string): boolean {
  return /(?:法|条例|决定|规定|办法|细则|规则|通知|意见|批复)$/.test(text) && text.length >= 4;
}

export { LEADING_VERBS };

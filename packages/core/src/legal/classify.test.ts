import { describe, expect, it } from 'vitest';
import { CITATION_CORPUS } from './citation-corpus';
import { classifyLegalBasis, createLegalBasisClassifier } from './classify';

const SUZHOU = { documentPrefixes: ['宿政', '宿政办', '宿州市人民政府令'], jurisdictionName: '宿州市' };

describe('classifyLegalBasis: the citation corpus', () => {
  const classify = createLegalBasisClassifier(SUZHOU);
  const results = CITATION_CORPUS.map(([text, level]) => ({
    text,
    expected: level,
    got: classify(text).level,
  }));

  it('holds at least 200 citations', () => {
    expect(CITATION_CORPUS.length).toBeGreaterThanOrEqual(200);
  });

  it('never puts a citation at a wrong level (unknown is allowed, a wrong level is not)', () => {
    const wrong = results.filter((r) => r.got !== r.expected && r.got !== 'unknown');
    expect(wrong).toEqual([]);
  });

  it('leaves at most 5 % unknown', () => {
    const unknown = results.filter((r) => r.got === 'unknown' && r.expected !== 'unknown');
    expect(unknown.length / results.length).toBeLessThanOrEqual(0.05);
  });
});

describe('classifyLegalBasis: what it reports', () => {
  it('names the catalog instrument, its issuer, 令号 and article, and that the catalog decided', () => {
    expect(classifyLegalBasis('婚姻登记条例第五条第二款')).toMatchObject({
      level: 'administrative-regulation',
      instrument: '婚姻登记条例',
      documentNumber: '国务院令第387号',
      article: '第五条第二款',
      issuer: '国务院',
      decidedBy: 'catalog',
    });
  });

  it('reads an unlisted instrument by its form and says a pattern decided', () => {
    expect(classifyLegalBasis('《四川省物业管理条例》第十条')).toMatchObject({
      level: 'local-regulation',
      instrument: '四川省物业管理条例',
      article: '第十条',
      decidedBy: 'pattern',
    });
  });

  it('takes the strongest of several citations and keeps them all', () => {
    const result = classifyLegalBasis('宿政办〔2017〕12号；《中华人民共和国婚姻法》第八条');
    expect(result.level).toBe('law');
    expect(result.citations.map((c) => c.level)).toEqual(['law', 'normative-document']);
  });

  it('does not read the law an implementing 办法 names as a citation of that law', () => {
    expect(classifyLegalBasis('安徽省实施中华人民共和国残疾人保障法办法').level).not.toBe('law');
  });

  it('tells own documents from a superior’s by the configured prefixes', () => {
    const classify = createLegalBasisClassifier(SUZHOU);
    expect(classify('宿政办〔2017〕12号').owner).toBe('own');
    expect(classify('《宿州市城市绿化管理办法》（宿州市人民政府令第3号）').owner).toBe('own');
    expect(classify('皖政办秘〔2018〕247号').owner).toBe('superior');
    expect(classify('《机动车登记规定》（公安部令第124号）').owner).toBe('superior');
    expect(classify('《机动车登记规定》；宿政办〔2017〕12号').owner).toBe('superior');
  });

  it('without prefixes cannot tell a local document’s owner, and says so', () => {
    expect(classifyLegalBasis('宿政办〔2017〕12号').owner).toBe('unknown');
    expect(classifyLegalBasis('国办发〔2018〕47号').owner).toBe('superior');
  });

  it('answers unknown for what it cannot tell, and an unknown citation outranks weaker levels', () => {
    expect(classifyLegalBasis('《窗口服务工作规程》')).toMatchObject({ level: 'unknown', decidedBy: 'none' });
    expect(classifyLegalBasis('按上级要求').level).toBe('unknown');
    expect(classifyLegalBasis('《窗口服务工作规程》；宿政办〔2017〕12号', SUZHOU).level).toBe('unknown');
  });

  it('uses a city’s own catalog entries first', () => {
    const instruments = [
      {
        name: '宿州市窗口服务规范',
        aliases: [],
        level: 'normative-document' as const,
        issuer: '宿州市人民政府',
      },
    ];
    expect(classifyLegalBasis('《宿州市窗口服务规范》', { ...SUZHOU, instruments })).toMatchObject({
      level: 'normative-document',
      decidedBy: 'catalog',
      owner: 'own',
    });
  });

  it('reads a cell of thousands of citations whole: each title, number and repeated name once per place', () => {
    // The shapes that made the reading quadratic (each title re-reading the whole rest of the cell).
    const titles = classifyLegalBasis('《中华人民共和国行政许可法》第三十一条'.repeat(5000), SUZHOU);
    expect(titles.citations).toHaveLength(5000);
    expect(titles.citations.every((c) => c.level === 'law' && c.article === '第三十一条')).toBe(true);
    const unmarked = classifyLegalBasis('依据中华人民共和国行政许可法、'.repeat(5000), SUZHOU);
    expect(unmarked.level).toBe('law');
    // An unclosed 《 is read on as text: the law after it is still found.
    expect(classifyLegalBasis(`${'《'.repeat(20000)}依据中华人民共和国行政许可法`, SUZHOU).level).toBe('law');
    // Inside a longer title a law’s name is not a citation of the law.
    expect(classifyLegalBasis('安徽省实施中华人民共和国残疾人保障法办法', SUZHOU).level).not.toBe('law');
  });
});

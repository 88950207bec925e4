import { describe, expect, it } from 'vitest';
import { engineFromConfig } from '../config/parse-config';
import { decideOne, materials } from '../testing/fixtures';

const SUZHOU = {
  code: '341300',
  name: '宿州市',
  level: 'city' as const,
  documentPrefixes: ['宿政', '宿政办', '宿州市人民政府令'],
};

describe('no-legal-basis', () => {
  it.each([
    [undefined, true],
    ['', true],
    ['无', true],
    [' 暂无 ', true],
    ['没有', true],
    ['-', true],
    ['—', true],
    ['/', true],
    ['无依据', true],
    ['－', true],
    ['《居民身份证法》第十一条', false],
    ['无线电管理条例', false],
  ])('legal basis %j → cancelled %s', (legalBasis, cancelled) => {
    const decision = decideOne({ name: '准迁证明', legalBasis });
    expect(decision.ruleId === 'no-legal-basis').toBe(cancelled);
    if (cancelled) expect(decision.category).toBe('no-legal-basis');
  });

  it('loses to item-cancelled', () => {
    const decision = decideOne(
      { name: '准迁证明', legalBasis: '无' },
      { catalogs: { cancelledItems: [{ name: '户口迁移登记' }] } },
    );
    expect(decision.ruleId).toBe('item-cancelled');
    expect(decision.trace.find((t) => t.ruleId === 'no-legal-basis')?.matched).toBe(true);
  });
});

describe('no-legal-basis by legal level (谁设定谁清理)', () => {
  const decide = (legalBasis: string) =>
    decideOne({ name: '准迁证明', legalBasis }, { jurisdiction: SUZHOU });

  it('cancels a 证明 only the city’s own 规范性文件 sets, naming the instrument and its level', () => {
    const decision = decide('《关于规范城区户籍管理的通知》（宿政办〔2017〕12号）');
    expect(decision).toMatchObject({
      verdict: 'cancel',
      ruleId: 'no-legal-basis',
      category: 'no-legal-basis',
    });
    expect(decision.legalBasis).toMatchObject({
      level: 'normative-document',
      documentNumber: '宿政办〔2017〕12号',
      decidedBy: 'pattern',
    });
    const trace = decision.trace.find((t) => t.ruleId === 'no-legal-basis')!;
    expect(trace.facts).toMatchObject({ level: 'normative-document', decidedBy: 'pattern' });
    expect(trace.reason).toContain('规范性文件');
  });

  it('cancels on the city’s own 政府令', () => {
    const decision = decide('《宿州市户籍管理办法》（宿州市人民政府令第3号）第五条');
    expect(decision.ruleId).toBe('no-legal-basis');
    expect(decision.legalBasis).toMatchObject({ level: 'local-government-rule', article: '第五条' });
  });

  it('retains a ministry’s rule with refer-to-issuer', () => {
    const decision = decide('《机动车登记规定》（公安部令第124号）');
    expect(decision.verdict).toBe('retain');
    expect(decision.flags).toEqual(['refer-to-issuer']);
    expect(decision.legalBasis).toMatchObject({
      level: 'department-rule',
      issuer: '公安部',
      decidedBy: 'catalog',
    });
  });

  it('retains a superior’s document with refer-to-issuer', () => {
    expect(decide('皖政办秘〔2018〕247号').flags).toEqual(['refer-to-issuer']);
  });

  it('retains what it cannot place with needs-legal-review', () => {
    const decision = decide('《窗口服务工作规程》');
    expect(decision.verdict).toBe('retain');
    expect(decision.flags).toEqual(['needs-legal-review']);
    expect(decision.legalBasis).toMatchObject({ level: 'unknown', decidedBy: 'none' });
  });

  it('retains a law, a regulation and a local regulation without flags', () => {
    for (const basis of [
      '《中华人民共和国户口登记条例》',
      '《居住证暂行条例》第九条',
      '《安徽省人口与计划生育条例》',
    ]) {
      const decision = decide(basis);
      expect(decision.verdict).toBe('retain');
      expect(decision.flags).toBeUndefined();
    }
  });

  it('without the city’s prefixes does not cancel a local document: the legal office decides', () => {
    const decision = decideOne({ name: '准迁证明', legalBasis: '宿政办〔2017〕12号' });
    expect(decision.verdict).toBe('retain');
    expect(decision.flags).toEqual(['needs-legal-review']);
  });

  it('drops the flag when a later principle cancels the material anyway', () => {
    const decision = decideOne(
      { name: '社保缴费证明', legalBasis: '《窗口服务工作规程》' },
      { jurisdiction: SUZHOU },
    );
    expect(decision.ruleId).toBe('shared-data');
    expect(decision.flags).toBeUndefined();
  });

  it('reads documentPrefixes and a city’s own instruments from the configuration', () => {
    const engine = engineFromConfig({
      jurisdiction: SUZHOU,
      catalogs: {
        legalInstruments: {
          add: [{ name: '窗口服务工作规程', level: 'normative-document', issuer: '宿州市政务服务中心' }],
          remove: [],
        },
      },
    });
    const [own, listed] = engine.evaluate(
      materials(
        { name: '准迁证明', legalBasis: '宿政〔2016〕45号' },
        { name: '户籍证明材料', legalBasis: '《窗口服务工作规程》' },
      ),
    );
    expect(own!.ruleId).toBe('no-legal-basis');
    expect(listed!.legalBasis).toMatchObject({ level: 'normative-document', decidedBy: 'catalog' });
  });
});

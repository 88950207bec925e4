// GoRules ZEN (Rust, native binding) as a baseline for the engine bench: the ten rules as one
// decision table, hit policy "first", over facts precomputed per record (its best case: it does
// no name normalization or catalog lookups). Two modes: the table in loop mode over a chunk of
// records per call, and one expression `map()` per chunk; the bench takes the faster.
import { evaluateExpressionSync, ZenEngine } from '@gorules/zen-engine';

/** A JDM graph: input → decision table (first hit, loop over `records`) → output. */
function decisionTableGraph(rules) {
  const inputs = rules.map((rule, i) => ({ id: `c${i}`, name: rule.id, field: `r${i}` }));
  const rows = rules.map((rule, i) => {
    const row = { _id: `row${i}`, o0: JSON.stringify(rule.id) };
    for (let j = 0; j < rules.length; j++) row[`c${j}`] = j === i ? 'true' : '';
    return row;
  });
  const fallback = { _id: 'retain', o0: '"retain"' };
  for (let j = 0; j < rules.length; j++) fallback[`c${j}`] = '';
  return {
    nodes: [
      { id: 'in', name: 'request', type: 'inputNode', position: { x: 0, y: 0 } },
      {
        id: 'table',
        name: 'rules',
        type: 'decisionTableNode',
        position: { x: 1, y: 0 },
        content: {
          hitPolicy: 'first',
          inputField: 'records',
          executionMode: 'loop',
          outputPath: 'decisions',
          inputs,
          outputs: [{ id: 'o0', name: 'ruleId', field: 'ruleId' }],
          rules: [...rows, fallback],
        },
      },
      { id: 'out', name: 'response', type: 'outputNode', position: { x: 2, y: 0 } },
    ],
    edges: [
      { id: 'e1', sourceId: 'in', targetId: 'table', type: 'edge' },
      { id: 'e2', sourceId: 'table', targetId: 'out', type: 'edge' },
    ],
  };
}

/** `records[i]` has `r0 … r9` (rule i matched); returns the decided rule id (or 'retain') per record. */
export async function runZen(rules, records, chunk) {
  const engine = new ZenEngine();
  const decision = engine.createDecision(Buffer.from(JSON.stringify(decisionTableGraph(rules))));
  const expression = `map(records, ${rules
    .map((rule, i) => `#.r${i} ? ${JSON.stringify(rule.id)} : `)
    .join('')}"retain")`;

  async function tableMode(list) {
    const out = [];
    for (let i = 0; i < list.length; i += chunk) {
      const { result } = await decision.evaluate({ records: list.slice(i, i + chunk) });
      for (const row of result.decisions) out.push(row.ruleId);
    }
    return out;
  }
  function expressionMode(list) {
    const out = [];
    for (let i = 0; i < list.length; i += chunk) {
      for (const id of evaluateExpressionSync(expression, { records: list.slice(i, i + chunk) }))
        out.push(id);
    }
    return out;
  }
  // Warm up both on a slice, then measure each on every record.
  await tableMode(records.slice(0, 2_000));
  expressionMode(records.slice(0, 2_000));
  const modes = [];
  for (const [name, run] of [
    ['decision table, loop mode', tableMode],
    ['expression map()', expressionMode],
  ]) {
    const start = process.hrtime.bigint();
    const decided = await run(records);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    modes.push({ name, seconds, rate: records.length / seconds, decided });
  }
  engine.dispose?.();
  return modes;
}

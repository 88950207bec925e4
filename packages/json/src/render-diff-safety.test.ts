import { describe, expect, it } from 'vitest';
import { diffPublications } from './diff';
import { escapeMarkdownText, renderDiffMarkdown } from './render-diff';
import { sampleInputs, samplePublication } from './test-support';

describe('Markdown safety (finding 9)', () => {
  it('leaves no HTML, image or javascript: link from a workbook or a reason live in the notice', () => {
    const inputs = sampleInputs();
    const v1 = samplePublication(inputs);
    inputs.push(
      { item: inputs[0]!.item, name: '<script>alert(1)</script>', legalBasis: '无' },
      { item: inputs[0]!.item, name: '<img src=x onerror=alert(1)>', legalBasis: '无' },
      { item: inputs[0]!.item, name: '[点此核验](javascript:alert(1))', legalBasis: '无' },
      { item: inputs[0]!.item, name: '![](https://evil.example/p.png)', legalBasis: '无' },
    );
    const v2 = samplePublication(inputs, {
      version: 2,
      batch: {
        id: '2018-01',
        title: '<iframe src=//evil>',
        adjustmentReason: '[x](javascript:alert(2)) <b>',
      },
    });
    const md = renderDiffMarkdown(diffPublications(v1, v2));
    expect(md).not.toMatch(/<(script|img|iframe|b)\b/i);
    // No unescaped `[` that could open a link or image.
    expect(md).not.toMatch(/(^|[^\\])\[(?!!WARNING)[^\]]*\]\(/m);
    expect(md).toContain('\\[点此核验\\](javascript:alert(1))');
    expect(md).toContain('&lt;script&gt;');
  });

  it('escapes backslashes first, so an escape cannot be undone by the text', () => {
    expect(escapeMarkdownText('\\[a](b)')).toBe('\\\\\\[a\\](b)');
    expect(escapeMarkdownText('A|B\nC')).toBe('A\\|B C');
  });
});

// `kpi peek`'s sentences live in the message catalogue (peek.… in en-peek.ts, zh-peek.ts) like every other
// command's: its text module holds keys and values, no sentence of its own in any language.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { en } from '../../src/messages/en.js';
import { peekText } from '../../src/commands/peek/messages.js';

const source = readFileSync(new URL('../../src/commands/peek/messages.ts', import.meta.url), 'utf8')
  .replace(/\/\*[\s\S]*?\*\//g, '')
  .replace(/\/\/.*$/gm, '');

describe('kpi peek speaks from the catalogue', () => {
  it('src/commands/peek/messages.ts holds keys, not sentences', () => {
    const literals = [...source.matchAll(/'([^'\n]*)'|`([^`\n]*)`/g)].map((m) => m[1] ?? m[2]!);
    const notKeys = literals.filter(
      (s) =>
        !(s in en) &&
        !/^peek\.[\w.]*\$\{\w+\}$/.test(s) && // peek.sheet.${kind}, peek.type.${type}
        !/^(\.\.\/)+[\w/.-]+\.js$/.test(s) && // imports
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the module's own template literals, read as text
        !['', 'en-US', 'zh-CN', 'gb18030', 'GB18030', '\\t', '"${s}"', '"${v}"', '≥ ${count(n)}', '⚠', 'decimalNeeded'].includes(s) &&
        !/^(given|first-row|after-title|fallback|blank|spaces|invisible|full-width|duplicate|reserved|all-blank|leading-zeros|long-digits|percent-mixed|date-order|date-serials|date-compact|rounded|trimmed|case-variants|numbers-as-text|mixed-numbers|booleans|merged|comma|date|ymd|mdy|dmy|hidden|veryHidden|chartsheet|dialogsheet|macrosheet)$/.test(
          s,
        ),
    );
    expect(notKeys).toEqual([]);
  });

  it('the same facts in both languages', () => {
    const [e, z] = [peekText('en-US'), peekText('zh-CN')];
    expect(e.csvSummary(2, 1, 'a.csv')).toBe('2 unreadable values (left empty), 1 row skipped; see them with: kpi peek a.csv');
    expect(z.csvSummary(2, 1, 'a.csv')).toBe('2 个值无法读取（留空）、跳过 1 行；查看详情：kpi peek a.csv');
    expect(e.firstRows(10, 1234)).toBe('first 10 rows of 1,234 as kpi reads them (money at 2 decimals, dates ISO; ⚠ unreadable):');
    expect(z.sheetState('veryHidden', 'chartsheet', false)).toBe('图表工作表、深度隐藏');
    expect(e.sheetState('veryHidden', 'chartsheet', true)).toBe("chartsheet, very hidden: Excel's Unhide does not list it, read");
  });
});

// Every problem of a scheme has a stable code (KPI1xxx, KPI5xxx; docs/problems.md) and a place; its text comes from
// the catalogue in the run's language. Tests match codes and places, not words.
import { readdirSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScheme, loadSchemeText } from '../../src/scheme/load.js';
import { Context } from '../../src/scheme/context.js';
import { type Diagnostic, formatDiagnostic, type SchemeDiagnostic } from '../../src/scheme/diagnostics.js';
import { problemFix, translator } from '../../src/messages/index.js';
import { en } from '../../src/messages/en.js';
import { BASE } from './base.js';

const load = (text: string) => loadSchemeText(text, '/tmp/s/scheme.yaml', 'scheme.yaml');
const replace = (from: string, to: string): string => {
  if (!BASE.includes(from)) throw new Error(`base scheme has no ${from}`);
  return BASE.replace(from, to);
};
/** `CODE line:col` of every diagnostic, errors first (sortDiagnostics). */
const places = (text: string) => load(text).diagnostics.map((d) => `${d.code} ${d.line}:${d.col}`);
const SCHEME_CODE = /^KPI[15]\d{3}$/;

describe('a scheme problem cannot be made without a code', () => {
  it('the compiler refuses one (checked by tsc -p tsconfig.test.json)', () => {
    const ctx = new Context();
    // @ts-expect-error a scheme problem is a coded problem, not a sentence
    ctx.error(['weights'], 'weights do not add up');
    // @ts-expect-error so is a warning
    ctx.warn(['weights'], 'weights do not add up');
    // @ts-expect-error a SchemeDiagnostic has its code
    const d: SchemeDiagnostic = { severity: 'error', file: 'scheme.yaml', line: 1, col: 1, message: 'no code' };
    expect(d.code).toBeUndefined();
    // @ts-expect-error so has every diagnostic (of the run, of kpi validate's data and history checks)
    const w: Diagnostic = { severity: 'warning', file: 'scheme.yaml', line: 0, col: 0, message: 'no code' };
    expect(w.code).toBeUndefined();
  });

  it('every diagnostic of every scheme in the corpus and the examples has a code of the catalogue', async () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const files = [
      ...readdirSync(path.join(root, 'examples')).map((d) => path.join(root, 'examples', d, 'scheme.yaml')),
      ...readdirSync(path.join(root, 'test/fixtures/corpus')).map((d) => path.join(root, 'test/fixtures/corpus', d, 'scheme.yaml')),
    ].filter((f) => existsSync(f));
    expect(files.length).toBeGreaterThan(20);
    let seen = 0;
    for (const file of files) {
      for (const d of (await loadScheme(file, 'scheme.yaml')).diagnostics) {
        seen++;
        expect(d.code, `${file}: ${d.message}`).toMatch(SCHEME_CODE);
        expect((en as Record<string, string>)[d.code], d.code).toBeTruthy();
      }
    }
    expect(seen).toBeGreaterThan(10);
  });
});

describe('codes and places, not words', () => {
  it('the file and its YAML', async () => {
    expect(places('name: [unclosed\nsources: {}\n')).toEqual([expect.stringMatching(/^KPI5011 \d+:\d+$/)]);
    expect(places(BASE.replace('name: Test scheme', 'name: A\nname: B'))).toEqual(['KPI5012 3:1']);
    expect(places(BASE.replace('name: Test scheme', 'name: !evil Test'))).toEqual(['KPI5013 2:7']);
    expect(places('- a\n- b\n')).toEqual(['KPI5015 1:1']);
    expect(places(replace('  revenue:\n', '  __proto__: { polluted: true }\n  revenue:\n'))).toEqual(['KPI5017 19:3']);
    expect((await loadScheme('/no/such/scheme.yaml', 'scheme.yaml')).diagnostics.map((d) => `${d.code} ${d.line}:${d.col}`)).toEqual(['KPI5001 0:0']);
  });

  it('values of the wrong form', () => {
    expect(places(replace('name: Test scheme', 'name:'))).toEqual(['KPI5021 2:6']);
    expect(places(replace('aggregate: sum', 'aggregate:'))).toEqual(['KPI5024 24:15']);
    expect(places(replace('ae: { revenue: 70, deals: 30 }', 'ae: { revenue: seventy, deals: 30 }'))).toEqual(['KPI5304 36:18']);
    expect(places(replace('currency: USD', 'currency: dollars'))).toEqual(['KPI5041 3:11']);
  });

  it('sources, metrics, weights, bonus and ranges', () => {
    expect(places(replace('column: amount', 'column: amont'))).toEqual(['KPI5120 25:13']);
    expect(places(replace('source: sales\n    aggregate: count', 'source: sale\n    aggregate: count'))).toEqual(['KPI5127 32:13']);
    expect(places(replace('deals: 30 }', 'deals: 20 }'))).toEqual(['KPI5323 36:3']);
    expect(places(replace('{ from: 100%, multiplier: 1.5 }', '{ from: 110%, multiplier: 1.5 }'))).toEqual(['KPI5413 42:15']);
    expect(places(replace('multiplier: 1.5 }', 'multiplier: 150 }'))).toContain('KPI5609 42:33');
    expect(places(replace('base_bonus: 1000 }\n  - { id: R2', 'base_bonus: 5.000 }\n  - { id: R2'))).toEqual(['KPI5616 16:60']);
    expect(places(replace('    label: Deals\n', ''))).toEqual(['KPI5230 28:3']);
    // An option of another scoring method would be ignored: refused (here linear's threshold_score on binary).
    expect(places(replace('    target: 10\n', '    target: 10\n    scoring: { method: binary, threshold_score: 60% }\n'))).toEqual(['KPI5209 35:32']);
  });

  it('a formula that is not arithmetic', () => {
    const text = replace('weights:', 'metrics_extra: {}\nweights:')
      .replace('metrics_extra: {}\n', '')
      .replace('  deals:\n', '  ratio:\n    label: Ratio\n    unit: number\n    type: derived\n    formula: revenue.constructor\n  deals:\n');
    expect(places(text).filter((p) => p.startsWith('KPI51'))).toEqual(['KPI5112 32:14']);
  });
});

describe("in the run's language", () => {
  const zh = translator('zh-CN');
  const first = (text: string) => load(text).diagnostics[0]!;

  it('the SMART criterion a warning is about is named in Chinese', () => {
    const criteria = ['specific', 'measurable', 'achievable', 'relevant', 'time-bound'] as const;
    const tag = (smart: (typeof criteria)[number]) =>
      formatDiagnostic({ severity: 'warning', file: 's.yaml', line: 1, col: 1, message: 'x', code: 'KPI1304', params: { reason: 'x' }, smart }, zh)
        .replace(/^s\.yaml:1:1 {2}KPI1304 /, '')
        .replace('；需要期间的数据检查已跳过', '');
    expect(criteria.map(tag)).toEqual([
      '警告（SMART：具体）：x',
      '警告（SMART：可衡量）：x',
      '警告（SMART：可实现）：x',
      '警告（SMART：相关）：x',
      '警告（SMART：有时限）：x',
    ]);
  });

  it('an error and a warning in Chinese: code and place the same, the words Chinese', () => {
    expect(formatDiagnostic(first(replace('deals: 30 }', 'deals: 20 }')), zh)).toBe('scheme.yaml:36:3  KPI5323 岗位 ae 的权重合计为 90，不是 100');
    expect(formatDiagnostic(first(replace('    label: Deals\n', '')), zh)).toBe(
      'scheme.yaml:28:3  KPI5230 警告（SMART：具体）：“deals”没有名称：请用文字说明它衡量什么',
    );
    expect(formatDiagnostic(first(replace('multiplier: 1.5 }', 'multiplier: 150 }')), zh)).toBe(
      'scheme.yaml:42:33  KPI5609 系数为 150，即支付 150 × 基本奖金；最多为 10（150% 请写 1.5）',
    );
    expect(formatDiagnostic(first(replace('column: amount', 'column: amont')), zh)).toBe(
      'scheme.yaml:25:13  KPI5120 “amont”不是数据源“sales”的列（是否应为“amount”？）',
    );
  });

  it('weights that only look like 100 (thirds cut at 7 decimals) are refused, with the sum they make', () => {
    // 99.9999999 % would put a rep at 100 % on every metric in the tier below 100 %.
    const thirds = replace('ae: { revenue: 70, deals: 30 }', 'ae: { revenue: 69.9999999, deals: 30 }');
    expect(places(thirds)).toEqual(['KPI5323 36:3']);
    expect(formatDiagnostic(first(thirds))).toBe('scheme.yaml:36:3  KPI5323 weights of role ae add up to 99.9999999, not 100');
    // Float noise of weights that add up to 100 is not a difference.
    const noise = replace(
      'weights:\n  ae: { revenue: 70, deals: 30 }',
      '  deals2:\n    label: Deals 2\n    unit: count\n    type: aggregate\n    source: sales\n    aggregate: count\n    target: 10\nweights:\n  ae: { revenue: 30, deals: 60, deals2: 10 }',
    );
    expect(0.3 + 0.6 + 0.1).not.toBe(1);
    expect(places(noise)).toEqual([]);
  });

  it('a by_role target for a role without weights applies to no one: refused, with the role meant', () => {
    const ae = replace('target: { default: 1000 }', 'target: { default: 1000, by_role: { AE: 500 } }');
    expect(places(ae)).toEqual(['KPI5330 27:41']);
    expect(formatDiagnostic(first(ae))).toBe(
      'scheme.yaml:27:41  KPI5330 the by_role target of revenue names role "AE", which has no weights, so it applies to no one (did you mean "ae"?)',
    );
    expect(places(replace('target: { default: 1000 }', 'target: { default: 1000, by_role: { ae: 500 } }'))).toEqual([]);
  });

  it('a metric named total is refused: its CSV column total_score is the run total score', () => {
    const total = replace(
      '  deals:\n',
      '  total:\n    label: Total deals\n    unit: count\n    type: aggregate\n    source: sales\n    aggregate: count\n    target: 10\n  deals:\n',
    );
    expect(places(total).filter((p) => p.startsWith('KPI5331'))).toEqual(['KPI5331 28:3']);
    expect(formatDiagnostic(first(total))).toBe(
      "scheme.yaml:28:3  KPI5331 a metric cannot be named total: its score column, total_score, is the run's total score in the CSV output",
    );
    expect(places(total.replace('  total:\n', '  total_deals:\n')).filter((p) => p.startsWith('KPI5331'))).toEqual([]);
  });

  it('English is the same problem in English', () => {
    expect(formatDiagnostic(first(replace('deals: 30 }', 'deals: 20 }')))).toBe('scheme.yaml:36:3  KPI5323 weights of role ae add up to 90, not 100');
  });

  it('every scheme problem has its hint in both languages', () => {
    const codes = Object.keys(en).filter((k) => /^KPI5\d{3}$/.test(k)) as (keyof typeof en & `KPI${number}`)[];
    expect(codes.length).toBeGreaterThan(150);
    for (const code of codes) {
      expect(problemFix(code, translator('en-US')), code).not.toMatch(/^fix\./);
      expect(problemFix(code, zh), code).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('docs/problems.md lists the scheme codes in a section of their own', () => {
    const doc = readFileSync(path.resolve(import.meta.dirname, '../../docs/problems.md'), 'utf8');
    const section = doc.slice(doc.indexOf('## The scheme file (KPI5xxx)'));
    expect(section).toMatch(/^\| KPI5001 \| error \|/m);
  });
});

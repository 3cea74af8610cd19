// The message catalogues: every language has every key, with the same placeholders as English; templates fill.
import { describe, expect, test } from 'vitest';
import { CATALOGUES, fill, placeholders, translator } from '../../src/messages/index.js';
import { en } from '../../src/messages/en.js';
import { catalogueOf } from '../../src/messages/catalogue-of.js';

describe('message catalogues', () => {
  const keys = Object.keys(en).sort();

  test.each(Object.keys(CATALOGUES))('%s has exactly the English keys', (lang) => {
    const cat = CATALOGUES[lang as keyof typeof CATALOGUES] as Record<string, string>;
    expect(Object.keys(cat).sort()).toEqual(keys);
    for (const k of keys) expect(cat[k]?.trim(), `${lang} ${k}`).not.toBe('');
  });

  test.each(Object.keys(CATALOGUES))('%s uses the same placeholders as English in every message', (lang) => {
    const cat = CATALOGUES[lang as keyof typeof CATALOGUES] as Record<string, string>;
    const differ = keys.filter((k) => placeholders(cat[k]!).join(',') !== placeholders((en as Record<string, string>)[k]!).join(','));
    expect(differ).toEqual([]);
  });

  test('the Chinese catalogue is Chinese: no message left in English (codes, symbols and placeholders aside)', () => {
    const zh = CATALOGUES['zh-CN'] as Record<string, string>;
    const english = keys.filter((k) => {
      const words = zh[k]!.replace(/\{[^}]*\}/g, '')
        // The command line's help: example paths, environment variables and the pager a user types.
        .replace(/kpi-example\/|examples\/\w+\/|[\w.\u4e00-\u9fff-]+\.json\b|\b[A-Z][A-Z_]+=?\w*|less -S/g, '')
        .replace(/kpi( [a-z]+( [A-Z]+)*)?|SHA-256|--format json|--[a-z-]+|&[A-Z]|\b[A-Z]{2,}\b|[\w.-]+\.xlsx/g, '')
        // Scheme keys and values the user types (decimal: ',', date_order, mdy), program names, a month as written.
        // File formats and products a message names to say what a file is (zip, .xls, OpenDocument, Word …).
        .replace(/on_bad_row: (stop|skip)|\.(xlsx|xlsb|xls|ods|csv)\b|\b(zip|OpenDocument|Word|PowerPoint|Unicode|Office|WPS)\b/g, '')
        .replace(/\b[a-z_]+:|\b[a-z]+(_[a-z]+)+\b|\b(mdy|dmy|true|percent|Excel|LibreOffice|openpyxl|pandas|Nov)\b|docs\/[\w.]+/g, '')
        // The keys of a scheme, the words of its formulas and the file kinds it reads (messages/scheme-zh.ts).
        .replace(
          /\b(sources|reps|metrics|weights|bonus|tiers|points|bands|method|columns?|rule|amount|label|type|source|aggregate|target|scoring|delimiter|version|count|false|min|max|abs|round|gte|lte|won|closed|from|score|multiplier|ordered|delivered|rep|date|period|number|money|days|threshold|stretch|direction|per|manager|smart|marginal|name|kind|base|rate|value|deductions|rules|locale)\b|[\w.-]*\.?\b(xlsx?|csv|ya?ml)\b|examples\//g,
          '',
        );
      return /[A-Za-z]{3,}/.test(words);
    });
    expect(english).toEqual([]);
  });

  test('fill: placeholders, plural choice, a missing value stays visible', () => {
    expect(fill('{n} {n|rep|reps}', { n: 1 })).toBe('1 rep');
    expect(fill('{n} {n|rep|reps}', { n: 2 })).toBe('2 reps');
    expect(fill('{n} {n|rep|reps}', { n: 0 })).toBe('0 reps');
    expect(fill('a {x} b {x}', { x: 'Y' })).toBe('a Y b Y');
    expect(fill('a {x}', {})).toBe('a {x}');
    // A value that looks like a placeholder is not filled again.
    expect(fill('{a} {b}', { a: '{b}', b: 'B' })).toBe('{b} B');
  });

  test('translator picks the language', () => {
    expect(translator('en-US')('table.reps', { n: 3 })).toBe('3 reps');
    expect(translator('zh-CN')('table.reps', { n: 3 })).toBe('3 人');
    expect(translator('zh-CN')('sheet.summary')).toBe('汇总');
  });
});

describe('the Chinese catalogue', () => {
  // Made at its first use: an English run (kpi validate on an English scheme) spent ~4 ms making it at start-up.
  test('is made when first asked for, once', () => {
    expect(typeof Object.getOwnPropertyDescriptor(CATALOGUES, 'zh-CN')?.get).toBe('function');
    const zh = CATALOGUES['zh-CN'];
    expect(CATALOGUES['zh-CN']).toBe(zh);
    expect(zh['list.sep']).toBe('、');
    expect(translator('zh-CN')('list.sep')).toBe('、');
  });
});

describe('a catalogue joined from its parts (catalogueOf)', () => {
  test('is what spreading the parts makes, in their order, without a prototype', () => {
    const a = { 'x.one': 'one', 'x.two': 'two {n}' } as const;
    const b = { 'y.three': 'three' } as const;
    const joined = catalogueOf(a, b);
    expect(Object.entries(joined)).toEqual(Object.entries({ ...a, ...b }));
    expect(Object.getPrototypeOf(joined)).toBeNull();
    expect((joined as Record<string, unknown>).toString).toBeUndefined();
  });

  test('refuses a key in two parts (its type would be never: no placeholder checked)', () => {
    expect(() => catalogueOf({ 'x.one': 'one' }, { 'x.one': 'other {n}' })).toThrow(/x\.one/);
  });

  test('English and Chinese are such catalogues', () => {
    for (const cat of Object.values(CATALOGUES)) expect(Object.getPrototypeOf(cat)).toBeNull();
  });
});

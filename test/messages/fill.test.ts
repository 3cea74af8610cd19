// fill (src/messages/index.ts) cuts each template once at its placeholders and joins the parts; the regular
// expression it used before, with a function per match, is the rule: every template of both catalogues, given
// any values (numbers, 1 for the singular, text with braces and $-patterns, values left out), comes out the same.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATALOGUES, fill, placeholders } from '../../src/messages/index.js';

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)(?:\|([^|}]*)\|([^}]*))?\}/g;
const byRegex = (template: string, params: Readonly<Record<string, string | number>>): string =>
  template.replace(PLACEHOLDER, (whole, name: string, one?: string, more?: string) => {
    const v = params[name];
    if (v === undefined) return whole;
    if (one !== undefined) return Number(v) === 1 ? one : (more ?? '');
    return String(v);
  });

const value = fc.oneof(fc.constantFrom(1, 0, 2, '1', 1.5, -1, '{x}', '$&', "$'", '金额'), fc.string(), fc.double());
const templates = [...Object.values(CATALOGUES['en-US']), ...Object.values(CATALOGUES['zh-CN']), 'no placeholders', '', '{a}{b}', '{n|one|more}{ n }{1x}'];

describe('fill: every template said as the regular expression said it', () => {
  it('any values, some left out', () => {
    fc.assert(
      fc.property(fc.constantFrom(...templates), fc.array(fc.option(value, { nil: undefined }), { minLength: 8, maxLength: 8 }), (template, values) => {
        const params: Record<string, string | number> = {};
        placeholders(template).forEach((name, i) => {
          const v = values[i % values.length];
          if (v !== undefined) params[name] = v;
        });
        expect(fill(template, params)).toBe(byRegex(template, params));
        // Filled twice (the second from the parts kept): the same.
        expect(fill(template, params)).toBe(byRegex(template, params));
      }),
      { numRuns: 5000 },
    );
  });
});

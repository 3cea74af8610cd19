// say (src/messages/index.ts) fills a sentence's template from its values as each placeholder comes; saying every
// value first into a record and handing that to the translator (sayByValues, what say did before) is the rule:
// any sentence of either catalogue, with any values (text, numbers, 1 for the singular, sentences, lists, values
// left out or not in the template, problems as sentences), comes out the same in both languages.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATALOGUES, english, placeholders, say, sayByValues, translator, type Said, type SaidValue, type Translate } from '../../src/messages/index.js';

const keys = Object.keys(CATALOGUES['en-US']);
const problems = keys.filter((k) => /^KPI\d{4}$/.test(k));
const en = CATALOGUES['en-US'] as Readonly<Record<string, string>>;
/** Keys whose template picks a word by a number ({n|row|rows}): where a value said as 1 matters. */
const plurals = keys.filter((k) => /\{[A-Za-z_]\w*\|/.test(en[k]!));
const plain = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(1, 0, 2, '1', 1.5, -1, '{x}', '$&', '金额', 'Won', '') }, fc.string(), fc.double());

/** A sentence over a catalogue key, its placeholders given values (some left out, one extra), nested to `depth`. */
const sentence = (depth: number): fc.Arbitrary<Said> =>
  fc
    .tuple(
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...keys) },
        { weight: 3, arbitrary: fc.constantFrom(...plurals) },
        { weight: 1, arbitrary: fc.constantFrom(...problems) },
        { weight: 1, arbitrary: fc.constantFrom('no.such.key', 'KPI0000') },
      ),
      fc.array(
        fc.option(depth > 0 ? fc.oneof(plain, sentence(depth - 1), fc.array(fc.oneof(plain, sentence(depth - 1)), { maxLength: 3 })) : plain, {
          nil: undefined,
        }),
        {
          minLength: 6,
          maxLength: 6,
        },
      ),
      fc.integer({ min: 0, max: 9 }).map((x) => x === 0),
    )
    .map(([key, given, noValues]) => {
      if (noValues) return { key };
      const values: Record<string, SaidValue> = {};
      [...placeholders(en[key] ?? ''), 'extra'].forEach((name, i) => {
        const v = given[i % given.length];
        if (v !== undefined) values[name] = v as SaidValue;
      });
      return { key, values };
    });

describe('say: every sentence said as saying its values first said it', () => {
  it('English and Chinese, any values', () => {
    fc.assert(
      fc.property(sentence(2), fc.constantFrom(english, translator('zh-CN')), (s, t) => {
        expect(say(s, t)).toBe(sayByValues(s, t));
      }),
      { numRuns: 3000 },
    );
  });

  it('a count said as a sentence or a list picks the word by what it says', () => {
    const rows = plurals.find((k) => en[k] === '{n} {n|row|rows}')!;
    for (const n of [1, 2, '1', { key: 'v.join', values: { a: '1', b: '' } }, ['1']] as SaidValue[]) {
      expect(say({ key: rows, values: { n } }, english)).toBe(sayByValues({ key: rows, values: { n } }, english));
    }
    expect(say({ key: rows, values: { n: { key: 'v.join', values: { a: '1', b: '' } } } }, english)).toBe('1 row');
  });

  it('a translator that is not one of translator()s is asked for each sentence, as before', () => {
    const asked: string[] = [];
    const own = ((key: string, params?: Record<string, string | number>) => {
      asked.push(key);
      return `${key}:${JSON.stringify(params ?? {})}`;
    }) as Translate;
    const s: Said = { key: 'v.inParens', values: { text: { key: 'v.rows', values: { n: 1 } }, more: ['a', { key: 'v.noData' }] } };
    expect(say(s, own)).toBe(sayByValues(s, own));
    expect(say(s, own)).toBe('v.inParens:{"text":"v.rows:{\\"n\\":1}","more":"a{list.sep}v.noData:{}"}'.replace('{list.sep}', 'list.sep:{}'));
    expect(asked).toContain('list.sep');
  });
});

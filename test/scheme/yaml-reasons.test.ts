// A scheme whose YAML cannot be read says why in the run's language, from the catalogue (term.yaml.…), never in
// the yaml library's English, and points at the place to look: file:line:col.
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { loadSchemeText } from '../../src/scheme/load.js';
import { formatDiagnostic } from '../../src/scheme/diagnostics.js';
import { yamlReason } from '../../src/scheme/yaml-reasons.js';
import { en } from '../../src/messages/en.js';
import { translator } from '../../src/messages/index.js';

const ZH = translator('zh-CN');
const EN = translator('en-US');

/** The reason keys the library's errors and warnings on `text` map to, with their codes. */
function reasons(text: string): string[] {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  return [...doc.errors, ...doc.warnings].map((e) => `${e.code} ${yamlReason(e)}`);
}

function lines(text: string, t = EN): string[] {
  return loadSchemeText(text, '/tmp/s/scheme.yaml', 'scheme.yaml').diagnostics.map((d) => formatDiagnostic(d, t));
}

/** What is left of a Chinese line once file, place, code and the words YAML, Tab and the characters named go. */
const englishIn = (line: string) => line.replace(/scheme\.yaml:\d+:\d+|KPI\d{4}|\b(YAML|kpi)\b|"10:30"/g, '').match(/[A-Za-z]{2,}/g) ?? [];

describe('why the YAML cannot be read, in the catalogue', () => {
  it('each mistake a user makes gets its own sentence (the library message tells apart what one code covers)', () => {
    expect(reasons('a:\n\tb: 1\n')).toEqual(['TAB_AS_INDENT term.yaml.TAB_AS_INDENT']);
    expect(reasons('a: "hello\nb: 2\n')).toEqual(['MISSING_CHAR term.yaml.unclosedQuote']);
    expect(reasons("a: 'hello\nb: 2\n")).toEqual(['MISSING_CHAR term.yaml.unclosedQuote']);
    expect(reasons('a: 1\nb\nc: 2\n')).toEqual(['MISSING_CHAR term.yaml.keyWithoutValue']);
    expect(reasons('a: [ - 1 ]\n')).toContain('MISSING_CHAR term.yaml.missingComma');
    expect(reasons('a: "x"# note\n')).toEqual(['MISSING_CHAR term.yaml.commentSpace']);
    expect(reasons('a:\n  b: 1\n c: 2\n')).toEqual(['BAD_INDENT term.yaml.BAD_INDENT']);
    expect(reasons('a: [1, 2\nb: 3\n')).toEqual(['BAD_INDENT term.yaml.flowNotClosed']);
    expect(reasons('a: {x: 1\nb: 3\n')).toEqual(['BAD_INDENT term.yaml.flowNotClosed']);
    expect(reasons('a\nb: 1\n')).toEqual(['MULTILINE_IMPLICIT_KEY term.yaml.MULTILINE_IMPLICIT_KEY']);
    expect(reasons('a: b: c\n')).toEqual(['BLOCK_AS_IMPLICIT_KEY term.yaml.BLOCK_AS_IMPLICIT_KEY']);
    expect(reasons('a: 1\n---\nb: 2\n')).toEqual(['MULTIPLE_DOCS term.yaml.MULTIPLE_DOCS']);
    expect(reasons('a: *\n')).toEqual(['BAD_ALIAS term.yaml.BAD_ALIAS']);
    expect(reasons('a: "\\q"\n')).toEqual(['BAD_DQ_ESCAPE term.yaml.BAD_DQ_ESCAPE']);
    expect(reasons('a: @foo\n')).toEqual(['BAD_SCALAR_START term.yaml.BAD_SCALAR_START']);
    expect(reasons('a: [1,,2]\n')).toEqual(['UNEXPECTED_TOKEN term.yaml.UNEXPECTED_TOKEN']);
    expect(reasons('a: &x &y 1\n')).toEqual(['MULTIPLE_ANCHORS term.yaml.MULTIPLE_ANCHORS']);
    expect(reasons('a: !!str !!str 1\n')).toEqual(['MULTIPLE_TAGS term.yaml.MULTIPLE_TAGS']);
    expect(reasons('a: &x 1\nb: !!str *x\n')).toEqual(['ALIAS_PROPS term.yaml.ALIAS_PROPS']);
    expect(reasons('%FOO\n---\na: 1\n')).toEqual(['BAD_DIRECTIVE term.yaml.BAD_DIRECTIVE']);
    expect(reasons(`${'x'.repeat(1100)}: 1\n`)).toEqual(['KEY_OVER_1024_CHARS term.yaml.KEY_OVER_1024_CHARS']);
  });

  it('a code or wording the table does not know gets the general sentence, never the library text', () => {
    expect(yamlReason({ code: 'SOMETHING_NEW', message: 'Something new went wrong' })).toBe('term.yaml.other');
    expect(yamlReason({ code: 'MISSING_CHAR', message: 'Reworded in a later version' })).toBe('term.yaml.MISSING_CHAR');
    expect(yamlReason({ code: 'toString', message: '' })).toBe('term.yaml.other');
  });

  it('every sentence is in the catalogue, in English and Chinese', () => {
    const keys = Object.keys(en).filter((k) => k.startsWith('term.yaml.'));
    expect(keys.length).toBeGreaterThanOrEqual(24);
    for (const k of keys) expect(englishIn(ZH(k as never)), k).toEqual([]);
  });
});

describe('a scheme with a syntax error, in English and Chinese (file:line:col kept)', () => {
  const tab = 'name: x\nsources:\n\tsales: { file: s.csv }\n';
  const duplicate = 'name: x\nlocale: zh-CN\nname: y\n';
  const quote = 'name: "Q4 plan\nsources: {}\nreps: []\n';

  it('a tab indent', () => {
    expect(lines(tab)).toEqual([
      'scheme.yaml:3:1  KPI5011 YAML: this line is indented with a tab; YAML indents with spaces only (replace the tab with spaces)',
    ]);
    expect(lines(tab, ZH)).toEqual(['scheme.yaml:3:1  KPI5011 YAML 语法错误：这一行用制表符缩进；YAML 只能用空格缩进（把制表符换成空格）']);
  });

  it('a key written twice', () => {
    expect(lines(duplicate)).toEqual(['scheme.yaml:3:1  KPI5012 YAML: a key appears twice in the same map; YAML keeps only one of them']);
    expect(lines(duplicate, ZH)).toEqual(['scheme.yaml:3:1  KPI5012 YAML：同一映射中有重复的键，YAML 只会保留其中一个']);
  });

  it('a quote never closed: the place is the quote that opens the value, not the end of the file', () => {
    expect(lines(quote)).toEqual([
      'scheme.yaml:1:7  KPI5011 YAML: the quote (" or \') that opens this value is never closed: the rest of the file was read as one text',
    ]);
    expect(lines(quote, ZH)).toEqual(['scheme.yaml:1:7  KPI5011 YAML 语法错误：这个值开头的引号（" 或 \'）没有闭合：文件其余部分都被读成了一段文字']);
  });

  it('no Chinese line holds an English word, whatever the mistake', () => {
    const broken = ['a: [1, 2\nb: 3\n', 'a: b: c\n', 'a: 1\n---\nb: 2\n', 'a: @x\n', 'a\nb: 1\n', 'a: [1,,2]\n', 'a: "x"# x\n', 'a: "\\q"\n', 'a: &x &y 1\n'];
    for (const text of broken) {
      const said = lines(text, ZH);
      expect(said.length, text).toBeGreaterThan(0);
      expect(
        said.every((l) => / KPI5011 /.test(l)),
        said.join('\n'),
      ).toBe(true);
      for (const l of said) expect(englishIn(l), l).toEqual([]);
    }
  });
});

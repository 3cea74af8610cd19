import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { FileNamer, MAX_STEM_BYTES, safeFileName, truncateUtf8 } from '../../src/output/filenames.js';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

describe('safeFileName', () => {
  test("the fixture's hostile names", () => {
    expect(safeFileName('A04', '../../x')).toBe('A04-_x.xlsx');
    expect(safeFileName('', 'CON')).toBe('_CON.xlsx');
    expect(safeFileName('A06', "Bob O'Neil | Jr")).toBe("A06-Bob O'Neil _ Jr.xlsx");
  });
  test('plain names are kept readable', () => expect(safeFileName('A01', 'Alice Chen')).toBe('A01-Alice Chen.xlsx'));
  test('Chinese names are kept', () => expect(safeFileName('A02', '张伟')).toBe('A02-张伟.xlsx'));
  test.each(['../../x', '..', '/etc/passwd', 'a\\b', 'C:\\Windows', 'x/../../y', '....', '.hidden', 'tab\there', 'nul\u0000byte'])(
    'no separators, no "..", no control characters: %j',
    (name) => {
      for (const f of [safeFileName('A1', name), safeFileName('', name), safeFileName(name, '')]) {
        expect(f).not.toMatch(/[/\\\u0000-\u001f]/);
        expect(f).not.toContain('..');
        expect(f.startsWith('.')).toBe(false);
        expect(path.basename(f)).toBe(f);
      }
    },
  );
  test.each(['CON', 'con', 'Prn', 'AUX', 'NUL', 'COM1', 'com9', 'LPT1', 'lpt9', 'CON.txt', 'nul.tar.gz', 'CON ', 'COM¹'])(
    'reserved Windows name %j is not produced',
    (name) => {
      const f = safeFileName('', name);
      const stem = f.slice(0, -'.xlsx'.length).split('.')[0]!.trim();
      expect(stem).not.toMatch(/^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i);
    },
  );
  test('no trailing dot or space before the extension', () => {
    expect(safeFileName('A1', 'name. . ')).toBe('A1-name.xlsx');
  });
  test('NFC: a decomposed É becomes one code point', () => {
    expect(safeFileName('A07', 'E\u0301mile')).toBe('A07-\u00c9mile.xlsx');
  });
  test('300 characters are cut to ≤ 120 bytes before .xlsx', () => {
    const f = safeFileName('A1', 'x'.repeat(300));
    expect(bytes(f.slice(0, -5))).toBeLessThanOrEqual(MAX_STEM_BYTES);
    const cjk = safeFileName('A1', '张'.repeat(300)); // 3 bytes each: "A1-" (3) + 39 × 3 = 120
    expect(bytes(cjk.slice(0, -5))).toBe(120);
    expect(cjk).not.toContain('\ufffd');
  });
  test('emoji are never split, even ZWJ sequences', () => {
    const family = '👨‍👩‍👧‍👦'; // 25 bytes
    const f = safeFileName('A1', family.repeat(10));
    const stem = f.slice(0, -5);
    expect(bytes(stem)).toBeLessThanOrEqual(120);
    expect(stem.slice(3)).toBe(family.repeat(4)); // 3 + 4 × 25 = 103; a fifth would be 128
  });
  test('empty or all-unsafe names fall back', () => {
    expect(safeFileName('', '')).toBe('rep.xlsx');
    expect(safeFileName('..', '///')).toBe('rep.xlsx');
  });
  test('truncateUtf8 keeps whole characters', () => {
    expect(truncateUtf8('aé', 2)).toBe('a'); // é is 2 bytes
    expect(truncateUtf8('abc', 3)).toBe('abc');
  });
});

describe('FileNamer', () => {
  const dir = path.resolve('/tmp/kpi-out');
  test('collisions get -2, -3, case-insensitively and after NFC', () => {
    const n = new FileNamer(dir);
    expect(n.next('A1', 'Bob').name).toBe('A1-Bob.xlsx');
    expect(n.next('a1', 'BOB').name).toBe('a1-BOB-2.xlsx');
    expect(n.next('A1', 'bob').name).toBe('A1-bob-3.xlsx');
    expect(n.next('A1', 'Zoë').name).toBe('A1-Zoë.xlsx');
    expect(n.next('A1', 'Zoe\u0308').name).toBe('A1-Zoë-2.xlsx');
  });
  test('a long name that collides still fits the byte limit with its suffix', () => {
    const n = new FileNamer(dir);
    const a = n.next('A1', 'x'.repeat(300)).name;
    const b = n.next('A1', 'x'.repeat(301)).name;
    expect(a).not.toBe(b);
    expect(bytes(b.slice(0, -5))).toBeLessThanOrEqual(120);
    expect(b.endsWith('-2.xlsx')).toBe(true);
  });
  test('every path stays inside the output folder', () => {
    const n = new FileNamer(dir);
    for (const name of ['../../x', '/abs', '..\\..\\win', 'CON', '']) {
      const p = n.next('', name).path;
      expect(path.dirname(p)).toBe(dir);
    }
  });
});

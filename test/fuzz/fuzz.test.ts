// Property tests (issue 6): whatever bytes a CSV holds and whatever text a scheme holds, the readers and the
// scheme loader return a result or a typed error (DataError / diagnostics) — never another exception, never a
// hang. ~200 runs per property keeps the suite fast; a failure prints the seed and the shrunk input to replay.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { afterAll, describe, expect, test } from 'vitest';
import type { Encoding, SourceSpec } from '../../src/core/model.js';
import { DataError, readSource } from '../../src/reading/index.js';
import { loadSchemeText, type LoadedScheme } from '../../src/scheme/load.js';
import { BASE } from '../scheme/base.js';

// FUZZ_RUNS=5000 for a longer hunt; the default keeps the suite fast.
const RUNS = Number(process.env.FUZZ_RUNS) || 200;
const dir = mkdtempSync(path.join(tmpdir(), 'kpi-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// ------------------------------------------------------------------------------------------------ CSV bytes

const HEADER = 'Rep,Amount,Stage,Closed';

function salesSpec(file: string, encoding: Encoding = 'auto', delimiter?: string): SourceSpec {
  return {
    name: 'sales',
    file,
    fileAsWritten: 'sales.csv',
    format: 'csv',
    encoding,
    ...(delimiter ? { delimiter } : {}),
    decimal: '.',
    dateOrder: 'ymd',
    onBadRow: 'skip',
    columns: [
      { name: 'rep', header: 'Rep', type: 'string' },
      { name: 'amount', header: 'Amount', type: 'money' },
      { name: 'stage', header: 'Stage', type: 'string' },
      { name: 'closed', header: 'Closed', type: 'date' },
    ],
    rep: 'rep',
    date: 'closed',
    derived: [],
  };
}

const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

/** Pieces that stress a CSV reader: quotes, separators, line ends, NUL, BOMs, broken UTF-8, GB18030, UTF-16. */
const csvPiece: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.constantFrom(
    utf8('"'),
    utf8('""'),
    utf8(','),
    utf8(';'),
    utf8('\t'),
    utf8('\n'),
    utf8('\r\n'),
    utf8('\r'),
    utf8(' '),
    bytes('\0'),
    bytes('\xef\xbb\xbf'),
    bytes('\xff\xfe'),
    bytes('\xfe\xff'),
    bytes('\xff'),
    bytes('\xc3'),
    bytes('\xe4\xbd'),
    bytes('\xed\xa0\x80'), // an encoded surrogate: invalid UTF-8
    bytes('\xc4\xe3\xba\xc3'), // 你好 in GB18030
    utf8('你好'),
    utf8('👩‍👩‍👧'),
    utf8('R1'),
    utf8('R2'),
    utf8('r1 '),
    utf8('12.50'),
    utf8('1,234.56'),
    utf8('(1,234)'),
    utf8('¥1,234'),
    utf8('12%'),
    utf8('1e400'),
    utf8('NaN'),
    utf8('--5'),
    utf8('1.2.3'),
    utf8('2026-11-03'),
    utf8('2026-02-30'),
    utf8('2026/11/1'),
    utf8('45962'),
    utf8('Won'),
    utf8('=SUM(A1)'),
    utf8(HEADER),
    utf8('__proto__'),
  ),
  fc.uint8Array({ maxLength: 12 }),
  fc.string({ maxLength: 8 }).map(utf8),
);

const csvBytes: fc.Arbitrary<Uint8Array> = fc
  .tuple(fc.constantFrom('', HEADER + '\n', '\ufeff' + HEADER + '\r\n', 'Report\n' + HEADER + '\n'), fc.array(csvPiece, { maxLength: 40 }))
  .map(([head, pieces]) => Buffer.concat([utf8(head), ...pieces]));

let fileNo = 0;
function writeTemp(data: Uint8Array | string): string {
  const file = path.join(dir, `f${++fileNo}.csv`);
  writeFileSync(file, data);
  return file;
}

/** Runs the reader; returns the result, or the DataError; anything else fails the property. */
async function readOrDataError(spec: SourceSpec) {
  try {
    return { ok: true as const, r: await readSource(spec, { minorUnit: 2 }) };
  } catch (e) {
    if (e instanceof DataError) {
      expect(e.message.length).toBeGreaterThan(0);
      expect(e.file).toBe('sales.csv');
      return { ok: false as const, e };
    }
    throw e;
  }
}

describe('CSV reader on random bytes', () => {
  test('returns a table with issues or throws DataError, nothing else', async () => {
    await fc.assert(
      fc.asyncProperty(csvBytes, fc.constantFrom<Encoding>('auto', 'auto', 'utf-8', 'gb18030', 'utf-16le'), async (data, enc) => {
        const got = await readOrDataError(salesSpec(writeTemp(data), enc));
        if (!got.ok) return;
        const { table, issues } = got.r;
        expect(table.rowNumbers.length).toBe(table.rowCount);
        for (const col of table.columns.values()) expect(col.values.length).toBe(table.rowCount);
        for (const i of issues) {
          expect(i.file).toBe('sales.csv');
          expect(typeof i.reason).toBe('string');
          expect(i.reason.length).toBeGreaterThan(0);
          if (i.row !== undefined) expect(Number.isInteger(i.row) && i.row >= 1).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });

  // Well-quoted rows with random (often bad) values: every data row is either in the table or reported as
  // skipped with its row number — none vanishes, except a blank row: bare separators, or fields of only spaces
  // (` , ,`, as Excel or WPS may save a formatted blank row). Row n of the file is data row n − 1 (the header is row 1).
  const field = fc.oneof(
    fc.string({ maxLength: 10 }),
    fc.constantFrom('', ' ', 'R1', '12.5', '1,234', '1e400', 'NaN', '2026-11-03', '2026-02-30', '"', 'a,b', 'x\ny', '\0'),
  );
  const quote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

  test('no row is lost silently: kept rows + skipped rows = all rows', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(field, field, field, field), { minLength: 1, maxLength: 15 }), async (rows) => {
        const text = [HEADER, ...rows.map((r) => r.map(quote).join(','))].join('\n') + '\n';
        const got = await readOrDataError(salesSpec(writeTemp(text), 'utf-8', ','));
        if (!got.ok) return; // e.g. a NUL-only file judged binary: stopped with a message, nothing silently lost
        const kept = [...got.r.table.rowNumbers];
        const skipped = got.r.issues.filter((i) => i.action === 'skipped' && i.row !== undefined).map((i) => i.row!);
        const all = new Set([...kept, ...skipped]);
        // A line of bare separators (",,,") or of fields of only spaces (" , ,,") is an empty line: nothing to keep or lose.
        const expected = rows.map((r, k) => (r.every((f) => f.trim() === '') ? 0 : k + 2)).filter((n) => n > 0);
        expect([...all].sort((a, b) => a - b)).toEqual(expected);
        // A row is never both kept and skipped.
        expect(kept.filter((r) => skipped.includes(r))).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });
});

// ------------------------------------------------------------------------------------------------ YAML

const SCHEME_FILE = path.join(dir, 'scheme.yaml');

/** A loaded scheme is a model with no errors, or no model and at least one positioned error. */
function checkLoaded(got: LoadedScheme): void {
  expect(Array.isArray(got.diagnostics)).toBe(true);
  const errors = got.diagnostics.filter((d) => d.severity === 'error');
  if (got.model) expect(errors).toEqual([]);
  else expect(errors.length).toBeGreaterThan(0);
  for (const d of got.diagnostics) {
    expect(d.file).toBe('scheme.yaml');
    expect(Number.isInteger(d.line) && d.line >= 0).toBe(true);
    expect(Number.isInteger(d.col) && d.col >= 0).toBe(true);
    expect(typeof d.message).toBe('string');
    expect(d.message.length).toBeGreaterThan(0);
  }
}

function load(text: string): LoadedScheme {
  return loadSchemeText(text, SCHEME_FILE, 'scheme.yaml');
}

const yamlPiece = fc.oneof(
  fc.constantFrom(
    '\n',
    '  ',
    '- ',
    ': ',
    ':',
    '? ',
    ',',
    '{',
    '}',
    '[',
    ']',
    '"',
    "'",
    '#',
    '|',
    '>',
    '&a ',
    '*a',
    '&b ',
    '*b',
    '!!str ',
    '!!js/function ',
    '!custom ',
    '%YAML 1.2\n',
    '---\n',
    '...\n',
    '<<: *a',
    '__proto__',
    'constructor',
    'prototype',
    '~',
    'null',
    'true',
    '.nan',
    '.inf',
    '-.inf',
    '1e400',
    '80%',
    '0x1F',
    '2026-11',
    'sources',
    'reps',
    'metrics',
    'weights',
    'bonus',
    'tiers',
    'sales',
    'file',
    'columns',
    '\t',
    '\r\n',
    '\ufeff',
    '\0',
    '\u2028',
  ),
  fc.string({ maxLength: 6 }),
);
const yamlText = fc.array(yamlPiece, { maxLength: 60 }).map((p) => p.join(''));

/** YAML text for any value (stringify gives undefined for undefined). */
const toYaml = (v: unknown): string => stringify(v) ?? '';

/** The valid base scheme with a few random edits (insert, delete or replace a short span). */
const mutatedBase = fc.array(fc.tuple(fc.nat({ max: BASE.length }), fc.nat({ max: 8 }), yamlPiece), { minLength: 1, maxLength: 4 }).map((edits) => {
  let s = BASE;
  for (const [at, del, ins] of edits) {
    const i = Math.min(at, s.length);
    s = s.slice(0, i) + ins + s.slice(i + del);
  }
  return s;
});

/** The base scheme as data, with one value somewhere replaced by a random one, serialised back to YAML. */
const baseObject = parse(BASE) as unknown;
function paths(v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(v)) {
    v.forEach((x, i) => {
      paths(x, [...at, i], out);
    });
  } else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...at, k], out);
  return out;
}
const basePaths = paths(baseObject);
const structured = fc.tuple(fc.constantFrom(...basePaths), fc.anything({ maxDepth: 3, withNullPrototype: true, withBigInt: false })).map(([where, value]) => {
  const copy = structuredClone(baseObject) as Record<string | number, unknown>;
  if (where.length === 0) return toYaml(value);
  let node = copy as Record<string | number, unknown>;
  for (const seg of where.slice(0, -1)) node = node[seg] as Record<string | number, unknown>;
  node[where[where.length - 1]!] = value;
  return toYaml(copy);
});

describe('scheme loader on random YAML', () => {
  test('the unmodified base loads (the properties below start from a valid scheme)', () => {
    const got = load(BASE);
    expect(got.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(got.model).toBeDefined();
  });

  test('random YAML-ish text: a model or positioned errors, never an exception', () => {
    fc.assert(
      fc.property(yamlText, (text) => checkLoaded(load(text))),
      { numRuns: RUNS },
    );
  });

  test('the base scheme with random edits: a model or positioned errors, never an exception', () => {
    fc.assert(
      fc.property(mutatedBase, (text) => checkLoaded(load(text))),
      { numRuns: RUNS },
    );
  });

  test('the base scheme with one value replaced by random data: a model or positioned errors', () => {
    fc.assert(
      fc.property(structured, (text) => checkLoaded(load(text))),
      { numRuns: RUNS },
    );
  });

  test('random objects serialised to YAML: a model or positioned errors', () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 4, withNullPrototype: true, withBigInt: false }), (value) => checkLoaded(load(toYaml(value)))),
      { numRuns: RUNS },
    );
  });

  // Not random: every key of the base scheme removed, then set to null. Found by the properties above when they
  // also checked wording. A message must name what is missing, not print a JavaScript placeholder.
  const PLACEHOLDER = /\bundefined\b|\[object Object\]|"null"|\bNaN\b/;
  test('a missing or empty value is named as such, never as "undefined" or "null"', () => {
    const bad: string[] = [];
    for (const where of basePaths.filter((p) => p.length > 0)) {
      for (const remove of [true, false]) {
        const copy = structuredClone(baseObject) as Record<string | number, unknown>;
        let node = copy;
        for (const seg of where.slice(0, -1)) node = node[seg] as Record<string | number, unknown>;
        const last = where[where.length - 1]!;
        if (remove && !Array.isArray(node)) delete node[last];
        else node[last] = null;
        const got = load(toYaml(copy));
        checkLoaded(got);
        for (const d of got.diagnostics) {
          if (PLACEHOLDER.test(d.message)) bad.push(`${where.join('.')} ${remove ? 'removed' : 'null'}: ${d.line}:${d.col}  ${d.message}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });
});

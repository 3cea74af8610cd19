// The reading invariant (issue 9): for every source, CSV or XLSX,
//   rows read = rows counted in the period + rows outside the period + rows reported,
// and every value the reader could not read yields exactly one issue naming its row and column. Good values
// come back exactly as written (figures unchanged); a value whose reading depends on a separator guess is never
// read silently. The inputs are generated: random good cells in every accepted form, random bad cells and
// period labels, blank rows and cells, invisible characters.
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SourceSpec } from '../../src/core/model.js';
import type { DataIssue } from '../../src/core/table.js';
import { parsePeriod } from '../../src/core/period.js';
import { periodMask } from '../../src/core/attribution.js';
import { DataError, readSource } from '../../src/reading/index.js';
import { dayToIso } from '../../src/reading/values.js';
import { spec, writeFixture } from './helpers.js';
import { handXlsx } from './xlsx-parts.js';

const RUNS = Number(process.env.INVARIANT_RUNS ?? 60);
const USD = { code: 'USD', symbol: '$', minorUnit: 2 };
const opts = { minorUnit: 2, currency: USD };

/** What a generated cell must turn into. */
type Expect =
  | { kind: 'good'; value: number | string } // minor units, ISO date, canonical label, clean text
  | { kind: 'blank' }
  | { kind: 'bad' } // unreadable: exactly one issue, row not counted
  /**
   * Reads two ways (1.500: 1.5 or 1500). Without a decimal point elsewhere in its column the read stops; with
   * one it reads the column's way (`value`), and in money with more decimals than the currency it is reported.
   */
  | { kind: 'guess'; value: number; warns: boolean };

interface Cell {
  csv: string;
  xlsx: unknown;
  want: Expect;
  /** Written as text with a decimal point that can only be one (12.50, 1,234.56): tells its column's convention. */
  point?: boolean;
}

const good = (csv: string, value: number | string, xlsx: unknown = csv): Cell => ({ csv, xlsx, want: { kind: 'good', value } });
const bad = (csv: string, xlsx: unknown = csv): Cell => ({ csv, xlsx, want: { kind: 'bad' } });
const BLANK: Cell = { csv: '', xlsx: null, want: { kind: 'blank' } };

// ------------------------------------------------------------------------------------------------ amounts

const grouped = (n: number): string => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');

const goodAmount: fc.Arbitrary<Cell> = fc.tuple(fc.integer({ min: -99_999_999, max: 99_999_999 }), fc.integer({ min: 0, max: 6 })).map(([cents, style]) => {
  const neg = cents < 0;
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100);
  const frac = String(abs % 100).padStart(2, '0');
  const plain = `${whole}.${frac}`;
  const sign = neg ? '-' : '';
  const texts = [
    `${sign}${plain}`,
    `${sign}${grouped(whole)}.${frac}`,
    `${sign}$${grouped(whole)}.${frac}`,
    neg ? `(${grouped(whole)}.${frac})` : `${grouped(whole)}.${frac}`,
    `${sign}USD ${grouped(whole)}.${frac}`,
    `${sign}${grouped(whole)}.${frac} USD`,
    abs % 100 === 0 ? `${sign}${whole}` : `${sign}${plain}`,
  ];
  const csv = texts[style]!;
  // In a workbook: a number cell half the time, else the same text.
  return { ...good(csv, cents === 0 ? 0 : cents, style % 2 === 0 ? cents / 100 : csv), point: csv.includes('.') };
});

const badAmount: fc.Arbitrary<Cell> = fc.constantFrom(
  bad('abc'),
  bad('12,8OO.00'),
  bad('€1,234.00'),
  bad('¥1,234.00'),
  bad('CN¥12.00'),
  bad('RMB 12.00'),
  bad('EUR 5.00'),
  bad('1,234.00 EUR'),
  bad('TRUE', true),
  bad('false', false),
  bad('FALSE', { formula: 'A1=B1', result: false }),
  bad('true', { formula: '1=1', result: true }),
  bad('1e400'),
  bad('--5'),
  bad('1.2.3'),
  bad('12%'),
  bad('#N/A', { error: '#N/A' }),
  { ...bad('9007199254740993.00', 2 ** 53), point: true },
  bad('1e308', 1e308),
);

/** Values whose reading depends on which separator is the decimal one. */
const guessAmount: fc.Arbitrary<Cell> = fc.constantFrom<Cell>(
  { csv: '1.500', xlsx: '1.500', want: { kind: 'guess', value: 150, warns: true } },
  { csv: '12.000', xlsx: '12.000', want: { kind: 'guess', value: 1200, warns: true } },
  { csv: '-$1.250', xlsx: '-$1.250', want: { kind: 'guess', value: -125, warns: true } },
  { csv: '1,500', xlsx: '1,500', want: { kind: 'guess', value: 150000, warns: false } },
  { csv: '$12,000', xlsx: '$12,000', want: { kind: 'guess', value: 1200000, warns: false } },
);

/** Does the column show a decimal point (a value written as text whose point can only be a decimal point)? */
function showsPoint(rows: Row[], format: 'csv' | 'xlsx'): boolean {
  return rows.some((r) => r.amount.point === true && (format === 'csv' || typeof r.amount.xlsx === 'string'));
}

/** A row with no unreadable value and a rep: kept. */
const kept = (r: Row): boolean => r.rep.want.kind !== 'blank' && ![r.rep, r.amount, r.stage, r.when].some((c) => c.want.kind === 'bad');

// ------------------------------------------------------------------------------------------------ dates

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const LONG = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const p2 = (n: number): string => String(n).padStart(2, '0');

const ymd = fc.record({ y: fc.constantFrom(2025, 2026), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) });

const goodDate: fc.Arbitrary<Cell> = fc.tuple(ymd, fc.integer({ min: 0, max: 3 })).map(([{ y, m, d }, style]) => {
  const iso = `${y}-${p2(m)}-${p2(d)}`;
  const csv = [iso, `${y}/${m}/${d}`, `${y}年${m}月${d}日`, `${y}${p2(m)}${p2(d)}`][style]!;
  return good(csv, iso, style === 0 ? new Date(Date.UTC(y, m - 1, d)) : csv);
});

const badDate: fc.Arbitrary<Cell> = fc.constantFrom(bad('2026-02-30'), bad('2026-13-01'), bad('soon'), bad('TRUE', true), bad('#REF!', { error: '#REF!' }));

// ------------------------------------------------------------------------------------------------ period labels

/** A label the reader must accept, with the canonical period it names. */
const goodLabel: fc.Arbitrary<Cell> = fc.oneof(
  fc.tuple(ymd, fc.integer({ min: 0, max: 13 })).map(([{ y, m, d }, style]) => {
    const canonical = `${y}-${p2(m)}`;
    const forms = [
      canonical,
      `${y}/${m}`,
      `${y}.${p2(m)}`,
      `${y}${p2(m)}`,
      `${p2(m)}/${y}`,
      `${MONTHS[m - 1]} ${y}`,
      `${MONTHS[m - 1]}-${y}`,
      `${LONG[m - 1]} ${y}`,
      `${y}年${m}月`,
      `${y}-${p2(m)}-${p2(d)}`,
      `${y}/${m}/${d}`,
      `${MONTHS[m - 1]!.toUpperCase()} ${y}`,
      `${y}年${p2(m)}月`,
      `${y}-${m}`,
    ];
    const csv = forms[style]!;
    return good(csv, canonical, style === 9 ? new Date(Date.UTC(y, m - 1, d)) : csv);
  }),
  fc.tuple(fc.constantFrom(2025, 2026), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 3 })).map(([y, q, style]) => {
    const forms = [`${y}-Q${q}`, `${y}Q${q}`, `${y}年第${q}季度`, `Q${q} ${y}`];
    return good(forms[style]!, `${y}-Q${q}`);
  }),
);

const badLabel: fc.Arbitrary<Cell> = fc.constantFrom(
  bad('2026-13'),
  bad('Nov 2026x'),
  bad('2026-00'),
  bad('13/2026'),
  bad('2026年13月'),
  bad('Nov 26'),
  bad('2026-11-31'),
  bad('next month'),
  bad('Movember 2026'),
  bad('2026年11期'),
);

// ------------------------------------------------------------------------------------------------ text

const INVISIBLE = ['\u200b', '\u200c', '\u200d', '\ufeff', '\u2060'];
const goodStage: fc.Arbitrary<Cell> = fc
  .tuple(fc.constantFrom('Won', 'Lost', 'Ganó', '已成交'), fc.integer({ min: 0, max: 3 }), fc.constantFrom(...INVISIBLE))
  .map(([s, style, z]) => {
    const csv = [s, s.normalize('NFD'), s + z, z + s][style]!;
    return good(csv, s);
  });

// ------------------------------------------------------------------------------------------------ rows and files

interface Row {
  rep: Cell;
  amount: Cell;
  stage: Cell;
  when: Cell; // a date (date mode) or a period label (label mode)
  blankLine: boolean;
  /** How the hand-written workbook holds each text and date of the row (see writeHandXlsx). */
  form: number;
  /** Hidden in the hand-written workbook (by hand or by a filter): read and counted, and said once per file. */
  hidden: boolean;
}

const rowArb = (mode: 'date' | 'label'): fc.Arbitrary<Row> =>
  fc.record({
    rep: fc.oneof({ weight: 12, arbitrary: fc.constantFrom(good('R1', 'R1'), good('R2', 'R2')) }, { weight: 1, arbitrary: fc.constant(BLANK) }),
    amount: fc.oneof(
      { weight: 10, arbitrary: goodAmount },
      { weight: 2, arbitrary: badAmount },
      { weight: 1, arbitrary: fc.constant(BLANK) },
      { weight: 1, arbitrary: guessAmount },
    ),
    stage: goodStage,
    when:
      mode === 'date'
        ? fc.oneof({ weight: 10, arbitrary: goodDate }, { weight: 2, arbitrary: badDate }, { weight: 1, arbitrary: fc.constant(BLANK) })
        : fc.oneof({ weight: 10, arbitrary: goodLabel }, { weight: 3, arbitrary: badLabel }, { weight: 1, arbitrary: fc.constant(BLANK) }),
    blankLine: fc.boolean().map((b) => b && Math.random() < 0.05),
    form: fc.nat(),
    hidden: fc.oneof({ weight: 6, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  });

const HEADERS = ['Rep', 'Amount', 'Stage', 'When'];

function sourceSpec(file: string, mode: 'date' | 'label'): SourceSpec {
  return spec(file, {
    rep: 'rep',
    ...(mode === 'date' ? { date: 'when' } : { period: 'when' }),
    columns: [
      { name: 'rep', header: 'Rep', type: 'string' },
      { name: 'amount', header: 'Amount', type: 'money' },
      { name: 'stage', header: 'Stage', type: 'string' },
      { name: 'when', header: 'When', type: mode === 'date' ? 'date' : 'string' },
    ],
  });
}

const quote = (s: string): string => (/[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s);

let fileNo = 0;
function writeCsv(rows: Row[]): { file: string; rowOf: number[] } {
  const lines = [HEADERS.join(',')];
  const rowOf: number[] = [];
  for (const r of rows) {
    if (r.blankLine) lines.push('');
    lines.push([r.rep, r.amount, r.stage, r.when].map((c) => quote(c.csv)).join(','));
    rowOf.push(lines.length);
  }
  return { file: writeFixture(`inv-${fileNo++}.csv`, lines.join('\r\n') + '\r\n'), rowOf };
}

async function writeXlsx(rows: Row[]): Promise<{ file: string; rowOf: number[] }> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sales');
  ws.addRow(HEADERS);
  const rowOf: number[] = [];
  for (const r of rows) {
    if (r.blankLine) ws.addRow([]);
    const cells = [r.rep, r.amount, r.stage, r.when].map((c) => (c.xlsx === '' ? null : c.xlsx));
    ws.addRow(cells);
    rowOf.push(ws.rowCount);
  }
  const file = writeFixture(`inv-${fileNo++}.xlsx`, Buffer.from(await wb.xlsx.writeBuffer()));
  return { file, rowOf };
}

/**
 * The workbook as real writers hold it, every part by hand: each text a shared string, an inline string or a rich
 * text of two runs (with a phonetic reading run that is not part of the text), each date a serial with a date format,
 * a bare serial (date columns) or text; booleans, errors and formula results as Excel writes them; hidden rows.
 */
async function writeHandXlsx(rows: Row[], mode: 'date' | 'label'): Promise<{ file: string; rowOf: number[] }> {
  const sst: string[] = [];
  const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const t = (s: string): string => `<t xml:space="preserve">${esc(s)}</t>`;
  const text = (ref: string, s: string, form: number): string => {
    const kind = form % 3;
    if (kind === 1) return `<c r="${ref}" t="inlineStr"><is>${t(s)}</is></c>`;
    const cut = Math.floor(s.length / 2);
    // A cut inside a surrogate pair would not be text: keep such strings whole.
    const whole = kind === 0 || cut === 0 || /[\ud800-\udfff]/.test(s);
    sst.push(whole ? t(s) : `<r>${t(s.slice(0, cut))}</r><r><rPr><b/></rPr>${t(s.slice(cut))}</r><rPh sb="0" eb="1">${t('ヨミ')}</rPh>`);
    return `<c r="${ref}" t="s"><v>${sst.length - 1}</v></c>`;
  };
  const cell = (ref: string, v: unknown, form: number, dateColumn: boolean): string => {
    if (v === null || v === undefined || v === '') return '';
    if (typeof v === 'string') return text(ref, v, form);
    if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
    if (typeof v === 'boolean') return `<c r="${ref}" t="b"><v>${v ? 1 : 0}</v></c>`;
    if (v instanceof Date) {
      const serial = v.getTime() / 86_400_000 + 25569;
      // A serial without a date format is a date only in a date column.
      return dateColumn && form % 2 === 1 ? `<c r="${ref}"><v>${serial}</v></c>` : `<c r="${ref}" s="1"><v>${serial}</v></c>`;
    }
    const o = v as { error?: string; formula?: string; result?: unknown };
    if (o.error !== undefined) return `<c r="${ref}" t="e"><v>${esc(o.error)}</v></c>`;
    const r = o.result;
    const [type, value] = typeof r === 'boolean' ? [' t="b"', r ? '1' : '0'] : typeof r === 'string' ? [' t="str"', esc(r)] : ['', String(r)];
    return `<c r="${ref}"${type}><f>${esc(o.formula ?? '')}</f><v>${value}</v></c>`;
  };
  let data = `<row r="1">${HEADERS.map((h, i) => text(`${'ABCD'[i]}1`, h, 0)).join('')}</row>`;
  const rowOf: number[] = [];
  let n = 1;
  for (const r of rows) {
    if (r.blankLine) n++;
    n++;
    const cells = [r.rep, r.amount, r.stage, r.when].map((c, i) => cell(`${'ABCD'[i]}${n}`, c.xlsx, r.form >> i, i === 3 && mode === 'date')).join('');
    data += `<row r="${n}"${r.hidden ? ' hidden="1"' : ''}>${cells}</row>`;
    rowOf.push(n);
  }
  const file = writeFixture(`inv-${fileNo++}.xlsx`, await handXlsx({ sheets: [{ name: 'Sales', data }], sst, xfs: [0, 14] }));
  return { file, rowOf };
}

// ------------------------------------------------------------------------------------------------ the check

const COLUMN_OF = { rep: 'Rep', amount: 'Amount', stage: 'Stage', when: 'When' } as const;

function inScored(want: string, mode: 'date' | 'label', scored: string): boolean {
  const p = parsePeriod(scored);
  if ('error' in p) throw new Error(p.error.key);
  const q = mode === 'date' ? parsePeriod(want.slice(0, 7)) : parsePeriod(want);
  if ('error' in q) throw new Error(q.error.key);
  if (mode === 'date') {
    const day = Date.UTC(Number(want.slice(0, 4)), Number(want.slice(5, 7)) - 1, Number(want.slice(8, 10))) / 86_400_000;
    return day >= p.start && day <= p.end;
  }
  if (q.kind === 'month') return q.start >= p.start && q.end <= p.end;
  return q.kind === p.kind && q.start === p.start && q.end === p.end;
}

async function check(rows: Row[], writer: 'csv' | 'xlsx' | 'hand', mode: 'date' | 'label', scored: string): Promise<void> {
  const format = writer === 'csv' ? 'csv' : 'xlsx';
  const { file, rowOf } = writer === 'csv' ? writeCsv(rows) : writer === 'xlsx' ? await writeXlsx(rows) : await writeHandXlsx(rows, mode);
  const s = sourceSpec(file, mode);
  // Values read two ways matter only in rows that are kept.
  const guesses = rows.filter((r) => r.amount.want.kind === 'guess' && kept(r));
  const mustStop = guesses.length > 0 && !showsPoint(rows, format);
  let result: Awaited<ReturnType<typeof readSource>>;
  try {
    result = await readSource(s, opts);
  } catch (e) {
    // The one way a read may stop here: values that read two ways in a column that never shows a decimal
    // point, with the setting to declare.
    expect(e, String(e)).toBeInstanceOf(DataError);
    expect(mustStop, (e as Error).message).toBe(true);
    expect((e as Error).message).toMatch(/decimal: '\.' if it means .*, or decimal: ',' if it means/);
    return;
  }
  expect(mustStop, 'values that read two ways with nothing to tell which: the read must stop').toBe(false);
  const { table, issues } = result;
  const p = parsePeriod(scored);
  if ('error' in p) throw new Error(p.error.key);
  const mask = periodMask(table, s, p);
  const tableRow = new Map<number, number>();
  for (let i = 0; i < table.rowCount; i++) tableRow.set(table.rowNumbers[i]!, i);
  // Hidden rows (hand-written workbooks only) are read like the others and said once, with how many and the first.
  const hiddenRows = writer === 'hand' ? rowOf.filter((_, k) => rows[k]!.hidden) : [];
  const hiddenSaid = issues.filter((i) => i.code === 'KPI2411');
  expect(
    hiddenSaid.map((i) => [i.row, i.params?.n]),
    'hidden rows are said once per file',
  ).toEqual(hiddenRows.length ? [[hiddenRows[0], hiddenRows.length]] : []);
  const byRow = new Map<number, DataIssue[]>();
  for (const i of issues) if (i.row !== undefined && i.code !== 'KPI2411') byRow.set(i.row, [...(byRow.get(i.row) ?? []), i]);

  let counted = 0;
  let outside = 0;
  let reported = 0;
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k]!;
    const row = rowOf[k]!;
    const at = `${writer}/${mode} row ${row}: ${JSON.stringify([r.rep.csv, r.amount.csv, r.stage.csv, r.when.csv])}`;
    const mine = byRow.get(row) ?? [];
    const cells = { rep: r.rep, amount: r.amount, stage: r.stage, when: r.when };
    const badCells = Object.entries(cells).filter(([, c]) => c.want.kind === 'bad');
    // Every unreadable value: exactly one issue naming its row and column.
    for (const [name] of badCells) {
      const header = COLUMN_OF[name as keyof typeof COLUMN_OF];
      expect(mine.filter((i) => i.column === header).length, `${at}: one issue for the bad ${header}\n${JSON.stringify(mine)}`).toBe(1);
    }
    const skipped = badCells.length > 0 || r.rep.want.kind === 'blank';
    if (skipped) {
      expect(tableRow.has(row), `${at}: a row with an unreadable value is not counted`).toBe(false);
      expect(
        mine.some((i) => i.action === 'skipped'),
        `${at}: reported as skipped\n${JSON.stringify(mine)}`,
      ).toBe(true);
      reported++;
      continue;
    }
    const i = tableRow.get(row);
    expect(i, `${at}: a readable row is kept\n${JSON.stringify(mine)}`).toBeDefined();
    // Figures unchanged.
    const amount = table.columns.get('amount')!;
    const v = amount.values[i!] as number;
    if (r.amount.want.kind === 'good') expect(v, at).toBe(r.amount.want.value);
    if (r.amount.want.kind === 'blank') expect(Number.isNaN(v), at).toBe(true);
    if (r.amount.want.kind === 'guess') {
      expect(v, at).toBe(r.amount.want.value);
      const said = mine.filter((x) => x.column === 'Amount').length;
      expect(said, `${at}: reported once when it has more decimals than the currency\n${JSON.stringify(mine)}`).toBe(r.amount.want.warns ? 1 : 0);
    }
    const stage = table.columns.get('stage')!;
    expect(stage.values[i!], at).toBe((r.stage.want as { value: string }).value);
    const when = table.columns.get('when')!;
    if (r.when.want.kind === 'blank') {
      // Kept, but in no period: that must be said.
      expect(mask[i!], at).toBe(0);
      expect(
        mine.some((x) => x.column === 'When'),
        `${at}: a row in no period is reported`,
      ).toBe(true);
      reported++;
      continue;
    }
    const want = (r.when.want as { value: string }).value;
    if (mode === 'date') expect(dayToIso(when.values[i!] as number), at).toBe(want);
    const expectIn = inScored(want, mode, scored);
    expect(mask[i!], `${at}: in ${scored}?`).toBe(expectIn ? 1 : 0);
    if (expectIn) counted++;
    else outside++;
  }
  // The accounting: every data row is counted in the period, outside it, or reported.
  expect(counted + outside + reported).toBe(rows.length);
  expect(table.rowCount).toBe(
    rows.length - rows.filter((r) => Object.values(r).some((c) => typeof c === 'object' && c.want.kind === 'bad') || r.rep.want.kind === 'blank').length,
  );
}

describe('every row is counted or reported (property)', () => {
  for (const writer of ['csv', 'xlsx', 'hand'] as const) {
    for (const mode of ['date', 'label'] as const) {
      const what = writer === 'hand' ? 'xlsx as real writers hold it (shared, inline and rich text, serials, hidden rows)' : writer;
      it(`${what}, rows placed by ${mode === 'date' ? 'a date column' : 'a period-label column'}`, async () => {
        await fc.assert(
          fc.asyncProperty(fc.array(rowArb(mode), { minLength: 1, maxLength: 30 }), fc.constantFrom('2026-11', '2026-Q4', '2025-03'), (rows, scored) =>
            check(rows, writer, mode, scored),
          ),
          // Hand-written workbooks are quick to make (no exceljs): as many runs as CSV.
          { numRuns: writer === 'xlsx' ? Math.ceil(RUNS / 3) : RUNS },
        );
      }, 120_000);
    }
  }
});

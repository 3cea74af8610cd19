// From raw rows (CSV fields or workbook cells) to a Table: finds the header row, converts each mapped value
// by its declared type, and reports every bad or suspect value. Format-neutral; csv.ts and xlsx.ts feed it.

import type { SourceSpec } from '../core/model.js';
import type { DataIssue, Table } from '../core/table.js';
import type { PeriodRows } from '../core/period-rows.js';
import { TableBuilder, type BuilderPart, type SharedLayout } from './builder.js';
import type { CsvRecord, LineReader } from './csv-tokenizer.js';
import type { KernelSetup } from './csv-kernel.js';
import { KernelLines } from './kernel-lines.js';
import { CELL_NUMBER, CELL_SHARED, type XlsxRecord } from './xlsx/record.js';
import { findDuplicates, sameHashGroups, type Duplicate } from './key-index.js';
import { cellDate, cellNumber, cellString, notA, periodNumberText, serialDay, shownCell, unwrapCell } from './cells.js';
import { foreignFormat, type CurrencyRule } from './currency.js';
import { markOfKind, type UnitFormat } from './xlsx/styles.js';
import { UnitFormats } from './unit-formats.js';
import { dateOrderHints, OrderProof } from './date-order-hint.js';
import { DataError, changedWhileRead, headerNotFound } from './errors.js';
import { english, problem, type Problem } from '../messages/index.js';
import { HEADER_SEARCH_ROWS, countMatches, normHeader, planColumns, columnLetter } from './header.js';
import { SeparatorWatch, type ColumnState } from './separators.js';
import { PercentWatch, type PercentSeen } from './percent-watch.js';
import { PeriodDots, type DotsSeen } from './period-dots.js';
import { UtcMidnights, type MidnightsSeen } from './utc-midnights.js';
import { roundedInCurrency } from './header-units.js';
import { blankText, cleanText, showInvisible } from '../core/text.js';
import { expandWan, halfWidth } from '../core/chinese-numbers.js';
import { readPeriodLabel } from '../core/period.js';
import {
  DEFAULT_STYLE,
  isoDayFast,
  moneyFromNumber,
  plainMoney,
  newNote,
  numberFromCell,
  parseDateText,
  parseMoneyText,
  parseNumberText,
  SEP_DOT,
  SEP_GUESS,
  serialToDay,
  symbolCode,
  type Note,
  type NumberStyle,
} from './values.js';

/** What csvLine does with a field of the header: nothing, hash it (the key-only column), a text, money, a date. */
const SKIP = 0;
const KEY = 1;
const TEXT = 2;
const CASH = 3;
const DAY = 4;

const STRING = 0;
const NUMBER = 1; // number and percent: same parsing, percent values are fractions
const MONEY = 2;
const DATE = 3;
/** The text column that places rows in periods (2026-11, Nov 2026, 2026年11月): stored as the canonical label. */
const PERIOD = 4;
/** A money column whose values are in a unit the scheme declares (`scale: 10000` for 万元): read by the general path. */
const SCALED_MONEY = 5;

/** How far below HEADER_SEARCH_ROWS the header is still looked for, only to say where it is. */
const HEADER_HINT_ROWS = 1000;

/** Longest raw value quoted in an issue. */
const MAX_SHOWN = 200;

const clip = (s: string): string => (s.length > MAX_SHOWN ? s.slice(0, MAX_SHOWN) + '…' : s);

/** A cell that is blank, only spaces or only invisible characters. */
const spaces = (v: unknown): boolean => v === undefined || (typeof v === 'string' && blankText(v));

/**
 * Every field of the record blank, only spaces or only invisible characters: a blank row, said nothing about (as an
 * empty line).
 */
function blankRecord(rec: CsvRecord): boolean {
  for (let i = 0; i < rec.n; i++) if (!blankText(rec.text(i))) return false;
  return true;
}

/** A value's or a row's problem, kept until the row is done. */
interface Finding {
  col: number;
  raw: string;
  problem: Problem;
}

/** An invisible character removed from a column's values: the first such value and how many there were. */
interface Invisible {
  count: number;
  row: number;
  raw: string;
  text: string;
}

/**
 * Everything a RowSink keeps across rows, as a worker thread hands it over after reading the part of a file from a
 * split on (csv-parallel.ts), row and line numbers counted from the split. The list is complete: RowSink's other
 * fields are settled by the header (found before the split: positions, kinds, widths, the plan's issues), per row
 * (problems, warnings, guesses, percentValues: empty between rows; note, chineseError), workbook-only
 * (percentFormatted, currencyFormatted, foreignKinds), a cache (labels), or made by finish() (pendingKeys).
 */
export interface SinkPart {
  /** Records handed to csvRow. */
  rowsSeen: number;
  sawNul: boolean;
  /** In the order found, rows and lines from the split (a line is kept only where it differs from the row). */
  issues: DataIssue[];
  /** Columns (1-based) right of the named header whose first value was noted (KPI2309). */
  unheaded: number[];
  invisible: (Invisible | undefined)[];
  separators: readonly (ColumnState | undefined)[];
  percents: PercentSeen;
  /** The period column's months written with a dot. */
  dots: DotsSeen | null;
  /** The date columns' times, by column (a local midnight written in UTC). */
  midnights: (MidnightsSeen | undefined)[];
  /** Date and period columns with a value that reads only in the source's date_order (13/11/2026 under dmy). */
  orderProved: number[];
  builder: BuilderPart;
}

export interface SinkOptions {
  minorUnit: number;
  /** The scheme's currency: amounts marked with another currency are reported. Default: US dollars. */
  currency?: CurrencyRule;
  /** Stop once the header row is known (kpi validate). */
  headersOnly?: boolean;
  /** Read only these rows (by row number): the second look at a file for the text of some keys. */
  onlyRows?: ReadonlySet<number>;
  /**
   * Read the rows up to this row number, then stop (ReadEnough): the second look at a file for the hashes of the keys
   * of a key-only column before its order broke (reading/index.ts keyHashesUpTo). Every key hashed as read.
   */
  upToRow?: number;
  /** Workbook date system, for number cells in date columns. */
  date1904?: boolean;
  /**
   * The run's period (its first and last day): the rows dated in it are listed by each reading thread once its part
   * is read (period-list.ts), when the source has a date column; periodRows() hands the list over after finish.
   */
  period?: { start: number; end: number };
}

/** Tests only: false sends every CSV value down the general path (no fast path, no shortcut past endRow's checks). */
let fastPaths = true;

/** Tests only: hold the fast paths to the general path by reading the same file both ways (undefined: back on). */
export function setFastPathsForTests(on: boolean | undefined): void {
  fastPaths = on ?? true;
}

/** Thrown from csvRow or csvLine past SinkOptions.upToRow: the rows asked for are read. */
export class ReadEnough extends Error {}

export class RowSink implements LineReader {
  headers: string[] | null = null;
  headerRow = 0;
  readonly issues: DataIssue[] = [];
  /** Rows seen, header and title rows included (for progress). */
  rowsSeen = 0;
  date1904: boolean;

  private readonly file: string;
  private best: { cells: string[]; row: number; score: number } | null = null;
  private firstNonBlank: { cells: string[]; row: number } | null = null;
  private builder: TableBuilder | null = null;
  private positions: number[] = [];
  private kinds: number[] = [];
  /** Per mapped column: the decimal places a money value is read to, in minor units (the currency's, more for 万元). */
  private places: number[] = [];
  private headerLen = 0;
  private readonly repCol: number;
  private readonly dateCol: number;
  private readonly keyCol: number;
  private readonly note: Note = newNote();
  private readonly problems: Finding[] = [];
  private readonly warnings: Finding[] = [];
  /** Rows of a roster, targets or deductions file that could not be read: they stop the run (see finish). */
  private readonly unreadable: DataIssue[] = [];
  /** Values of the current row that read two ways (1.500): reported once the file shows which way, if kept. */
  private readonly guesses: { col: number; raw: string }[] = [];
  private readonly unheaded = new Set<number>();
  /** Columns of the header row after its last named cell (`a,b,c,`): 0-based [from, headerLen); none when from = headerLen. */
  private trailingFrom = 0;
  private readonly style: NumberStyle;
  /** The scheme's currency symbol as a char code, for the money fast path (-1: none or longer than one). */
  private readonly symbol: number;
  /** Per mapped column: what its values say about the decimal separator (undeclared sources only). */
  private readonly separators: SeparatorWatch;
  /** Percent columns: whether a plain number is a fraction or percent points (10 → 1000 % or 10 %?). */
  private readonly percents: PercentWatch;
  /** 1 for a mapped column of type percent. */
  private readonly percentCols: Uint8Array;
  /** 1 for a column of percent points (deduction points), where `5%` would be read as 0.05 points. */
  private readonly pointsCols: Uint8Array;
  /** Values of the current row in percent columns, handed to `percents` once the row is kept. */
  private readonly percentValues: { col: number; value: number; marked: boolean; raw: string }[] = [];
  /** Workbook columns (0-based) whose cell in the current row has a percent number format (SinkFeed sets them). */
  readonly percentFormatted = new Set<number>();
  /** Workbook columns (0-based) of date columns whose cell in the current row has a date format (SinkFeed sets them). */
  readonly dateFormatted = new Set<number>();
  /** Workbook columns (0-based) whose cell in the current row has a format showing a currency mark → its kind. */
  readonly currencyFormatted = new Map<number, number>();
  /** Workbook columns (0-based) whose cell in the current row has a format showing it divided (万, K) → its FMT_UNIT index. */
  readonly unitFormatted = new Map<number, number>();
  /** Workbook sources with such formats: the columns they could make wrong (see watchUnitFormats). */
  private unitFormats: UnitFormats | null = null;
  /** Per marked format kind: why it is not the scheme's money (null: it is). */
  private readonly foreignKinds = new Map<number, ((value: string) => Problem) | null>();
  /** Per mapped column: values that had invisible characters removed (reported once per column). */
  private readonly invisible: (Invisible | undefined)[] = [];
  /** The columns whose value had invisible characters removed in row `invisibleRow` (forgetInvisible undoes them). */
  private invisibleRow = 0;
  private readonly invisibleCols: number[] = [];
  /** Per column: 1 = declared chinese_numbers; null when no column is. */
  private chinese: Uint8Array | null = null;
  /** Why the cell just cleaned is not a 万 amount (it replaces the reader's own reason). */
  private chineseError: Problem | null = null;
  /** Row of a full header match found below the searched rows (only to say where the header is). */
  private headerFarBelow = 0;
  private lastOffered = 0;
  /** A CSV read as GB18030 because it is not UTF-8 (no encoding: declared): garbled headers may be another encoding. */
  guessedGb18030 = false;
  /** Header-search rows of a workbook with a cell written twice (KPI2172): its cells, and its sheet. */
  private readonly twiceInHeader = new Map<number, { refs: string[]; sheet: string }>();
  private readonly periodCol: number;
  private readonly labels = new Map<string, string | { error: Problem }>();
  /** Months written with a dot in the period column (2026.1 beside 2026.11): is 2026.1 January or October? */
  private readonly dots = new PeriodDots();
  private readonly midnights = new UtcMidnights();
  private readonly orderProof: OrderProof;
  /** Key-only column: groups of rows whose key hashes collide, waiting for their text (settleKeys). */
  private pendingKeys: { groups: Int32Array[]; table: Table } | null = null;
  /** Key-only column out of order: the rows before its break (`rows` of them, up to row number `upToRow`) lack a hash. */
  private pendingPrefix: { upToRow: number; rows: number; hashes: Int32Array; table: Table } | null = null;
  /** Set by the CSV reader once a NUL character has been seen anywhere. */
  sawNul = false;
  /** The fast paths are on (see setFastPathsForTests). */
  private readonly fast = fastPaths;
  /** SinkOptions.upToRow, or no end. */
  private readonly lastRow: number;
  /** The CSV separator in use (for quoting a ragged row back in an issue). */
  delimiter = ',';
  /**
   * Rows read whole from their line (csvLine): per field of the header, the mapped column read from it (lineCols) and
   * what is done with it (lineActs: SKIP, KEY, ...); null when this source's rows are not read that way (see accept).
   */
  private lineCols: Int32Array | null = null;
  private lineActs = new Uint8Array(0);
  /** The decimal mark and the grouping mark, as char codes (plainMoney). */
  private readonly point: number;
  private readonly group: number;
  /** The separator's char code, as the tokenizer splits by it (csvLine). */
  private lineDelim = 44;
  /** csvLine: the text columns of the current row, and their values' bounds, stored once the rest of the row is read. */
  private lineTexts = new Int32Array(0);
  private lineStarts = new Int32Array(0);
  private lineEnds = new Int32Array(0);
  /** csvLine: the money columns of the current row whose decimal point is news to `separators`, and the values' bounds. */
  private lineDots = new Int32Array(0);
  private lineDotStarts = new Int32Array(0);
  private lineDotEnds = new Int32Array(0);

  constructor(
    private readonly spec: SourceSpec,
    private readonly opts: SinkOptions,
  ) {
    this.file = spec.fileAsWritten;
    this.lastRow = opts.upToRow ?? Number.POSITIVE_INFINITY;
    const idx = (name?: string): number => (name === undefined ? -1 : spec.columns.findIndex((c) => c.name === name));
    this.repCol = idx(spec.rep);
    this.dateCol = idx(spec.date);
    this.keyCol = idx(spec.key);
    // A period-label column places rows only when there is no date column.
    this.periodCol = spec.date === undefined ? idx(spec.period) : -1;
    this.orderProof = new OrderProof(spec.dateOrder);
    this.date1904 = opts.date1904 ?? false;
    this.style = {
      decimal: spec.decimal,
      declared: spec.decimalDeclared === true || spec.decimal === ',', // ',' is never the default
      currency: opts.currency ?? DEFAULT_STYLE.currency,
    };
    this.symbol = symbolCode(this.style.currency);
    this.point = this.style.decimal === '.' ? 46 : 44;
    this.group = this.style.decimal === '.' ? 44 : 46;
    this.separators = new SeparatorWatch(spec, this.style.declared, opts.minorUnit);
    this.percents = new PercentWatch(spec);
    // 1 a percent column; 2 a number column (percent-watch.ts: `10` beside `10%`), deduction points aside, and the
    // targets file's target column, which holds a target of 30% beside one of 50000 by right.
    const watchNumbers = spec.purpose !== 'targets';
    this.percentCols = Uint8Array.from(spec.columns, (c) => (c.type === 'percent' ? 1 : c.type === 'number' && watchNumbers && !c.percentPoints ? 2 : 0));
    this.pointsCols = Uint8Array.from(spec.columns, (c) => (c.percentPoints ? 1 : 0));
  }

  get headersOnly(): boolean {
    return this.opts.headersOnly === true;
  }

  get inHeader(): boolean {
    return this.headers === null;
  }

  /** Once the header is known: the 0-based column of each mapped column, and the header's width. */
  get mappedPositions(): readonly number[] {
    return this.positions;
  }

  /** The header up to its last named cell: a workbook's cells right of it are values right of the header. */
  get namedWidth(): number {
    return this.trailingFrom;
  }

  // ---- header phase ---------------------------------------------------------------------------------------

  /**
   * A workbook row offered as the header holds cells written twice: such a cell reads as blank, so when no header
   * is found on that row the run stops naming the cells (KPI2173), not a header that is missing.
   */
  headerCellsWrittenTwice(row: number, refs: string[], sheet: string): void {
    this.twiceInHeader.set(row, { refs, sheet });
  }

  /** Offers a row as the header; true once the header is known. Throws DataError when it cannot be found. */
  offerHeader(cells: string[], row: number): boolean {
    try {
      return this.offerRow(cells, row);
    } catch (e) {
      throw this.headerProblemSaid(e);
    }
  }

  private offerRow(cells: string[], row: number): boolean {
    this.lastOffered = row;
    const norm = cells.map(normHeader);
    const blank = norm.every((c) => c === '');
    if (!blank && this.firstNonBlank === null) this.firstNonBlank = { cells: norm, row };
    const want = this.spec.headerRow;
    if (want !== undefined) {
      if (row < want) return false;
      if (row > want || blank) {
        throw new DataError(problem('KPI2661', { file: this.file, row: want }), { file: this.file, row: want });
      }
      this.accept(norm, row);
      return true;
    }
    const score = countMatches(this.spec, norm);
    const full = score === this.spec.columns.length && !blank;
    if (row > HEADER_SEARCH_ROWS) {
      // Past the searched rows: only looking for where the header is, to say so.
      if (full) this.headerFarBelow = row;
      if (full || row >= HEADER_HINT_ROWS) this.noHeader();
      return this.headers !== null;
    }
    if (full) {
      this.accept(norm, row);
      return true;
    }
    if (!blank && (this.best === null || score > this.best.score)) this.best = { cells: norm, row, score };
    if (row === HEADER_SEARCH_ROWS && this.opts.headersOnly) {
      this.noHeader();
      return this.headers !== null;
    }
    return false;
  }

  /** No row held every mapped header: explain with the closest candidate. */
  noHeader(): void {
    try {
      this.explainNoHeader();
    } catch (e) {
      throw this.headerProblemSaid(e);
    }
  }

  /**
   * A header not found, said with what explains it: a GB18030 guess for a file in another encoding (KPI2175), or a
   * workbook cell of that row written twice (KPI2173).
   */
  private headerProblemSaid(e: unknown): unknown {
    if (headerNotFound(e) && this.guessedGb18030 && this.spec.columns.some((c) => /[^\x00-\x7f]/.test(c.header))) {
      // Non-ASCII headers not found in a file read as GB18030 by guess: Big5 or Shift-JIS text reads as other characters.
      return new DataError(problem('KPI2175', { ...e.params, problemTerm: e.code }), { file: e.file, row: e.row, column: e.column });
    }
    const twice = e instanceof DataError && e.code !== 'KPI2173' && e.row !== undefined ? this.twiceInHeader.get(e.row) : undefined;
    if (twice === undefined) return e;
    const row = (e as DataError).row as number;
    return new DataError(problem('KPI2173', { file: this.file, sheet: twice.sheet, n: twice.refs.length, refs: twice.refs.join(', '), row }), {
      file: this.file,
      row,
    });
  }

  private explainNoHeader(): void {
    const cand = this.best && this.best.score > 0 ? this.best : this.firstNonBlank;
    if (this.headerFarBelow > 0) {
      const at = this.headerFarBelow;
      throw new DataError(problem('KPI2662', { file: this.file, row: at, n: HEADER_SEARCH_ROWS }), { file: this.file, row: at });
    }
    if (cand === null) {
      throw new DataError(problem('KPI2663', { file: this.file }), { file: this.file });
    }
    if (this.opts.headersOnly) {
      this.headers = cand.cells;
      this.headerRow = cand.row;
      return;
    }
    // planColumns throws, naming the missing headers and the closest matches.
    try {
      planColumns(this.spec, cand.cells, cand.row);
    } catch (e) {
      // Worth saying only when nothing like the header was seen in the rows searched and the file goes on.
      const nothingNear = this.best === null || this.best.score === 0;
      if (!(e instanceof DataError) || this.spec.headerRow !== undefined || !nothingNear || this.lastOffered <= HEADER_SEARCH_ROWS) throw e;
      throw new DataError(problem('KPI2664', { ...e.params, problemTerm: e.code, searched: HEADER_SEARCH_ROWS }), {
        file: e.file,
        row: e.row,
        column: e.column,
      });
    }
    throw new DataError(problem('KPI2665', { file: this.file }), { file: this.file });
  }

  private accept(cells: string[], row: number): void {
    this.headers = cells;
    this.headerRow = row;
    if (this.opts.headersOnly) return;
    const plan = planColumns(this.spec, cells, row);
    for (const i of plan.issues) this.issues.push(i);
    this.positions = plan.positions;
    this.headerLen = cells.length;
    this.trailingFrom = cells.reduce((last, h, i) => (h !== '' ? i + 1 : last), 0);
    if (this.spec.columns.some((c) => c.chineseNumbers)) this.chinese = Uint8Array.from(this.spec.columns, (c) => (c.chineseNumbers ? 1 : 0));
    this.kinds = this.spec.columns.map((c, i) =>
      c.type === 'string'
        ? i === this.periodCol
          ? PERIOD
          : STRING
        : c.type === 'money'
          ? (c.scale ?? 1) > 1
            ? SCALED_MONEY
            : MONEY
          : c.type === 'date'
            ? DATE
            : NUMBER,
    );
    // 1.2345 in a column of 万元 read to 4 more places: 12,345.00 exactly, in the currency's minor units.
    this.places = this.spec.columns.map((c) => this.opts.minorUnit + Math.round(Math.log10(c.type === 'money' ? (c.scale ?? 1) : 1)));
    // A CSV's key-only column is hashed only once out of order: the keys before can be read again (keyHashesUpTo).
    const keys = this.opts.upToRow !== undefined ? 'hashes' : this.spec.format === 'csv' ? 'lazy' : 'eager';
    const period = this.opts.period;
    const inPeriod = period !== undefined && this.dateCol >= 0 ? { col: this.dateCol, start: period.start, end: period.end } : undefined;
    this.builder = new TableBuilder(this.spec.columns, this.opts.minorUnit, undefined, this.spec.keyOnly ? this.keyCol : -1, keys, inPeriod);
    // Rows read whole from their line (csvLine) where every mapped column has a fast path of csvRow's (text, date, or
    // money where csvRow reads it fast: no number, percent, period or scaled money column), nothing to note right of
    // the header, no chinese_numbers column, each column in a field of its own.
    const n = this.spec.columns.length;
    const fastMoney = this.style.declared || this.opts.minorUnit < 3;
    if (
      this.fast &&
      this.opts.onlyRows === undefined &&
      this.chinese === null &&
      this.trailingFrom === this.headerLen &&
      this.kinds.every((k) => k === STRING || k === DATE || (k === MONEY && fastMoney)) &&
      new Set(this.positions).size === n
    ) {
      const cols = new Int32Array(this.headerLen).fill(-1);
      const acts = new Uint8Array(this.headerLen); // SKIP
      this.positions.forEach((p, i) => {
        cols[p] = i;
        const kind = this.kinds[i];
        acts[p] = kind === MONEY ? CASH : kind === DATE ? DAY : i === this.keyCol && this.spec.keyOnly ? KEY : TEXT;
      });
      this.lineCols = cols;
      this.lineActs = acts;
      this.lineTexts = new Int32Array(n);
      this.lineStarts = new Int32Array(n);
      this.lineEnds = new Int32Array(n);
      this.lineDots = new Int32Array(n);
      this.lineDotStarts = new Int32Array(n);
      this.lineDotEnds = new Int32Array(n);
    }
  }

  // ---- data phase -----------------------------------------------------------------------------------------

  csvRow(rec: CsvRecord): void {
    if (this.lineCols !== null && rec.lineReader === null) {
      // From the next record on, lines are offered whole first (csvLine).
      this.lineDelim = rec.delim;
      rec.lineReader = this;
    }
    this.rowsSeen++;
    if (this.opts.onlyRows !== undefined && !this.opts.onlyRows.has(rec.row)) return;
    if (this.opts.upToRow !== undefined && rec.row > this.opts.upToRow) throw new ReadEnough();
    const row = rec.row;
    const line = rec.line;
    const n = rec.n;
    if (!rec.content) return; // an empty line: nothing to keep or lose
    if (n !== this.headerLen) {
      if (blankRecord(rec)) return; // a line of spaces (` , ,`): as empty
      let extra = false;
      for (let i = this.headerLen; i < n; i++) if (!blankText(rec.text(i))) extra = true;
      if (n < this.headerLen || extra) {
        const why = problem(n < this.headerLen ? 'KPI2001' : 'KPI2002', { n, width: this.headerLen });
        this.problems.push({ col: -1, raw: rec.texts().join(this.delimiter), problem: why });
        this.endRow(row, line);
        return;
      }
    }
    const note = this.note;
    const b = this.builder as TableBuilder;
    const buf = rec.buf;
    const style = this.style;
    const point = style.decimal === '.' ? 46 : 44;
    const group = style.decimal === '.' ? 44 : 46;
    const symbol = this.symbol;
    const scale = this.opts.minorUnit;
    // Undeclared separators and 3+ minor digits: 1.500 would pass the fast path as 1.5 without a word.
    const fastMoney = style.declared || scale < 3;
    let anyValue = false;
    // Every mapped value of the row read by a fast path with nothing to say (no problem, warning or guess, the rep
    // and the date not blank): the row is kept without endRow's checks.
    let clean = true;
    const positions = this.positions;
    const kinds = this.kinds;
    const starts = rec.starts;
    const ends = rec.ends;
    for (let i = 0; i < positions.length; i++) {
      const p = positions[i] as number;
      let raw: string | null = null;
      let v = NaN;
      const unquoted = rec.plain || rec.quoted[p] === null;
      const start = starts[p] as number;
      const end = ends[p] as number;
      const kind = kinds[i];
      if (unquoted && this.fast) {
        if (end === start && kind !== NUMBER && kind !== PERIOD) {
          // A blank (an unpaid invoice's paid date, an optional field), as the general path reads '': no value. The
          // rep's or the date's blank is endRow's to report.
          if (kind === STRING) b.setString(i, null);
          else b.setNumber(i, NaN);
          if (i === this.repCol || i === this.dateCol) clean = false;
          continue;
        }
        if (kind === STRING) {
          if (!this.sawNul && end > start && buf.charCodeAt(start) > 32 && buf.charCodeAt(end - 1) > 32 && b.setPlainRange(i, buf, start, end)) {
            // Nothing to trim or normalise, not blank: stored straight from the text.
            anyValue = true;
            continue;
          }
        } else if (kind === MONEY) {
          if (fastMoney) {
            v = plainMoney(buf, start, end, point, scale, group, symbol, style.declared);
            // biome-ignore lint/suspicious/noSelfCompare: the fastest NaN test on the hot path
            if (v === v) {
              if (!style.declared && this.separators.wantsDot(i) && buf.slice(start, end).includes('.')) {
                this.separators.saw(i, SEP_DOT, row, buf.slice(start, end));
              }
              b.setNumber(i, v);
              anyValue = true;
              continue;
            }
          }
        } else if (kind === DATE) {
          note.error = null;
          v = isoDayFast(buf, start, end, note);
          // biome-ignore lint/suspicious/noSelfCompare: the fastest NaN test on the hot path
          if (v === v) {
            b.setNumber(i, v);
            anyValue = true;
            continue;
          }
        }
      }
      clean = false;
      if (!unquoted || kind !== DATE || !this.fast) note.error = null; // a date's note.error is isoDayFast's (an impossible date)
      note.warning = null;
      note.sep = 0;
      // biome-ignore lint/suspicious/noSelfCompare: the fastest NaN test on the hot path
      if (v !== v && note.error === null) {
        // the general path, on the field as a string
        raw = rec.text(p);
        if (this.sawNul && raw.includes('\0')) note.error = problem('KPI2116');
        const text = this.cleaned(raw, i, row);
        switch (kind) {
          case STRING:
            b.setString(i, text === '' ? null : text);
            break;
          case PERIOD:
            b.setString(i, this.periodLabel(text, note, row));
            break;
          case NUMBER:
            v = parseNumberText(text, style, note);
            if (this.percentCols[i] !== 0) this.percentValues.push({ col: i, value: v, marked: /[%％]/.test(text), raw: text });
            if (this.pointsCols[i] === 1 && /[%％]/.test(text)) pointsAsPercent(text, v, note);
            break;
          case MONEY:
            v = parseMoneyText(text, style, scale, note);
            break;
          case SCALED_MONEY:
            v = parseMoneyText(text, style, this.places[i] as number, note);
            break;
          default:
            if (text.length > 10) this.midnights.see(i, text, row);
            v = parseDateText(text, this.spec.dateOrder, note);
            // biome-ignore lint/suspicious/noSelfCompare: the fastest NaN test on the hot path
            if (v === v && note.error === null) this.orderProof.see(i, text);
        }
        if (this.chineseError !== null) {
          note.error = this.chineseError;
          this.chineseError = null;
          v = NaN;
        }
        if (!anyValue && text !== '') anyValue = true;
        if (note.sep !== 0) this.separators.saw(i, note.sep, row, raw);
      } else anyValue = true;
      if (kind !== STRING && kind !== PERIOD) b.setNumber(i, v);
      if (note.error !== null) this.problems.push({ col: i, raw: raw ?? rec.text(p), problem: note.error });
      if (note.warning !== null) this.warnings.push({ col: i, raw: raw ?? rec.text(p), problem: note.warning });
      if ((note.sep & SEP_GUESS) !== 0) this.guesses.push({ col: i, raw: raw ?? rec.text(p) });
    }
    if (!anyValue) {
      this.problems.length = 0;
      this.warnings.length = 0;
      this.guesses.length = 0;
      this.percentValues.length = 0;
      // Only spaces between the separators (` , , ,`, a formatted blank row as Excel or WPS may save it), or only
      // invisible characters: as `,,,`.
      if (blankRecord(rec)) {
        this.forgetInvisible(row);
        return;
      }
      this.issues.push(this.issue(row, line, { col: -1, raw: clip(rec.texts().join(this.delimiter)), problem: problem('KPI2003') }, 'warning', 'skipped'));
      return;
    }
    if (this.trailingFrom < this.headerLen) this.noteTrailing(rec, row, line);
    if (clean) b.commit(row);
    else this.endRow(row, line);
  }

  /**
   * A data row read straight from its line of text, fields found as their values are read: what csvRow does with a
   * row whose every mapped value takes its fast path with nothing to say (csvRow's `clean`), in one pass and without
   * the split. Anything else (a field count other than the header's, a quote that is not a whole field's, "" inside
   * one, a value off its fast path, a blank rep or date, no value at all, a NUL in the file) declines: false, with
   * nothing done that the record's own reading (csvRow) will not redo the same way. Text columns are stored last, so
   * that a declined row has interned nothing (StringColumn.uncount for the rare row declined by a later text).
   */
  csvLine(buf: string, start: number, end: number, row: number, quote: number, delimChar: string): boolean {
    if (this.sawNul) return false;
    if (row > this.lastRow) throw new ReadEnough();
    const acts = this.lineActs;
    const cols = this.lineCols as Int32Array;
    const fields = acts.length;
    const b = this.builder as TableBuilder;
    const delim = this.lineDelim;
    const note = this.note;
    let texts = 0;
    let dots = 0;
    let anyValue = false;
    let p = start;
    // Fields end at the next separator, found with indexOf (far faster here than a loop over the characters); quotes
    // are known by the next one's place.
    // Past the line: no quote in it. Computed on every call, not only where no quote is left in the text (the
    // chunk's last lines): TurboFan compiled csvLine before any such line and threw the code away at the first one.
    const past = end + 1;
    let q = quote === -1 ? past : quote;
    for (let f = 0; ; f++) {
      if (f === fields) return false; // more fields than the header: csvRow says whether they matter
      const act = acts[f] as number;
      const i = cols[f] as number;
      let s = p;
      let e: number;
      if (p === q) {
        // A quoted field read in place: nothing but a separator or the line's end after its closing quote.
        s = p + 1;
        e = buf.indexOf('"', s);
        if (e === -1 || e >= end) return false; // not closed on this line
        p = e + 1;
        if (p < end && buf.charCodeAt(p) !== delim) return false; // "" inside, or text after the closing quote
        q = buf.indexOf('"', p);
        if (q === -1) q = past;
      } else {
        p = buf.indexOf(delimChar, p);
        if (p === -1 || p > end) p = end;
        if (q < p) return false; // a quote inside a field: csvRow's to read
        e = p;
      }
      if (act !== SKIP) {
        if (e === s) {
          // A blank, as csvRow stores it; the rep's or the date's is endRow's to report.
          if (i === this.repCol || i === this.dateCol) return false;
          if (act === KEY || act === TEXT) b.setString(i, null);
          else b.setNumber(i, NaN);
        } else if (act === TEXT || act === KEY) {
          if (buf.charCodeAt(s) <= 32 || buf.charCodeAt(e - 1) <= 32) return false;
          if (act === KEY) {
            if (!b.setPlainRange(i, buf, s, e)) return false; // a hash, redone by csvRow if declined
          } else {
            const t = texts++;
            this.lineTexts[t] = i;
            this.lineStarts[t] = s;
            this.lineEnds[t] = e;
          }
          anyValue = true;
        } else if (act === CASH) {
          const v = plainMoney(buf, s, e, this.point, this.opts.minorUnit, this.group, this.symbol, this.style.declared);
          // biome-ignore lint/suspicious/noSelfCompare: the fastest NaN test on the hot path
          if (v !== v) return false;
          if (!this.style.declared && this.separators.wantsDot(i) && buf.slice(s, e).includes('.')) {
            // Said once the row is read: a row csvRow finds the wrong shape has no values to see.
            const d = dots++;
            this.lineDots[d] = i;
            this.lineDotStarts[d] = s;
            this.lineDotEnds[d] = e;
          }
          b.setNumber(i, v);
          anyValue = true;
        } else {
          note.error = null;
          const v = isoDayFast(buf, s, e, note);
          // biome-ignore lint/suspicious/noSelfCompare: the fastest NaN test on the hot path
          if (v !== v) return false;
          b.setNumber(i, v);
          anyValue = true;
        }
      }
      if (p >= end) {
        if (f !== fields - 1) return false; // fewer fields than the header
        break;
      }
      p++;
    }
    if (!anyValue) return false;
    for (let t = 0; t < texts; t++) {
      const i = this.lineTexts[t] as number;
      if (!b.setPlainRange(i, buf, this.lineStarts[t] as number, this.lineEnds[t] as number)) {
        for (let u = 0; u < t; u++) b.uncount(this.lineTexts[u] as number);
        return false;
      }
    }
    for (let d = 0; d < dots; d++) {
      this.separators.saw(this.lineDots[d] as number, SEP_DOT, row, buf.slice(this.lineDotStarts[d] as number, this.lineDotEnds[d] as number));
    }
    this.rowsSeen++;
    b.commit(row);
    return true;
  }

  /**
   * The CSV kernel for this source's data rows (kernel-lines.ts): it reads the rows csvLine reads, as csvLine reads
   * them. Null where rows are not read that way (see accept), or the separator is not one ASCII byte.
   */
  startKernel(chunkBytes: number): KernelLines | null {
    const cols = this.lineCols;
    const d = this.delimiter.charCodeAt(0);
    if (cols === null || this.builder === null || this.sawNul || this.lastRow !== Number.POSITIVE_INFINITY) return null;
    if (this.delimiter.length !== 1 || d > 0x7e || d === 34 || d === 10 || d === 13) return null;
    const required = new Uint8Array(this.headerLen);
    cols.forEach((i, f) => {
      if (i >= 0 && (i === this.repCol || i === this.dateCol)) required[f] = 1;
    });
    const setup: KernelSetup = {
      acts: this.lineActs,
      required,
      delimiter: d,
      point: this.point,
      group: this.group,
      symbol: this.symbol,
      scale: this.opts.minorUnit,
      declared: this.style.declared,
      period: null, // the builder lists the period's rows by a pass over the dates (listPeriod)
      chunkBytes,
    };
    return new KernelLines(setup, cols, this.spec.columns.length, this);
  }

  /** Rows the kernel read, `records` records in all (blank lines included): kept as csvLine keeps them. */
  keepRowsRead(rows: KernelLines, records: number): void {
    this.rowsSeen += records;
    if (rows.rows === 0) return;
    (this.builder as TableBuilder).appendRows(rows);
    const cols = this.lineCols as Int32Array;
    for (let f = 0; f < cols.length; f++) {
      const i = cols[f] as number;
      if (this.lineActs[f] !== CASH || !this.separators.wantsDot(i)) continue;
      const first = rows.firstPoint(f);
      if (first !== null) this.separators.saw(i, SEP_DOT, first.row, first.raw);
    }
  }

  /**
   * A value under the empty header cells that end the header row (`a,b,c,`) is not read: it cannot change a figure,
   * but a row shifted one cell to the right shows there first. A note, once per column.
   */
  private noteTrailing(rec: CsvRecord, row: number, line: number): void {
    for (let c = this.trailingFrom; c < this.headerLen && c < rec.n; c++) {
      // An empty field (every row of such an export has one) costs no string.
      if (this.unheaded.has(c + 1) || rec.starts[c] === rec.ends[c]) continue;
      const text = rec.text(c);
      if (blankText(text)) continue;
      this.unheaded.add(c + 1);
      this.issues.push({
        ...this.issue(row, line, { col: -1, raw: text, problem: problem('KPI2309', { letter: columnLetter(c) }) }, 'note', 'kept'),
        column: columnLetter(c),
      });
    }
  }

  /** A data row of a sheet: the mapped columns' cells, typed (see XlsxRecord). */
  xlsxRow(rec: XlsxRecord, row: number): void {
    this.rowsSeen++;
    if (this.opts.onlyRows !== undefined && !this.opts.onlyRows.has(row)) return;
    const note = this.note;
    const b = this.builder as TableBuilder;
    const style = this.style;
    const cellKinds = rec.kinds;
    let anyValue = false;
    for (let i = 0; i < this.positions.length; i++) {
      const p = this.positions[i] as number;
      const kind = this.kinds[i];
      const k = cellKinds[p];
      note.error = null;
      note.warning = null;
      note.sep = 0;
      if (k === CELL_SHARED && kind === STRING) {
        // Nothing to trim or normalise, not blank (as csvRow's fast path): stored from the table of texts in place.
        const t = rec.table;
        const idx = rec.numbers[p] as number;
        const a = t.offsets[idx] as number;
        const z = t.offsets[idx + 1] as number;
        const text = t.text;
        if (z > a && text.charCodeAt(a) > 32 && text.charCodeAt(z - 1) > 32 && b.setPlainRange(i, text, a, z)) {
          anyValue = true;
          continue;
        }
      } else if (k === CELL_NUMBER && kind !== STRING && kind !== PERIOD) {
        // A number where one is wanted: what the general rules below do with it, without boxing it.
        const n = rec.numbers[p] as number;
        b.setNumber(
          i,
          kind === MONEY || kind === SCALED_MONEY
            ? this.moneyCell(n, p, this.places[i] as number, note)
            : kind === DATE
              ? this.dayOfCell(i, n, p, row, note)
              : numberFromCell(n, note),
        );
        anyValue = true;
        if (this.percentCols[i] !== 0) this.percentValues.push({ col: i, value: n, marked: this.percentFormatted.has(p), raw: String(n) });
        if (this.pointsCols[i] === 1 && this.percentFormatted.has(p)) pointsAsPercent(null, n, note);
        if (note.error !== null || note.warning !== null || note.sep !== 0) this.cellNotes(i, row, String(n));
        continue;
      }
      const cell = rec.value(p);
      let v = unwrapCell(cell, note);
      if (typeof v === 'string') v = this.cleaned(v, i, row);
      if (v !== null && v !== '') anyValue = true;
      switch (kind) {
        case STRING:
          b.setString(i, cellString(v));
          break;
        case PERIOD: {
          const text = typeof v === 'number' ? periodNumberText(v, note) : cellString(v);
          b.setString(i, text === null ? null : this.periodLabel(text, note, row));
          break;
        }
        case NUMBER: {
          const n = cellNumber(v, style, note);
          b.setNumber(i, n);
          if (this.percentCols[i] !== 0 || this.pointsCols[i] === 1) {
            const marked = typeof v === 'string' ? /[%％]/.test(v) : this.percentFormatted.has(this.positions[i] as number);
            if (this.percentCols[i] !== 0) this.percentValues.push({ col: i, value: n, marked, raw: String(v) });
            else if (marked) pointsAsPercent(typeof v === 'string' ? v : null, n, note);
          }
          break;
        }
        case MONEY:
        case SCALED_MONEY:
          b.setNumber(
            i,
            typeof v === 'number'
              ? this.moneyCell(v, this.positions[i] as number, this.places[i] as number, note)
              : typeof v === 'string'
                ? parseMoneyText(v, style, this.places[i] as number, note)
                : notA(v, 'term.money', note),
          );
          break;
        default: {
          if (typeof v === 'string' && v.length > 10) this.midnights.see(i, v, row);
          const day =
            typeof v === 'number' ? this.dayOfCell(i, v, this.positions[i] as number, row, note) : cellDate(v, this.spec.dateOrder, this.date1904, note);
          if (typeof v === 'string' && !Number.isNaN(day) && note.error === null) this.orderProof.see(i, v);
          b.setNumber(i, day);
        }
      }
      if (this.chineseError !== null) {
        note.error = this.chineseError;
        this.chineseError = null;
        b.setNumber(i, NaN);
      }
      if (note.error !== null || note.warning !== null || note.sep !== 0) {
        this.cellNotes(i, row, v === null ? (cell === undefined ? '' : shownCell(cell)) : shownCell(v));
      }
    }
    if (this.unitFormatted.size > 0 && this.unitFormats !== null) this.unitCells(rec, row);
    if (rec.beyond.length > 0) this.noteUnheaded(rec.beyondByColumn(), row);
    if (!anyValue && this.problems.length === 0) {
      // Cells of only spaces (a formatted blank row as Excel or WPS may save it) are as blank as none.
      if (rec.otherCells ? !rec.cells.onlySpaces() : rec.beyond.some((c) => !spaces(c.value)) || this.positions.some((p) => !spaces(rec.value(p)))) {
        this.issues.push(this.issue(row, row, { col: -1, raw: '', problem: problem('KPI2003') }, 'warning', 'skipped'));
      } else this.forgetInvisible(row);
      this.warnings.length = 0;
      this.guesses.length = 0;
      this.percentValues.length = 0;
      return;
    }
    this.endRow(row, row);
  }

  /** The workbook's number formats that show numbers divided (FMT_UNIT + index), for the columns they could misread. */
  watchUnitFormats(formats: readonly UnitFormat[], sheet: string): void {
    this.unitFormats = UnitFormats.of(this.spec, formats, sheet);
  }

  /** Number cells of the row shown divided by their format (unit-formats.ts): refused in a scaled column. */
  private unitCells(rec: XlsxRecord, row: number): void {
    const units = this.unitFormats as UnitFormats;
    for (let i = 0; i < this.positions.length; i++) {
      if (units.cols[i] === 0) continue;
      const p = this.positions[i] as number;
      const unit = this.unitFormatted.get(p);
      const v = unit === undefined ? undefined : rec.value(p);
      if (typeof v !== 'number') continue;
      const why = units.see(i, p, row, v, unit as number);
      if (why === null) continue;
      this.problems.push({ col: i, raw: String(v), problem: why });
      (this.builder as TableBuilder).setNumber(i, NaN);
    }
  }

  /**
   * A number cell of workbook column `p` in a money column. The cell holds a plain number; its format may say it is
   * not the scheme's money (€500 in a USD scheme, 50% shown for 0.5), as the text `€500` or `50%` would: an error.
   */
  private moneyCell(n: number, p: number, places: number, note: Note): number {
    const value = moneyFromNumber(n, places, note);
    if (this.percentFormatted.size > 0 && this.percentFormatted.has(p)) {
      note.error = problem('KPI2151', { value: String(n), percent: Number((n * 100).toPrecision(12)) });
      return NaN;
    }
    const kind = this.currencyFormatted.size > 0 ? this.currencyFormatted.get(p) : undefined;
    if (kind === undefined) return value;
    let why = this.foreignKinds.get(kind);
    if (why === undefined) {
      const mark = markOfKind(kind);
      why = mark === null ? null : foreignFormat(mark, this.style.currency);
      this.foreignKinds.set(kind, why);
    }
    if (why === null) return value;
    note.error = why(String(n));
    return NaN;
  }

  /** What the note says about the value of mapped column `col`, shown as `raw`, kept for the row's end. */
  private cellNotes(col: number, row: number, raw: string): void {
    const note = this.note;
    if (note.error !== null) this.problems.push({ col, raw, problem: note.error });
    if (note.warning !== null) this.warnings.push({ col, raw, problem: note.warning });
    if (note.sep !== 0) this.separators.saw(col, note.sep, row, raw);
    if ((note.sep & SEP_GUESS) !== 0) this.guesses.push({ col, raw });
  }

  /** A rounding note on a column in 万元 (scale: 10000): said in the currency, as the figures are. */
  private inCurrency(w: Finding): Finding {
    return w.problem.code === 'KPI2112' ? { ...w, problem: roundedInCurrency(w.problem, this.spec.columns[w.col]?.scale ?? 1, this.opts.minorUnit) } : w;
  }

  /** Text as compared everywhere (NFC, no invisible characters); removals are counted per column for one warning. */
  private cleaned(raw: string, col: number, row: number): string {
    const c = cleanText(raw);
    if (c.removed) {
      const seen = this.invisible[col];
      if (seen) seen.count++;
      else this.invisible[col] = { count: 1, row, raw, text: c.text };
      if (this.invisibleRow !== row) {
        this.invisibleRow = row;
        this.invisibleCols.length = 0;
      }
      this.invisibleCols.push(col);
    }
    return this.chinese !== null && this.chinese[col] === 1 && c.text !== '' ? this.chineseNumber(c.text) : c.text;
  }

  /** A row found blank after all (its only content invisible characters): what cleaned counted of it is taken back. */
  private forgetInvisible(row: number): void {
    if (this.invisibleRow !== row) return;
    for (const col of this.invisibleCols) {
      const seen = this.invisible[col] as Invisible;
      if (seen.row === row) this.invisible[col] = undefined;
      else seen.count--;
    }
    this.invisibleCols.length = 0;
  }

  /** A column declared chinese_numbers: full-width characters as ASCII, 万 / 亿 amounts expanded exactly. */
  private chineseNumber(text: string): string {
    const w = expandWan(text);
    if (w === null) return halfWidth(text);
    if ('error' in w) {
      this.chineseError = w.problem;
      return text;
    }
    return w.text;
  }

  /**
   * A workbook number in a date column: a date-formatted cell is the date Excel shows; a number without a date
   * format is read as a serial only from 1950 on (serialDay), as a serial written as text is.
   */
  private dayOfNumber(n: number, p: number, note: Note): number {
    return this.dateFormatted.size > 0 && this.dateFormatted.has(p) ? serialToDay(n, this.date1904, note) : serialDay(n, this.date1904, note);
  }

  /** A workbook number in date column `i`: its day; a time of day in it is seen for KPI2149 (utc-midnights.ts). */
  private dayOfCell(i: number, n: number, p: number, row: number, note: Note): number {
    const day = this.dayOfNumber(n, p, note);
    if (n % 1 !== 0 && !Number.isNaN(day)) this.midnights.seeSerial(i, n, day, row);
    return day;
  }

  /** A period label as its canonical form (2026-11, 2026-Q4); a label that cannot be read is an error. */
  private periodLabel(text: string, note: Note, row: number): string | null {
    if (text === '') return null;
    this.dots.see(text, row);
    if (text.length > 10) this.midnights.see(this.periodCol, text, row);
    let p = this.labels.get(text);
    if (p === undefined) {
      const r = readPeriodLabel(text, this.spec.dateOrder);
      p = 'error' in r ? { error: r.error } : r.label;
      if (typeof p === 'string') this.orderProof.see(this.periodCol, text);
      if (this.labels.size < 10_000) this.labels.set(text, p);
    }
    if (typeof p === 'string') return p;
    note.error = p.error;
    return null;
  }

  /** A value right of the last header is reported once per column: it is not read. */
  private noteUnheaded(cells: readonly { col: number; value: unknown }[], row: number): void {
    for (const { col, value: v } of cells) {
      const c = col + 1;
      if (spaces(v) || v === null || this.unheaded.has(c)) continue;
      this.unheaded.add(c);
      const p = problem('KPI2301', { letter: columnLetter(col) });
      this.issues.push({
        file: this.file,
        source: this.spec.name,
        row,
        column: columnLetter(col),
        value: clip(shownCell(v)),
        reason: p.text,
        severity: 'warning',
        action: 'kept',
        code: p.code,
        params: p.params,
      });
    }
  }

  /** Row-level checks, then keep or skip the row and report what happened. */
  private endRow(row: number, line: number): void {
    const b = this.builder as TableBuilder;
    const cols = this.spec.columns;
    if (this.problems.length === 0) {
      if (this.repCol >= 0 && this.isBlank(this.repCol)) {
        this.problems.push({ col: this.repCol, raw: '', problem: problem('KPI2203') });
      }
    }
    if (this.problems.length > 0) {
      const first = this.problems[0] as Finding;
      if (this.spec.onBadRow === 'stop') {
        const col = first.col >= 0 ? (cols[first.col]?.header ?? '') : undefined;
        const p = first.problem;
        const stop = col
          ? problem('KPI2685', { ...p.params, problemTerm: p.code, file: this.file, row, column: col })
          : problem('KPI2686', { ...p.params, problemTerm: p.code, file: this.file, row });
        throw new DataError(stop, { file: this.file, row, column: col });
      }
      for (const p of this.problems) {
        const issue = this.issue(row, line, p, 'error', 'skipped');
        this.issues.push(issue);
        if (this.spec.purpose !== undefined) this.unreadable.push(issue);
      }
      this.problems.length = 0;
      this.warnings.length = 0;
      this.guesses.length = 0;
      this.percentValues.length = 0;
      return;
    }
    if (this.warnings.length > 0) {
      for (const w of this.warnings) this.issues.push(this.issue(row, line, this.kinds[w.col] === SCALED_MONEY ? this.inCurrency(w) : w, 'warning', 'kept'));
      this.warnings.length = 0;
    }
    if (this.guesses.length > 0) {
      for (const g of this.guesses) this.separators.guess(g.col, row, line, g.raw);
      this.guesses.length = 0;
    }
    if (this.percentValues.length > 0) {
      for (const p of this.percentValues) this.percents.see(p.col, p.value, p.marked, row, line, p.raw);
      this.percentValues.length = 0;
    }
    if (this.dateCol >= 0 && this.isBlank(this.dateCol)) {
      this.issues.push(this.issue(row, line, { col: this.dateCol, raw: '', problem: problem('KPI2204') }, 'warning', 'kept'));
    } else if (this.periodCol >= 0 && this.isBlank(this.periodCol)) {
      this.issues.push(this.issue(row, line, { col: this.periodCol, raw: '', problem: problem('KPI2205') }, 'warning', 'kept'));
    }
    b.commit(row);
  }

  private isBlank(col: number): boolean {
    const b = this.builder as TableBuilder;
    return b.peek(col) === null;
  }

  private issue(row: number, line: number, p: Finding, severity: DataIssue['severity'], action: 'skipped' | 'kept'): DataIssue {
    const column = p.col >= 0 ? this.spec.columns[p.col]?.header : undefined;
    const reason = p.problem.text;
    const issue: DataIssue = {
      file: this.file,
      source: this.spec.name,
      row,
      value: clip(p.raw),
      reason: line !== row ? `${reason}${english('issue.line', { line })}` : reason,
      severity,
      action,
      code: p.problem.code,
      params: p.problem.params,
    };
    if (line !== row) issue.line = line;
    if (column !== undefined) issue.column = column;
    return issue;
  }

  /** Sizes the columns for about this many rows (capped: a row takes at least one byte per field). */
  expectRows(rows: number, totalBytes: number): void {
    this.builder?.reserve(Math.ceil(Math.min(rows, totalBytes / Math.max(2, this.headerLen))));
  }

  /** A problem with the text of a row itself (an unclosed quote at the end of the file). */
  badRecord(row: number, line: number, raw: string, reason: Problem): void {
    this.problems.length = 0;
    this.warnings.length = 0;
    this.problems.push({ col: -1, raw, problem: reason });
    this.endRow(row, line);
  }

  // ---- the parallel read (csv-parallel.ts) -----------------------------------------------------------------

  /** Whether this read may be split at all, known before its header (a worker is started as the file is opened). */
  mayBeSplit(): boolean {
    // A roster, targets or deductions file stops on its first unreadable row: small files, read on one thread.
    return !this.opts.headersOnly && this.opts.onlyRows === undefined && this.opts.upToRow === undefined && this.spec.purpose === undefined;
  }

  /** What a worker thread needs to read on from a split (the header as found); null when this read must not be split. */
  splitJob(): { spec: SourceSpec; opts: SinkOptions; cells: string[]; row: number } | null {
    if (this.headers === null || this.builder === null || !this.mayBeSplit()) return null;
    return { spec: this.spec, opts: this.opts, cells: this.headers, row: this.headerRow };
  }

  /** Columns in memory a worker thread can share, room for `total` rows (TableBuilder.share). */
  share(total: number): void {
    (this.builder as TableBuilder).share(total);
  }

  /** This thread's rows below `mainRows`, a worker's from there on (TableBuilder.layoutFrom); null: cannot. */
  layoutFrom(mainRows: number): SharedLayout | null {
    return (this.builder as TableBuilder).layoutFrom(mainRows);
  }

  /** The split did not hold: read on alone. */
  unshare(): void {
    this.builder?.unshare();
  }

  /** Worker thread: the header found by the main thread, then the rows from the split on into the shared columns. */
  adoptHeader(cells: string[], row: number, layout: SharedLayout): void {
    this.accept(cells, row);
    this.issues.length = 0; // the main thread has the header's own issues
    (this.builder as TableBuilder).adoptShared(layout);
  }

  /** Worker thread: everything kept across rows (see SinkPart). */
  exportPart(): SinkPart {
    if (this.problems.length + this.warnings.length + this.guesses.length + this.percentValues.length > 0) throw new Error('a row is half read');
    return {
      rowsSeen: this.rowsSeen,
      sawNul: this.sawNul,
      issues: this.issues,
      unheaded: [...this.unheaded],
      invisible: this.invisible,
      separators: this.separators.seen,
      percents: this.percents.seen,
      dots: this.dots.seen,
      midnights: this.midnights.seen,
      orderProved: this.orderProof.seen,
      builder: (this.builder as TableBuilder).exportPart(),
    };
  }

  /**
   * The rows a worker read from the split on, after this thread's: as if one reader had read them all, its row
   * numbers moved on by `rowOffset` (the records before the split) and lines by `lineOffset`. False, changing
   * nothing, when its columns cannot be merged exactly (TableBuilder.canAppend): then read the rest here.
   */
  importPart(part: SinkPart, rowOffset: number, lineOffset: number): boolean {
    const b = this.builder;
    if (b === null || !b.canAppend(part.builder)) return false;
    const issues: DataIssue[] = [];
    const noted = new Set(this.unheaded);
    for (const i of part.issues) {
      // A column right of the header is noted once, at its first value in file order.
      if (i.code === 'KPI2309' && [...noted].some((c) => columnLetter(c - 1) === i.column)) continue;
      const moved = movedIssue(i, rowOffset, lineOffset);
      if (moved === null) return false;
      issues.push(moved);
    }
    for (const i of issues) this.issues.push(i);
    for (const c of part.unheaded) this.unheaded.add(c);
    part.invisible.forEach((p, col) => {
      if (p === undefined || p === null) return;
      const mine = this.invisible[col];
      if (mine !== undefined) mine.count += p.count;
      else this.invisible[col] = { count: p.count, row: p.row + rowOffset, raw: p.raw, text: p.text };
    });
    this.separators.merge(part.separators, rowOffset, lineOffset);
    this.percents.merge(part.percents, rowOffset, lineOffset);
    this.dots.merge(part.dots, rowOffset);
    this.midnights.merge(part.midnights, rowOffset);
    this.orderProof.merge(part.orderProved);
    if (part.sawNul) this.sawNul = true;
    this.rowsSeen += part.rowsSeen;
    b.appendPart(part.builder, rowOffset);
    return true;
  }

  // ---- end ------------------------------------------------------------------------------------------------

  /** After the last row: the header must have been found; a header with no rows is worth a word. */
  finish(): Table {
    if (this.headers === null) this.noHeader();
    if (this.headers === null) throw new DataError(problem('KPI2665', { file: this.file }), { file: this.file });
    const b = this.builder as TableBuilder;
    const before = this.issues.length;
    for (const g of this.separators.settle(this.style)) this.issues.push(this.issue(g.row, g.line, g, 'warning', 'kept'));
    for (const w of this.percents.settle()) this.issues.push(this.issue(w.row, w.line, w, 'warning', 'kept'));
    this.stopOnUnreadable();
    this.invisible.forEach((seen, col) => {
      if (seen === undefined) return;
      const header = this.spec.columns[col]?.header ?? '';
      const p = seen.count > 1 ? problem('KPI2303', { text: seen.text, count: seen.count }) : problem('KPI2302', { text: seen.text });
      this.issues.push({
        file: this.file,
        source: this.spec.name,
        row: seen.row,
        column: header,
        value: clip(showInvisible(seen.raw)),
        reason: p.text,
        severity: 'warning',
        action: 'kept',
        code: p.code,
        params: p.params,
      });
    });
    const dotted = this.periodCol >= 0 ? this.dots.issue(this.spec, this.spec.columns[this.periodCol]?.header ?? '') : null;
    if (dotted !== null) this.issues.push(dotted);
    for (const i of this.midnights.issues(this.spec)) this.issues.push(i);
    if (this.issues.length > before) this.issues.sort((x, y) => (x.row ?? 0) - (y.row ?? 0)); // stable: a row's issues keep their order
    if (b.rowCount === 0 && !this.issues.some((i) => i.action === 'skipped')) {
      const p = problem('KPI2004');
      this.issues.push({
        file: this.file,
        source: this.spec.name,
        row: this.headerRow,
        reason: p.text,
        severity: 'warning',
        action: 'kept',
        code: p.code,
        params: p.params,
      });
    }
    const table = b.build(this.spec.name, this.file);
    if (this.unitFormats !== null) this.unitFormats.settle(this.issues, table);
    dateOrderHints(this.spec, this.issues, this.orderProof);
    if (this.keyCol >= 0) this.reportDuplicates(table);
    return table;
  }

  /** The rows kept so far added to the list of SinkOptions.period's rows (TableBuilder.listPeriod). */
  listPeriod(): void {
    this.builder?.listPeriod();
  }

  /** After finish: the rows of SinkOptions.period, as core/period-rows.ts lists them from the table; null: not listed. */
  periodRows(): PeriodRows | null {
    return this.builder?.periodRows() ?? null;
  }

  /**
   * A roster, targets or deductions row sets someone's pay directly: one that cannot be read stops the run
   * (listing every such row) rather than dropping a rep, falling back to a default target or losing a deduction.
   */
  private stopOnUnreadable(): void {
    const bad = this.unreadable;
    if (bad.length === 0) return;
    const purpose = this.spec.purpose;
    const [whatTerm, whyTerm] =
      purpose === 'roster'
        ? (['term.roster', 'term.whyRoster'] as const)
        : purpose === 'targets'
          ? (['term.targetsFile', 'term.whyTargets'] as const)
          : purpose === 'paid_to_date'
            ? (['term.paidToDateFile', 'term.whyPaidToDate'] as const)
            : (['term.deductionsFile', 'term.whyDeductions'] as const);
    const first = bad[0]!;
    const rows =
      bad
        .slice(0, 10)
        .map((i) => i.row)
        .join(', ') + (bad.length > 10 ? ', …' : '');
    throw new DataError(
      first.column !== undefined
        ? problem('KPI2687', {
            ...first.params,
            problemTerm: first.code!,
            file: this.file,
            count: bad.length,
            rows,
            row: first.row ?? 0,
            column: first.column,
            whatTerm,
            whyTerm,
          })
        : problem('KPI2688', { ...first.params, problemTerm: first.code!, file: this.file, count: bad.length, rows, row: first.row ?? 0, whatTerm, whyTerm }),
      { file: this.file, row: first.row, column: first.column },
      bad.map((i) => ({ ...i, action: 'stopped' as const })),
    );
  }

  /** Duplicate keys are found after reading (see key-index.ts) and slotted in among the issues by row. */
  private reportDuplicates(table: Table): void {
    const col = this.spec.columns[this.keyCol];
    if (col === undefined) return;
    const hashed = (this.builder as TableBuilder).keyHashes();
    if (hashed !== null) {
      // Key-only column: hashes, no text. In increasing order, no two keys are equal; otherwise rows whose
      // hashes collide need their text, read again from the file (keyRowsToRead, settleKeys). The second read for
      // hashes wants them alone.
      if (hashed.ordered || this.opts.upToRow !== undefined) {
        if (this.opts.upToRow === undefined) (this.builder as TableBuilder).releaseKeyHashes();
        return;
      }
      if (hashed.unhashed > 0) {
        const upToRow = table.rowNumbers[hashed.unhashed - 1] as number;
        this.pendingPrefix = { upToRow, rows: hashed.unhashed, hashes: hashed.hashes, table };
        return;
      }
      this.groupKeys(hashed.hashes, table);
      return;
    }
    const column = table.columns.get(col.name);
    if (column === undefined) return;
    this.issueDuplicates(findDuplicates(column.values, table.rowCount), (i) => String(column.values[i]), table);
  }

  private groupKeys(hashes: Int32Array, table: Table): void {
    const groups = sameHashGroups(hashes, table.rowCount);
    if (groups.length > 0) this.pendingKeys = { groups, table };
  }

  /** The last row (by row number) whose key's hash is needed from a second read (keyHashesUpTo); null when none. */
  keyHashesToRead(): number | null {
    return this.pendingPrefix?.upToRow ?? null;
  }

  /**
   * The hashes of the keys up to keyHashesToRead's row, as a second read with `upToRow` found them (row numbers
   * ascending, a hash each; a row not among them has a blank key): the duplicate check goes on (keyRowsToRead).
   */
  settleKeyHashes(rowNumbers: Int32Array, hashes: Int32Array): void {
    const p = this.pendingPrefix;
    if (p === null) return;
    this.pendingPrefix = null;
    const rn = p.table.rowNumbers;
    let j = 0;
    for (let i = 0; i < p.rows; i++) {
      const row = rn[i] as number;
      while (j < rowNumbers.length && (rowNumbers[j] as number) < row) j++;
      p.hashes[i] = j < rowNumbers.length && rowNumbers[j] === row ? (hashes[j] as number) : 0;
    }
    this.groupKeys(p.hashes, p.table);
  }

  /** The key-only column's hashes as read, by row (a second read with `upToRow`: keyHashesUpTo). */
  keyHashesRead(): Int32Array {
    return (this.builder as TableBuilder).keyHashes()?.hashes ?? new Int32Array(0);
  }

  /** Rows (by row number) whose key text is needed to finish the duplicate check; null when none. */
  keyRowsToRead(): Set<number> | null {
    const p = this.pendingKeys;
    if (p === null) return null;
    const rows = new Set<number>();
    for (const g of p.groups) for (const i of g) rows.add(p.table.rowNumbers[i] as number);
    return rows;
  }

  /** The texts of the keys keyRowsToRead asked for (row number → text): duplicates among them are reported. */
  settleKeys(texts: ReadonlyMap<number, string>): void {
    const p = this.pendingKeys;
    if (p === null) return;
    this.pendingKeys = null;
    const rn = p.table.rowNumbers;
    const textOf = (i: number): string => {
      const t = texts.get(rn[i] as number);
      if (t === undefined) throw changedWhileRead(this.file);
      return t;
    };
    const dups: Duplicate[] = [];
    for (const g of p.groups) {
      const firstOf = new Map<string, number>();
      for (const i of g) {
        const key = textOf(i);
        const first = firstOf.get(key);
        if (first === undefined) firstOf.set(key, i);
        else dups.push({ index: i, first });
      }
    }
    this.issueDuplicates(
      dups.sort((x, y) => x.index - y.index),
      textOf,
      p.table,
    );
  }

  private issueDuplicates(dups: readonly Duplicate[], textOf: (index: number) => string, table: Table): void {
    const col = this.spec.columns[this.keyCol];
    if (dups.length === 0 || col === undefined) return;
    for (const d of dups) {
      const k = textOf(d.index);
      const p = problem('KPI2206', { header: col.header, key: k, first: table.rowNumbers[d.first] as number });
      this.issues.push({
        file: this.file,
        source: this.spec.name,
        row: table.rowNumbers[d.index] as number,
        column: col.header,
        value: clip(k),
        reason: p.text,
        severity: 'warning',
        action: 'kept',
        code: p.code,
        params: p.params,
      });
    }
    // Stable: issues of one row keep their order.
    this.issues.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  }
}

/**
 * An issue of a part read from a split (rows and lines counted from it), numbered as one reader of the whole file
 * numbers it: the row and line moved on, the editor's line said in the reason only where it differs from the row, in
 * the place RowSink.issue gives it. Null for an issue not made by RowSink.issue (never expected: refuse the part).
 */
function movedIssue(i: DataIssue, rowOffset: number, lineOffset: number): DataIssue | null {
  if (i.row === undefined) return null;
  let reason = i.reason;
  if (i.line !== undefined) {
    const said = english('issue.line', { line: i.line });
    if (!reason.endsWith(said)) return null;
    reason = reason.slice(0, reason.length - said.length);
  }
  const row = i.row + rowOffset;
  const line = (i.line ?? i.row) + lineOffset;
  if (line !== row) reason += english('issue.line', { line });
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(i)) {
    if (k === 'line') continue;
    if (k === 'column' && line !== row) out.line = line;
    out[k] = k === 'row' ? row : k === 'reason' ? reason : v;
  }
  if (line !== row && out.line === undefined) out.line = line;
  return out as unknown as DataIssue;
}

/**
 * A percentage where percent points are wanted (deduction points): `5%` reads as 0.05, so 5 points off would
 * silently become 0.05. Refused, saying what to write. `written` is the text (null: a cell formatted as a percentage).
 */
function pointsAsPercent(written: string | null, value: number, note: Note): void {
  if (note.error !== null || !Number.isFinite(value)) return;
  const points = Number((value * 100).toPrecision(12));
  const shown = written ?? `${points}%`;
  note.error = problem('KPI2501', { value: shown, fraction: value, points });
}

// From raw rows (CSV fields or workbook cells) to a Table: finds the header row, converts each mapped value
// by its declared type, and reports every bad or suspect value. Format-neutral; csv.ts and xlsx.ts feed it.

import type { SourceSpec } from '../core/model.js';
import type { DataIssue, Table } from '../core/table.js';
import { TableBuilder } from './builder.js';
import type { CsvRecord } from './csv-tokenizer.js';
import { findDuplicates } from './key-index.js';
import { cellDate, cellNumber, cellString, notA, shownCell, unwrapCell } from './cells.js';
import { DataError } from './errors.js';
import { HEADER_SEARCH_ROWS, countMatches, normHeader, planColumns, columnLetter } from './header.js';
import {
  isoDayFast,
  moneyFromNumber,
  plainMoney,
  newNote,
  parseDateText,
  parseMoneyText,
  parseNumberText,
  type Note,
} from './values.js';

const STRING = 0;
const NUMBER = 1; // number and percent: same parsing, percent values are fractions
const MONEY = 2;
const DATE = 3;

/** Longest raw value quoted in an issue. */
const MAX_SHOWN = 200;

const clip = (s: string): string => (s.length > MAX_SHOWN ? s.slice(0, MAX_SHOWN) + '…' : s);

interface Problem {
  col: number;
  raw: string;
  reason: string;
}

export interface SinkOptions {
  minorUnit: number;
  /** Stop once the header row is known (kpi validate). */
  headersOnly?: boolean;
  /** Workbook date system, for number cells in date columns. */
  date1904?: boolean;
}

export class RowSink {
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
  private headerLen = 0;
  private readonly repCol: number;
  private readonly dateCol: number;
  private readonly keyCol: number;
  private readonly note: Note = newNote();
  private readonly problems: Problem[] = [];
  private readonly warnings: Problem[] = [];
  private readonly unheaded = new Set<number>();
  /** Set by the CSV reader once a NUL character has been seen anywhere. */
  sawNul = false;
  /** The CSV separator in use (for quoting a ragged row back in an issue). */
  delimiter = ',';

  constructor(
    private readonly spec: SourceSpec,
    private readonly opts: SinkOptions,
  ) {
    this.file = spec.fileAsWritten;
    const idx = (name?: string): number => (name === undefined ? -1 : spec.columns.findIndex((c) => c.name === name));
    this.repCol = idx(spec.rep);
    this.dateCol = idx(spec.date);
    this.keyCol = idx(spec.key);
    this.date1904 = opts.date1904 ?? false;
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

  get headerWidth(): number {
    return this.headerLen;
  }

  // ---- header phase ---------------------------------------------------------------------------------------

  /** Offers a row as the header; true once the header is known. Throws DataError when it cannot be found. */
  offerHeader(cells: string[], row: number): boolean {
    const norm = cells.map(normHeader);
    const blank = norm.every((c) => c === '');
    if (!blank && this.firstNonBlank === null) this.firstNonBlank = { cells: norm, row };
    const want = this.spec.headerRow;
    if (want !== undefined) {
      if (row < want) return false;
      if (row > want || blank) {
        throw new DataError(`${this.file}: the header row ${want} (header_row) is empty.`, { file: this.file, row: want });
      }
      this.accept(norm, row);
      return true;
    }
    const score = countMatches(this.spec, norm);
    if (score === this.spec.columns.length && !blank) {
      this.accept(norm, row);
      return true;
    }
    if (!blank && (this.best === null || score > this.best.score)) this.best = { cells: norm, row, score };
    if (row >= HEADER_SEARCH_ROWS) {
      this.noHeader();
      return this.headers !== null;
    }
    return false;
  }

  /** No row held every mapped header: explain with the closest candidate. */
  noHeader(): void {
    const cand = this.best && this.best.score > 0 ? this.best : this.firstNonBlank;
    if (cand === null) {
      throw new DataError(`${this.file} has no data: every row is blank.`, { file: this.file });
    }
    if (this.opts.headersOnly) {
      this.headers = cand.cells;
      this.headerRow = cand.row;
      return;
    }
    // planColumns throws, naming the missing headers and the closest matches.
    planColumns(this.spec, cand.cells, cand.row);
    throw new DataError(`${this.file}: no header row found.`, { file: this.file });
  }

  private accept(cells: string[], row: number): void {
    this.headers = cells;
    this.headerRow = row;
    if (this.opts.headersOnly) return;
    const plan = planColumns(this.spec, cells, row);
    this.issues.push(...plan.issues);
    this.positions = plan.positions;
    this.headerLen = cells.length;
    this.kinds = this.spec.columns.map((c) =>
      c.type === 'string' ? STRING : c.type === 'money' ? MONEY : c.type === 'date' ? DATE : NUMBER,
    );
    this.builder = new TableBuilder(this.spec.columns, this.opts.minorUnit);
  }

  // ---- data phase -----------------------------------------------------------------------------------------

  csvRow(rec: CsvRecord): void {
    this.rowsSeen++;
    const row = rec.row;
    const line = rec.line;
    const n = rec.n;
    if (!rec.content) return; // an empty line: nothing to keep or lose
    if (n === 1 && this.headerLen > 1 && rec.text(0).trim() === '') return; // a line of spaces: as empty
    if (n !== this.headerLen) {
      let extra = false;
      for (let i = this.headerLen; i < n; i++) if (rec.text(i).trim() !== '') extra = true;
      if (n < this.headerLen || extra) {
        const why =
          n < this.headerLen
            ? `the row has ${n} fields but the header has ${this.headerLen} (a missing separator, or a line break inside an unquoted value?)`
            : `the row has ${n} fields but the header has ${this.headerLen} (a separator inside an unquoted value?)`;
        this.problems.push({ col: -1, raw: rec.texts().join(this.delimiter), reason: why });
        this.endRow(row, line);
        return;
      }
    }
    const note = this.note;
    const b = this.builder as TableBuilder;
    const buf = rec.buf;
    const point = this.spec.decimal === '.' ? 46 : 44;
    const scale = this.opts.minorUnit;
    let anyValue = false;
    for (let i = 0; i < this.positions.length; i++) {
      const p = this.positions[i] as number;
      note.error = null;
      note.warning = null;
      let raw: string | null = null;
      let v = NaN;
      const unquoted = rec.quoted[p] === null;
      const start = rec.starts[p] as number;
      const end = rec.ends[p] as number;
      const kind = this.kinds[i];
      if (unquoted && kind === STRING && !this.sawNul && end > start && buf.charCodeAt(start) > 32 && buf.charCodeAt(end - 1) > 32) {
        // Nothing to trim, not blank: store straight from the text.
        b.setStringRange(i, buf, start, end);
        anyValue = true;
        continue;
      }
      if (unquoted && kind === MONEY) v = plainMoney(buf, start, end, point, scale);
      else if (unquoted && kind === DATE) v = isoDayFast(buf, start, end, note);
      // biome-ignore lint/suspicious/noSelfCompare: the fastest NaN test on the hot path
      if (v !== v && note.error === null) {
        // the general path, on the field as a string
        raw = rec.text(p);
        if (this.sawNul && raw.includes('\0')) note.error = 'contains a NUL character (byte 0): the file may be damaged';
        switch (kind) {
          case STRING: {
            const s = raw.trim();
            b.setString(i, s === '' ? null : s);
            break;
          }
          case NUMBER:
            v = parseNumberText(raw, this.spec.decimal, note);
            break;
          case MONEY:
            v = parseMoneyText(raw, this.spec.decimal, scale, note);
            break;
          default:
            v = parseDateText(raw, this.spec.dateOrder, note);
        }
        if (!anyValue && raw !== '' && (raw.charCodeAt(0) > 32 || raw.trim() !== '')) anyValue = true;
      } else anyValue = true;
      if (kind !== STRING) b.setNumber(i, v);
      if (note.error !== null) this.problems.push({ col: i, raw: raw ?? rec.text(p), reason: note.error });
      if (note.warning !== null) this.warnings.push({ col: i, raw: raw ?? rec.text(p), reason: note.warning });
    }
    if (!anyValue) {
      this.problems.length = 0;
      this.warnings.length = 0;
      this.issues.push(this.issue(row, line, { col: -1, raw: clip(rec.texts().join(this.delimiter)), reason: 'the row has no values in the columns the scheme uses' }, 'warning', 'skipped'));
      return;
    }
    this.endRow(row, line);
  }

  xlsxRow(values: readonly unknown[], row: number): void {
    this.rowsSeen++;
    const note = this.note;
    const b = this.builder as TableBuilder;
    let anyValue = false;
    for (let i = 0; i < this.positions.length; i++) {
      const cell = values[(this.positions[i] as number) + 1];
      note.error = null;
      note.warning = null;
      const v = unwrapCell(cell, note);
      if (v !== null && v !== '') anyValue = true;
      switch (this.kinds[i]) {
        case STRING:
          b.setString(i, cellString(v));
          break;
        case NUMBER:
          b.setNumber(i, cellNumber(v, this.spec.decimal, note));
          break;
        case MONEY:
          b.setNumber(
            i,
            typeof v === 'number'
              ? moneyFromNumber(v, this.opts.minorUnit, note)
              : typeof v === 'string'
                ? parseMoneyText(v, this.spec.decimal, this.opts.minorUnit, note)
                : notA(v, 'an amount of money', note),
          );
          break;
        default:
          b.setNumber(i, cellDate(v, this.spec.dateOrder, this.date1904, note));
      }
      if (note.error !== null || note.warning !== null) {
        const raw = v === null ? (cell === undefined || cell === null ? '' : shownCell(cell)) : shownCell(v);
        if (note.error !== null) this.problems.push({ col: i, raw, reason: note.error });
        if (note.warning !== null) this.warnings.push({ col: i, raw, reason: note.warning });
      }
    }
    if (values.length - 1 > this.headerLen) this.noteUnheaded(values, row);
    if (!anyValue && this.problems.length === 0) {
      if (values.some((c) => c !== undefined && c !== null && c !== '')) {
        this.issues.push(this.issue(row, row, { col: -1, raw: '', reason: 'the row has no values in the columns the scheme uses' }, 'warning', 'skipped'));
      }
      this.warnings.length = 0;
      return;
    }
    this.endRow(row, row);
  }

  /** A value right of the last header is reported once per column: it is not read. */
  private noteUnheaded(values: readonly unknown[], row: number): void {
    for (let c = this.headerLen + 1; c < values.length; c++) {
      const v = values[c];
      if (v === undefined || v === null || v === '' || this.unheaded.has(c)) continue;
      this.unheaded.add(c);
      this.issues.push({
        file: this.file,
        source: this.spec.name,
        row,
        column: columnLetter(c - 1),
        value: clip(shownCell(v)),
        reason: `column ${columnLetter(c - 1)} has values but no header; they are not read`,
        severity: 'warning',
        action: 'kept',
      });
    }
  }

  /** Row-level checks, then keep or skip the row and report what happened. */
  private endRow(row: number, line: number): void {
    const b = this.builder as TableBuilder;
    const cols = this.spec.columns;
    if (this.problems.length === 0) {
      if (this.repCol >= 0 && this.isBlank(this.repCol)) {
        this.problems.push({ col: this.repCol, raw: '', reason: 'no rep id: the row cannot be credited to anyone' });
      }
    }
    if (this.problems.length > 0) {
      const first = this.problems[0] as Problem;
      if (this.spec.onBadRow === 'stop') {
        const col = first.col >= 0 ? (cols[first.col]?.header ?? '') : undefined;
        const where = `${this.file} row ${row}${line !== row ? ` (line ${line})` : ''}${col ? `, column "${col}"` : ''}`;
        throw new DataError(`${where}: ${first.reason}. The scheme says on_bad_row: stop.`, {
          file: this.file,
          row,
          ...(col !== undefined ? { column: col } : {}),
        });
      }
      for (const p of this.problems) this.issues.push(this.issue(row, line, p, 'error', 'skipped'));
      this.problems.length = 0;
      this.warnings.length = 0;
      return;
    }
    for (const w of this.warnings) this.issues.push(this.issue(row, line, w, 'warning', 'kept'));
    this.warnings.length = 0;
    if (this.dateCol >= 0 && this.isBlank(this.dateCol)) {
      this.issues.push(
        this.issue(row, line, { col: this.dateCol, raw: '', reason: 'no date: the row falls in no period' }, 'warning', 'kept'),
      );
    }
    b.commit(row);
  }

  private isBlank(col: number): boolean {
    const b = this.builder as TableBuilder;
    return b.peek(col) === null;
  }

  private issue(row: number, line: number, p: Problem, severity: 'error' | 'warning', action: 'skipped' | 'kept'): DataIssue {
    const column = p.col >= 0 ? this.spec.columns[p.col]?.header : undefined;
    const issue: DataIssue = {
      file: this.file,
      source: this.spec.name,
      row,
      value: clip(p.raw),
      reason: line !== row ? `${p.reason} (line ${line} in a text editor)` : p.reason,
      severity,
      action,
    };
    if (column !== undefined) issue.column = column;
    return issue;
  }

  /** Sizes the columns for about this many rows (capped: a row takes at least one byte per field). */
  expectRows(rows: number, totalBytes: number): void {
    this.builder?.reserve(Math.ceil(Math.min(rows, totalBytes / Math.max(2, this.headerLen))));
  }

  /** A problem with the text of a row itself (an unclosed quote at the end of the file). */
  badRecord(row: number, line: number, raw: string, reason: string): void {
    this.problems.length = 0;
    this.warnings.length = 0;
    this.problems.push({ col: -1, raw, reason });
    this.endRow(row, line);
  }

  // ---- end ------------------------------------------------------------------------------------------------

  /** After the last row: the header must have been found; a header with no rows is worth a word. */
  finish(): Table {
    if (this.headers === null) this.noHeader();
    if (this.headers === null) throw new DataError(`${this.file}: no header row found.`, { file: this.file });
    const b = this.builder as TableBuilder;
    if (b.rowCount === 0 && !this.issues.some((i) => i.action === 'skipped')) {
      this.issues.push({
        file: this.file,
        source: this.spec.name,
        row: this.headerRow,
        reason: 'the file has a header row but no data rows',
        severity: 'warning',
        action: 'kept',
      });
    }
    const table = b.build(this.spec.name, this.file);
    if (this.keyCol >= 0) this.reportDuplicates(table);
    return table;
  }

  /** Duplicate keys are found after reading (see key-index.ts) and slotted in among the issues by row. */
  private reportDuplicates(table: Table): void {
    const col = this.spec.columns[this.keyCol];
    const column = table.columns.get(col?.name ?? '');
    if (col === undefined || column === undefined) return;
    const dups = findDuplicates(column.values, table.rowCount);
    if (dups.length === 0) return;
    for (const d of dups) {
      const k = String(column.values[d.index]);
      this.issues.push({
        file: this.file,
        source: this.spec.name,
        row: table.rowNumbers[d.index] as number,
        column: col.header,
        value: clip(k),
        reason: `duplicate ${col.header} "${k}" (first on row ${table.rowNumbers[d.first]})`,
        severity: 'warning',
        action: 'kept',
      });
    }
    // Stable: issues of one row keep their order.
    this.issues.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  }
}

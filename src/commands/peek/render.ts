// A file's profile as text: the table a person reads, the JSON a program reads (docs/json-format.md,
// "kpi-peek/1"), and the typed rows as CSV for comparing kpi's reading with another program's.

import { dayToIso } from '../../reading/values.js';
import { minorToDecimal, plainNumber, shownRaw } from '../../reading/profile/column.js';
import { readRow, type FileProfile, type ProfiledColumn, type ReadCell } from '../../reading/profile/profile.js';
import type { RawValue } from '../../reading/profile/read-as.js';
import { visible } from '../../reading/profile/visible.js';
import { neutraliseFormula } from '../../output/formats.js';
import { fitText, textTable } from '../../output/plan-text.js';
import { displayWidth } from '../../output/text-width.js';
import type { PeekText } from './messages.js';
import type { Problem } from '../../messages/index.js';

const PEEK_FORMAT = 'kpi-peek/1';

/** Longest list of values in the table; the JSON has them all (up to --top). */
const TABLE_VALUES = 5;
/** Widest "values" text (narrower to fit a terminal window, never under the minimum), and widest first-rows cell. */
const VALUES_WIDTH = 72;
const VALUES_MIN = 24;
const CELL_WIDTH = 22;

/** A value read by kpi as text for a person or a CSV file: numbers plain, money as decimal text, dates ISO. */
function cellText(c: ProfiledColumn, v: string | number | null, minorUnit: number): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (c.type === 'date') return dayToIso(v);
  if (c.type === 'money') return minorToDecimal(v, minorUnit);
  return plainNumber(v);
}

const count = (n: number): string => n.toLocaleString('en-US');

/** The most frequent values (text, period labels) or the range (numbers, money, dates), fitted to `width`. */
function valuesText(c: ProfiledColumn, t: PeekText, width: number): string {
  const quoted = (v: string): string => `"${visible(v)}"`;
  if (c.type === 'text' || (c.type === 'period' && c.min === undefined)) {
    if (c.values === 0) return '';
    if (c.distinct === c.values && !c.distinctCapped && c.values > 1) {
      return fitText(
        t.allDifferent(
          `${c.top
            .slice(0, 2)
            .map((x) => quoted(x.value))
            .join(', ')}, …`,
        ),
        width,
      );
    }
    // As many values as fit, then how many more there are.
    let text = '';
    let shown = 0;
    for (const x of c.top.slice(0, TABLE_VALUES)) {
      const next = `${text}${shown > 0 ? ' · ' : ''}${quoted(x.value)} ${count(x.count)}`;
      const rest = c.distinct - shown - 1;
      const tail = c.distinctCapped ? ` ${t.moreCapped(rest)}` : rest > 0 ? ` ${t.more(rest)}` : '';
      if (shown > 0 && displayWidth(next + tail) > width) break;
      text = next;
      shown++;
    }
    const rest = c.distinct - shown;
    return fitText(c.distinctCapped ? `${text} ${t.moreCapped(rest)}` : rest > 0 ? `${text} ${t.more(rest)}` : text, width);
  }
  return c.min === undefined ? '' : c.min === c.max ? c.min : `${c.min} … ${c.max}`;
}

/** `width`: the terminal's columns, to fit the column table into (absent: a pipe or a file, the full width). */
export function renderTable(p: FileProfile, t: PeekText, firstRows: number, width?: number): string {
  const out: string[] = [p.file];
  if (p.csv) {
    out.push(t.csvLine(t.encodingName(p.csv.encoding, p.csv.bom, p.csv.guessed), t.separatorName(p.csv.separator), p.rows));
  }
  if (p.workbook) {
    const w = p.workbook;
    out.push(t.xlsxLine(w.sheet, p.rows));
    out.push(t.sheets);
    for (const s of w.sheets) {
      const state = t.sheetState(s.visibility, s.kind, s.name === w.sheet);
      out.push(`  "${visible(s.name)}"${state ? `  (${state})` : ''}`);
    }
    // Worded here, in the user's language, from the sheets (the reader's note is in the JSON).
    const hidden = w.sheets.filter((s) => s.visibility !== 'visible');
    if (hidden.some((s) => s.name === w.sheet)) out.push(`  ${t.hiddenRead(visible(w.sheet))}`);
    else if (hidden.length > 0) out.push(`  ${t.hiddenNotRead(visible(w.sheet), hidden.map((s) => `"${visible(s.name)}"`).join(', '))}`);
  }
  if (p.currency.mark !== undefined && p.currency.row !== undefined) out.push(t.currency(p.currency.code, p.currency.mark, p.currency.row));
  if (p.decimal === ',') out.push(t.decimalComma);
  if (p.decimalNeeded) out.push(`⚠ ${t.decimalNeeded(p.decimalNeeded)}`);
  out.push(t.headerReason(p.header.row, p.header.reason), `  ${t.headerHint}`, '');

  const rows: string[][] = p.columns.map((c) => [
    `${c.letter}  ${visible(c.header)}`,
    t.typeName(c.type, c.dateOrder),
    count(c.blank),
    count(c.unreadable),
    c.distinctCapped ? t.capped(c.distinct) : count(c.distinct),
  ]);
  // The values take what the other columns leave of the window (two spaces between columns).
  const used = [0, 1, 2, 3, 4].reduce(
    (w, i) => w + 2 + rows.reduce((m, r) => Math.max(m, displayWidth(r[i] as string)), displayWidth(t.columnsHead[i] as string)),
    0,
  );
  const room = width === undefined ? VALUES_WIDTH : Math.max(VALUES_MIN, Math.min(VALUES_WIDTH, width - used - 1));
  p.columns.forEach((c, i) => {
    rows[i]?.push(valuesText(c, t, room));
  });
  for (const line of textTable([...t.columnsHead], rows, ['left', 'left', 'right', 'right', 'right', 'left'])) out.push(line);

  const notes: string[] = [];
  for (const c of p.columns) {
    for (const n of c.headerNotes) notes.push(`  ${c.letter} ${visible(c.header)}: ${t.headerNote(n)}`);
    for (const n of c.notes) notes.push(`  ${c.letter} ${visible(c.header)}: ${t.columnNote(n)}`);
  }
  for (const u of p.unheaded) notes.push(`  ${t.unheaded(u.column, u.row, visible(u.value))}`);
  if (p.blankRows > 0) notes.push(`  ${t.blankRows(p.blankRows)}`);
  if (notes.length > 0) {
    out.push('', t.notesTitle);
    for (const n of notes) out.push(n);
  }

  const unreadable = p.columns.filter((c) => c.unreadable > 0);
  if (unreadable.length > 0) {
    out.push('', t.unreadableTitle);
    for (const c of unreadable) {
      for (const e of c.unreadableExamples) out.push(`  ${t.unreadableLine(e.row, visible(c.header), visible(e.value), t.reason(e.reason))}`);
      if (c.unreadable > c.unreadableExamples.length) out.push(`  ${c.letter} ${visible(c.header)}: ${t.more(c.unreadable - c.unreadableExamples.length)}`);
    }
  }
  if (p.skipped.count > 0) {
    out.push('', t.skippedTitle(p.skipped.count));
    for (const s of p.skipped.examples) out.push(`  ${t.skippedLine(s.row, s.line, t.reason(s.reason))}`);
    if (p.skipped.count > p.skipped.examples.length) out.push(`  ${t.more(p.skipped.count - p.skipped.examples.length)}`);
  }

  if (firstRows > 0) {
    out.push('');
    const first = p.first.slice(0, firstRows);
    if (first.length === 0) out.push(t.noRows);
    else {
      out.push(t.firstRows(first.length, p.rows));
      const table = first.map((r) => {
        const cells = readRow(p, r.values);
        return [String(r.row), ...cells.map((cell, i) => fitText(shownCell(p.columns[i] as ProfiledColumn, cell, r.values, p), CELL_WIDTH))];
      });
      const head = [t.rowHead, ...p.columns.map((c) => fitText(visible(c.header), CELL_WIDTH))];
      for (const line of textTable(head, table, ['right'])) out.push(line);
    }
  }
  return out.join('\n') + '\n';
}

function shownCell(c: ProfiledColumn, cell: ReadCell, values: readonly RawValue[], p: FileProfile): string {
  if (cell.error !== undefined) {
    return `⚠ ${visible(shownRaw(values[c.index]))}`;
  }
  return visible(cellText(c, cell.value, p.settings.minorUnit));
}

// ---------------------------------------------------------------------------------------------------- JSON

function jsonValue(c: ProfiledColumn, v: string | number | null, minorUnit: number): string | number | null {
  if (v === null) return null;
  if (typeof v === 'string') return v.normalize('NFC');
  if (c.type === 'date') return dayToIso(v);
  if (c.type === 'money') return minorToDecimal(v, minorUnit);
  return v === 0 ? 0 : v;
}

export function renderJson(p: FileProfile, t: PeekText, firstRows: number): string {
  const doc = {
    format: PEEK_FORMAT,
    file: p.file,
    kind: p.format,
    bytes: p.bytes,
    encoding: p.csv ? { name: p.csv.encoding, bom: p.csv.bom, guessed: p.csv.guessed } : null,
    separator: p.csv ? p.csv.separator : null,
    decimal: p.decimal,
    decimalNeeded: p.decimalNeeded ? { ...p.decimalNeeded, text: t.decimalNeeded(p.decimalNeeded) } : null,
    currency: p.currency.mark !== undefined ? { code: p.currency.code, mark: p.currency.mark, row: p.currency.row ?? null } : null,
    workbook: p.workbook
      ? {
          sheets: p.workbook.sheets.map((s) => ({ name: s.name, visibility: s.visibility, kind: s.kind, read: s.name === p.workbook?.sheet })),
          sheet: p.workbook.sheet,
          note: p.workbook.note ?? null,
          date1904: p.workbook.date1904,
          merges: p.workbook.merges,
        }
      : null,
    header: { row: p.header.row, reason: { ...p.header.reason, text: t.headerReason(p.header.row, p.header.reason) }, cells: p.header.cells },
    rows: p.rows,
    blankRows: p.blankRows,
    skipped: { ...p.skipped, examples: p.skipped.examples.map((s) => ({ ...s, reason: t.reason(s.reason), code: s.reason.code })) },
    unheaded: p.unheaded,
    columns: p.columns.map((c) => ({
      index: c.index,
      letter: c.letter,
      header: c.header,
      headerNotes: c.headerNotes.map((n) => ({ ...n, text: t.headerNote(n) })),
      type: c.type,
      dateOrder: c.dateOrder,
      values: c.values,
      blank: c.blank,
      unreadable: c.unreadable,
      unreadableExamples: c.unreadableExamples.map((e) => ({ ...e, reason: t.reason(e.reason), code: e.reason.code })),
      warnings: c.warnings,
      distinct: c.distinct,
      distinctCapped: c.distinctCapped,
      top: c.top,
      min: c.min ?? null,
      max: c.max ?? null,
      currency: c.currency ?? null,
      notes: c.notes.map((n) => ({
        ...n,
        ...(n.code === 'rounded' ? { example: { ...n.example, reason: t.reason(n.example.reason) } } : {}),
        text: t.columnNote(n),
      })),
    })),
    firstRows: p.first.slice(0, firstRows).map((r) => {
      const cells = readRow(p, r.values);
      return {
        row: r.row,
        values: cells.map((cell, i) => jsonValue(p.columns[i] as ProfiledColumn, cell.value, p.settings.minorUnit)),
        errors: cells.flatMap((cell, i) =>
          cell.error !== undefined ? [{ column: (p.columns[i] as ProfiledColumn).header, reason: t.reason(cell.error), code: cell.error.code }] : [],
        ),
      };
    }),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

// ---------------------------------------------------------------------------------------------------- CSV

/** RFC 4180 quoting; text that a spreadsheet would run as a formula is written as text. */
function csvField(s: string): string {
  const t = neutraliseFormula(s.normalize('NFC'));
  return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

export function csvHeader(p: FileProfile): string {
  return p.columns.map((c) => csvField(c.header)).join(',') + '\r\n';
}

/** One data row as kpi reads it; unreadable values are left empty (and counted by the caller). */
export function csvRow(p: FileProfile, values: readonly RawValue[], onError: (column: ProfiledColumn, reason: Problem) => void): string {
  const cells = readRow(p, values);
  return (
    cells
      .map((cell, i) => {
        const c = p.columns[i] as ProfiledColumn;
        if (cell.error !== undefined) {
          onError(c, cell.error);
          return '';
        }
        if (cell.value === null) return '';
        // Numbers are plain, never formulas: only text is neutralised.
        return typeof cell.value === 'string' ? csvField(cell.value) : cellText(c, cell.value, p.settings.minorUnit);
      })
      .join(',') + '\r\n'
  );
}

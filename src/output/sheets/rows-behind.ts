// "Rows" sheets, one per source a metric aggregates: the rows behind each rep's figures, for disputes. Each row of
// the period attributed to a rep, with its row number in the file, key, date and the columns the metrics use, and
// for each aggregate "counted" or the condition that left the row out. The report lists them through exceljs; a
// lead's scorecard lays its sheets out through exceljs and has the rows written straight into the sheet XML
// afterwards (`fillRows`): exceljs costs about 30 µs a cell to write, so a team's month of rows would cost seconds
// a card.
import type { RowsBehind, SourceRows } from '../../core/rows-behind.js';
import { PERCENT, setNumber, setText, type Workbook, type Worksheet } from '../excel.js';
import { columnLetters } from '../charts/index.js';
import { headerRow } from './common.js';
import { textWidth } from '../column-widths.js';
import { say, type Said, type Translate } from '../../messages/index.js';
import { cellXml, probeStyles, sheetParts } from '../issue-sheets.js';
import { entryText, readZip, storedEntry, writeZip } from '../zip.js';

const MAX_IDS_SHOWN = 30;
/** Text a little off the left edge, so it does not run into the right-aligned number before it. */
const INDENT = { horizontal: 'left', indent: 1 } as const;

/** A sheet name from a source name: no characters a sheet name or a print-titles reference cannot hold. */
function sheetName(wb: Workbook, source: string, t: Translate): string {
  const base = t('sheet.rows', { source })
    .replace(/[*?:\\/[\]']/g, '_')
    .slice(0, 31);
  let name = base;
  for (let k = 2; wb.worksheets.some((w) => w.name.toLowerCase() === name.toLowerCase()); k++) name = `${base.slice(0, 28)} ${k}`;
  return name;
}

export interface RowsSheetsInput {
  rows: RowsBehind;
  moneyFmt: string;
  dateFmt: string;
  text: Translate;
  /** Lines said above each sheet's table, after its title (a lead's card: whose rows these are). */
  intro?: string[];
}

/** The rows of one laid-out sheet, to be written into its XML by fillRows. */
export interface PendingRows {
  sheet: string;
  /** The header row; the two rows below it hold the probe cells whose styles the rows take. */
  head: number;
  /** Rows and columns of the table below the header. */
  count: number;
  width: number;
  /** The cells of the k-th row (made as they are written, so a card's rows are never all held as cells). */
  cellsOf: (k: number) => Cell[];
}

/** One cell of a listed row: text, or a number (dates as serials); null for blank. */
type Cell = string | number | null;

/**
 * Adds one sheet per source; returns them with their header row (for print titles). With `deferRows`, the rows
 * are not put in the sheets: each sheet gets two probe rows instead, and `pending` says what fillRows writes there.
 */
export function writeRowsSheets(
  wb: Workbook,
  input: RowsSheetsInput,
  opts: { deferRows?: boolean } = {},
): { ws: Worksheet; headerRow: number; pending?: PendingRows }[] {
  const out: { ws: Worksheet; headerRow: number; pending?: PendingRows }[] = [];
  for (const s of input.rows.sources) {
    const ws = wb.addWorksheet(sheetName(wb, s.source, input.text));
    out.push({ ws, ...writeSource(ws, s, input, opts.deferRows === true) });
  }
  return out;
}

function writeSource(ws: Worksheet, s: SourceRows, input: RowsSheetsInput, defer: boolean): { headerRow: number; pending?: PendingRows } {
  const t = input.text;
  // A reason is one sentence shared by many rows: rendered once.
  const words = new Map<Said, string>();
  const verdict = (v: Said | null): string => {
    if (v === null) return t('rows.counted');
    let w = words.get(v);
    if (w === undefined) words.set(v, (w = say(v, t)));
    return w;
  };
  const use = (metric: string, part: 'actual' | 'numerator' | 'denominator') =>
    part === 'actual' ? metric : t('rows.use', { metric, part: t(`rows.part.${part}`) });
  const { rows } = input;
  const reps = rows.reps;
  let r = 1;
  const note = (text: string) => {
    setText(ws.getCell(r, 1), text);
    ws.getCell(r++, 1).font = { italic: true, color: { argb: 'FF595959' } };
  };
  note(t('rows.title', { file: s.file, period: rows.period.label }));
  for (const line of input.intro ?? []) note(line);
  if (rows.omitted.length) {
    const ids =
      rows.omitted
        .slice(0, MAX_IDS_SHOWN)
        .map((i) => reps[i]!.id)
        .join(', ') + (rows.omitted.length > MAX_IDS_SHOWN ? ', …' : '');
    note(t('rows.limit', { n: rows.omitted.length, rows: rows.omittedRows.toLocaleString('en-US'), max: rows.maxRows.toLocaleString('en-US'), ids }));
  }
  // What each aggregate is, above the table.
  for (const u of s.uses) note(`${use(u.metric, u.part)}: ${say(u.text, t)}`);
  const head = r + 1;
  const fixed = [t('col.repId'), t('col.name'), t('rows.row')];
  headerRow(ws, head, [...fixed, ...s.columns.map((c) => c.name), ...s.uses.map((u) => use(u.metric, u.part))]);
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: head }];
  const first = fixed.length + 1;
  const verdict0 = first + s.columns.length;
  const width = verdict0 - 1 + s.uses.length;
  // Each column's kind: text (indented but the rep id), the row number, or a number in the column's format.
  const formatOf = (j: number): string | undefined => {
    const type = s.columns[j]!.type;
    return type === 'date' ? input.dateFmt : type === 'money' ? input.moneyFmt : type === 'percent' ? PERCENT : undefined;
  };
  const cellsOf = (k: number): Cell[] => {
    const x = s.rows[k]!;
    const rep = reps[x.rep]!;
    return [
      rep.id,
      rep.name,
      x.row,
      ...s.columns.map((c, j) => {
        const v = x.values[j] ?? null;
        return typeof v === 'number' && c.type === 'date' ? v + 25569 : v; // day 0 = 1970-01-01 = serial 25569
      }),
      ...x.verdicts.map(verdict),
    ];
  };
  /** Puts one value in a cell of row `n`, styled by its column. */
  const put = (n: number, c: number, v: Cell) => {
    const cell = ws.getCell(n, c);
    if (typeof v === 'string') {
      setText(cell, v);
      if (c !== 1) cell.alignment = INDENT;
    } else if (c === 3) setNumber(cell, v, '0');
    else if (c >= first && c < verdict0) setNumber(cell, v, formatOf(c - first));
    else setNumber(cell, v);
  };
  let pending: PendingRows | undefined;
  if (defer && s.rows.length) {
    // Probes: a plain and a formula-like value in every column, to read each column's styles from.
    for (let c = 1; c <= width; c++) {
      const text = c <= 2 || c >= verdict0 || s.columns[c - first]?.type === 'string';
      put(head + 1, c, text ? 'x' : 1);
      put(head + 2, c, text ? '=x' : 1);
    }
    pending = { sheet: ws.name, head, count: s.rows.length, width, cellsOf };
  } else {
    s.rows.forEach((_, k) => {
      cellsOf(k).forEach((v, j) => {
        put(head + 1 + k, j + 1, v);
      });
    });
  }
  const last = head + s.rows.length;
  const lastCol = columnLetters(width - 1);
  ws.autoFilter = { from: `A${head}`, to: `${lastCol}${Math.max(head, last)}` };
  if (s.rows.length && s.uses.length) {
    const a = `${columnLetters(verdict0 - 1)}${head + 1}`;
    ws.addConditionalFormatting({
      ref: `${a}:${lastCol}${last}`,
      rules: [{ type: 'expression', priority: 1, formulae: [`${a}<>"${t('rows.counted')}"`], style: { font: { color: { argb: 'FF9C0006' } } } }],
    });
  }
  // Widths from the first rows (all of them would cost time on a large period); a date as wide as the locale shows it.
  const dateSample = input.dateFmt.includes('年') ? '2026年12月31日' : '2026-12-31';
  const widths = [...fixed, ...s.columns.map((c) => c.name), ...s.uses.map((u) => use(u.metric, u.part))].map((h) => textWidth(h) + 2);
  for (const x of s.rows.slice(0, 500)) {
    const texts = [
      reps[x.rep]!.id,
      reps[x.rep]!.name,
      String(x.row),
      ...x.values.map((v, j) => (v === null ? '' : s.columns[j]!.type === 'date' ? dateSample : typeof v === 'number' ? numberSample(v) : v)),
      ...x.verdicts.map(verdict),
    ];
    texts.forEach((text, j) => {
      widths[j] = Math.max(widths[j]!, textWidth(text) + 2);
    });
  }
  widths.forEach((w, j) => {
    ws.getColumn(j + 1).width = Math.min(w, 48);
  });
  return { headerRow: head, ...(pending ? { pending } : {}) };
}

/** A number as wide as its format shows it (1,234,567.00), without formatting it. */
function numberSample(v: number): string {
  const digits = String(Math.trunc(Math.abs(v))).length;
  return '0'.repeat(digits + Math.floor((digits - 1) / 3) + (v < 0 ? 1 : 0)) + '.00';
}

/**
 * The package (stored, as exceljs writes it) with each pending sheet's rows written where its probe rows are, in
 * the probes' styles: a formula-like text takes the second probe's (the text format).
 */
export function fillRows(stored: Buffer, pending: readonly PendingRows[]): Buffer {
  if (!pending.length) return stored;
  const entries = readZip(stored);
  const parts = sheetParts(entries);
  for (const p of pending) {
    const part = parts.get(p.sheet);
    const at = entries.findIndex((e) => e.name === part);
    if (part === undefined || at < 0) throw new Error(`the workbook has no sheet "${p.sheet}"`);
    const xml = entryText(entries[at]!);
    const width = p.width;
    const letters = Array.from({ length: width }, (_, c) => columnLetters(c));
    const plain = probeStyles(xml, p.head + 1, letters);
    const formulaLike = probeStyles(xml, p.head + 2, letters);
    const open = xml.indexOf(`<row r="${p.head + 1}"`);
    const close = xml.indexOf('</sheetData>');
    if (open < 0 || close < open) throw new Error(`sheet "${p.sheet}": no probe rows to write the rows at`);
    const out: string[] = [xml.slice(0, open)];
    for (let k = 0; k < p.count; k++) {
      const r = p.head + 1 + k;
      const cells = p.cellsOf(k);
      let row = `<row r="${r}">`;
      cells.forEach((v, c) => {
        if (v !== null) row += cellXml(`${letters[c]}${r}`, v, plain[c]!, formulaLike[c]!);
      });
      out.push(`${row}</row>`);
    }
    out.push(xml.slice(close));
    const last = p.head + p.count;
    entries[at] = storedEntry(part, out.join('').replace(/<dimension ref="[^"]*"\/>/, `<dimension ref="A1:${letters[width - 1] ?? 'A'}${last}"/>`));
  }
  return writeZip(entries);
}

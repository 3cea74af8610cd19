// "Rows" sheets, one per source a metric aggregates: the rows behind each rep's figures, for disputes. Each row of
// the period attributed to a rep, with its row number in the file, key, date and the columns the metrics use, and
// for each aggregate "counted" or the condition that left the row out.
import type { RowsBehind, SourceRows } from '../../core/rows-behind.js';
import { PERCENT, setNumber, setText, type Workbook, type Worksheet } from '../excel.js';
import { columnLetters } from '../charts/index.js';
import { headerRow } from './common.js';
import { textWidth } from '../column-widths.js';
import { say, type Said, type Translate } from '../../messages/index.js';

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
}

/** Adds one sheet per source; returns them with their header row (for print titles). */
export function writeRowsSheets(wb: Workbook, input: RowsSheetsInput): { ws: Worksheet; headerRow: number }[] {
  const out: { ws: Worksheet; headerRow: number }[] = [];
  for (const s of input.rows.sources) {
    const ws = wb.addWorksheet(sheetName(wb, s.source, input.text));
    out.push({ ws, headerRow: writeSource(ws, s, input) });
  }
  return out;
}

function writeSource(ws: Worksheet, s: SourceRows, input: RowsSheetsInput): number {
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
  s.rows.forEach((x, k) => {
    const row = ws.getRow(head + 1 + k);
    const rep = reps[x.rep]!;
    setText(row.getCell(1), rep.id);
    setText(row.getCell(2), rep.name);
    row.getCell(2).alignment = INDENT;
    setNumber(row.getCell(3), x.row, '0');
    s.columns.forEach((c, j) => {
      const v = x.values[j] ?? null;
      const cell = row.getCell(first + j);
      if (typeof v === 'string') {
        setText(cell, v);
        cell.alignment = INDENT;
      } else if (v === null) setNumber(cell, null);
      else if (c.type === 'date')
        setNumber(cell, v + 25569, input.dateFmt); // day 0 = 1970-01-01 = serial 25569
      else if (c.type === 'money') setNumber(cell, v, input.moneyFmt);
      else if (c.type === 'percent') setNumber(cell, v, PERCENT);
      else setNumber(cell, v);
    });
    x.verdicts.forEach((v, j) => {
      const cell = row.getCell(verdict0 + j);
      setText(cell, verdict(v));
      cell.alignment = INDENT;
    });
  });
  const last = head + s.rows.length;
  const lastCol = columnLetters(verdict0 + s.uses.length - 2);
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
      ...x.values.map((v, j) => (v === null ? '' : s.columns[j]!.type === 'date' ? dateSample : typeof v === 'number' ? v.toLocaleString('en-US') + '.00' : v)),
      ...x.verdicts.map(verdict),
    ];
    texts.forEach((text, j) => {
      widths[j] = Math.max(widths[j]!, textWidth(text) + 2);
    });
  }
  widths.forEach((w, j) => {
    ws.getColumn(j + 1).width = Math.min(w, 48);
  });
  return head;
}

// exceljs cell values → plain values. exceljs hands out string, number, boolean, Date, {richText},
// {formula, result}, {sharedFormula, result}, {text, hyperlink} and {error}; this flattens them.

import type { Note } from './values.js';

export type Plain = string | number | boolean | Date | null;

export function unwrapCell(v: unknown, note: Note): Plain {
  if (v === undefined || v === null) return null;
  switch (typeof v) {
    case 'string':
    case 'number':
    case 'boolean':
      return v;
    case 'object':
      break;
    default:
      note.error = 'has an unsupported cell type';
      return null;
  }
  if (v instanceof Date) return v;
  const o = v as Record<string, unknown>;
  if ('error' in o) {
    note.error = `the cell shows the error ${String(o.error)}`;
    return null;
  }
  if (Array.isArray(o.richText)) {
    return (o.richText as { text?: unknown }[]).map((r) => (typeof r.text === 'string' ? r.text : '')).join('');
  }
  if ('formula' in o || 'sharedFormula' in o) {
    const r = o.result;
    if (r === undefined) {
      note.warning = 'formula cell has no saved result; read as blank (open and save the file in Excel to store it)';
      return null;
    }
    // exceljs parses an error result (#DIV/0!) of a numeric formula with parseFloat: NaN.
    if (typeof r === 'number' && Number.isNaN(r)) {
      note.error = 'the formula shows an error';
      return null;
    }
    return unwrapCell(r, note);
  }
  if ('text' in o) return unwrapCell(o.text, note); // hyperlink
  note.error = 'has an unsupported cell content';
  return null;
}

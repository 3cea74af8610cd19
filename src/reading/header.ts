// Finding the header row and mapping the scheme's headers to column positions.

import type { ColumnSpec, SourceSpec } from '../core/model.js';
import { codedIssue, type DataIssue } from '../core/table.js';
import { problem, type Problem } from '../messages/index.js';
import { DataError } from './errors.js';
import { headerUnitIssues } from './header-units.js';

/** How far down a title block may push the header row. */
export const HEADER_SEARCH_ROWS = 20;

/**
 * Header text as compared: trimmed (also full-width spaces and a stray BOM), NFC-normalised, and a line break typed
 * in the cell (Alt+Enter: `Amount⏎(USD)`, shown on two lines) read as one space, as the user writes it in the scheme.
 */
export const normHeader = (s: string): string => {
  const t = s.trim();
  return (t.includes('\n') || t.includes('\r') ? t.replace(/[ \t]*(?:\r\n?|\n)[ \t]*/g, ' ') : t).normalize('NFC');
};

/** Excel column letters for a 0-based index: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** How many of the mapped headers a row contains. */
export function countMatches(spec: SourceSpec, cells: readonly string[]): number {
  const present = new Set(cells);
  let n = 0;
  for (const c of spec.columns) if (present.has(normHeader(c.header))) n++;
  return n;
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] as number;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] as number;
      prev[j] = Math.min(up + 1, (prev[j - 1] as number) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length] as number;
}

/** The existing header closest to `wanted`, if it is plausibly a typo or a case/spacing difference. */
export function closestHeader(wanted: string, headers: readonly string[], maxEdits?: number): string | undefined {
  const w = wanted.toLowerCase().replace(/\s+/g, ' ');
  let best: string | undefined;
  let bestD = Infinity;
  for (const h of headers) {
    if (h === '') continue;
    const d = editDistance(w, h.toLowerCase().replace(/\s+/g, ' '));
    if (d < bestD) {
      bestD = d;
      best = h;
    }
  }
  return bestD <= (maxEdits ?? Math.max(2, Math.floor(w.length / 3))) ? best : undefined;
}

/** Mapped columns whose header is not in `headers`, each with a suggestion. For `kpi validate` too. */
export function missingHeaders(spec: SourceSpec, headers: readonly string[]): { column: ColumnSpec; suggestion?: string }[] {
  const present = new Set(headers.map(normHeader));
  return spec.columns
    .filter((c) => !present.has(normHeader(c.header)))
    .map((column) => {
      const suggestion = closestHeader(normHeader(column.header), headers.map(normHeader));
      return suggestion === undefined ? { column } : { column, suggestion };
    });
}

/**
 * Mapped columns not in the header row (what missingHeaders found), as one problem: the column and the closest
 * header when one is missing, all of them (each with its closest header) when several are.
 */
export function missingHeadersProblem(
  file: string,
  missing: readonly { column: ColumnSpec; suggestion?: string }[],
  headers: readonly string[],
  row: number,
): Problem {
  const found =
    headers
      .map(normHeader)
      .filter((h) => h !== '')
      .map((h) => `"${h}"`)
      .join(', ') || '—';
  if (missing.length === 1) {
    const { column, suggestion } = missing[0]!;
    return problem('KPI2667', { file, header: column.header, name: column.name, suggestion, row, found });
  }
  // The user's own words only (headers, names), so the list reads the same in every language; the closest
  // headers, when any is close, follow in the run's language (closestTerm).
  const columns = missing.map(({ column }) => `"${column.header}" (${column.name})`).join(', ');
  const near = missing.flatMap(({ column, suggestion }) => (suggestion === undefined ? [] : [`"${column.header}" → "${suggestion}"`]));
  const closest = { suggestions: near.join(', ') }; // the term's value
  return problem('KPI2668', {
    file,
    n: missing.length,
    columns,
    closestTerm: near.length > 0 ? 'term.closestHeaders' : 'term.noCloseHeader',
    row,
    found,
    ...closest,
  });
}

export interface HeaderPlan {
  /** Position of each spec.columns entry in the row (0-based). */
  positions: number[];
  issues: DataIssue[];
}

/**
 * Maps the scheme's columns to positions in the header row. Missing or ambiguous mapped headers stop the
 * run; empty, duplicate or reserved-looking unmapped headers are harmless and only reported.
 */
export function planColumns(spec: SourceSpec, headers: readonly string[], headerRow: number): HeaderPlan {
  const file = spec.fileAsWritten;
  const issues: DataIssue[] = [];
  const norm = headers.map(normHeader);
  const missing = missingHeaders(spec, headers);
  if (missing.length > 0) {
    throw new DataError(missingHeadersProblem(file, missing, headers, headerRow), {
      file,
      row: headerRow,
      column: (missing[0] as { column: ColumnSpec }).column.header,
    });
  }
  const at = new Map<string, number[]>();
  norm.forEach((h, i) => {
    const list = at.get(h);
    if (list) list.push(i);
    else at.set(h, [i]);
  });
  const mapped = new Set(spec.columns.map((c) => normHeader(c.header)));
  const lastNamed = norm.reduce((last, h, i) => (h !== '' ? i : last), -1);
  for (const [h, list] of at) {
    const cols = list.map(columnLetter).join(', ');
    if (h === '') {
      const inside = list.filter((i) => i < lastNamed);
      if (inside.length > 0) {
        issues.push(note(file, spec.name, headerRow, '', problem('KPI2304', { letters: inside.map(columnLetter).join(', ') })));
      }
    } else if (list.length > 1) {
      if (mapped.has(h)) {
        throw new DataError(problem('KPI2669', { file, header: h, letters: cols, row: headerRow }), { file, row: headerRow, column: h });
      }
      issues.push(note(file, spec.name, headerRow, h, problem('KPI2305', { header: h, letters: cols })));
    }
    if (h === '__proto__' || h === 'constructor' || h === 'prototype') {
      issues.push(note(file, spec.name, headerRow, h, problem('KPI2306', { header: h })));
    }
  }
  const positions = spec.columns.map((c) => (at.get(normHeader(c.header)) as number[])[0] as number);
  for (const i of headerUnitIssues(spec, headerRow)) issues.push(i);
  return { positions, issues };
}

// A header the scheme does not read cannot change a figure: a note, listed but not a reason to call the run not final
// (pandas writes its index as a column with an empty header; a second unused "Notes" column is common).
function note(file: string, source: string, row: number, column: string, p: Problem): DataIssue {
  return codedIssue(p, { file, source, row, column, severity: 'note', action: 'kept' });
}

// Every data issue of a run on the report, however many (issue 9: millions must work): the "Data issues" sheet and,
// past the 1,048,576 rows a sheet holds, continuation sheets named so a reader sees they continue.
//
// exceljs keeps every cell as objects and builds each sheet's XML as one string: 200,000 issues took 2.5 GB and
// three minutes, and a sheet of a million rows is more XML than one string can hold. So exceljs lays each issue
// sheet out (header, column widths, filter, print settings) with two probe rows whose cells tell which styles the
// issue cells take, and the rows themselves are written here as sheet XML, in chunks, deflated as they are made,
// straight into the package exceljs wrote. pako deflates (the library exceljs's own zip uses): pure JavaScript,
// so the same issues give the same bytes on every machine, which Node's zlib does not promise.
import { crc32 as zlibCrc32 } from 'node:zlib';
import pako from 'pako';
import type { DataIssue } from '../core/table.js';
import { english, issueText, type Translate } from '../messages/index.js';
import { displayWidth } from './text-width.js';
import { FORMULA_LIKE, setNumber, setNote, setText, type Workbook, type Worksheet } from './excel.js';
import { fitColumns, textWidth, wrappedLines } from './column-widths.js';
import { crc32, entryText, readZip, writeZip, type ZipEntry } from './zip.js';

/** Rows of one sheet below its header (Excel's 1,048,576 rows, less one). */
const SHEET_ROWS = 1_048_575;

const COLUMNS = 8;
const WIDTHS = [28, 14, 8, 18, 24, 48, 10, 10];
const MAX_WIDTH = 50;
/** Rows 2 and 3 of a laid-out sheet: a plain and a formula-like value in every column, to read their styles from. */
const PROBE_PLAIN = 2;
const PROBE_FORMULA_LIKE = 3;

/** One issue sheet of the plan: its name and the issues it lists, issues[first, first + count). */
export interface IssueSheet {
  name: string;
  first: number;
  count: number;
}

/** What reportBytes needs to write the rows: the issues, the sheets, and each column's width and wrapping. */
export interface IssueRows {
  issues: readonly DataIssue[];
  sheets: IssueSheet[];
  /** Per column (0-based): the width, when its text wraps (rows then get their height), else null. */
  wrapAt: (number | null)[];
  t: Translate;
}

/** The sheet names: "Data issues", then "Data issues (cont. 2)" … ("数据问题（续2）" in Chinese). */
export function issueSheetNames(total: number, t: Translate = english, rowsPerSheet = SHEET_ROWS): string[] {
  const n = Math.max(1, Math.ceil(total / rowsPerSheet));
  return Array.from({ length: n }, (_, k) => (k === 0 ? t('sheet.issues') : t('sheet.issuesCont', { n: k + 1 })));
}

/**
 * The issue sheets laid out in `wb` (header, widths, filter over every row, probes); the rows are written by
 * writeIssueRows once exceljs has written the package. The first sheet is the one other sheets point at.
 */
export function addIssueSheets(
  wb: Workbook,
  issues: readonly DataIssue[],
  t: Translate = english,
  rowsPerSheet = SHEET_ROWS,
): { sheets: Worksheet[]; rows: IssueRows } {
  const names = issueSheetNames(issues.length, t, rowsPerSheet);
  const titles = [t('col.file'), t('col.source'), t('col.row'), t('col.column'), t('col.value'), t('col.reason'), t('col.severity'), t('col.action')];
  const content = contentWidths(issues, t);
  const sheets: Worksheet[] = [];
  const plan: IssueSheet[] = [];
  names.forEach((name, k) => {
    const first = k * rowsPerSheet;
    const count = Math.min(rowsPerSheet, issues.length - first);
    const ws = wb.addWorksheet(name);
    ws.columns = titles.map((title, i) => ({ header: title, width: WIDTHS[i] ?? 12 }));
    const head = ws.getRow(1);
    head.font = { bold: true };
    head.eachCell((c) => {
      c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    });
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    // A plain range with a filter: exceljs tables plus notes corrupt the file.
    ws.autoFilter = { from: 'A1', to: `H${1 + count}` };
    if (names.length > 1) {
      setNote(
        ws.getCell('A1'),
        t('issues.sheetPart', {
          from: (first + 1).toLocaleString('en-US'),
          to: (first + count).toLocaleString('en-US'),
          n: issues.length.toLocaleString('en-US'),
          sheets: names.map((x) => `"${x}"`).join(', '),
        }),
      );
    }
    for (let c = 1; c <= COLUMNS; c++) {
      if (c === 3) {
        setNumber(ws.getCell(PROBE_PLAIN, c), 1);
        setNumber(ws.getCell(PROBE_FORMULA_LIKE, c), 1);
      } else {
        setText(ws.getCell(PROBE_PLAIN, c), 'x');
        setText(ws.getCell(PROBE_FORMULA_LIKE, c), '=x');
      }
    }
    // Widths from every issue (the sheet model holds none of them): the same rule as every other sheet.
    fitColumns(ws, { maxWidth: MAX_WIDTH, lastRow: 1, contentWidths: content });
    sheets.push(ws);
    plan.push({ name, first, count });
  });
  const ws = sheets[0]!;
  const wrapAt = Array.from({ length: COLUMNS }, (_, i) => (ws.getColumn(i + 1).alignment?.wrapText ? (ws.getColumn(i + 1).width ?? 10) : null));
  return { sheets, rows: { issues, sheets: plan, wrapAt, t } };
}

/** The cells of one issue, as the sheet shows them: text, or the row number. */
function cellsOf(i: DataIssue, t: Translate): (string | number | null)[] {
  return [
    i.file,
    i.source ?? '',
    i.row ?? null,
    i.column ?? '',
    i.value ?? '',
    (i.code ? `${i.code} ` : '') + issueText(i, t),
    t(`severity.${i.severity}`),
    t(`action.${i.action}`),
  ];
}

/** The widest text of each column over all the issues, in character cells (a Chinese character counts two). */
function contentWidths(issues: readonly DataIssue[], t: Translate): Map<number, number> {
  const widths = new Map<number, number>();
  const seen: Set<string>[] = Array.from({ length: COLUMNS }, () => new Set());
  for (const i of issues) {
    cellsOf(i, t).forEach((v, c) => {
      if (v === null || v === '') return;
      const text = typeof v === 'number' ? String(v) : v;
      // Repeating text (files, columns, severities) is measured once.
      const s = seen[c]!;
      if (s.size < 4096) {
        if (s.has(text)) return;
        s.add(text);
      }
      const w = textWidth(text);
      if (w > (widths.get(c + 1) ?? 0)) widths.set(c + 1, w);
    });
  }
  return widths;
}

const XML_SPECIAL = /[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]|_x[0-9a-fA-F]{4}_/;

/**
 * Text as the content of <t>: XML escaped; characters XML cannot hold (controls, unpaired surrogates) as Excel's
 * `_xHHHH_`, and text that reads like such an escape with its underscore escaped, so it reads back as written.
 */
export function xmlText(s: string): string {
  if (!XML_SPECIAL.test(s)) return s;
  let out = '';
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c === 0x26) out += '&amp;';
    else if (c === 0x3c) out += '&lt;';
    else if (c === 0x3e) out += '&gt;';
    else if (c === 0x22) out += '&quot;';
    else if (c === 0x5f && /^_x[0-9a-fA-F]{4}_/.test(s.slice(k, k + 7))) out += '_x005F_';
    else if (c >= 0xd800 && c <= 0xdbff && k + 1 < s.length && s.charCodeAt(k + 1) >= 0xdc00 && s.charCodeAt(k + 1) <= 0xdfff) {
      out += s[k]! + s[k + 1]!;
      k++;
    } else if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || (c >= 0xd800 && c <= 0xdfff) || c === 0xfffe || c === 0xffff) {
      out += `_x${c.toString(16).toUpperCase().padStart(4, '0')}_`;
    } else out += s[k];
  }
  return out;
}

const LETTERS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];

/** Style indexes of the probe cells of row `row` in a sheet's XML, one per column letter (0 = none). */
export function probeStyles(xml: string, row: number, letters: readonly string[] = LETTERS): number[] {
  return letters.map((letter) => {
    const m = new RegExp(`<c r="${letter}${row}"(?: [^>]*?)?(?: s="(\\d+)")?[^>]*>`).exec(xml);
    const s = m && /\bs="(\d+)"/.exec(m[0]);
    return s ? Number(s[1]) : 0;
  });
}

/**
 * One cell as sheet XML: a number, or text as an inline string, in the style of its column's plain probe (the
 * formula-like probe's, with the text format, for text a spreadsheet might run as a formula). Blank text and a
 * number that is not finite make no cell.
 */
export function cellXml(ref: string, v: string | number, plain: number, formulaLike: number): string {
  if (typeof v === 'number') return Number.isFinite(v) ? `<c r="${ref}"${plain ? ` s="${plain}"` : ''}><v>${v}</v></c>` : '';
  if (v === '') return '';
  const text = v.normalize('NFC');
  const s = FORMULA_LIKE.test(text) ? formulaLike : plain;
  const space = /^\s|\s$/.test(text) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}"${s ? ` s="${s}"` : ''} t="inlineStr"><is><t${space}>${xmlText(text)}</t></is></c>`;
}

/** Each sheet's part in the package, by sheet name: xl/workbook.xml and its relationships. */
export function sheetParts(entries: readonly ZipEntry[]): Map<string, string> {
  const text = (name: string) => {
    const e = entries.find((x) => x.name === name);
    if (!e) throw new Error(`the package has no ${name}`);
    return entryText(e);
  };
  const targets = new Map<string, string>();
  for (const m of text('xl/_rels/workbook.xml.rels').matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]+)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]+)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const parts = new Map<string, string>();
  for (const m of text('xl/workbook.xml').matchAll(/<sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const id = /\br:id="([^"]+)"/.exec(m[0])?.[1];
    if (name !== undefined && id && targets.has(id)) parts.set(unescapeXml(name), targets.get(id)!);
  }
  return parts;
}

function unescapeXml(s: string): string {
  return s.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e]!);
}

/** CRC-32 continued over another chunk: Node's (Node ≥ 20.15) or ours. */
const crcUpdate: (data: Uint8Array, prev: number) => number = typeof zlibCrc32 === 'function' ? (d, p) => zlibCrc32(d, p) : (d, p) => crc32(d, p);

/** Bytes of XML gathered before they are deflated. */
const CHUNK = 1 << 20;

/** The package with every issue row written into its issue sheets (see the top of this file). */
export function writeIssueRows(zip: Buffer, plan: IssueRows): Buffer {
  const entries = readZip(zip);
  const parts = sheetParts(entries);
  for (const sheet of plan.sheets) {
    const part = parts.get(sheet.name);
    const at = entries.findIndex((e) => e.name === part);
    if (part === undefined || at < 0) throw new Error(`the report has no sheet "${sheet.name}"`);
    entries[at] = sheetEntry(part, entryText(entries[at]!), sheet, plan);
  }
  return writeZip(entries);
}

function sheetEntry(name: string, xml: string, sheet: IssueSheet, plan: IssueRows): ZipEntry {
  const open = xml.indexOf('<sheetData');
  const close = xml.indexOf('</sheetData>');
  const headEnd = xml.indexOf('</row>', open);
  if (open < 0 || close < 0 || headEnd < 0 || headEnd > close) throw new Error(`sheet "${sheet.name}": no header row to write the issues under`);
  const plain = probeStyles(xml, PROBE_PLAIN);
  const formulaLike = probeStyles(xml, PROBE_FORMULA_LIKE);
  const last = 1 + sheet.count;
  const before = xml.slice(0, headEnd + '</row>'.length).replace(/<dimension ref="[^"]*"\/>/, `<dimension ref="A1:H${last}"/>`);
  const after = xml.slice(close);

  const deflate = new pako.Deflate({ raw: true, level: 6 });
  const out: Uint8Array[] = [];
  deflate.onData = (chunk: Uint8Array) => out.push(chunk);
  let crc = 0;
  let size = 0;
  const feed = (s: string, final: boolean) => {
    const b = Buffer.from(s, 'utf8');
    crc = crcUpdate(b, crc);
    size += b.length;
    deflate.push(b, final);
  };
  feed(before, false);
  let buf = '';
  const t = plan.t;
  for (let k = 0; k < sheet.count; k++) {
    const r = k + 2;
    const cells = cellsOf(plan.issues[sheet.first + k]!, t);
    let lines = 1;
    let row = '';
    for (let c = 0; c < COLUMNS; c++) {
      const v = cells[c];
      if (v === null || v === undefined || v === '') continue;
      row += cellXml(`${LETTERS[c]}${r}`, v, plain[c]!, formulaLike[c]!);
      if (typeof v === 'number') continue;
      const text = v.normalize('NFC');
      const wrap = plan.wrapAt[c];
      if (wrap !== null && wrap !== undefined && displayWidth(text) > wrap - 1) lines = Math.max(lines, wrappedLines(text, wrap - 1));
    }
    // Neither Excel nor LibreOffice grows a row for wrapped text when it opens a file: the row says its height.
    buf += `<row r="${r}"${lines > 1 ? ` ht="${15 * lines}" customHeight="1"` : ''}>${row}</row>`;
    if (buf.length >= CHUNK) {
      feed(buf, false);
      buf = '';
    }
  }
  feed(buf + after, true);
  if (deflate.err) throw new Error(`sheet "${sheet.name}": ${deflate.msg}`);
  const data = Buffer.concat(out);
  return { name, method: 8, crc: crc >>> 0, size, data };
}

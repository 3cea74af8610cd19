// addCharts: native Excel charts added to an .xlsx that exceljs wrote (exceljs writes no charts). For each sheet with
// charts it adds a drawing part, one chart part per chart, their relationships and content types, and a <drawing>
// element in the sheet. The result is deterministic: same bytes in, same bytes out.
import path from 'node:path';
import { chartXml, drawingXml } from './chart-xml.js';
import type { ChartSpec } from './types.js';
import { entryText, readZip, storedEntry, writeZip, type ZipEntry } from '../zip.js';

export type { ChartSpec } from './types.js';

const REL_DRAWING = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing';
const REL_CHART = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart';
const REL_OFFICE_DOCUMENT = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const CT_CHART = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml';
const CT_DRAWING = 'application/vnd.openxmlformats-officedocument.drawing+xml';

/** Column letters of a 0-based column index: 0 → A, 26 → AA. */
export function columnLetters(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** An absolute reference to a column range of a sheet, quoted as formulas need it: 'My sheet'!$B$2:$B$9. */
export function rangeRef(sheet: string, col: number, firstRow: number, lastRow: number): string {
  const c = columnLetters(col);
  return `'${sheet.replace(/'/g, "''")}'!$${c}$${firstRow}:$${c}$${lastRow}`;
}

/** A reference to one cell: 'Sheet'!$B$1. */
export function cellRef(sheet: string, col: number, row: number): string {
  return `'${sheet.replace(/'/g, "''")}'!$${columnLetters(col)}$${row}`;
}

function decodeXml(s: string): string {
  return s.replace(/&(lt|gt|quot|apos|amp|#x[0-9a-fA-F]+|#\d+);/g, (_, e: string) =>
    e === 'lt'
      ? '<'
      : e === 'gt'
        ? '>'
        : e === 'quot'
          ? '"'
          : e === 'apos'
            ? "'"
            : e === 'amp'
              ? '&'
              : String.fromCodePoint(e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)),
  );
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(tag);
  return m ? decodeXml(m[2] ?? m[3] ?? '') : undefined;
}

interface Rel {
  id: string;
  type: string;
  target: string;
}

function parseRels(xml: string): Rel[] {
  return [...xml.matchAll(/<Relationship\b[^>]*>/g)].map((m) => ({
    id: attr(m[0], 'Id') ?? '',
    type: attr(m[0], 'Type') ?? '',
    target: attr(m[0], 'Target') ?? '',
  }));
}

function relsPathOf(part: string): string {
  return path.posix.join(path.posix.dirname(part), '_rels', `${path.posix.basename(part)}.rels`);
}

function resolveTarget(fromPart: string, target: string): string {
  return target.startsWith('/') ? target.slice(1) : path.posix.normalize(path.posix.join(path.posix.dirname(fromPart), target));
}

function relativeTarget(fromPart: string, toPart: string): string {
  return path.posix.relative(path.posix.dirname(fromPart), toPart);
}

function nextRelId(rels: Rel[]): number {
  return rels.reduce((hi, r) => Math.max(hi, Number(/^rId(\d+)$/.exec(r.id)?.[1] ?? 0)), 0) + 1;
}

function relsXml(rels: Rel[]): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    rels.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${r.target.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"/>`).join('') +
    '</Relationships>'
  );
}

// Children of <worksheet> that come after <drawing> in the schema's sequence.
const AFTER_DRAWING = new Set([
  'legacyDrawing',
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
]);

/** The sheet XML with <drawing r:id> inserted where CT_Worksheet's sequence puts it. */
export function insertDrawing(sheetXml: string, relId: string): string {
  let depth = 0;
  let insertAt = -1;
  let rootTag = '';
  const tags = /<(\/?)([A-Za-z_][\w.:-]*)[^>]*?(\/?)>/g;
  for (let m = tags.exec(sheetXml); m; m = tags.exec(sheetXml)) {
    if (m[0].startsWith('<?')) continue;
    const [, close, name, selfClose] = m;
    const local = name!.replace(/^.*:/, '');
    if (close) {
      depth--;
      if (depth === 0) {
        insertAt = m.index;
        break;
      }
      continue;
    }
    if (depth === 0) rootTag = m[0];
    else if (depth === 1) {
      if (local === 'drawing') throw new Error('the sheet already has a drawing (pictures or charts); addCharts cannot merge into it');
      if (AFTER_DRAWING.has(local)) {
        insertAt = m.index;
        break;
      }
    }
    if (!selfClose) depth++;
  }
  if (insertAt < 0) throw new Error('not a worksheet: no closing tag');
  const rDeclared = new RegExp(`xmlns:r\\s*=\\s*["']${NS_R.replace(/[.]/g, '\\.')}["']`).test(rootTag);
  const element = rDeclared ? `<drawing r:id="${relId}"/>` : `<drawing xmlns:r="${NS_R}" r:id="${relId}"/>`;
  return sheetXml.slice(0, insertAt) + element + sheetXml.slice(insertAt);
}

/**
 * Adds `specs` to the workbook `xlsx` (as written by exceljs or any OOXML writer) and returns the new package.
 * A sheet that already has a drawing (pictures) is refused rather than merged.
 */
export function addCharts(xlsx: Uint8Array, specs: readonly ChartSpec[]): Buffer {
  const buf = Buffer.isBuffer(xlsx) ? xlsx : Buffer.from(xlsx.buffer, xlsx.byteOffset, xlsx.byteLength);
  if (specs.length === 0) return buf;
  const entries = readZip(buf);
  const index = new Map(entries.map((e, i) => [e.name, i]));
  const text = (name: string): string | undefined => {
    const i = index.get(name);
    return i === undefined ? undefined : entryText(entries[i]!);
  };
  const put = (name: string, content: string): void => {
    const e = storedEntry(name, content);
    const i = index.get(name);
    if (i === undefined) {
      index.set(name, entries.length);
      entries.push(e);
    } else entries[i] = e;
  };

  const rootRels = parseRels(text('_rels/.rels') ?? '');
  const workbookPart = resolveTarget('', rootRels.find((r) => r.type === REL_OFFICE_DOCUMENT)?.target ?? 'xl/workbook.xml');
  const workbookXml = text(workbookPart);
  if (workbookXml === undefined) throw new Error('not a workbook: no workbook part');
  const workbookRels = parseRels(text(relsPathOf(workbookPart)) ?? '');
  const sheetParts = new Map<string, string>();
  for (const m of workbookXml.matchAll(/<sheet\b[^>]*>/g)) {
    const name = attr(m[0], 'name');
    const id = attr(m[0], 'r:id');
    const rel = workbookRels.find((r) => r.id === id);
    if (name !== undefined && rel) sheetParts.set(name, resolveTarget(workbookPart, rel.target));
  }

  const highest = (re: RegExp) => entries.reduce((hi, e) => Math.max(hi, Number(re.exec(e.name)?.[1] ?? 0)), 0);
  let chartNo = highest(/^xl\/charts\/chart(\d+)\.xml$/);
  let drawingNo = highest(/^xl\/drawings\/drawing(\d+)\.xml$/);
  const overrides: string[] = [];

  const bySheet = new Map<string, ChartSpec[]>();
  for (const s of specs) bySheet.set(s.sheet, [...(bySheet.get(s.sheet) ?? []), s]);
  for (const [sheet, charts] of bySheet) {
    const part = sheetParts.get(sheet);
    const sheetXml = part === undefined ? undefined : text(part);
    if (part === undefined || sheetXml === undefined) throw new Error(`addCharts: no sheet named "${sheet}"`);
    const drawingPart = `xl/drawings/drawing${++drawingNo}.xml`;
    const sheetRelsPath = relsPathOf(part);
    const sheetRels = parseRels(text(sheetRelsPath) ?? '');
    const drawingRelId = `rId${nextRelId(sheetRels)}`;
    sheetRels.push({ id: drawingRelId, type: REL_DRAWING, target: relativeTarget(part, drawingPart) });
    put(part, insertDrawing(sheetXml, drawingRelId));
    put(sheetRelsPath, relsXml(sheetRels));

    const drawingRels: Rel[] = charts.map((_, i) => {
      const chartPart = `xl/charts/chart${++chartNo}.xml`;
      overrides.push(`<Override PartName="/${chartPart}" ContentType="${CT_CHART}"/>`);
      return { id: `rId${i + 1}`, type: REL_CHART, target: relativeTarget(drawingPart, chartPart) };
    });
    charts.forEach((c, i) => {
      put(resolveTarget(drawingPart, drawingRels[i]!.target), chartXml(c));
    });
    put(
      drawingPart,
      drawingXml(
        charts,
        drawingRels.map((r) => r.id),
      ),
    );
    put(relsPathOf(drawingPart), relsXml(drawingRels));
    overrides.push(`<Override PartName="/${drawingPart}" ContentType="${CT_DRAWING}"/>`);
  }

  const types = text('[Content_Types].xml');
  if (types === undefined || !types.includes('</Types>')) throw new Error('not a workbook: no [Content_Types].xml');
  put('[Content_Types].xml', types.replace('</Types>', `${overrides.join('')}</Types>`));
  return writeZip(entries as ZipEntry[]);
}

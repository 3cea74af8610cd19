// Where the parts of a workbook are, found as Excel finds them: from the package relationships
// (`_rels/.rels` → the workbook part → its own relationships), never from entry names or their order.
// Targets may be absolute (`/xl/worksheets/sheet1.xml`, as openpyxl writes) or relative, the workbook part may
// live outside `xl/`, and strict OOXML (purl.oclc.org namespaces) names the relationship types differently.

import { DataError } from '../errors.js';
import { problem, type Problem } from '../../messages/index.js';
import { XmlError, startTags } from './xml.js';
import { notXlsx, type Zip } from './zip.js';

export type SheetKind = 'worksheet' | 'chartsheet' | 'dialogsheet' | 'macrosheet';
export type SheetVisibility = 'visible' | 'hidden' | 'veryHidden';

export interface SheetInfo {
  name: string;
  /** Zip entry of its XML; undefined when the workbook names a part that is not there. */
  part: string | undefined;
  kind: SheetKind;
  visibility: SheetVisibility;
}

export interface WorkbookInfo {
  sheets: SheetInfo[];
  date1904: boolean;
  /**
   * The workbook asks to have every formula calculated when it is opened (`<calcPr fullCalcOnLoad="1">`): the
   * program that wrote it did not calculate, so the results saved beside its formulas are placeholders (xlsxwriter
   * saves 0). Excel, WPS and LibreOffice calculate, and save without the flag.
   */
  calcOnLoad: boolean;
  stylesPart: string | undefined;
  sharedStringsPart: string | undefined;
}

/** Relationship type by its last path segment: transitional and strict OOXML share those. */
const relKind = (type: string): string => type.slice(type.lastIndexOf('/') + 1);

const WORKBOOK_CONTENT_TYPES = [
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
  'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml',
  'application/vnd.ms-excel.template.macroEnabled.main+xml',
];

/** `dir/_rels/name.rels` for the part `dir/name`. */
function relsOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** A relationship target as a zip entry name: absolute from the package root, or relative to the source part. */
function resolveTarget(source: string, target: string): string {
  let t = target;
  try {
    t = decodeURIComponent(t);
  } catch {
    // not percent-encoded after all
  }
  t = t.replace(/\\/g, '/');
  const segments = t.startsWith('/') ? [] : source.split('/').slice(0, -1);
  for (const seg of t.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') segments.pop();
    else segments.push(seg);
  }
  return segments.join('/');
}

interface Rel {
  id: string;
  kind: string;
  target: string;
  external: boolean;
}

async function relationships(zip: Zip, source: string): Promise<Rel[]> {
  const xml = await zip.text(relsOf(source));
  if (xml === undefined) return [];
  const out: Rel[] = [];
  for (const t of startTags(xml, new Set(['Relationship']))) {
    const target = t.attrs.get('Target');
    if (target === undefined) continue;
    const external = t.attrs.get('TargetMode') === 'External';
    out.push({ id: t.attrs.get('Id') ?? '', kind: relKind(t.attrs.get('Type') ?? ''), target: external ? target : resolveTarget(source, target), external });
  }
  return out;
}

/** What a zip that is not a workbook is, for the message. */
async function whatZip(zip: Zip): Promise<Problem> {
  const file = zip.file;
  const mimetype = (await zip.text('mimetype').catch(() => undefined))?.trim() ?? '';
  if (mimetype.startsWith('application/vnd.oasis.opendocument.spreadsheet')) return notXlsx.ods(file);
  if (mimetype.startsWith('application/vnd.oasis.opendocument')) return notXlsx.otherZip(file, 'term.openDocument');
  if (zip.has('xl/workbook.bin')) return notXlsx.xlsb(file);
  if (zip.has('word/document.xml')) return notXlsx.otherZip(file, 'term.wordDocument');
  if (zip.has('ppt/presentation.xml')) return notXlsx.otherZip(file, 'term.powerPoint');
  if (zip.has('content.xml')) return notXlsx.ods(file);
  return notXlsx.otherZip(file, 'term.noWorkbookPart');
}

/** The workbook's sheets and the parts every sheet shares. */
export async function readPackage(zip: Zip): Promise<WorkbookInfo> {
  const file = zip.file;
  try {
    let workbook: string | undefined;
    for (const r of await relationships(zip, '')) {
      if (r.kind === 'officeDocument' && !r.external && zip.has(r.target)) workbook = r.target;
    }
    if (workbook === undefined) {
      // No usable package relationship: the content types name the workbook part, or the usual name.
      const types = await zip.text('[Content_Types].xml');
      for (const t of types === undefined ? [] : startTags(types, new Set(['Override']))) {
        const part = resolveTarget('', t.attrs.get('PartName') ?? '');
        if (WORKBOOK_CONTENT_TYPES.includes(t.attrs.get('ContentType') ?? '') && zip.has(part)) workbook = part;
      }
    }
    if (workbook === undefined && zip.has('xl/workbook.xml')) workbook = 'xl/workbook.xml';
    if (workbook === undefined) throw new DataError(await whatZip(zip), { file });
    workbook = zip.part(workbook)?.name ?? workbook;
    if (workbook.endsWith('.bin')) throw new DataError(notXlsx.xlsb(file), { file });

    const rels = await relationships(zip, workbook);
    const byId = new Map(rels.map((r) => [r.id, r]));
    const xml = (await zip.text(workbook)) ?? '';
    let date1904 = false;
    let calcOnLoad = false;
    const sheets: SheetInfo[] = [];
    for (const t of startTags(xml, new Set(['workbookPr', 'sheet', 'calcPr']))) {
      if (t.name === 'workbookPr') {
        const v = t.attrs.get('date1904');
        date1904 = v === '1' || v === 'true';
        continue;
      }
      if (t.name === 'calcPr') {
        const v = t.attrs.get('fullCalcOnLoad');
        calcOnLoad = v === '1' || v === 'true';
        continue;
      }
      const name = t.attrs.get('name') ?? '';
      // The relationship id is the `id` attribute in the relationships namespace (r:id; strict files too).
      let rid: string | undefined;
      for (const [k, v] of t.attrs) if (k.endsWith(':id')) rid = v;
      const rel = rid === undefined ? undefined : byId.get(rid);
      const kind: SheetKind =
        rel?.kind === 'chartsheet' ? 'chartsheet' : rel?.kind === 'dialogsheet' ? 'dialogsheet' : rel?.kind === 'xlMacrosheet' ? 'macrosheet' : 'worksheet';
      const state = t.attrs.get('state');
      const visibility: SheetVisibility = state === 'hidden' ? 'hidden' : state === 'veryHidden' ? 'veryHidden' : 'visible';
      const part = rel && !rel.external && zip.has(rel.target) ? zip.part(rel.target)?.name : undefined;
      sheets.push({ name, part, kind, visibility });
    }
    const find = (kind: string): string | undefined => {
      const r = rels.find((x) => x.kind === kind && !x.external && zip.has(x.target));
      return r && zip.part(r.target)?.name;
    };
    return { sheets, date1904, calcOnLoad, stylesPart: find('styles'), sharedStringsPart: find('sharedStrings') };
  } catch (e) {
    if (e instanceof XmlError) throw new DataError(problem('KPI2648', { file, errorTerm: e.term, ...e.values }), { file });
    throw e;
  }
}

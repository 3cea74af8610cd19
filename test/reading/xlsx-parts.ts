// Hand-built workbooks: every part written out as XML, so a test can hold exactly the shape a real writer
// emits (absolute targets, strict namespaces, prefixes, entry order, inline strings, phonetic runs …).
import JSZip from 'jszip';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
const STRICT_MAIN = 'http://purl.oclc.org/ooxml/spreadsheetml/main';
const STRICT_REL = 'http://purl.oclc.org/ooxml/officeDocument/relationships';

export interface HandSheet {
  name: string;
  state?: 'hidden' | 'veryHidden';
  /** The <sheetData> content (rows), or a whole worksheet part when it starts with '<?xml' or '<'+prefix+'worksheet'. */
  data: string;
  /** Extra XML after </sheetData> (mergeCells …). */
  after?: string;
}

export interface HandBook {
  sheets: HandSheet[];
  /** Shared-string items (the <si> contents). */
  sst?: string[];
  /** Custom number formats [id, code], and cellXfs numFmtIds (style index = position). */
  numFmts?: [number, string][];
  xfs?: number[];
  date1904?: boolean;
  /** Where the workbook part lives (default xl/workbook.xml). */
  workbookPath?: string;
  /** Relationship targets written absolute (/xl/…), as openpyxl does. */
  absoluteTargets?: boolean;
  strict?: boolean;
  /** Namespace prefix for the spreadsheetml elements ("x" → <x:worksheet>). */
  prefix?: string;
  /** Entry order: sheets first, then shared strings and styles (exceljs's streaming reader raced on this). */
  sheetsFirst?: boolean;
  /** No _rels/.rels: found through [Content_Types].xml overrides. */
  noPackageRels?: boolean;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export async function handXlsx(b: HandBook): Promise<Buffer> {
  const main = b.strict ? STRICT_MAIN : MAIN;
  const rel = b.strict ? STRICT_REL : REL;
  const relType = (t: string): string => (b.strict ? `${STRICT_REL}/${t}` : `${REL}/${t}`);
  const p = b.prefix ? `${b.prefix}:` : '';
  const ns = b.prefix ? `xmlns:${b.prefix}="${main}"` : `xmlns="${main}"`;
  const wbPath = b.workbookPath ?? 'xl/workbook.xml';
  const wbDir = wbPath.slice(0, wbPath.lastIndexOf('/') + 1);
  const target = (part: string): string => (b.absoluteTargets ? `/${wbDir}${part}` : part);

  const parts: [string, string][] = [];
  const sheetParts: [string, string][] = b.sheets.map((s, i) => {
    const xml =
      s.data.startsWith('<?xml') || s.data.startsWith(`<${p}worksheet`)
        ? s.data
        : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${p}worksheet ${ns} xmlns:r="${rel}"><${p}sheetData>${s.data}</${p}sheetData>${s.after ?? ''}</${p}worksheet>`;
    return [`${wbDir}worksheets/sheet${i + 1}.xml`, xml];
  });
  const sst =
    b.sst === undefined
      ? undefined
      : `<?xml version="1.0" encoding="UTF-8"?><${p}sst ${ns} count="${b.sst.length}" uniqueCount="${b.sst.length}">${b.sst
          .map((si) => `<${p}si>${si}</${p}si>`)
          .join('')}</${p}sst>`;
  const styles =
    `<?xml version="1.0" encoding="UTF-8"?><${p}styleSheet ${ns}>` +
    (b.numFmts
      ? `<${p}numFmts count="${b.numFmts.length}">${b.numFmts.map(([id, code]) => `<${p}numFmt numFmtId="${id}" formatCode="${esc(code)}"/>`).join('')}</${p}numFmts>`
      : '') +
    `<${p}cellStyleXfs count="1"><${p}xf numFmtId="0"/></${p}cellStyleXfs>` +
    `<${p}cellXfs count="${(b.xfs ?? [0]).length}">${(b.xfs ?? [0]).map((id) => `<${p}xf numFmtId="${id}" xfId="0" applyNumberFormat="1"/>`).join('')}</${p}cellXfs>` +
    `</${p}styleSheet>`;
  const workbook =
    `<?xml version="1.0" encoding="UTF-8"?><${p}workbook ${ns} xmlns:r="${rel}">` +
    (b.date1904 ? `<${p}workbookPr date1904="1"/>` : `<${p}workbookPr/>`) +
    `<${p}sheets>${b.sheets
      .map((s, i) => `<${p}sheet name="${esc(s.name)}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`)
      .join('')}</${p}sheets></${p}workbook>`;
  const n = b.sheets.length;
  const wbRels =
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG}">` +
    b.sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${relType('worksheet')}" Target="${target(`worksheets/sheet${i + 1}.xml`)}"/>`).join('') +
    `<Relationship Id="rId${n + 1}" Type="${relType('styles')}" Target="${target('styles.xml')}"/>` +
    (sst ? `<Relationship Id="rId${n + 2}" Type="${relType('sharedStrings')}" Target="${target('sharedStrings.xml')}"/>` : '') +
    `</Relationships>`;
  const types =
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
    `<Override PartName="/${wbPath}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
    sheetParts
      .map(([name]) => `<Override PartName="/${name}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
      .join('') +
    `</Types>`;
  const pkgRels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${relType('officeDocument')}" Target="${wbPath}"/></Relationships>`;

  const common: [string, string][] = [
    ['[Content_Types].xml', types],
    ...(b.noPackageRels ? [] : ([['_rels/.rels', pkgRels]] as [string, string][])),
    [wbPath, workbook],
    [`${wbDir}_rels/${wbPath.slice(wbDir.length)}.rels`, wbRels],
  ];
  const shared: [string, string][] = [[`${wbDir}styles.xml`, styles], ...(sst ? ([[`${wbDir}sharedStrings.xml`, sst]] as [string, string][]) : [])];
  parts.push(...(b.sheetsFirst ? [...sheetParts, ...common, ...shared] : [...common, ...shared, ...sheetParts]));
  const zip = new JSZip();
  for (const [name, xml] of parts) zip.file(name, xml);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** A row of cells given as raw <c> XML strings, or plain values written as inline strings and numbers. */
export function row(r: number, cells: (string | number | null)[], p = ''): string {
  const xml = cells
    .map((v, i) => {
      const ref = `${String.fromCharCode(65 + i)}${r}`;
      if (v === null) return '';
      if (typeof v === 'number') return `<${p}c r="${ref}"><${p}v>${v}</${p}v></${p}c>`;
      if (v.startsWith('<')) return v;
      return `<${p}c r="${ref}" t="inlineStr"><${p}is><${p}t xml:space="preserve">${esc(v)}</${p}t></${p}is></${p}c>`;
    })
    .join('');
  return `<${p}row r="${r}">${xml}</${p}row>`;
}

/**
 * A minimal OLE compound file (what .xls files and encrypted .xlsx files are) whose directory holds the
 * given stream names.
 */
export function oleFile(names: string[]): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(header, 0);
  header.writeUInt16LE(0x3e, 0x18);
  header.writeUInt16LE(3, 0x1a);
  header.writeUInt16LE(0xfffe, 0x1c);
  header.writeUInt16LE(9, 0x1e); // 512-byte sectors
  header.writeUInt16LE(6, 0x20);
  header.writeInt32LE(0, 0x30); // directory in sector 0
  const dir = Buffer.alloc(512 * Math.ceil((names.length + 1) / 4));
  ['Root Entry', ...names].forEach((n, i) => {
    const name = Buffer.from(`${n}\0`, 'utf16le');
    name.copy(dir, i * 128);
    dir.writeUInt16LE(name.length, i * 128 + 0x40);
    dir.writeUInt8(i === 0 ? 5 : 2, i * 128 + 0x42);
  });
  return Buffer.concat([header, dir]);
}

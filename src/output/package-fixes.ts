// Repairs to what exceljs writes, applied to the finished package.
import { entryText, readZip, storedEntry, writeZip } from './zip.js';

// exceljs gives every data-bar rule a reference to an x14 extension; for a plain (2007, gradient) data bar the
// reference is empty and points at nothing, which Excel may "repair" (exceljs issue #3015). Without it the rule is
// a valid 2007 data bar that Excel, WPS and LibreOffice all draw.
const EMPTY_X14_REF = /<extLst><ext uri="\{B025F937-C7B1-47D3-B67F-A62EFF666E3E\}" xmlns:x14="http:\/\/schemas\.microsoft\.com\/office\/spreadsheetml\/2009\/9\/main"><x14:id\/><\/ext><\/extLst>/g;

/** The package without empty x14 references in conditional formatting; unchanged bytes when there are none. */
export function dropEmptyX14Refs(xlsx: Buffer): Buffer {
  const entries = readZip(xlsx);
  let changed = false;
  const out = entries.map((e) => {
    if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(e.name)) return e;
    const xml = entryText(e);
    const fixed = xml.replace(EMPTY_X14_REF, '');
    if (fixed === xml) return e;
    changed = true;
    return storedEntry(e.name, fixed);
  });
  return changed ? writeZip(out) : xlsx;
}

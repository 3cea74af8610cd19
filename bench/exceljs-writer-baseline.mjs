// The anchor for writing speed (issue 14): a minimal exceljs script writing the same sheets and cells as kpi's
// report and scorecards (values, formulas with cached results, styles, notes, column widths, views, filters,
// conditional formats), read from a plan made by bench/workbook-plan.mjs. One workbook at a time, each written
// with writeBuffer and saved, as kpi does. kpi's writing time (full run − read + score) is compared with this
// whole process.
//
//   node bench/exceljs-writer-baseline.mjs PLAN.json OUTDIR
import ExcelJS from 'exceljs';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [planFile, outDir] = process.argv.slice(2);
if (!planFile || !outDir) {
  console.error('usage: node bench/exceljs-writer-baseline.mjs PLAN.json OUTDIR');
  process.exit(2);
}
const plan = JSON.parse(readFileSync(planFile, 'utf8'));
const revive = (v) => (v && typeof v === 'object' && 'date' in v ? new Date(v.date) : v);
mkdirSync(outDir, { recursive: true });
let bytes = 0;
for (const book of plan.workbooks) {
  const wb = new ExcelJS.Workbook();
  wb.calcProperties.fullCalcOnLoad = true;
  for (const s of book.sheets) {
    const ws = wb.addWorksheet(s.name, { views: s.views });
    ws.columns = s.widths.map((width) => (width === null ? {} : { width }));
    for (const [address, value, style, note] of s.cells) {
      const cell = ws.getCell(address);
      cell.value = value && typeof value === 'object' && 'formula' in value ? { formula: value.formula, result: revive(value.result) } : revive(value);
      cell.style = plan.styles[style];
      if (note !== undefined) cell.note = note;
    }
    if (s.autoFilter) ws.autoFilter = s.autoFilter;
    for (const cf of s.conditionalFormattings) ws.addConditionalFormatting(cf);
  }
  const buf = await wb.xlsx.writeBuffer();
  writeFileSync(join(outDir, book.name), Buffer.from(buf));
  bytes += buf.byteLength;
}
console.log(JSON.stringify({ workbooks: plan.workbooks.length, bytes }));

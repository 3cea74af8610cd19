// Baseline for the XLSX goal (issue 10: kpi reads an XLSX at least 5 × faster than exceljs's own streaming read,
// with a lower peak RSS): exceljs's streaming WorkbookReader with the options kpi's exceljs adapter used (dates
// need styles: 'cache'), touching every cell value and nothing else.
//
//   node bench/exceljs-baseline.mjs FILE.xlsx        prints the number of rows read
import ExcelJS from 'exceljs';

const file = process.argv[2];
if (!file) {
  console.error('usage: node bench/exceljs-baseline.mjs FILE.xlsx');
  process.exit(2);
}
const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
  worksheets: 'emit',
  sharedStrings: 'cache',
  styles: 'cache',
  hyperlinks: 'ignore',
  entries: 'ignore',
});
let rows = 0;
let cells = 0;
for await (const ws of reader) {
  for await (const row of ws) {
    rows++;
    for (const v of row.values) if (v !== undefined) cells++;
  }
}
console.log(JSON.stringify({ rows, cells }));

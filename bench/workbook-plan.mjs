// What the writing baseline writes: the sheets and cells of workbooks kpi wrote (the report and the scorecards),
// read back with exceljs into one JSON plan: per sheet its column widths, views, auto-filter, conditional
// formats, and every cell's value (formulas with their cached results), style and note. Not timed.
//
//   node bench/workbook-plan.mjs PLAN.json FILE.xlsx…
import ExcelJS from 'exceljs';
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';

/** Cell values as JSON: dates tagged (JSON has none), formula objects kept as {formula, result}. */
function plainValue(v) {
  if (v instanceof Date) return { date: v.toISOString() };
  if (v && typeof v === 'object') {
    if ('formula' in v) return { formula: v.formula, result: v.result instanceof Date ? { date: v.result.toISOString() } : v.result };
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return v.text;
    if ('error' in v) return { error: v.error };
  }
  return v;
}

const noteText = (n) => (n === undefined ? undefined : typeof n === 'string' ? n : (n.texts ?? []).map((t) => t.text).join(''));

export async function planOf(files) {
  const styles = new Map(); // JSON of a style → its index in plan.styles
  const plan = { styles: [], workbooks: [] };
  for (const file of files) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheets = [];
    for (const ws of wb.worksheets) {
      const cells = [];
      ws.eachRow({ includeEmpty: false }, (row) =>
        row.eachCell({ includeEmpty: false }, (c) => {
          const style = JSON.stringify(c.style ?? {});
          let s = styles.get(style);
          if (s === undefined) {
            s = plan.styles.length;
            styles.set(style, s);
            plan.styles.push(c.style ?? {});
          }
          const note = noteText(c.note);
          cells.push(note === undefined ? [c.address, plainValue(c.value), s] : [c.address, plainValue(c.value), s, note]);
        }),
      );
      sheets.push({
        name: ws.name,
        widths: (ws.columns ?? []).map((c) => c.width ?? null),
        views: ws.views ?? [],
        autoFilter: ws.autoFilter ?? null,
        conditionalFormattings: ws.conditionalFormattings ?? [],
        cells,
      });
    }
    plan.workbooks.push({ name: basename(file), sheets });
  }
  return plan;
}

if (process.argv[1]?.endsWith('workbook-plan.mjs')) {
  const [out, ...files] = process.argv.slice(2);
  if (!out || files.length === 0) {
    console.error('usage: node bench/workbook-plan.mjs PLAN.json FILE.xlsx…');
    process.exit(2);
  }
  writeFileSync(out, JSON.stringify(await planOf(files)));
}

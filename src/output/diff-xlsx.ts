// `kpi diff --xlsx FILE`: the comparison as a workbook — cost before and after (with its chart), every rep's
// change and why, tier moves, and the scheme's or the files' changes.
import type { DiffReport } from '../plan/diff-report.js';
import { createWorkbook, moneyFormat } from './excel.js';
import { addStatusSheet, addTableSheet, chartFor, int, money, percent, txt, workbookWithCharts, type ChartPlan, type SheetTable } from './plan-xlsx.js';
import { writeFileAtomic } from './safe-write.js';
import { toolVersion } from '../version.js';
import { parsePeriod } from '../core/period.js';
import { dayToDate } from './numbers.js';

export function diffSheets(r: DiffReport): { tables: SheetTable[]; charts: ChartPlan[] } {
  const c = r.comparison;
  const tables: SheetTable[] = [];
  const charts: ChartPlan[] = [];
  const cost: SheetTable = {
    name: 'Cost',
    head: ['', 'before', 'after', 'change'],
    rows: (['bonus', 'commission', 'deductions', 'payout'] as const).map((k) => [txt(k), money(c.cost.a[k]), money(c.cost.b[k]), money(c.cost.change[k])]),
  };
  tables.push(cost);
  charts.push(chartFor(cost, 'column', `Cost: ${r.a.file} → ${r.b.file}`, [2, 3], moneyFormat(r.currency.symbol, 0)));

  const reps: SheetTable = {
    name: 'Reps',
    head: ['rep', 'name', 'team', 'payout before', 'payout after', 'change', 'score before', 'score after', 'tier before', 'tier after', 'data', 'rules'],
    rows: c.reps.map((x) => [txt(x.id), txt(x.name), txt(x.team), money(x.payoutA), money(x.payoutB), money(x.change), percent(x.scoreA), percent(x.scoreB), txt(x.tierA), txt(x.tierB),
      txt(x.causes.filter((k) => k.kind !== 'rules').map((k) => k.text).join('; ') || null), txt(x.causes.filter((k) => k.kind !== 'data').map((k) => k.text).join('; ') || null)]),
    widths: [10, 22, 10, 14, 14, 14, 12, 12, 16, 16, 50, 50],
  };
  tables.push(reps);
  // One bar per rep reads well up to a few dozen reps; beyond that the sheet itself is the view.
  if (c.reps.length > 0 && c.reps.length <= 60) charts.push(chartFor(reps, 'bar', 'Change in payout per rep', [6], moneyFormat(r.currency.symbol, 0)));

  tables.push({
    name: 'Tier moves',
    head: ['from', 'to', 'reps', 'who'],
    rows: c.tierMoves.map((m) => [txt(m.from), txt(m.to), int(m.reps.length), txt(m.reps.join(', '))]),
    widths: [18, 18, 8, 60],
  });
  tables.push({
    name: 'Changes',
    head: ['what', 'before', 'after', 'kind'],
    rows: [
      ...r.schemeChanges.map((x) => [txt(x.path), txt(x.a), txt(x.b), txt(x.kind)]),
      ...(r.kind === 'runs' && r.schemeChanged !== null ? [[txt('scheme (SHA-256)'), txt(r.schemeChanged ? 'differs' : 'same'), txt(null), txt('rules')]] : []),
      ...r.inputChanges.map((f) => [txt(`${f.source} (${f.role})`), txt(f.a ? `${f.a.file}, ${f.a.rows} rows, ${f.a.sha256}` : null), txt(f.b ? `${f.b.file}, ${f.b.rows} rows, ${f.b.sha256}` : null), txt(f.role === 'targets' ? 'rules' : 'data')]),
      ...r.notes.map((n) => [txt('note'), txt(n), txt(null), txt(null)]),
    ],
    widths: [40, 50, 50, 8],
  });
  return { tables, charts };
}

export async function writeDiffWorkbook(r: DiffReport, target: string, inputs: readonly string[]): Promise<void> {
  // No clock: the workbook is dated by the period compared, so the same comparison gives the same bytes.
  const p = parsePeriod(r.b.period);
  const wb = createWorkbook('error' in p ? new Date(Date.UTC(2000, 0, 1)) : dayToDate(p.end), `kpi ${toolVersion()}`);
  const { tables, charts } = diffSheets(r);
  addStatusSheet(wb, r.status, r.issuesWhere);
  for (const t of tables) addTableSheet(wb, t, { code: r.currency.code, minorUnit: r.currency.minorUnit, symbol: r.currency.symbol });
  await writeFileAtomic(target, await workbookWithCharts(wb, charts), { inputs });
}

// `kpi diff --xlsx FILE`: the comparison as a workbook — cost before and after (with its chart), every rep's
// change and why, tier moves, and the scheme's or the files' changes.
import type { DiffReport } from '../plan/diff-report.js';
import { createWorkbook, moneyFormat } from './excel.js';
import { addStatusSheet, addTableSheet, chartFor, int, money, percent, txt, workbookWithCharts, type ChartPlan, type SheetTable } from './plan-xlsx.js';
import { writeFileAtomic } from './safe-write.js';
import { toolVersion } from '../version.js';
import { parsePeriod } from '../core/period.js';
import { dayToDate } from './numbers.js';
import { english, say, type Translate } from '../messages/index.js';
import { roleText } from './diff-out.js';

function diffSheets(r: DiffReport, t: Translate = english): { tables: SheetTable[]; charts: ChartPlan[] } {
  const c = r.comparison;
  const tables: SheetTable[] = [];
  const charts: ChartPlan[] = [];
  const cost: SheetTable = {
    name: t('diff.sheet.cost'),
    head: ['', t('diff.before'), t('diff.after'), t('bt.change')],
    rows: (['bonus', 'commission', 'deductions', 'payout'] as const).map((k) => [
      txt(t(`plan.${k}`)),
      money(c.cost.a[k]),
      money(c.cost.b[k]),
      money(c.cost.change[k]),
    ]),
  };
  tables.push(cost);
  charts.push(chartFor(cost, 'column', t('diff.chart.cost', { a: r.a.file, b: r.b.file }), [2, 3], moneyFormat(r.currency.symbol, 0)));

  const reps: SheetTable = {
    name: t('diff.sheet.reps'),
    head: [
      t('plan.rep'),
      t('diff.col.name'),
      t('diff.col.team'),
      t('diff.col.payoutBefore'),
      t('diff.col.payoutAfter'),
      t('bt.change'),
      t('diff.col.scoreBefore'),
      t('diff.col.scoreAfter'),
      t('diff.col.tierBefore'),
      t('diff.col.tierAfter'),
      t('diff.kind.data'),
      t('diff.kind.rules'),
    ],
    rows: c.reps.map((x) => [
      txt(x.id),
      txt(x.name),
      txt(x.team),
      money(x.payoutA),
      money(x.payoutB),
      money(x.change),
      percent(x.scoreA),
      percent(x.scoreB),
      txt(x.tierA),
      txt(x.tierB),
      txt(
        x.causes
          .filter((k) => k.kind !== 'rules')
          .map((k) => say(k.text, t))
          .join(t('diff.causeSep')) || null,
      ),
      txt(
        x.causes
          .filter((k) => k.kind !== 'data')
          .map((k) => say(k.text, t))
          .join(t('diff.causeSep')) || null,
      ),
    ]),
    widths: [10, 22, 10, 14, 14, 14, 12, 12, 16, 16, 50, 50],
  };
  tables.push(reps);
  // One bar per rep reads well up to a few dozen reps; beyond that the sheet itself is the view.
  if (c.reps.length > 0 && c.reps.length <= 60) charts.push(chartFor(reps, 'bar', t('diff.chart.change'), [6], moneyFormat(r.currency.symbol, 0)));

  tables.push({
    name: t('diff.sheet.tierMoves'),
    head: [t('diff.col.from'), t('diff.col.to'), t('plan.reps'), t('diff.who')],
    rows: c.tierMoves.map((m) => [txt(m.from), txt(m.to), int(m.reps.length), txt(m.reps.join(', '))]),
    widths: [18, 18, 8, 60],
  });
  tables.push({
    name: t('diff.sheet.changes'),
    head: [t('diff.col.what'), t('diff.before'), t('diff.after'), t('diff.col.kind')],
    rows: [
      ...r.schemeChanges.map((x) => [txt(x.path), txt(x.a), txt(x.b), txt(t(x.kind === 'data' ? 'diff.kind.data' : 'diff.kind.rules'))]),
      ...(r.kind === 'runs' && r.schemeChanged !== null
        ? [[txt(t('diff.schemeHash')), txt(t(r.schemeChanged ? 'diff.differs' : 'diff.same')), txt(null), txt(t('diff.kind.rules'))]]
        : []),
      ...r.inputChanges.map((f) => [
        txt(`${f.source} (${roleText(f.role, t)})`),
        txt(f.a ? fileCell(f.a, t) : null),
        txt(f.b ? fileCell(f.b, t) : null),
        txt(t(f.role === 'targets' ? 'diff.kind.rules' : 'diff.kind.data')),
      ]),
      ...r.notes.map((n) => [txt(t('diff.noteCell')), txt(say(n, t)), txt(null), txt(null)]),
    ],
    widths: [40, 50, 50, 8],
  });
  return { tables, charts };
}

const fileCell = (f: { file: string; rows: number; sha256: string }, t: Translate): string => t('diff.fileCell', { file: f.file, rows: f.rows, sha: f.sha256 });

export async function writeDiffWorkbook(r: DiffReport, target: string, inputs: readonly string[], t: Translate = english): Promise<void> {
  // No clock: the workbook is dated by the period compared, so the same comparison gives the same bytes.
  const p = parsePeriod(r.b.period);
  const wb = createWorkbook('error' in p ? new Date(Date.UTC(2000, 0, 1)) : dayToDate(p.end), `kpi ${toolVersion()}`);
  const { tables, charts } = diffSheets(r, t);
  addStatusSheet(wb, r.status, say(r.issuesWhere, t), t);
  for (const t of tables) addTableSheet(wb, t, { code: r.currency.code, minorUnit: r.currency.minorUnit, symbol: r.currency.symbol });
  await writeFileAtomic(target, await workbookWithCharts(wb, charts), { inputs });
}

// `kpi diff` on the terminal (fits 80 columns) and as `--format json` (`kpi-diff/1`, docs/json-format.md).
import { clean15 } from '../core/money.js';
import type { Cost, RepChange } from '../plan/diff.js';
import type { DiffReport } from '../plan/diff-report.js';
import { finiteOrNull, formatMoney, formatPercent } from './numbers.js';
import { fitText, signed, textTable } from './plan-text.js';
import { statusLine } from './status.js';
import { displayText } from './view.js';

export const DIFF_FORMAT = 'kpi-diff/1';

const WIDTH = 80;
/** Reps shown on the terminal on each side (rises, falls); every one is in the JSON and the workbook. */
const SHOWN = 10;
const CHANGES_SHOWN = 15;

const num = (x: number | null | undefined): number | null => {
  const v = finiteOrNull(x);
  return v === null ? null : clean15(v);
};
const text = (s: string | null): string | null => (s === null ? null : s.normalize('NFC'));

/** A scheme value as shown: JSON text, with fractions left as they are. */
const shown = (v: string | null): string => (v === null ? '(none)' : v.length > 40 ? `${v.slice(0, 39)}…` : v);

function costJson(c: Cost) {
  return { bonus: num(c.bonus), commission: num(c.commission), deductions: num(c.deductions), payout: num(c.payout) };
}

function repJson(r: RepChange) {
  return {
    id: text(r.id), name: text(r.name), team: text(r.team), inA: r.inA, inB: r.inB,
    payoutA: num(r.payoutA), payoutB: num(r.payoutB), change: num(r.change),
    scoreA: num(r.scoreA), scoreB: num(r.scoreB), tierA: text(r.tierA), tierB: text(r.tierB),
    causes: r.causes.map((c) => ({ kind: c.kind, text: text(c.text) })),
  };
}

export function diffJsonValue(r: DiffReport) {
  const c = r.comparison;
  return {
    format: DIFF_FORMAT,
    // As in kpi-score/1: NOT FINAL when either side's data has issues.
    status: { final: r.status.final, issues: r.status.issues, skipped: r.status.skipped, message: statusLine(r.status, r.issuesWhere) },
    kind: r.kind,
    a: { file: text(r.a.file), scheme: text(r.a.scheme), period: r.a.period },
    b: { file: text(r.b.file), scheme: text(r.b.scheme), period: r.b.period },
    currency: r.currency,
    schemeChanged: r.schemeChanged,
    schemeChanges: r.schemeChanges.map((x) => ({ path: x.path, kind: x.kind, a: x.a === null ? null : JSON.parse(x.a), b: x.b === null ? null : JSON.parse(x.b) })),
    inputChanges: r.inputChanges.map((x) => ({ source: x.source, role: x.role, change: x.change, a: x.a, b: x.b })),
    notes: r.notes,
    cost: { a: costJson(c.cost.a), b: costJson(c.cost.b), change: costJson(c.cost.change) },
    summary: { reps: c.reps.length, winners: c.winners, losers: c.losers, unchanged: c.unchanged, changedBy: c.changedBy },
    tierMoves: c.tierMoves.map((m) => ({ from: text(m.from), to: text(m.to), reps: m.reps.map((id) => id.normalize('NFC')) })),
    reps: c.reps.map(repJson),
  };
}

export function diffJson(r: DiffReport): string {
  return JSON.stringify(diffJsonValue(r), null, 2) + '\n';
}

function why(r: RepChange): string {
  const groups = new Map<string, string[]>();
  for (const c of r.causes) groups.set(c.kind, [...(groups.get(c.kind) ?? []), c.text]);
  return [...groups].map(([k, t]) => `${k}: ${t.join('; ')}`).join(' | ');
}

export function renderDiff(r: DiffReport, width = WIDTH): string {
  const c = r.comparison;
  const money = (x: number) => formatMoney(x, r.currency);
  const change = (x: number) => signed(money(x), x);
  const out: string[] = [];
  const when = r.a.period === r.b.period ? r.b.period : `${r.a.period} → ${r.b.period}`;
  out.push(fitText(`kpi diff: two ${r.kind === 'schemes' ? 'schemes' : 'runs'}, ${when}, ${r.currency.code}`, width));
  out.push(fitText(`  before: ${r.a.file} (${displayText(r.a.scheme)})`, width), fitText(`  after:  ${r.b.file} (${displayText(r.b.scheme)})`, width));
  if (r.kind === 'schemes') {
    out.push('', r.schemeChanges.length ? `Scheme changes (${r.schemeChanges.length}):` : 'Scheme changes: none that affect pay');
    for (const x of r.schemeChanges.slice(0, CHANGES_SHOWN)) out.push(fitText(`  ${x.path}: ${shown(x.a)} → ${shown(x.b)}${x.kind === 'data' ? ' (data)' : ''}`, width));
    if (r.schemeChanges.length > CHANGES_SHOWN) out.push(`  … and ${r.schemeChanges.length - CHANGES_SHOWN} more (all in --format json)`);
  } else {
    out.push('', `Scheme: ${r.schemeChanged === null ? 'unknown (no hash in a run)' : r.schemeChanged ? 'changed (its SHA-256 differs): rules changed' : 'unchanged'}`);
  }
  const files = r.inputChanges;
  if (files.length) {
    out.push(`Input files that differ (${files.length}):`);
    for (const f of files) {
      const what = f.change === 'changed' ? `${f.a!.file}: ${f.a!.rows.toLocaleString('en-US')} → ${f.b!.rows.toLocaleString('en-US')} rows, content differs`
        : f.change === 'added' ? `${f.b!.file}: new` : `${f.a!.file}: no longer read`;
      out.push(fitText(`  ${f.source} (${f.role === 'targets' ? 'targets: rules' : f.role}) ${what}`, width));
    }
  } else if (r.kind === 'runs' && r.schemeChanged !== null) out.push('Input files: the same (every SHA-256 matches)');

  out.push('');
  const rows = (['bonus', 'commission', 'deductions', 'payout'] as const).map((k) => [k, money(c.cost.a[k]), money(c.cost.b[k]), change(c.cost.change[k]),
    c.cost.a[k] !== 0 && c.cost.change[k] !== 0 ? signed(formatPercent(c.cost.change[k] / c.cost.a[k]), c.cost.change[k]) : '']);
  out.push(...textTable(['cost', 'before', 'after', 'change', ''], rows, ['left', 'right', 'right', 'right', 'right'])); // bounded spread: four cost lines
  out.push('', fitText(`Winners ${c.winners}, losers ${c.losers}, unchanged ${c.unchanged} of ${c.reps.length} reps.`, width),
    fitText(`Reps whose figures moved: by data ${c.changedBy.data}, by rules ${c.changedBy.rules}, by both ${c.changedBy.both}.`, width));

  if (c.tierMoves.length) {
    out.push('', 'Tier moves');
    const moves = c.tierMoves.map((m) => [fitText(`${m.from ?? 'no tier'} → ${m.to ?? 'no tier'}`, 36), String(m.reps.length), fitText(m.reps.join(', '), 34)]);
    out.push(...textTable(['from → to', 'reps', 'who'], moves, ['left', 'right', 'left'])); // bounded spread: one line per pair of the plan's tiers
  }

  const list = (title: string, reps: RepChange[]) => {
    if (!reps.length) return;
    out.push('', title);
    const body = reps.map((x) => [fitText(`${x.id} ${x.name}`, 22), x.payoutA === null ? '—' : money(x.payoutA), x.payoutB === null ? '—' : money(x.payoutB), change(x.change),
      fitText(x.tierA === x.tierB ? x.tierA ?? '—' : `${x.tierA ?? '—'} → ${x.tierB ?? '—'}`, 20)]);
    const lines = textTable(['rep', 'before', 'after', 'change', 'tier'], body, ['left', 'right', 'right', 'right', 'left']);
    out.push(lines[0]!);
    reps.forEach((x, i) => {
      out.push(lines[i + 1]!);
      const w = why(x);
      if (w) out.push(fitText(`    ${w}`, width));
    });
  };
  const up = c.reps.filter((x) => x.change > 0);
  const down = c.reps.filter((x) => x.change < 0).reverse();
  list(`Winners${up.length > SHOWN ? ` (the ${SHOWN} biggest of ${up.length})` : ''}`, up.slice(0, SHOWN));
  list(`Losers${down.length > SHOWN ? ` (the ${SHOWN} biggest of ${down.length})` : ''}`, down.slice(0, SHOWN));
  const quiet = c.reps.filter((x) => x.change === 0 && x.causes.length > 0);
  if (quiet.length) out.push('', fitText(`${quiet.length} more rep${quiet.length === 1 ? '' : 's'} with the same payout but other figures changed (see --format json).`, width));
  if (c.reps.every((x) => x.change === 0 && x.causes.length === 0) && r.schemeChanges.length === 0 && files.length === 0 && r.schemeChanged !== true) {
    out.push('', 'No differences.');
  }
  return out.join('\n') + '\n';
}

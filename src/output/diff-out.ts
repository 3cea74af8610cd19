// `kpi diff` on the terminal (fits 80 columns) and as `--format json` (`kpi-diff/1`, docs/json-format.md).
import { clean15 } from '../core/money.js';
import type { Cost, RepChange } from '../plan/diff.js';
import type { DiffReport } from '../plan/diff-report.js';
import { finiteOrNull, formatMoney, formatPercent } from './numbers.js';
import { fitText, signed, textTable } from './plan-text.js';
import { statusLine } from './status.js';
import { displayText } from './view.js';
import { english, say, type Translate } from '../messages/index.js';

const DIFF_FORMAT = 'kpi-diff/1';

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
const shown = (v: string | null, t: Translate): string => (v === null ? `(${t('plan.none')})` : v.length > 40 ? `${v.slice(0, 39)}…` : v);

function costJson(c: Cost) {
  return { bonus: num(c.bonus), commission: num(c.commission), deductions: num(c.deductions), payout: num(c.payout) };
}

function repJson(r: RepChange) {
  return {
    id: text(r.id),
    name: text(r.name),
    team: text(r.team),
    inA: r.inA,
    inB: r.inB,
    payoutA: num(r.payoutA),
    payoutB: num(r.payoutB),
    change: num(r.change),
    scoreA: num(r.scoreA),
    scoreB: num(r.scoreB),
    tierA: text(r.tierA),
    tierB: text(r.tierB),
    causes: r.causes.map((c) => ({ kind: c.kind, text: text(say(c.text, english)) })),
  };
}

function diffJsonValue(r: DiffReport) {
  const c = r.comparison;
  return {
    format: DIFF_FORMAT,
    // As in kpi-score/1: NOT FINAL when either side's data has issues.
    status: { final: r.status.final, issues: r.status.issues, skipped: r.status.skipped, message: statusLine(r.status, say(r.issuesWhere, english)) },
    kind: r.kind,
    a: { file: text(r.a.file), scheme: text(r.a.scheme), period: r.a.period },
    b: { file: text(r.b.file), scheme: text(r.b.scheme), period: r.b.period },
    currency: r.currency,
    schemeChanged: r.schemeChanged,
    schemeChanges: r.schemeChanges.map((x) => ({
      path: x.path,
      kind: x.kind,
      a: x.a === null ? null : JSON.parse(x.a),
      b: x.b === null ? null : JSON.parse(x.b),
    })),
    inputChanges: r.inputChanges.map((x) => ({ source: x.source, role: x.role, change: x.change, a: x.a, b: x.b })),
    notes: r.notes.map((n) => say(n, english)),
    cost: { a: costJson(c.cost.a), b: costJson(c.cost.b), change: costJson(c.cost.change) },
    summary: { reps: c.reps.length, winners: c.winners, losers: c.losers, unchanged: c.unchanged, changedBy: c.changedBy },
    tierMoves: c.tierMoves.map((m) => ({ from: text(m.from), to: text(m.to), reps: m.reps.map((id) => id.normalize('NFC')) })),
    reps: c.reps.map(repJson),
  };
}

export function diffJson(r: DiffReport): string {
  return JSON.stringify(diffJsonValue(r), null, 2) + '\n';
}

const KIND = { data: 'diff.kind.data', rules: 'diff.kind.rules', 'data or rules': 'diff.kind.dataOrRules' } as const;

function why(r: RepChange, t: Translate): string {
  const groups = new Map<string, string[]>();
  for (const c of r.causes) groups.set(c.kind, [...(groups.get(c.kind) ?? []), say(c.text, t)]);
  return [...groups].map(([k, texts]) => `${t(KIND[k as keyof typeof KIND])}${t('diff.kindSep')}${texts.join(t('diff.causeSep'))}`).join(' | ');
}

/** An input's role in the run's language (a role kpi does not know is shown as it is). */
export function roleText(role: string, t: Translate): string {
  const key = `diff.role.${role}`;
  return (ROLES as readonly string[]).includes(key) ? t(key as (typeof ROLES)[number]) : role;
}
const ROLES = ['diff.role.data', 'diff.role.targets', 'diff.role.roster', 'diff.role.deductions'] as const;

export function renderDiff(r: DiffReport, t: Translate = english, width = WIDTH): string {
  const c = r.comparison;
  const money = (x: number) => formatMoney(x, r.currency);
  const change = (x: number) => signed(money(x), x);
  const count = (n: number) => n.toLocaleString('en-US');
  const out: string[] = [];
  const when = r.a.period === r.b.period ? r.b.period : `${r.a.period} → ${r.b.period}`;
  out.push(fitText(t(r.kind === 'schemes' ? 'diff.title.schemes' : 'diff.title.runs', { when, currency: r.currency.code }), width));
  out.push(
    fitText(t('diff.beforeLine', { file: r.a.file, scheme: displayText(r.a.scheme) }), width),
    fitText(t('diff.afterLine', { file: r.b.file, scheme: displayText(r.b.scheme) }), width),
  );
  if (r.kind === 'schemes') {
    out.push('', r.schemeChanges.length ? t('diff.schemeChanges', { n: r.schemeChanges.length }) : t('diff.noSchemeChanges'));
    for (const x of r.schemeChanges.slice(0, CHANGES_SHOWN))
      out.push(fitText(`  ${x.path}: ${shown(x.a, t)} → ${shown(x.b, t)}${x.kind === 'data' ? t('diff.dataMark') : ''}`, width));
    if (r.schemeChanges.length > CHANGES_SHOWN) out.push(t('diff.moreChanges', { n: r.schemeChanges.length - CHANGES_SHOWN }));
  } else {
    out.push('', t(r.schemeChanged === null ? 'diff.schemeUnknown' : r.schemeChanged ? 'diff.schemeChanged' : 'diff.schemeSame'));
  }
  const files = r.inputChanges;
  if (files.length) {
    out.push(t('diff.filesDiffer', { n: files.length }));
    for (const f of files) {
      const what =
        f.change === 'changed'
          ? t('diff.fileChanged', { file: f.a!.file, a: count(f.a!.rows), b: count(f.b!.rows) })
          : f.change === 'added'
            ? t('diff.fileNew', { file: f.b!.file })
            : t('diff.fileGone', { file: f.a!.file });
      out.push(fitText(`  ${f.source} (${f.role === 'targets' ? t('diff.roleTargets') : roleText(f.role, t)}) ${what}`, width));
    }
  } else if (r.kind === 'runs' && r.schemeChanged !== null) out.push(t('diff.filesSame'));

  out.push('');
  const rows = (['bonus', 'commission', 'deductions', 'payout'] as const).map((k) => [
    t(`plan.${k}`),
    money(c.cost.a[k]),
    money(c.cost.b[k]),
    change(c.cost.change[k]),
    c.cost.a[k] !== 0 && c.cost.change[k] !== 0 ? signed(formatPercent(c.cost.change[k] / c.cost.a[k]), c.cost.change[k]) : '',
  ]);
  out.push(...textTable([t('diff.cost'), t('diff.before'), t('diff.after'), t('bt.change'), ''], rows, ['left', 'right', 'right', 'right', 'right'])); // bounded spread: four cost lines
  out.push(
    '',
    fitText(t('diff.summary', { winners: c.winners, losers: c.losers, unchanged: c.unchanged, reps: c.reps.length }), width),
    fitText(t('diff.movedBy', { data: c.changedBy.data, rules: c.changedBy.rules, both: c.changedBy.both }), width),
  );

  if (c.tierMoves.length) {
    out.push('', t('diff.tierMoves'));
    const moves = c.tierMoves.map((m) => [
      fitText(`${m.from ?? t('diff.noTier')} → ${m.to ?? t('diff.noTier')}`, 36),
      String(m.reps.length),
      fitText(m.reps.join(', '), 34),
    ]);
    out.push(...textTable([t('diff.fromTo'), t('plan.reps'), t('diff.who')], moves, ['left', 'right', 'left'])); // bounded spread: one line per pair of the plan's tiers
  }

  const list = (title: string, reps: RepChange[]) => {
    if (!reps.length) return;
    out.push('', title);
    const body = reps.map((x) => [
      fitText(`${x.id} ${x.name}`, 22),
      x.payoutA === null ? '—' : money(x.payoutA),
      x.payoutB === null ? '—' : money(x.payoutB),
      change(x.change),
      fitText(x.tierA === x.tierB ? (x.tierA ?? '—') : `${x.tierA ?? '—'} → ${x.tierB ?? '—'}`, 20),
    ]);
    const lines = textTable([t('plan.rep'), t('diff.before'), t('diff.after'), t('bt.change'), t('plan.tier')], body, [
      'left',
      'right',
      'right',
      'right',
      'left',
    ]);
    out.push(lines[0]!);
    reps.forEach((x, i) => {
      out.push(lines[i + 1]!);
      const w = why(x, t);
      if (w) out.push(fitText(`    ${w}`, width));
    });
  };
  const up = c.reps.filter((x) => x.change > 0);
  const down = c.reps.filter((x) => x.change < 0).reverse();
  list(up.length > SHOWN ? t('diff.winnersSome', { shown: SHOWN, n: up.length }) : t('diff.winners'), up.slice(0, SHOWN));
  list(down.length > SHOWN ? t('diff.losersSome', { shown: SHOWN, n: down.length }) : t('diff.losers'), down.slice(0, SHOWN));
  const quiet = c.reps.filter((x) => x.change === 0 && x.causes.length > 0);
  if (quiet.length) out.push('', fitText(t('diff.quiet', { n: quiet.length }), width));
  if (c.reps.every((x) => x.change === 0 && x.causes.length === 0) && r.schemeChanges.length === 0 && files.length === 0 && r.schemeChanged !== true) {
    out.push('', t('diff.none'));
  }
  return out.join('\n') + '\n';
}

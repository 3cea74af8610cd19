// The checks of a run with its data in hand, in one place: `kpi validate` lists them, and every command that
// pays (`kpi score`, `kpi explain`) refuses to go on when one of them is an error. One function, so what
// validate rejects and what score refuses cannot drift apart.
import { everyPlan, planFor } from '../core/plans.js';
import type { Model, Rep, SourceSpec } from '../core/model.js';
import { isAdditive } from '../core/decompose.js';
import { codedIssue, type DataIssue, type Table } from '../core/table.js';
import type { RunResult } from '../core/results.js';
import { periodMask, rowsInPeriod } from '../core/attribution.js';
import { isoFromDay, labelInPeriod, normaliseLabel, parsePeriod, ymdFromDay } from '../core/period.js';
import type { Period } from '../core/results.js';
import { headerOf } from '../core/roster.js';
import { overlapsPeriod, targetRowsInPeriod, targetsPeriodColumn } from '../core/targets.js';
import type { Diagnostic } from '../scheme/diagnostics.js';
import type { PathSegment } from '../scheme/positions.js';
import { closest } from '../scheme/suggest.js';
import { problem, type MessageKey, type Problem } from '../messages/index.js';
import { comparesWith, metricsRead, rowsRead, sourcesBehind } from '../core/rules/metrics/index.js';
import { highestScore, needsTarget } from '../core/rules/scoring/index.js';
import { bonusMode } from '../core/rules/bonus/index.js';
import type { Prepared } from './pipeline.js';
import { insaneFigure } from './figures.js';
import { periodRowsCache } from './period-rows-cache.js';
import { periodKey } from '../core/period-rows.js';
import { looks } from '../core/filter.js';
import { copiedInputs } from './copied-inputs.js';
import { rowsBeforeStart } from './start-dates.js';
import { missingInputs } from './missing-inputs.js';

const LIST = 5;

/** A problem with the run as a whole: a data issue in the outputs, a positioned diagnostic in `kpi validate`. */
export interface RunIssue {
  issue: DataIssue;
  diagnostic: Diagnostic;
}

export interface RunChecks {
  /** Errors stop every command that pays; warnings are shown. */
  diagnostics: Diagnostic[];
  /** Problems with the data of the period as a whole; they join the run's data issues (and make it not final). */
  runIssues: RunIssue[];
}

type At = (p: PathSegment[], atKey?: boolean) => { line: number; col: number };

export function runChecks(run: Prepared, result: RunResult): RunChecks {
  const diagnostics: Diagnostic[] = [];
  const schemeFile = run.schemeShownAs;
  const at: At = (p, atKey = false) => run.loaded.positionOf?.(p, atKey) ?? { line: 0, col: 0 };

  // A reader's problem that stopped part of the run (a roster without an id column …) is an error everywhere.
  for (const i of [...run.readIssues, ...result.issues]) if (i.action === 'stopped') diagnostics.push(issueDiagnostic(i));

  for (const r of run.reps.filter((x) => !run.model.weights.has(x.role))) {
    const p = problem('KPI1201', { id: r.id, name: r.name, role: r.role, suggestion: closest(r.role, run.model.weights.keys()) });
    diagnostics.push({ severity: 'error', file: schemeFile, ...at(['weights'], true), message: p.text, code: p.code, params: p.params });
  }

  const missing = new Map<string, string[]>();
  const noRatio = new Map<string, string[]>();
  const readsAchievement = achievementReaders(run.model);
  for (const rep of result.reps) {
    const byAchievement = readsAchievement(rep.rep.role);
    for (const m of rep.metrics) {
      const spec = run.model.metrics.find((x) => x.name === m.metric);
      const weighted = m.weight > 0 && (!spec || needsTarget(spec.scoring));
      // The bonus basis, a gate or a kicker `of: achievement` without a target pays 0 (no achievement) as surely as a
      // weighted metric without one scores 0: refused alike.
      if (m.target === null && (weighted || byAchievement.has(m.metric))) push(missing, m.metric, rep.rep.id);
      // Higher is better over a target of 0 or below has no achievement at all: the basis, gate or kicker pays 0.
      else if (m.target !== null && m.target <= 0 && byAchievement.has(m.metric) && spec?.direction !== 'lower_is_better') push(noRatio, m.metric, rep.rep.id);
    }
  }
  for (const [metric, reps] of noRatio) {
    const p = problem('KPI1210', { metric, n: reps.length, reps: sample(reps) });
    diagnostics.push({ severity: 'error', file: schemeFile, ...at(['metrics', metric, 'target'], true), message: p.text, code: p.code, params: p.params });
  }
  for (const [metric, reps] of missing) {
    const p = problem('KPI1202', { metric, period: run.period.label, n: reps.length, reps: sample(reps) });
    diagnostics.push({ severity: 'error', file: schemeFile, ...at(['metrics', metric, 'target'], true), message: p.text, code: p.code, params: p.params });
  }

  const runIssues: RunIssue[] = [];
  for (const t of oddTargets(run, result)) {
    const p = problem(t.file ? 'KPI2701' : 'KPI2702', { metric: t.metric, n: t.reps.length, reps: sample(t.reps) });
    const diagnostic: Diagnostic = {
      severity: 'warning',
      file: t.file ?? schemeFile,
      ...(t.file ? { line: 0, col: 0 } : at(['metrics', t.metric, 'target'], true)),
      ...coded(p),
    };
    // From a data file: a data issue (the run is not final). From the scheme: a scheme warning, shown.
    if (t.file) runIssues.push({ issue: codedIssue(p, { file: t.file, severity: 'warning', action: 'kept' }), diagnostic });
    else diagnostics.push(diagnostic);
  }
  const coverage = periodCoverage(run);
  if (coverage.length > 0 && coverage.every((c) => c.inPeriod === 0)) {
    // One error per source, each saying what its file holds: the period, or the files, are not what was meant.
    for (const c of coverage) {
      const p = problem('KPI1203', { ...c.holdsSaid(), period: run.period.label, source: c.source, file: c.file });
      diagnostics.push({ severity: 'error', file: schemeFile, ...at(['period']), ...coded(p) });
    }
  } else {
    for (const c of coverage.filter((x) => x.inPeriod === 0)) {
      const p = problem('KPI2703', { ...c.holdsSaid(), period: run.period.label, source: c.source, file: c.file });
      runIssues.push({
        issue: codedIssue(p, { file: c.file, source: c.source, severity: 'warning', action: 'kept' }),
        diagnostic: { severity: 'warning', file: schemeFile, ...at(['sources', c.source], true), ...coded(p) },
      });
    }
  }
  for (const spec of run.model.sources) {
    const table = run.tables.get(spec.name);
    for (const f of table ? labelFindings(table, spec, run.period) : []) {
      const issue = codedIssue(f.problem, {
        file: table!.file,
        source: spec.name,
        row: f.row,
        column: headerOf(spec, spec.period ?? ''),
        value: f.label,
        severity: 'warning',
        action: 'kept',
      });
      runIssues.push({ issue, diagnostic: issueDiagnostic(issue) });
    }
  }
  for (const d of repeatedInputs(run)) {
    const issue = codedIssue(d.problem, { file: d.file, source: d.source, row: d.row, column: d.column, value: d.rep, severity: 'warning', action: 'kept' });
    runIssues.push({ issue, diagnostic: issueDiagnostic(issue) });
  }
  const targets = targetsCoverage(run);
  if (targets) {
    const p = problem('KPI2707', { ...targets, period: run.period.label, file: run.targets!.file });
    runIssues.push({
      issue: codedIssue(p, { file: run.targets!.file, severity: 'warning', action: 'kept' }),
      diagnostic: { severity: 'warning', file: schemeFile, ...at(['targets_file'], true), ...coded(p) },
    });
  }
  for (const k of targetKeys(run)) {
    const file = k.inRoster && run.model.roster.kind === 'file' ? run.model.roster.source.fileAsWritten : schemeFile;
    runIssues.push({
      issue: codedIssue(k.problem, { file, severity: 'warning', action: 'kept' }),
      diagnostic: { severity: 'warning', file: schemeFile, ...at(k.at, true), ...coded(k.problem) },
    });
  }
  for (const g of missingComparisons(run)) {
    runIssues.push({
      issue: codedIssue(g.problem, { file: g.file, source: g.source, severity: 'warning', action: 'kept' }),
      diagnostic: { severity: 'warning', file: schemeFile, ...at(['metrics', g.metric], true), ...coded(g.problem) },
    });
  }
  const kind = periodKindMismatch(run);
  if (kind) {
    runIssues.push({
      issue: codedIssue(kind, { file: schemeFile, severity: 'warning', action: 'kept' }),
      diagnostic: { severity: 'warning', file: schemeFile, ...at(['period']), ...coded(kind), smart: 'time-bound' },
    });
  }
  for (const e of rowsBeforeStart(run)) {
    const issue = codedIssue(e.problem, { file: e.file, source: e.source, row: e.row, column: e.column, value: e.value, severity: 'warning', action: 'kept' });
    runIssues.push({ issue, diagnostic: issueDiagnostic(issue) });
  }
  for (const g of missingMonths(run)) {
    runIssues.push({
      issue: codedIssue(g.problem, { file: g.file, source: g.source, severity: 'warning', action: 'kept' }),
      diagnostic: { severity: 'warning', file: schemeFile, ...at(['sources', g.source], true), ...coded(g.problem) },
    });
  }

  const roleCounts = new Map<string, Set<string>>();
  const countsFor = (role: string): Set<string> => {
    let c = roleCounts.get(role);
    if (c === undefined) roleCounts.set(role, (c = metricsThatCount(run.model, [role])));
    return c;
  };
  for (const g of missingInputs(run, result, countsFor, sample)) {
    runIssues.push({
      issue: codedIssue(g.problem, { file: g.file, source: g.source, severity: 'warning', action: 'kept' }),
      diagnostic: { severity: 'warning', file: schemeFile, ...at(['metrics', g.metric], true), ...coded(g.problem) },
    });
  }
  for (const c of copiedInputs(run)) {
    runIssues.push({
      issue: codedIssue(c.problem, { file: c.file, source: c.source, severity: 'warning', action: 'kept' }),
      diagnostic: { severity: 'warning', file: schemeFile, ...at(['sources', c.source, 'file']), ...coded(c.problem) },
    });
  }

  // The last line of defence: a figure no output may show (∞, or too large to be exact) stops the run.
  const insane = insaneFigure(result, new Map(run.model.metrics.flatMap((m) => (m.unit ? [[m.name, m.unit] as const] : []))));
  if (insane) diagnostics.push({ severity: 'error', file: schemeFile, line: 0, col: 0, ...coded(insane) });

  for (const d of designChecks(run.model, run.reps, schemeFile, at)) diagnostics.push(d);
  return { diagnostics, runIssues };
}

/** Per role, the metrics whose achievement (actual ÷ target) its plan reads: the bonus basis, gates and kickers `of: achievement`. */
function achievementReaders(model: Model): (role: string) => ReadonlySet<string> {
  const cache = new Map<string, Set<string>>();
  return (role) => {
    let out = cache.get(role);
    if (out) return out;
    const plan = planFor(model, role);
    out = new Set<string>();
    if (plan.bonus.basis !== undefined) out.add(plan.bonus.basis);
    for (const g of plan.gates) if (g.of === 'achievement') out.add(g.metric);
    for (const c of plan.components) if (c.kind === 'kicker') for (const w of c.when) if (w.of === 'achievement') out.add(w.metric);
    cache.set(role, out);
    return out;
  };
}

export function issueDiagnostic(i: DataIssue): Diagnostic {
  const what = [i.column ? `column "${i.column}"` : '', i.value !== undefined ? `value "${i.value}"` : ''].filter(Boolean).join(', ');
  const action = i.action === 'skipped' ? ' (row skipped)' : i.action === 'stopped' ? ' (run stopped)' : '';
  const d: Diagnostic = {
    severity: i.action === 'stopped' ? 'error' : 'warning',
    file: i.file,
    line: i.row ?? 0,
    col: 0,
    message: `${what ? what + ': ' : ''}${i.reason}${action}`,
    code: i.code,
  };
  if (i.params !== undefined) d.params = i.params;
  d.issue = { action: i.action, reason: i.reason };
  if (i.column !== undefined) d.issue.column = i.column;
  if (i.value !== undefined) d.issue.value = i.value;
  if (i.row !== undefined) d.issue.row = i.row;
  if (i.line !== undefined) d.issue.line = i.line;
  return d;
}

/**
 * Targets in a scheme are written for the kind of period it names (`period: 2026-11` → months). Scoring another
 * kind (a quarter, a year) compares, say, quarter actuals with month targets: worth saying before anyone is paid.
 */
function periodKindMismatch(run: Pick<Prepared, 'model' | 'period'>): Problem | undefined {
  if (!run.model.period) return undefined;
  const own = parsePeriod(run.model.period);
  if ('error' in own || own.kind === run.period.kind) return undefined;
  // Targets written per month, quarter or year (target.per) give every kind of period its own: nothing to say
  // when every weighted sum or count is written so (rates keep one target whatever the period).
  const weighted = new Set([...run.model.weights.values()].flatMap((w) => [...w].filter(([, x]) => x > 0).map(([m]) => m)));
  const asWritten = run.model.metrics.filter((m) => weighted.has(m.name) && isAdditive(m) && m.target.per === undefined);
  if (asWritten.length === 0 && run.model.metrics.some((m) => m.target.per !== undefined)) return undefined;
  return problem('KPI2709', { ownTerm: `term.${own.kind}`, own: run.model.period, period: run.period.label, kindTerm: `term.${run.period.kind}` });
}

/**
 * Weighted higher-is-better metrics whose target is 0 for some reps: any actual above 0 scores the cap, which is
 * what a blank target exported as 0 would pay. Grouped by metric and where the target came from.
 */
function oddTargets(run: Prepared, result: RunResult): { metric: string; file?: string; reps: string[] }[] {
  const out = new Map<string, { metric: string; file?: string; reps: string[] }>();
  for (const rep of result.reps) {
    for (const m of rep.metrics) {
      const spec = run.model.metrics.find((x) => x.name === m.metric);
      if (m.weight <= 0 || m.target !== 0 || spec?.direction !== 'higher_is_better' || !needsTarget(spec.scoring)) continue;
      const file = m.targetOrigin === 'file' ? run.targets?.file : undefined;
      const key = `${m.metric}\u0000${file ?? ''}`;
      let e = out.get(key);
      if (!e) out.set(key, (e = { metric: m.metric, ...(file ? { file } : {}), reps: [] }));
      e.reps.push(rep.rep.id);
    }
  }
  return [...out.values()];
}

// ------------------------------------------------------------------------------------------------ coverage

interface Coverage {
  source: string;
  file: string;
  inPeriod: number;
  /** The same as a term and its values, for a problem in the run's language. */
  holdsSaid: () => Holds;
}

/** For each metric source that was read: rows in the period, and the span of dates (or period labels) it holds. */
function periodCoverage(run: Pick<Prepared, 'model' | 'tables' | 'period' | 'readIssues'>): Coverage[] {
  const out: Coverage[] = [];
  for (const spec of run.model.sources) {
    const table = run.tables.get(spec.name);
    if (!table) continue;
    // Counted from the scoring's list when there is one of the same column (a derived one is only on its copy).
    const listed = periodRowsCache(run.tables).get(periodKey(spec.name, run.period));
    const dating = spec.date ?? spec.period;
    const inPeriod = listed && !spec.derived.some((d) => d.name === dating) ? listed.count : rowsInPeriod(table, spec, run.period);
    // What the file holds is said only of a source with no row in the period (its span is a pass over every row).
    const holdsSaid = (): Holds => {
      const skipped = new Set<number>();
      for (const i of run.readIssues) if (i.source === spec.name && i.action === 'skipped' && i.row !== undefined) skipped.add(i.row);
      return spanSaid(table, spec, skipped.size);
    };
    out.push({ source: spec.name, file: table.file, inPeriod, holdsSaid });
  }
  return out;
}

/**
 * Scoring a quarter, a year to date or a year on exports that stop short of it (Q4 scored with December not yet
 * exported): months of the period before a source's first row or after its last, when it has rows in the period.
 * Its figures lack those months, which looks like a weak quarter, so each source says which months it lacks. Sources read only by input
 * metrics (a survey in one month of the quarter) are left out: a month without a rating is no missing data.
 */
function missingMonths(run: Pick<Prepared, 'model' | 'tables' | 'period'>): { file: string; source: string; problem: Problem }[] {
  const out: { file: string; source: string; problem: Problem }[] = [];
  const p = run.period;
  if (p.kind === 'month') return out;
  const months: Period[] = [];
  for (let day = p.start; day <= p.end; ) {
    const { y, m } = ymdFromDay(day);
    const month = parsePeriod(`${y}-${String(m).padStart(2, '0')}`) as Period;
    months.push(month);
    day = month.end + 1;
  }
  const counted = new Set(run.model.metrics.flatMap((m) => rowsRead(m).flatMap((r) => (r.given ? [] : [r.agg.source]))));
  for (const spec of run.model.sources) {
    const table = run.tables.get(spec.name);
    if (!table || !counted.has(spec.name) || (spec.date === undefined && spec.period === undefined)) continue;
    if (!periodMask(table, spec, p).includes(1)) continue; // no row at all: said by the period coverage check
    // Only months before the file's first row or after its last: the export stops short. A month without rows
    // inside its span may simply have had none (no new customer in July).
    const { lo, hi } = extent(table, spec);
    const lacking = months.filter((m) => (m.end < lo || m.start > hi) && !periodMask(table, spec, m).includes(1)).map((m) => m.label);
    if (lacking.length === 0) continue;
    out.push({
      file: table.file,
      source: spec.name,
      problem: problem('KPI2710', {
        ...spanSaid(table, spec, 0),
        n: lacking.length,
        months: sample(lacking),
        period: p.label,
        source: spec.name,
        file: table.file,
      }),
    });
  }
  return out;
}

/**
 * What a period-label column holds that the period cannot take as it is: rows labelled with a period that overlaps
 * the scored one without lying inside it (2026-Q4 or 2026 when scoring 2026-11: counted in no period, so they must
 * be said), and, scoring a quarter or a year, rows labelled with it beside rows of its months (both are counted:
 * right for separate entries, twice for a subtotal row).
 */
function labelFindings(table: Table, spec: SourceSpec, period: Period): { row: number; label: string; problem: Problem }[] {
  if (spec.date !== undefined || spec.period === undefined) return [];
  const col = table.columns.get(spec.period);
  if (col?.type !== 'string') return [];
  const OTHER = 0,
    LONGER = 1,
    WHOLE = 2,
    MONTH = 3;
  const memo = new Map<string, number>();
  const found = [0, 0, 0, 0];
  const first = [-1, -1, -1, -1];
  for (let i = 0; i < table.rowCount; i++) {
    const raw = col.values[i];
    if (raw == null) continue;
    let k = memo.get(raw);
    if (k === undefined) {
      const p = normaliseLabel(raw);
      k =
        p === null
          ? OTHER
          : labelInPeriod(raw, period)
            ? p.kind === 'month'
              ? MONTH
              : WHOLE
            : p.start <= period.end && p.end >= period.start
              ? LONGER
              : OTHER;
      memo.set(raw, k);
    }
    if (found[k]!++ === 0) first[k] = i;
  }
  const at = (k: number) => ({ row: table.rowNumbers[first[k]!]!, label: col.values[first[k]!]! });
  const out: { row: number; label: string; problem: Problem }[] = [];
  if (found[LONGER]! > 0) {
    const { row, label } = at(LONGER);
    out.push({ row, label, problem: problem('KPI2704', { n: found[LONGER]!, period: period.label, row, label }) });
  }
  if (period.kind !== 'month' && found[WHOLE]! > 0 && found[MONTH]! > 0) {
    const { row, label } = at(WHOLE);
    out.push({ row, label, problem: problem('KPI2705', { n: found[WHOLE]!, label, row, months: found[MONTH]!, period: period.label }) });
  }
  return out.sort((a, b) => a.row - b.row);
}

/**
 * An input metric (a rating, a survey score) read from a file of one row per rep and period label: a second row
 * for the same rep and label is a duplicate or a correction, and the mean of both is what would be paid on.
 */
function repeatedInputs(
  run: Pick<Prepared, 'model' | 'tables' | 'period'>,
): { file: string; source: string; row: number; column: string; rep: string; problem: Problem }[] {
  const out: { file: string; source: string; row: number; column: string; rep: string; problem: Problem }[] = [];
  const sources = new Set(run.model.metrics.flatMap((m) => rowsRead(m).flatMap((r) => (r.given ? [r.agg.source] : []))));
  for (const spec of run.model.sources) {
    const table = run.tables.get(spec.name);
    if (!sources.has(spec.name) || !table || spec.date !== undefined || spec.period === undefined || spec.rep === undefined) continue;
    const reps = table.columns.get(spec.rep);
    const labels = table.columns.get(spec.period);
    if (reps?.type !== 'string' || labels?.type !== 'string') continue;
    const mask = periodMask(table, spec, run.period);
    const seen = new Map<string, number>();
    const repeated = new Map<string, { rep: string; label: string; rows: number[] }>();
    for (let i = 0; i < table.rowCount; i++) {
      const id = reps.values[i]?.trim();
      const label = labels.values[i];
      if (!mask[i] || !id || label == null) continue;
      const key = `${id.toLowerCase()}\u0000${normaliseLabel(label)?.label ?? label}`;
      const before = seen.get(key);
      if (before === undefined) seen.set(key, i);
      else {
        let r = repeated.get(key);
        if (!r) repeated.set(key, (r = { rep: id, label, rows: [table.rowNumbers[before]!] }));
        r.rows.push(table.rowNumbers[i]!);
      }
    }
    for (const r of repeated.values()) {
      out.push({
        file: table.file,
        source: spec.name,
        row: r.rows[0]!,
        column: headerOf(spec, spec.rep),
        rep: r.rep,
        problem: problem('KPI2706', { n: r.rows.length, rep: r.rep, label: r.label, rows: sample(r.rows.map(String)) }),
      });
    }
  }
  return out;
}

/**
 * Names a target gives per rep or per team that the roster does not hold exactly: a `by_rep` id of no rep (`r001`
 * for R001, a rep who left), a `by_team` team of no rep (`west` for West), and roster teams that read the same to a
 * person (`West`, `west`, `ＷＥＳＴ`: two teams to kpi, for targets, subtotals and rollups). Each such target is
 * used for no one, so the reps it was meant for are scored against another target without a word.
 */
function targetKeys(run: Pick<Prepared, 'model' | 'reps'>): { problem: Problem; at: PathSegment[]; inRoster: boolean }[] {
  const out: { problem: Problem; at: PathSegment[]; inRoster: boolean }[] = [];
  const ids = new Set(run.reps.map((r) => r.id));
  const teams = new Map<string, string[]>();
  for (const r of run.reps) push(teams, r.team, r.id);
  const near = (name: string, names: Iterable<string>): string | undefined => {
    const key = looks(name);
    for (const n of names) if (looks(n) === key) return n;
    return closest(name, names);
  };
  for (const m of run.model.metrics) {
    for (const id of m.target.byRep.keys()) {
      if (ids.has(id)) continue;
      out.push({
        problem: problem('KPI2713', { metric: m.name, id, suggestion: near(id, ids) }),
        at: ['metrics', m.name, 'target', 'by_rep', id],
        inRoster: false,
      });
    }
    for (const team of m.target.byTeam.keys()) {
      if (teams.has(team)) continue;
      out.push({
        problem: problem('KPI2714', { metric: m.name, team, suggestion: near(team, teams.keys()) }),
        at: ['metrics', m.name, 'target', 'by_team', team],
        inRoster: false,
      });
    }
  }
  const alike = new Map<string, string[]>();
  for (const team of teams.keys()) if (team !== '') push(alike, looks(team), team);
  for (const spellings of alike.values()) {
    if (spellings.length < 2) continue;
    const said = spellings.map((t) => `"${t}" (${sample(teams.get(t) ?? [])})`).join(', ');
    out.push({ problem: problem('KPI2715', { teams: said }), at: ['reps'], inRoster: true });
  }
  return out;
}

/** When the targets file has rows but none for the period: what it holds ("holds periods 2026-08 to 2026-10 (40 rows)"). */
function targetsCoverage(run: Pick<Prepared, 'model' | 'targets' | 'period' | 'readIssues'>): Holds | undefined {
  const spec = run.model.targetsFile;
  const table = run.targets;
  if (!spec || !table || table.rowCount === 0) return undefined;
  const periodName = targetsPeriodColumn(table, spec);
  if (spec.date === undefined && periodName === undefined) return undefined; // every row applies to every period
  // A year, quarter or month row overlapping the period gives a sum or count its target (core/decompose.ts).
  if (targetRowsInPeriod(table, spec, run.period).includes(1) || overlapsPeriod(table, spec, run.period)) return undefined;
  return spanSaid(table, { ...spec, ...(periodName !== undefined ? { period: periodName } : {}) }, 0);
}

/**
 * The first and last day a source's rows are dated with, or the periods its labels name (with the labels that name
 * them); lo > hi when there is none. `kind` says which column placed the rows.
 */
function extent(table: Table, spec: SourceSpec): { kind: 'date' | 'label' | 'none'; name?: string; lo: number; hi: number; first?: string; last?: string } {
  const name = spec.date ?? spec.period;
  const col = name === undefined ? undefined : table.columns.get(name);
  let lo = Infinity;
  let hi = -Infinity;
  if (col?.type === 'date') {
    for (const d of col.values) {
      if (Number.isNaN(d)) continue;
      if (d < lo) lo = d;
      if (d > hi) hi = d;
    }
    return { kind: 'date', name, lo, hi };
  }
  if (col?.type !== 'string') return { kind: 'none', lo, hi };
  let first: string | undefined;
  let last: string | undefined;
  const seen = new Set<string>();
  for (const raw of col.values) {
    if (raw == null || seen.has(raw)) continue;
    seen.add(raw);
    const p = normaliseLabel(raw);
    if (!p) continue;
    if (p.start < lo) [lo, first] = [p.start, raw.trim()];
    if (p.end > hi) [hi, last] = [p.end, raw.trim()];
  }
  return { kind: 'label', name, lo, hi, ...(first !== undefined ? { first } : {}), ...(last !== undefined ? { last } : {}) };
}

/** What a file holds (its dates or period labels, and rows), as a term and its values for a problem. */
type Holds = { holdsTerm: MessageKey; rows?: number; skipped?: number; from?: string; to?: string; column?: string };

function spanSaid(table: Table, spec: SourceSpec, skipped: number): Holds {
  const rows = table.rowCount;
  if (rows === 0) return skipped > 0 ? { holdsTerm: 'term.holdsSkipped', skipped } : { holdsTerm: 'term.holdsNothing' };
  const e = extent(table, spec);
  if (e.kind === 'date')
    return e.lo <= e.hi
      ? { holdsTerm: 'term.holdsDates', from: isoFromDay(e.lo), to: isoFromDay(e.hi), rows }
      : { holdsTerm: 'term.holdsNoDates', column: e.name ?? '', rows };
  if (e.kind === 'label') {
    if (e.first === undefined || e.last === undefined) return { holdsTerm: 'term.holdsNoLabels', column: e.name ?? '', rows };
    return e.first === e.last ? { holdsTerm: 'term.holdsLabel', from: e.first, rows } : { holdsTerm: 'term.holdsLabels', from: e.first, to: e.last, rows };
  }
  return { holdsTerm: 'term.holdsRows', rows };
}

// ------------------------------------------------------------------------------------------------ design

/**
 * What a scheme promises that no rep can get, or asks for that counts for no one: tiers above the highest total
 * score the caps and weights allow, and metrics weighted for no role that has reps (nor used by a gate, the
 * commission or a weighted metric). `reps` undefined: the roster is not known (a roster file, --no-data), so
 * every role with weights counts.
 */
export function designChecks(model: Model, reps: readonly Rep[] | undefined, schemeFile: string, at: At): Diagnostic[] {
  const out: Diagnostic[] = [];
  const warn = (p: PathSegment[], found: Problem, atKey = false) => out.push({ severity: 'warning', file: schemeFile, ...at(p, atKey), ...coded(found) });
  const roles = reps === undefined ? [...model.weights.keys()] : [...new Set(reps.map((r) => r.role))].filter((r) => model.weights.has(r));
  if (roles.length === 0) return out;
  const specs = new Map(model.metrics.map((m) => [m.name, m]));

  // The highest total score any rep can reach: Σ weight × the highest score each metric can give.
  let best = 0;
  let bestRole = roles[0]!;
  for (const role of roles) {
    let total = 0;
    for (const [metric, w] of model.weights.get(role)!) {
      const m = specs.get(metric);
      if (m && Number.isFinite(w)) total += w * highestScore(m.scoring);
    }
    if (total > best) {
      best = total;
      bestRole = role;
    }
  }
  const pct = (x: number) => `${Math.round(x * 1e4) / 100}%`;
  const whose = { whoTerm: roles.length === 1 ? 'term.role' : 'term.anyRole', role: bestRole } as const;
  // Tiers keyed on a metric's achievement (`basis`) are not bounded by the total score's caps: not checked.
  const onScore = model.bonus.basis === undefined;
  // A named tier no score reaches; a point beyond reach after one already beyond it (the pay between them is flat).
  const mode = bonusMode(model.bonus);
  const rows = onScore ? mode.rows(model.bonus) : [];
  rows.forEach((r, k) => {
    if (!(r.from > best + 1e-9)) return;
    if (r.label !== null) warn(['bonus', ...r.at], problem('KPI1302', { ...whose, tier: r.label, from: pct(r.from), best: pct(best) }));
    else if (k > 0 && rows[k - 1]!.from >= best - 1e-9) warn(['bonus', ...r.at], problem('KPI1303', { ...whose, score: pct(r.from), best: pct(best) }));
  });

  const counts = metricsThatCount(model, roles);
  for (const m of model.metrics) {
    if (counts.has(m.name)) continue;
    warn(['metrics', m.name], problem('KPI1301', { metric: m.name, n: roles.length, roles: roles.join(', '), own: reps === undefined ? 0 : 1 }), true);
  }
  return out;
}

/** Metrics that count: weighted for one of `roles`, then everything a counting metric, gate or commission uses. */
function metricsThatCount(model: Model, roles: readonly string[]): Set<string> {
  const specs = new Map(model.metrics.map((m) => [m.name, m]));
  const counts = new Set<string>();
  for (const role of roles) for (const [metric, w] of model.weights.get(role) ?? []) if (w > 0) counts.add(metric);
  // Every plan's gates, commission, bonus basis and components (a SPIFF's count, a kicker's conditions).
  for (const plan of everyPlan(model)) {
    for (const g of plan.gates) counts.add(g.metric);
    if (plan.commission) counts.add(plan.commission.metric);
    if (plan.bonus.basis !== undefined) counts.add(plan.bonus.basis);
    for (const c of plan.components) {
      if (c.kind === 'commission') counts.add(c.commission.metric);
      else if (c.kind === 'spiff') counts.add(c.metric);
      else if (c.kind === 'kicker') for (const w of c.when) counts.add(w.metric);
    }
  }
  const queue = [...counts];
  while (queue.length) {
    const m = specs.get(queue.pop()!);
    for (const r of m ? metricsRead(m) : []) {
      if (counts.has(r)) continue;
      counts.add(r);
      queue.push(r);
    }
  }
  return counts;
}

/**
 * A growth metric that counts for pay, compared with a period its data does not reach (only November exported,
 * growth on October): every rep's growth is no data and scores 0, which looks like a run where nobody grew; or
 * reaches only from part way in (KPI2717). Said per metric and source, as a data issue, so the run is not final.
 */
function missingComparisons(run: Pick<Prepared, 'model' | 'tables' | 'period' | 'reps'>): { metric: string; file: string; source: string; problem: Problem }[] {
  const out: { metric: string; file: string; source: string; problem: Problem }[] = [];
  const model = run.model;
  const counts = metricsThatCount(model, [...new Set(run.reps.map((r) => r.role))]);
  const specs = new Map(model.metrics.map((m) => [m.name, m]));
  const spans = new Map<string, ReturnType<typeof extent>>();
  for (const m of model.metrics) {
    const compared = comparesWith(m, run.period);
    if (!compared || !counts.has(m.name)) continue;
    const other = compared.period;
    const sources = sourcesBehind(compared.metric, specs);
    for (const spec of model.sources) {
      const table = run.tables.get(spec.name);
      if (!sources.has(spec.name) || !table || (spec.date === undefined && spec.period === undefined)) continue;
      const mask = periodMask(table, spec, other);
      if (mask.includes(1)) {
        // Rows in the earlier period, but the export starts after it began (sales from 15 October, growth on
        // October): the earlier figure is part of a period, and the growth looks larger than it is. A rep's own
        // start date is not the source's: the first date is over every rep's rows that were read.
        const e = spans.get(spec.name) ?? extent(table, spec);
        spans.set(spec.name, e);
        if (e.kind === 'none' || !(e.lo > other.start)) continue;
        const first =
          e.kind === 'date'
            ? { firstTerm: 'term.startsOn' as const, first: isoFromDay(e.lo) }
            : { firstTerm: 'term.startsWith' as const, first: e.first ?? '' };
        out.push({
          metric: m.name,
          file: table.file,
          source: spec.name,
          problem: problem('KPI2717', { ...first, metric: m.name, base: compared.metric, other: other.label, file: table.file }),
        });
        continue;
      }
      out.push({
        metric: m.name,
        file: table.file,
        source: spec.name,
        problem: problem('KPI2708', { ...spanSaid(table, spec, 0), metric: m.name, base: compared.metric, other: other.label, file: table.file }),
      });
    }
  }
  return out;
}

// ------------------------------------------------------------------------------------------------ helpers

/** A problem as a diagnostic's message, code and values. */
export function coded(p: Problem): Pick<Diagnostic, 'message' | 'code' | 'params'> {
  return { message: p.text, code: p.code, params: p.params };
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key) ?? [];
  list.push(value);
  map.set(key, list);
}

/** The first few of a list, then how many more as "… +3": the words around it say what they are, in any language. */
export function sample(ids: string[]): string {
  return ids.slice(0, LIST).join(', ') + (ids.length > LIST ? `, … +${ids.length - LIST}` : '');
}

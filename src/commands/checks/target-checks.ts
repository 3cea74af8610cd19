// Checks of the run's targets and weights against its roster: reps whose role has no weights, metrics without a
// target (or with one that gives no achievement), targets of 0, a targets file without a row for the period, and
// targets named for no rep or team.
import { planFor } from '../../core/plans.js';
import type { Model } from '../../core/model.js';
import type { RunResult } from '../../core/results.js';
import { overlapsPeriod, targetRowsInPeriod, targetsPeriodColumn } from '../../core/targets.js';
import { codedIssue } from '../../core/table.js';
import type { PathSegment } from '../../scheme/positions.js';
import { closest } from '../../scheme/suggest.js';
import { problem, type Problem } from '../../messages/index.js';
import { needsTarget, zeroTargetMeaning } from '../../core/rules/scoring/index.js';
import { looks } from '../../core/filter.js';
import type { Prepared } from '../pipeline.js';
import { coded, fileIssue, type Findings, inScheme, push, sample } from './run-issue.js';
import { type Holds, spanSaid } from './source-span.js';

/** Reps whose role the weights do not name (KPI1201): an error, there is nothing to score them on. */
export function rolesWithoutWeights(run: Prepared, out: Findings): void {
  for (const r of run.reps.filter((x) => !run.model.weights.has(x.role))) {
    const p = problem('KPI1201', { id: r.id, name: r.name, role: r.role, suggestion: closest(r.role, run.model.weights.keys()) });
    inScheme(out, 'error', ['weights'], p, true);
  }
}

/** Metrics that count without a target (KPI1202), or with one of 0 or below where an achievement is read (KPI1210). */
export function missingTargets(run: Prepared, result: RunResult, out: Findings): void {
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
    inScheme(out, 'error', ['metrics', metric, 'target'], problem('KPI1210', { metric, n: reps.length, reps: sample(reps) }), true);
  }
  for (const [metric, reps] of missing) {
    const p = problem('KPI1202', { metric, period: run.period.label, n: reps.length, reps: sample(reps) });
    inScheme(out, 'error', ['metrics', metric, 'target'], p, true);
  }
}

/**
 * Weighted targets of 0: from the scheme, an error where the score would divide by it (KPI5138) or a linear line's
 * percentage bounds collapse onto it (KPI5139), a warning for binary (KPI2702); from the targets file, a data issue
 * (KPI2701).
 */
export function zeroTargets(run: Prepared, result: RunResult, out: Findings): void {
  for (const t of oddTargets(run, result)) {
    if (t.refused !== undefined) {
      inScheme(out, 'error', ['metrics', t.metric, 'target'], problem(t.refused, { metric: t.metric, n: t.reps.length, reps: sample(t.reps) }), true);
      continue;
    }
    const said = { metric: t.metric, n: t.reps.length, reps: sample(t.reps) };
    if (!t.file) {
      inScheme(out, 'warning', ['metrics', t.metric, 'target'], problem('KPI2702', said), true);
      continue;
    }
    // From a data file, higher is better: a data issue (the run is not final). Lower is better: 0 complaints is a
    // target people set, and a run NOT FINAL for it would be one nobody could sign off; a note says it, as a blank
    // exported as 0 reads the same.
    const p = t.lower ? problem('KPI2746', said) : problem('KPI2701', { ...said, effectTerm: ZERO_EFFECT[t.meaning ?? 'line'] });
    const severity = t.lower ? 'note' : 'warning';
    out.runIssues.push({
      issue: codedIssue(p, { file: t.file, severity, action: 'kept' }),
      diagnostic: { severity: 'warning', file: t.file, line: 0, col: 0, ...coded(p) },
    });
  }
}

/** What a target of 0 from a targets file does to a higher-is-better score, by what it means to the method (KPI2701). */
const ZERO_EFFECT = {
  divides: 'term.zeroTarget.divides',
  meets: 'term.zeroTarget.meets',
  collapses: 'term.zeroTarget.collapses',
  line: 'term.zeroTarget.line',
} as const;

/** A targets file with rows, none of them for the period (KPI2707). */
export function targetsOutsidePeriod(run: Prepared, out: Findings): void {
  const targets = targetsCoverage(run);
  if (targets)
    fileIssue(out, problem('KPI2707', { ...targets, period: run.period.label, file: run.targets!.file }), { file: run.targets!.file }, ['targets_file'], true);
}

/** Targets for reps or teams the roster does not hold, and teams spelled two ways (KPI2713–2715). */
export function targetNames(run: Prepared, out: Findings): void {
  for (const k of targetKeys(run)) {
    const file = k.inRoster && run.model.roster.kind === 'file' ? run.model.roster.source.fileAsWritten : out.schemeFile;
    fileIssue(out, k.problem, { file }, k.at, true);
  }
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

interface OddTarget {
  metric: string;
  file?: string;
  refused?: 'KPI5138' | 'KPI5139';
  /** What the target of 0 means to the metric's method (absent: a line through it, linear with bounds in amounts). */
  meaning?: 'divides' | 'collapses' | 'meets';
  /** From a targets file where lower is better (KPI2746, a note). */
  lower?: true;
  reps: string[];
}

/**
 * Weighted metrics scored against a target of 0, by metric (and targets file). Refused, from the scheme, where the
 * score has no meaning: ratio with higher is better (actual ÷ 0: any actual above 0 would score the cap, KPI5138)
 * and linear with a threshold or stretch written as a percentage of the target (every bound 0: the line collapses
 * to one step at 0, KPI5139). Binary higher is better is a warning (every actual of 0 or more meets it); lower is
 * better ratio and binary (0 complaints) and linear with bounds in amounts are meant, and said nothing of. From a
 * targets file, higher is better is a data issue (KPI2701: a blank cell exported as 0?). A metric whose achievement
 * the plan reads is KPI1210's (missingTargets), not said twice.
 */
function oddTargets(run: Prepared, result: RunResult): OddTarget[] {
  const out = new Map<string, OddTarget>();
  const readsAchievement = achievementReaders(run.model);
  for (const rep of result.reps) {
    for (const m of rep.metrics) {
      const spec = run.model.metrics.find((x) => x.name === m.metric);
      if (m.weight <= 0 || m.target !== 0 || spec === undefined || !needsTarget(spec.scoring)) continue;
      const higher = spec.direction === 'higher_is_better';
      if (higher && readsAchievement(rep.rep.role).has(m.metric)) continue;
      const file = m.targetOrigin === 'file' ? run.targets?.file : undefined;
      const meaning = zeroTargetMeaning(spec);
      const refused = file !== undefined ? undefined : meaning === 'divides' ? 'KPI5138' : meaning === 'collapses' ? 'KPI5139' : undefined;
      if (file === undefined && refused === undefined && meaning !== 'meets') continue;
      const key = `${m.metric}\u0000${file ?? ''}`;
      let e = out.get(key);
      if (!e) {
        const lower = file !== undefined && !higher ? { lower: true as const } : {};
        out.set(
          key,
          (e = { metric: m.metric, ...(file ? { file } : {}), ...(refused ? { refused } : {}), ...(meaning ? { meaning } : {}), ...lower, reps: [] }),
        );
      }
      e.reps.push(rep.rep.id);
    }
  }
  return [...out.values()];
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

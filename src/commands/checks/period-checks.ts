// Checks of the period against the data: sources with no row in it, period labels that overlap it without lying
// inside it, a kind of period the scheme's targets were not written for, and months of a quarter or year that an
// export stops short of.
import type { SourceSpec } from '../../core/model.js';
import { codedIssue, type Table } from '../../core/table.js';
import { periodMask, rowsInPeriod } from '../../core/attribution.js';
import { isAdditive } from '../../core/decompose.js';
import { labelInPeriod, normaliseLabel, parsePeriod, ymdFromDay } from '../../core/period.js';
import type { Period } from '../../core/results.js';
import { headerOf } from '../../core/roster.js';
import { problem, type Problem } from '../../messages/index.js';
import { aggregatedSources } from '../../core/rules/metrics/index.js';
import type { Prepared } from '../pipeline.js';
import { periodRowsCache } from '../period-rows-cache.js';
import { periodKey } from '../../core/period-rows.js';
import { fileIssue, type Findings, inScheme, rowIssue, sample } from './run-issue.js';
import { extent, type Holds, spanSaid } from './source-span.js';

/** No source has a row in the period (KPI1203, one error per source), or some have none (KPI2703). */
export function periodWithoutRows(run: Prepared, out: Findings): void {
  const coverage = periodCoverage(run);
  if (coverage.length > 0 && coverage.every((c) => c.inPeriod === 0)) {
    // One error per source, each saying what its file holds: the period, or the files, are not what was meant.
    for (const c of coverage) {
      inScheme(out, 'error', ['period'], problem('KPI1203', { ...c.holdsSaid(), period: run.period.label, source: c.source, file: c.file }));
    }
  } else {
    for (const c of coverage.filter((x) => x.inPeriod === 0)) {
      const p = problem('KPI2703', { ...c.holdsSaid(), period: run.period.label, source: c.source, file: c.file });
      fileIssue(out, p, { file: c.file, source: c.source }, ['sources', c.source], true);
    }
  }
}

/** Period labels that overlap the period without lying inside it, or name it beside its months (KPI2704, KPI2705). */
export function periodLabels(run: Prepared, out: Findings): void {
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
      rowIssue(out, issue);
    }
  }
}

/** Scoring another kind of period than the scheme's targets were written for (KPI2709). */
export function periodKind(run: Prepared, out: Findings): void {
  const kind = periodKindMismatch(run);
  if (kind) fileIssue(out, kind, { file: out.schemeFile }, ['period'], false, { smart: 'time-bound' });
}

/** Months of a quarter or year before a source's first row or after its last (KPI2710). */
export function monthsMissing(run: Prepared, out: Findings): void {
  for (const g of missingMonths(run)) fileIssue(out, g.problem, { file: g.file, source: g.source }, ['sources', g.source], true);
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
  const counted = aggregatedSources(run.model.metrics);
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

// An input metric (a CSAT survey, a manager's rating) with no value for a rep: no data, so the rep scores 0 on it,
// as the scheme says of a rep with no rows. A rep missing from a survey file is far more often a survey not yet in
// than a 0 earned, so the run says who, once per metric, and is not final; the score stays 0 (the figures are what
// the files hold, and the person paying decides).
import type { Period, RunResult } from '../../core/results.js';
import type { Model, Rep, SourceSpec } from '../../core/model.js';
import type { Table } from '../../core/table.js';
import { attributeRows, repCodesOf, repLookup, rowsInPeriod } from '../../core/attribution.js';
import { periodRows } from '../../core/period-rows.js';
import { dayFromIso, isoFromDay } from '../../core/period.js';
import { problem, type Problem } from '../../messages/index.js';
import { aggregatedSources, rowsRead } from '../../core/rules/metrics/index.js';
import type { Prepared } from '../pipeline.js';

export interface MissingInput {
  metric: string;
  source: string;
  file: string;
  /** The row the issue points at, when it names one. */
  row?: number;
  problem: Problem;
}

/**
 * Per input metric, the reps with no value in the period for whom it counts (`counts`: the metrics a role's pay
 * uses) and who have rows of the period in another source, leaving out reps who joined after the period began. A
 * source with no row in the period at all is said on its own (KPI2703) and not again here.
 */
export function missingInputs(
  run: Pick<Prepared, 'model' | 'tables' | 'period' | 'reps' | 'readIssues'>,
  result: RunResult,
  counts: (role: string) => ReadonlySet<string>,
  list: (ids: string[]) => string,
): MissingInput[] {
  const out: MissingInput[] = [];
  const model = run.model;
  // A value given per rep (the input kind) is a metric whose rows are read as given, not aggregated.
  const givenFrom = (m: (typeof model.metrics)[number]) => rowsRead(m).find((r) => r.given)?.agg.source;
  const given = new Set(model.metrics.filter((m) => givenFrom(m) !== undefined).map((m) => m.name));
  let withRows: ReadonlySet<string> | undefined;
  // Worked in the period: a row of it in a source other than the input files, whatever the metrics' filters keep
  // (a rep with only lost deals has no won revenue, and worked). A row a metric counted (split credit) says so too.
  const worked = (rep: RunResult['reps'][number]): boolean =>
    rep.metrics.some((x) => !given.has(x.metric) && (x.provenance.rows ?? 0) > 0) ||
    (withRows ??= repsWithRows(model, run.tables, run.reps, run.period)).has(rep.rep.id);
  for (const m of model.metrics) {
    const source = givenFrom(m);
    if (source === undefined) continue;
    const table = run.tables.get(source);
    const spec = model.sources.find((s) => s.name === source);
    if (!table || !spec || rowsInPeriod(table, spec, run.period) === 0) continue;
    const reps: string[] = [];
    for (const rep of result.reps) {
      // A rep who joined during the period may not have been surveyed yet.
      const start = rep.rep.startDate === undefined ? null : dayFromIso(rep.rep.startDate);
      if (start !== null && start > run.period.start) continue;
      if (!counts(rep.rep.role).has(m.name) || rep.metrics.find((x) => x.metric === m.name)?.actual !== null) continue;
      // A rep with no rows at all (on leave) is scored as such: only one who worked and has no value is said.
      if (worked(rep)) reps.push(rep.rep.id);
    }
    if (reps.length === 0) continue;
    // A rep whose rows in the file all lie in other periods (a month typed wrong?) is said apart, with a row; not when
    // rows of the file were skipped (the rep's row of the period may be one of them, and is listed as such).
    const skipped = run.readIssues.some((i) => i.file === table.file && i.action === 'skipped');
    const elsewhere = skipped ? new Map<string, { row: number; when: string }>() : rowsElsewhere(table, spec, run.reps, run.period, new Set(reps));
    const none = reps.filter((id) => !elsewhere.has(id));
    const said = { metric: m.name, file: table.file, period: run.period.label };
    if (none.length > 0) out.push({ metric: m.name, source, file: table.file, problem: problem('KPI2718', { ...said, n: none.length, reps: list(none) }) });
    if (elsewhere.size > 0) {
      // Each rep with the date or period of its last row as written; the issue's row is the first rep's last row.
      const shown = [...elsewhere].map(([id, e]) => `${id} (${e.when})`);
      const row = [...elsewhere.values()][0]!.row;
      out.push({ metric: m.name, source, file: table.file, row, problem: problem('KPI2747', { ...said, n: elsewhere.size, reps: list(shown) }) });
    }
  }
  return out;
}

/**
 * Of `missing`, the reps with rows in the input file, none of them in the period: per rep, its last row and that
 * row's date or period label as written.
 */
function rowsElsewhere(
  table: Table,
  spec: SourceSpec,
  reps: readonly Rep[],
  period: Period,
  missing: ReadonlySet<string>,
): Map<string, { row: number; when: string }> {
  const out = new Map<string, { row: number; when: string }>();
  const name = spec.date ?? spec.period;
  const col = name === undefined ? undefined : table.columns.get(name);
  if (col === undefined || spec.rep === undefined) return out;
  const { rows, count } = periodRows(table, spec, period);
  const inPeriod = new Uint8Array(table.rowCount);
  for (let k = 0; k < count; k++) inPeriod[rows === null ? k : rows[k]!] = 1;
  const idx = attributeRows(table, spec.rep, repLookup(reps));
  const spoilt = new Set<string>();
  for (let i = 0; i < table.rowCount; i++) {
    const r = idx[i]!;
    const id = r >= 0 ? reps[r]!.id : undefined;
    if (id === undefined || !missing.has(id)) continue;
    if (inPeriod[i] === 1) spoilt.add(id); // a row of the period without a value: not this case
    const v = col.values[i];
    const when = col.type === 'date' ? (typeof v === 'number' && !Number.isNaN(v) ? isoFromDay(v) : '—') : v == null ? '—' : String(v).trim();
    out.set(id, { row: table.rowNumbers[i]!, when });
  }
  for (const id of spoilt) out.delete(id);
  return out;
}

/**
 * Ids of the reps with a row of the period in a source that metrics aggregate (not only input files): every row
 * of the period, before any metric's filter. Read only when some rep lacks an input value.
 */
function repsWithRows(model: Model, tables: ReadonlyMap<string, Table>, reps: readonly Rep[], period: Period): Set<string> {
  const counted = aggregatedSources(model.metrics);
  const lookup = repLookup(reps);
  const found = new Set<number>();
  for (const spec of model.sources) {
    const table = tables.get(spec.name);
    if (!table || !counted.has(spec.name) || spec.rep === undefined) continue;
    const { rows, count } = periodRows(table, spec, period);
    const at = (k: number) => (rows === null ? k : rows[k]!);
    const coded = repCodesOf(table, spec.rep, lookup);
    if (coded) {
      // Once per distinct id, not per row.
      const seen = new Uint8Array(coded.perCode.length);
      for (let k = 0; k < count; k++) seen[coded.codes[at(k)]!] = 1;
      for (let c = 0; c < seen.length; c++) if (seen[c] === 1 && coded.perCode[c]! >= 0) found.add(coded.perCode[c]!);
    } else {
      const idx = attributeRows(table, spec.rep, lookup);
      for (let k = 0; k < count; k++) if (idx[at(k)]! >= 0) found.add(idx[at(k)]!);
    }
  }
  return new Set([...found].map((r) => reps[r]!.id));
}

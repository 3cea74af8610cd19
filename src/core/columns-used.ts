// Which mapped columns of a source a scheme actually uses. Only those are read and type-checked by `kpi score`:
// a malformed value in a column no metric, filter or key looks at must not cost a row of revenue, and skipping
// them keeps big reads fast. (`kpi validate` still checks every mapped column.)
import type { Model, SourceSpec } from './model.js';
import { plainAggregate, rowsRead } from './rules/metrics/index.js';
import { exprRefs } from './expr.js';
import { everyPlan } from './plans.js';

export function columnsUsed(model: Model, source: SourceSpec): Set<string> {
  const used = usedBesidesKey(model, source);
  if (source.key) used.add(source.key);
  return used;
}

/** The columns used by anything but the duplicate-key check. */
function usedBesidesKey(model: Model, source: SourceSpec): Set<string> {
  const used = new Set<string>();
  for (const c of [source.rep, source.date, source.period, source.split?.order, source.split?.share]) if (c) used.add(c);
  for (const m of model.metrics) {
    for (const { agg } of rowsRead(m)) {
      if (agg.source !== source.name) continue;
      if (agg.column) used.add(agg.column);
      for (const f of agg.filter) used.add(f.column);
    }
  }
  // Plan rules that read rows themselves: 回款 components, clawbacks.
  for (const plan of everyPlan(model)) {
    for (const c of plan.components) {
      if (c.kind !== 'collection' || c.source !== source.name) continue;
      for (const col of [c.paid, c.paidDate, c.invoiceDate, c.invoice, c.invoiceAmount, c.base]) if (col !== undefined) used.add(col);
      for (const f of c.filter) used.add(f.column);
    }
    const claw = plan.commission?.clawback;
    const m = claw && model.metrics.find((x) => x.name === plan.commission!.metric);
    if (claw && m && plainAggregate(m)?.source === source.name) {
      used.add(claw.order);
      for (const f of claw.refunds) used.add(f.column);
    }
  }
  // A used derived column needs its inputs (derived columns may build on each other, so repeat until stable).
  let grew = true;
  while (grew) {
    grew = false;
    for (const d of source.derived) {
      if (!used.has(d.name)) continue;
      const inputs = d.kind === 'days_between' ? [d.from, d.to] : [...exprRefs(d.formula)];
      for (const i of inputs) {
        if (used.has(i)) continue;
        used.add(i);
        grew = true;
      }
    }
  }
  return used;
}

/** The source as `kpi score` reads it: only the columns (and derived columns) the scheme uses. */
export function narrowedToUse(model: Model, source: SourceSpec): SourceSpec {
  const used = columnsUsed(model, source);
  const keyOnly = source.key !== undefined && !usedBesidesKey(model, source).has(source.key);
  return {
    ...source,
    columns: source.columns.filter((c) => used.has(c.name)),
    derived: source.derived.filter((d) => used.has(d.name)),
    ...(keyOnly ? { keyOnly } : {}),
  };
}

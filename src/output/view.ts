// What the tabular outputs (terminal, CSV, Markdown) have in common: which metric columns to show, and clean text.
import type { Model, Unit } from '../core/model.js';
import type { RepResult, RunResult } from '../core/results.js';
import { say, type Translate } from '../messages/index.js';

export interface MetricColumn {
  metric: string;
  label: string;
}

/** Metrics weighted for at least one rep, in the order the core lists them. */
export function weightedMetrics(result: RunResult): MetricColumn[] {
  const seen = new Map<string, MetricColumn>();
  for (const r of result.reps) {
    for (const m of r.metrics) {
      if (m.weight > 0 && !seen.has(m.metric)) seen.set(m.metric, { metric: m.metric, label: m.label });
    }
  }
  // Keep the scheme's order even if the first rep lacks a metric another role weights.
  const order = new Map<string, number>();
  for (const r of result.reps) {
    r.metrics.forEach((m, i) => {
      if (!order.has(m.metric)) order.set(m.metric, i);
    });
  }
  return [...seen.values()].sort((a, b) => (order.get(a.metric) ?? 0) - (order.get(b.metric) ?? 0));
}

/** metric → unit, for display. */
export function unitsOf(model: Pick<Model, 'metrics'>): ReadonlyMap<string, Unit> {
  const units = new Map<string, Unit>();
  for (const m of model.metrics) if (m.unit) units.set(m.name, m.unit);
  return units;
}

/** One line of display text: NFC, no control characters (a name must not move the cursor or clear the screen). */
export function displayText(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.normalize('NFC').replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, ' ');
}

/** The failed gate that zeroed a rep's bonus, as the steps write it: "collection_rate actual 74% < 80%". */
export function gateTest(r: RepResult, t: Translate): string {
  if (r.bonusZeroedBy === undefined && r.bonusZeroedByRedLine !== undefined) return `红线 ${say(r.bonusZeroedByRedLine, t)}`;
  const g = r.gates.find((x) => x.metric === r.bonusZeroedBy && !x.passed);
  return g ? say(g.text, t) : `${r.bonusZeroedBy ?? ''} ${t('table.gateMark')}`;
}

/** Why a rep's bonus was zeroed, in words (the core's gate reason). */
export function gateReason(r: RepResult, t: Translate): string {
  if (r.bonusZeroedBy === undefined && r.bonusZeroedByRedLine !== undefined) return `红线 ${say(r.bonusZeroedByRedLine, t)} (一票否决)`;
  const g = r.gates.find((x) => x.metric === r.bonusZeroedBy && !x.passed);
  return g ? say(g.reason, t) : `${r.bonusZeroedBy ?? ''} ${t('table.gateMark')}`;
}

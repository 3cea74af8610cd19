// `base_bonus: 5.000` or `target: 150.000` is 5 and 150 in YAML, where a European writer means 5000 and 150000: a
// payout or a target 1000× off that loads without a word. An amount or a count written with a dot and three digits
// after it, the last a 0 (a third decimal no currency with cents needs, nor a count), is refused, saying both
// readings, before anything is paid from it.
import { isScalar, type Document } from 'yaml';
import type { Model } from '../core/model.js';
import type { Context } from './context.js';
import type { PathSegment } from './positions.js';
import type { RangeTerm } from './ranges.js';
import { problem } from '../messages/index.js';

/** `5.000`, `150.000`, `-2.500` as written in the YAML: a dot, then three digits, the last a 0 (so `5.001` is not one). */
const THOUSANDS_DOT = /^[+-]?[1-9]\d{0,2}\.\d\d0$/;

export function checkThousandsDots(ctx: Context, doc: Document, raw: unknown, model: Model): void {
  if (model.currency.minorUnit >= 3) return; // three decimals are then ordinary amounts
  const check = (path: PathSegment[], whatTerm: RangeTerm) => {
    const node = doc.getIn(path, true);
    if (!isScalar(node) || node.type !== 'PLAIN' || typeof node.value !== 'number' || typeof node.source !== 'string') return;
    if (!THOUSANDS_DOT.test(node.source)) return;
    const thousands = node.source.replace('.', '');
    ctx.error(path, problem('KPI5616', { written: node.source, value: node.value, whatTerm, thousands }));
  };
  const top = (raw ?? {}) as Record<string, unknown>;
  const at = (...p: PathSegment[]) => p;
  const list = (v: unknown): number => (Array.isArray(v) ? v.length : 0);

  for (let i = 0; i < list(top.reps); i++) check(at('reps', i, 'base_bonus'), 'term.s.theBaseBonus');
  check(at('bonus', 'max_payout'), 'term.s.thePayoutCap');
  check(at('commission', 'max_payout'), 'term.s.theCommissionCap');
  const commission = (top.commission ?? {}) as Record<string, unknown>;
  for (let i = 0; i < list(commission.tiers); i++) for (const k of ['from', 'to']) check(at('commission', 'tiers', i, k), 'term.s.theAmount');

  // Targets and bounds of amounts and counts (a rate, a score or a number may well have three decimals).
  const whole = new Set(model.metrics.filter((m) => m.unit === 'money' || m.unit === 'count').map((m) => m.name));
  const metrics = (top.metrics ?? {}) as Record<string, Record<string, unknown> | undefined>;
  for (const name of whole) {
    const target = metrics[name]?.target;
    const base: PathSegment[] = ['metrics', name, 'target'];
    if (target === null || typeof target !== 'object') {
      check(base, 'term.s.theTarget');
      continue;
    }
    const t = target as Record<string, unknown>;
    for (const k of ['default', 'threshold', 'stretch'])
      check([...base, k], k === 'default' ? 'term.s.theTarget' : k === 'threshold' ? 'term.s.theThreshold' : 'term.s.theStretch');
    for (const k of ['by_role', 'by_team', 'by_rep']) {
      const m = t[k];
      if (m !== null && typeof m === 'object') for (const key of Object.keys(m)) check([...base, k, key], 'term.s.theTarget');
    }
  }
  (Array.isArray(top.gates) ? top.gates : []).forEach((g: unknown, i) => {
    const gate = (g ?? {}) as { metric?: unknown; of?: unknown };
    if (typeof gate.metric === 'string' && whole.has(gate.metric) && gate.of !== 'achievement') check(at('gates', i, 'level'), 'term.s.theGateLevel');
  });
}

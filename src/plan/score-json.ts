// Reading a saved `kpi score --format json` (kpi-score/1) back, for `kpi diff a.json b.json`. Only what the
// comparison needs is taken; anything malformed is refused with the field that is wrong.
import type { RunView, RepView, MetricView } from './diff.js';
import { skippedRows } from '../output/status.js';

export interface SavedInput {
  source: string;
  role: string;
  file: string;
  sha256: string;
  rows: number;
}

export interface SavedRun {
  view: RunView;
  scheme: string;
  currency: { code: string; minorUnit: number; symbol: string };
  /** null for runs saved before kpi-score/1 carried its provenance (`run`). */
  run: { schemeFile: string; schemeSha256: string; inputs: SavedInput[] } | null;
  /** Whether the run was final: its `status`, or for a run saved without one, whether it listed any issue. */
  status: { final: boolean; issues: number; skipped: number; notes: number };
}

export class SavedRunError extends Error {}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

function field<T>(o: Obj, key: string, where: string, ok: (v: unknown) => v is T, what: string): T {
  const v = o[key];
  if (!ok(v)) throw new SavedRunError(`${where}.${key} should be ${what}`);
  return v;
}
const str = (v: unknown): v is string => typeof v === 'string';
const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const numOrNull = (v: unknown): v is number | null => v === null || num(v);
const strOrNull = (v: unknown): v is string | null => v === null || str(v);
const bool = (v: unknown): v is boolean => typeof v === 'boolean';
const arr = (v: unknown): v is unknown[] => Array.isArray(v);
const obj = (v: unknown): v is Obj => isObj(v);

function metric(m: unknown, where: string): MetricView {
  if (!isObj(m)) throw new SavedRunError(`${where} should be an object`);
  return {
    metric: field(m, 'metric', where, str, 'text'),
    weight: field(m, 'weight', where, num, 'a number'),
    actual: field(m, 'actual', where, numOrNull, 'a number or null'),
    target: field(m, 'target', where, numOrNull, 'a number or null'),
    threshold: field(m, 'threshold', where, numOrNull, 'a number or null'),
    stretch: field(m, 'stretch', where, numOrNull, 'a number or null'),
    score: field(m, 'score', where, num, 'a number'),
  };
}

function rep(r: unknown, where: string): RepView {
  if (!isObj(r)) throw new SavedRunError(`${where} should be an object`);
  const tier = r.tier;
  if (tier !== null && !(isObj(tier) && str(tier.label))) throw new SavedRunError(`${where}.tier should be null or have a label`);
  return {
    id: field(r, 'id', where, str, 'text'),
    name: field(r, 'name', where, str, 'text'),
    team: field(r, 'team', where, str, 'text'),
    hasData: field(r, 'hasData', where, bool, 'true or false'),
    totalScore: field(r, 'totalScore', where, num, 'a number'),
    tier: tier === null ? null : (tier as { label: string }).label,
    multiplier: field(r, 'multiplier', where, num, 'a number'),
    bonusZeroedBy: field(r, 'bonusZeroedBy', where, strOrNull, 'text or null'),
    bonus: field(r, 'bonus', where, num, 'a number'),
    commission: field(r, 'commission', where, num, 'a number'),
    deductions: field(r, 'deductions', where, num, 'a number'),
    payout: field(r, 'payout', where, num, 'a number'),
    metrics: field(r, 'metrics', where, arr, 'a list').map((m, i) => metric(m, `${where}.metrics[${i}]`)),
  };
}

/** The parsed JSON of a kpi-score/1 file. */
export function savedRun(json: unknown): SavedRun {
  if (!isObj(json)) throw new SavedRunError('not a JSON object');
  if (json.format !== 'kpi-score/1') {
    throw new SavedRunError(
      typeof json.format === 'string'
        ? `its format is "${json.format}", not "kpi-score/1"`
        : 'no "format": "kpi-score/1" (is it the output of kpi score --format json?)',
    );
  }
  const period = field(json, 'period', '', obj, 'an object');
  const currency = field(json, 'currency', '', obj, 'an object');
  const minorUnit = field(currency, 'minorUnit', 'currency', num, 'a number');
  const reps = field(json, 'reps', '', arr, 'a list').map((r, i) => rep(r, `reps[${i}]`));
  let run: SavedRun['run'] = null;
  if (isObj(json.run)) {
    const r = json.run;
    run = {
      schemeFile: field(r, 'schemeFile', 'run', str, 'text'),
      schemeSha256: field(r, 'schemeSha256', 'run', str, 'text'),
      inputs: field(r, 'inputs', 'run', arr, 'a list').map((x, i) => {
        if (!isObj(x)) throw new SavedRunError(`run.inputs[${i}] should be an object`);
        const w = `run.inputs[${i}]`;
        return {
          source: field(x, 'source', w, str, 'text'),
          role: field(x, 'role', w, str, 'text'),
          file: field(x, 'file', w, str, 'text'),
          sha256: field(x, 'sha256', w, str, 'text'),
          rows: field(x, 'rows', w, num, 'a number'),
        };
      }),
    };
  }
  return {
    status: savedStatus(json),
    view: { period: field(period, 'label', 'period', str, 'text'), minorUnit, reps },
    scheme: field(json, 'scheme', '', str, 'text'),
    currency: { code: field(currency, 'code', 'currency', str, 'text'), minorUnit, symbol: field(currency, 'symbol', 'currency', str, 'text') },
    run,
  };
}

function savedStatus(json: Obj): SavedRun['status'] {
  const listed = field(json, 'issues', '', arr, 'a list');
  // Notes (severity note) are listed beside the issues but cannot change a figure: they leave a run final.
  const issues = listed.filter((i) => !(isObj(i) && i.severity === 'note'));
  const notes = listed.length - issues.length;
  const skipped = skippedRows(issues.filter(isObj));
  if (json.status === undefined) return { final: issues.length === 0, issues: issues.length, skipped, notes };
  const st = field(json, 'status', '', obj, 'an object');
  return {
    final: field(st, 'final', 'status', bool, 'true or false'),
    issues: field(st, 'issues', 'status', num, 'a number'),
    skipped: field(st, 'skipped', 'status', num, 'a number'),
    notes,
  };
}

export interface InputChange {
  source: string;
  role: string;
  change: 'changed' | 'added' | 'removed';
  a: { file: string; sha256: string; rows: number } | null;
  b: { file: string; sha256: string; rows: number } | null;
}

/** Input files whose content differs between two runs (by SHA-256), matched by source name. */
export function inputChanges(a: readonly SavedInput[], b: readonly SavedInput[]): InputChange[] {
  const out: InputChange[] = [];
  const bBy = new Map(b.map((x) => [x.source, x]));
  const aBy = new Map(a.map((x) => [x.source, x]));
  const side = (x: SavedInput) => ({ file: x.file, sha256: x.sha256, rows: x.rows });
  for (const x of a) {
    const y = bBy.get(x.source);
    if (!y) out.push({ source: x.source, role: x.role, change: 'removed', a: side(x), b: null });
    else if (y.sha256 !== x.sha256) out.push({ source: x.source, role: y.role, change: 'changed', a: side(x), b: side(y) });
  }
  for (const y of b) if (!aBy.has(y.source)) out.push({ source: y.source, role: y.role, change: 'added', a: null, b: side(y) });
  return out;
}

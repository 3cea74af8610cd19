// What differs between two schemes, key by key, in the scheme's own words (weights.account_executive.revenue).
// Compared as loaded (percentages as fractions, defaults filled in), so `40` and `"40%"` are the same weight and a
// comment or a reordering is no change. Keys that wire the data (sources, roster, deductions) are data; the rest,
// targets files included, are rules.
import type { Bound, Component, Expr, Model, SourceSpec } from '../core/model.js';

export interface SchemeChange {
  path: string;
  /** The value on each side as JSON text; null when the key is absent there. */
  a: string | null;
  b: string | null;
  kind: 'data' | 'rules';
}

type Plain = string | number | boolean | null | Plain[] | { [k: string]: Plain };

const DATA_KEYS = new Set(['sources', 'reps', 'deductions', 'paid_to_date']);

function exprText(e: Expr): string {
  switch (e.type) {
    case 'num':
      return String(e.value);
    case 'ref':
      return e.name;
    case 'neg':
      return `-${exprText(e.arg)}`;
    case 'binary':
      return `(${exprText(e.left)} ${e.op} ${exprText(e.right)})`;
    case 'call':
      return `${e.fn}(${e.args.map(exprText).join(', ')})`;
  }
}

/** Any value of the model as plain JSON: Maps become objects, expressions their text, undefined dropped. */
function plain(v: unknown): Plain {
  if (v === undefined || v === null) return null;
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [String(k), plain(x)]));
  if (Array.isArray(v)) return v.map(plain);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('type' in o && typeof o.type === 'string' && ['num', 'ref', 'neg', 'binary', 'call'].includes(o.type) && !('kind' in o))
      return exprText(o as unknown as Expr);
    const out: Record<string, Plain> = {};
    for (const [k, x] of Object.entries(o)) {
      if (x === undefined) continue;
      // An expression is shown by the text the user wrote, kept beside it.
      if (k === 'formula' && typeof o.text === 'string') continue;
      out[k] = plain(x);
    }
    return out;
  }
  return v as Plain;
}

function source(s: SourceSpec): Plain {
  // Files are compared by content (kpi diff's input hashes), not by path: a copy of the scheme elsewhere reading
  // the same data is no change.
  return plain({
    ...s,
    name: undefined,
    file: undefined,
    fileAsWritten: undefined,
    columns: new Map(s.columns.map((c) => [c.name, `${c.header} (${c.type})`])),
  });
}

/** A threshold or stretch as the scheme writes it: a number is an actual, `60%` a share of the rep's own target. */
function bound(b: Bound | undefined): Plain {
  return b === undefined ? null : b.kind === 'absolute' ? b.value : `${Number((b.fraction * 100).toPrecision(12))}%`;
}

/** Pay components by name (as the scheme names them), so a change reads `components.cash.rate`, not a list index. */
function components(list: readonly Component[] | undefined): Plain {
  return Object.fromEntries((list ?? []).map((c) => [c.name, plain({ ...c, name: undefined, index: undefined })]));
}

/** The parts of a model that decide who is paid what, as plain JSON keyed like the YAML. */
function comparable(m: Model): Record<string, Plain> {
  return {
    currency: plain(m.currency),
    period: m.period ?? null,
    sources: Object.fromEntries(m.sources.map((s) => [s.name, source(s)])),
    reps: m.roster.kind === 'inline' ? Object.fromEntries(m.roster.reps.map((r) => [r.id, plain(r)])) : source(m.roster.source),
    targets_file: m.targetsFile ? source(m.targetsFile) : null,
    // The 红线 rules price the deductions file's rows: rules, not data (see walk).
    deductions: m.deductions ? { ...(source(m.deductions) as Record<string, Plain>), rules: plain(m.redLines) } : null,
    paid_to_date: m.paidToDate ? source(m.paidToDate) : null,
    rollups: plain(m.rollups),
    metrics: Object.fromEntries(
      m.metrics.map((x) => [
        x.name,
        {
          label: x.label,
          unit: x.unit ?? null,
          direction: x.direction,
          definition: plain(x.def),
          target: {
            ...(plain({ ...x.target, threshold: undefined, stretch: undefined }) as Record<string, Plain>),
            threshold: bound(x.target.threshold),
            stretch: bound(x.target.stretch),
          },
          scoring: plain(x.scoring),
        },
      ]),
    ),
    weights: plain(m.weights),
    gates: plain(m.gates),
    bonus: plain(m.bonus),
    commission: plain(m.commission),
    components: components(m.components),
    // A role's `commission: none` is kept as such, not as an absent key (which means the default's).
    plans: m.plans
      ? Object.fromEntries(
          [...m.plans].map(([role, o]) => [
            role,
            plain({ ...o, commission: o.commission === null ? 'none' : o.commission, components: o.components && components(o.components) }),
          ]),
        )
      : null,
  };
}

function isObject(v: Plain): v is { [k: string]: Plain } {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function walk(a: Plain | undefined, b: Plain | undefined, path: string[], out: SchemeChange[]): void {
  if (isObject(a ?? null) && isObject(b ?? null)) {
    const ao = a as { [k: string]: Plain };
    const bo = b as { [k: string]: Plain };
    const keys = [...Object.keys(ao), ...Object.keys(bo).filter((k) => !(k in ao))];
    for (const k of keys) walk(ao[k], bo[k], [...path, k], out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    for (let i = 0; i < a.length; i++) walk(a[i], b[i], [...path, String(i)], out);
    return;
  }
  const ta = a === undefined ? null : JSON.stringify(a);
  const tb = b === undefined ? null : JSON.stringify(b);
  if (ta === tb) return;
  out.push({ path: path.join('.'), a: ta, b: tb, kind: DATA_KEYS.has(path[0] ?? '') && !(path[0] === 'deductions' && path[1] === 'rules') ? 'data' : 'rules' });
}

/** Every difference between two schemes, in the order of the first one's keys. */
export function schemeChanges(a: Model, b: Model): SchemeChange[] {
  const out: SchemeChange[] = [];
  walk(comparable(a), comparable(b), [], out);
  return out;
}

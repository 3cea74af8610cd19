// Collects problems while a scheme is read, each with the YAML path it is about. Positions are resolved
// at the end, once, against the parsed document.
import type { ZodType } from 'zod';
import type { PathSegment } from './positions.js';
import { closest } from './suggest.js';
import type { Diagnostic } from './diagnostics.js';
import { problem, type ProblemCode, type ProblemParams } from '../messages/index.js';
import { chineseNumberProblem } from '../core/chinese-numbers.js';

export interface PendingIssue {
  severity: 'error' | 'warning';
  path: PathSegment[];
  message: string;
  /** Point at the key rather than its value. */
  atKey?: boolean;
  smart?: Diagnostic['smart'];
  code?: ProblemCode;
  params?: ProblemParams;
}

export class Context {
  readonly issues: PendingIssue[] = [];

  error(path: PathSegment[], message: string, atKey = false): void {
    this.issues.push({ severity: 'error', path, message, atKey });
  }

  /** A problem with a stable code (messages/index.ts problem()). */
  report(path: PathSegment[], p: { code: ProblemCode; params: ProblemParams; text: string }, severity: 'error' | 'warning' = 'error', atKey = false): void {
    this.issues.push({ severity, path, message: p.text, atKey, code: p.code, params: p.params });
  }

  warn(path: PathSegment[], message: string, smart?: Diagnostic['smart'], atKey = false): void {
    this.issues.push({ severity: 'warning', path, message, smart, atKey });
  }

  get hasErrors(): boolean {
    return this.issues.some((i) => i.severity === 'error');
  }

  /** Validate `value` (found at `path`) against `schema`; report every problem; undefined when invalid. */
  parse<T>(schema: ZodType<T>, value: unknown, path: PathSegment[]): T | undefined {
    const r = schema.safeParse(value);
    if (r.success) return r.data;
    const issues = r.error.issues as unknown as ZodIssueLike[];
    // A misspelt key already says "did you mean X": do not also report X as missing.
    const misspelt = new Set<string>();
    for (const i of issues) {
      if (i.code !== 'unrecognized_keys') continue;
      const allowed = objectKeysAt(schema, i.path as PathSegment[]);
      for (const k of i.keys ?? []) {
        const near = closest(k, allowed);
        if (near) misspelt.add(JSON.stringify([...i.path, near]));
      }
    }
    for (const issue of issues) {
      if (issue.code !== 'unrecognized_keys' && misspelt.has(JSON.stringify(issue.path))) continue;
      this.reportZodIssue(schema, value, path, issue);
    }
    // Unknown keys alone do not stop the rest from being checked: drop them and read on.
    if (issues.every((i) => i.code === 'unrecognized_keys')) {
      const again = schema.safeParse(withoutKeys(value, issues));
      if (again.success) return again.data;
    }
    return undefined;
  }

  private reportZodIssue(schema: ZodType, value: unknown, base: PathSegment[], issue: ZodIssueLike): void {
    const rel = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)) as PathSegment[];
    const path = [...base, ...rel];
    const input = valueAt(value, rel);
    switch (issue.code) {
      case 'unrecognized_keys': {
        const allowed = objectKeysAt(schema, rel);
        for (const key of issue.keys ?? []) {
          this.report([...path, key], problem('KPI1001', { key, suggestion: closest(key, allowed), allowed: allowed.join(', ') }), 'error', true);
        }
        return;
      }
      case 'invalid_type':
        if (input === undefined) {
          const key = rel.length ? rel[rel.length - 1] : base[base.length - 1];
          this.report(path.slice(0, -1), problem('KPI1002', { key: String(key) }));
        } else {
          this.error(path, `expected ${describeExpected(issue.expected)}, got ${describeValue(input)}`);
        }
        return;
      case 'invalid_value': {
        const values = (issue.values ?? []).map(String);
        if (input === undefined) {
          this.error(path.slice(0, -1), `missing "${String(path[path.length - 1])}": one of ${values.join(', ')}`);
          return;
        }
        if (input === null) {
          this.error(path, `"${String(path[path.length - 1])}" is empty: one of ${values.join(', ')}`);
          return;
        }
        const got = typeof input === 'string' ? input : JSON.stringify(input);
        if (values.length === 1 && issue.message && !issue.message.startsWith('Invalid input')) this.error(path, issue.message);
        else this.report(path, problem('KPI1004', { value: got, allowed: values.join(', '), suggestion: typeof input === 'string' ? closest(input, values) : undefined }));
        return;
      }
      default: {
        // A Chinese number form that reads two ways has its own code.
        const cn = typeof input === 'string' ? chineseNumberProblem(input) : undefined;
        if (cn) this.report(path, cn);
        else this.error(path, friendly(issue.message));
      }
    }
  }
}

interface ZodIssueLike {
  code: string;
  path: (string | number | symbol)[];
  message: string;
  keys?: string[];
  expected?: string;
  values?: unknown[];
}

function friendly(message: string): string {
  return message
    .replace(/^Too small: expected (\w+) to have >=(\d+) (items|characters)$/, 'needs at least $2 $3')
    .replace(/^Too small: expected number to be >=(\S+)$/, 'must be at least $1')
    .replace(/^Too small: expected number to be >(\S+)$/, 'must be more than $1')
    .replace(/^Too big: expected number to be <=(\S+)$/, 'must be at most $1')
    .replace(/^Invalid input: expected (\w+), received (\w+)$/, 'expected $1, got $2');
}

function describeExpected(expected: string | undefined): string {
  switch (expected) {
    case 'record':
    case 'object':
      return 'a map (key: value)';
    case 'array':
    case 'tuple':
      return 'a list';
    case 'string':
      return 'text';
    case 'int':
      return 'a whole number';
    default:
      return expected ?? 'a different value';
  }
}

function describeValue(v: unknown): string {
  if (v === null) return 'an empty value';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  if (typeof v === 'string') return `text "${v.length > 40 ? v.slice(0, 40) + '…' : v}"`;
  return `${typeof v} ${String(v)}`;
}

function valueAt(value: unknown, path: readonly PathSegment[]): unknown {
  let v = value;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    if (!Object.hasOwn(v, seg)) return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

/** Keys allowed by the object schema reached along `path` (for "did you mean"). */
function objectKeysAt(schema: ZodType, path: readonly PathSegment[]): string[] {
  let s: unknown = schema;
  const unwrap = (x: unknown): unknown => {
    for (let i = 0; i < 10; i++) {
      const def = (x as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
      if (!def) return x;
      if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable') x = def.innerType;
      else if (def.type === 'pipe') x = def.in;
      else return x;
    }
    return x;
  };
  s = unwrap(s);
  for (const seg of path) {
    const def = (s as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (!def) return [];
    if (def.type === 'object') s = (def.shape as Record<string, unknown>)[String(seg)];
    else if (def.type === 'array') s = def.element;
    else if (def.type === 'record') s = def.valueType;
    else if (def.type === 'tuple') s = (def.items as unknown[])[Number(seg)];
    else return [];
    s = unwrap(s);
  }
  const def = (s as { _zod?: { def?: Record<string, unknown> } })?._zod?.def;
  return def?.type === 'object' ? Object.keys(def.shape as object) : [];
}

function withoutKeys(value: unknown, issues: ZodIssueLike[]): unknown {
  const copy = structuredClone(value);
  for (const i of issues) {
    const parent = valueAt(copy, i.path as PathSegment[]);
    if (parent && typeof parent === 'object') for (const k of i.keys ?? []) delete (parent as Record<string, unknown>)[k];
  }
  return copy;
}

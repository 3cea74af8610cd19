// Collects problems while a scheme is read, each with the YAML path it is about. Positions are resolved
// at the end, once, against the parsed document.
import type { ZodMiniType as ZodType } from 'zod/mini';
import type { PathSegment } from './positions.js';
import { closest } from './suggest.js';
import type { Diagnostic } from './diagnostics.js';
import { english, problem, problemText, type MessageKey, type Problem, type ProblemCode, type ProblemParams } from '../messages/index.js';
import { chineseNumberProblem } from '../core/chinese-numbers.js';

export interface PendingIssue {
  severity: 'error' | 'warning';
  path: PathSegment[];
  /** In English (for JSON and code without a run language); shown in the run's language from `code`. */
  message: string;
  /** Point at the key rather than its value. */
  atKey?: boolean;
  smart?: Diagnostic['smart'];
  /** Every problem of a scheme has a stable code (docs/problems.md): the compiler refuses one without. */
  code: ProblemCode;
  params: ProblemParams;
}

export class Context {
  readonly issues: PendingIssue[] = [];

  /** An error with its stable code: `ctx.error(path, problem('KPI5101'))`. */
  error(path: PathSegment[], p: Problem, atKey = false): void {
    this.issues.push(pending('error', path, p, atKey));
  }

  /** A problem with a stable code (messages/index.ts problem()). */
  report(path: PathSegment[], p: Problem, severity: 'error' | 'warning' = 'error', atKey = false): void {
    this.issues.push(pending(severity, path, p, atKey));
  }

  warn(path: PathSegment[], p: Problem, smart?: Diagnostic['smart'], atKey = false): void {
    this.issues.push({ ...pending('warning', path, p, atKey), smart });
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
          // `{ default: 60,000 }`: in a { } map the comma ends the entry, leaving 60 and an empty key 000.
          const split = /^\d+$/.test(key) && (input as Record<string, unknown> | null)?.[key] === null;
          if (split) this.report([...path, key], problem('KPI1005', { key }), 'error', true);
          else this.report([...path, key], problem('KPI1001', { key, suggestion: closest(key, allowed), allowed: allowed.join(', ') }), 'error', true);
        }
        return;
      }
      case 'invalid_type':
        if (input === undefined) {
          const key = rel.length ? rel[rel.length - 1] : base[base.length - 1];
          this.report(path.slice(0, -1), problem('KPI1002', { key: String(key) }));
        } else {
          this.report(path, expectedGot(issue.expected, input));
        }
        return;
      case 'invalid_value': {
        const values = (issue.values ?? []).map(String);
        const key = String(path[path.length - 1]);
        if (input === undefined) return void this.report(path.slice(0, -1), problem('KPI5023', { key, allowed: values.join(', ') }));
        if (input === null) return void this.report(path, problem('KPI5024', { key, allowed: values.join(', ') }));
        const got = typeof input === 'string' ? input : JSON.stringify(input);
        const coded = codedProblem(issue.message, input);
        if (values.length === 1 && coded) this.report(path, coded);
        else
          this.report(
            path,
            problem('KPI1004', { value: got, allowed: values.join(', '), suggestion: typeof input === 'string' ? closest(input, values) : undefined }),
          );
        return;
      }
      default: {
        // A Chinese number form that reads two ways has its own code.
        const cn = typeof input === 'string' ? chineseNumberProblem(input) : undefined;
        this.report(
          path,
          cn ?? codedProblem(issue.message, input) ?? sizeProblem(issue) ?? unionProblem(issue.message, input) ?? problem('KPI5030', { detail: issue.message }),
        );
      }
    }
  }
}

/**
 * raw.ts gives its own messages to zod as a code (`{ error: 'KPI5035' }`): the problem of that code, with the
 * value written as `value` for the messages that name it.
 */
function codedProblem(message: string, input: unknown): Problem | undefined {
  if (!/^KPI\d{4}$/.test(message)) return undefined;
  const code = message as ProblemCode;
  const value = typeof input === 'string' ? input.slice(0, 40) : (JSON.stringify(input) ?? String(input));
  const params: ProblemParams = { value };
  return { code, params, text: problemText({ code, params }, message, english) };
}

/** Too small, too big: by what was measured. */
function sizeProblem(issue: ZodIssueLike): Problem | undefined {
  const n = Number(issue.minimum ?? issue.maximum);
  if (!Number.isFinite(n)) return undefined;
  if (issue.code === 'too_small') {
    if (issue.origin === 'array' || issue.origin === 'set') return problem('KPI5025', { n });
    if (issue.origin === 'string') return problem('KPI5026', { n });
    return issue.inclusive === false ? problem('KPI5028', { min: n }) : problem('KPI5027', { min: n });
  }
  if (issue.code === 'too_big' && issue.origin === 'number') return problem('KPI5029', { max: n });
  return undefined;
}

/** zod's own "Invalid input: expected string, received number" (a union without a message of ours). */
function unionProblem(message: string, input: unknown): Problem | undefined {
  const m = /^Invalid input: expected (\w+), received \w+$/.exec(message);
  return m ? expectedGot(m[1], input) : undefined;
}

/** "expected a map, got a list": the words of both in the run's language. */
function expectedGot(expected: string | undefined, input: unknown): Problem {
  const expectedTerm = describeExpected(expected);
  if (input === null) return problem('KPI5021', { expectedTerm, gotTerm: 'term.s.empty' });
  if (Array.isArray(input)) return problem('KPI5021', { expectedTerm, gotTerm: 'term.s.list' });
  if (typeof input === 'object') return problem('KPI5021', { expectedTerm, gotTerm: 'term.s.map' });
  const v = String(input);
  return problem('KPI5022', { expectedTerm, value: v.length > 40 ? v.slice(0, 40) + '…' : v });
}

function pending(severity: 'error' | 'warning', path: PathSegment[], p: Problem, atKey: boolean): PendingIssue {
  return { severity, path, message: p.text, atKey, code: p.code, params: p.params };
}

interface ZodIssueLike {
  code: string;
  path: (string | number | symbol)[];
  message: string;
  keys?: string[];
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
  expected?: string;
  values?: unknown[];
}

type SchemeTerm = Extract<MessageKey, `term.s.${string}`>;

function describeExpected(expected: string | undefined): SchemeTerm {
  switch (expected) {
    case 'record':
    case 'object':
      return 'term.s.map';
    case 'array':
    case 'tuple':
      return 'term.s.list';
    case 'string':
      return 'term.s.text';
    case 'int':
      return 'term.s.wholeNumber';
    case 'number':
      return 'term.s.number';
    case 'boolean':
      return 'term.s.boolean';
    default:
      return 'term.s.otherValue';
  }
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

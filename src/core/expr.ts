// Evaluating and printing the scheme's arithmetic expressions (derived metrics, derived columns).
import type { Expr } from './model.js';
import { roundHalfAwayFromZero } from './money.js';

/**
 * Evaluates `e`; `ref` supplies named values. A missing value (null) makes the result null, and so does a
 * division by zero or any non-finite intermediate: the result is never NaN or Infinity.
 */
export function evalExpr(e: Expr, ref: (name: string) => number | null): number | null {
  const r = evalRaw(e, ref);
  return r === null || !Number.isFinite(r) ? null : r;
}

function evalRaw(e: Expr, ref: (name: string) => number | null): number | null {
  switch (e.type) {
    case 'num':
      return e.value;
    case 'ref':
      return ref(e.name);
    case 'neg': {
      const a = evalRaw(e.arg, ref);
      return a === null ? null : -a;
    }
    case 'binary': {
      const a = evalRaw(e.left, ref);
      const b = evalRaw(e.right, ref);
      if (a === null || b === null) return null;
      switch (e.op) {
        case '+':
          return a + b;
        case '-':
          return a - b;
        case '*':
          return a * b;
        case '/':
          return b === 0 ? null : a / b;
      }
      return null;
    }
    case 'call': {
      const args: number[] = [];
      for (const a of e.args) {
        const v = evalRaw(a, ref);
        if (v === null || !Number.isFinite(v)) return null;
        args.push(v);
      }
      if (args.length === 0) return null;
      switch (e.fn) {
        case 'min':
          return Math.min(...args);
        case 'max':
          return Math.max(...args);
        case 'abs':
          return Math.abs(args[0]!);
        case 'round':
          return roundHalfAwayFromZero(args[0]!, Math.trunc(args[1] ?? 0));
      }
      return null;
    }
  }
}

const PREC: Record<string, number> = { '+': 1, '-': 1, '*': 2, '/': 2 };

/** Prints `e`, optionally replacing each ref by `show(name)`, with only the parentheses needed. */
export function exprText(e: Expr, show: (name: string) => string = (n) => n): string {
  return print(e, show, 0);
}

function print(e: Expr, show: (name: string) => string, parent: number): string {
  switch (e.type) {
    case 'num':
      return String(e.value);
    case 'ref':
      return show(e.name);
    case 'neg':
      return `-${print(e.arg, show, 3)}`;
    case 'binary': {
      const p = PREC[e.op]!;
      // right operand of - and / needs brackets at equal precedence: a - (b - c)
      const s = `${print(e.left, show, p)} ${e.op} ${print(e.right, show, p + 0.5)}`;
      return p < parent ? `(${s})` : s;
    }
    case 'call':
      return `${e.fn}(${e.args.map((a) => print(a, show, 0)).join(', ')})`;
  }
}

/** Names referenced by `e`, in order of first use. */
export function exprRefs(e: Expr, out: Set<string> = new Set()): Set<string> {
  if (e.type === 'ref') out.add(e.name);
  else if (e.type === 'neg') exprRefs(e.arg, out);
  else if (e.type === 'binary') {
    exprRefs(e.left, out);
    exprRefs(e.right, out);
  } else if (e.type === 'call') for (const a of e.args) exprRefs(a, out);
  return out;
}

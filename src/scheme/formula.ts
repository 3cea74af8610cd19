// Derived-metric and derived-column formulas: parsed once with jsep (a parser only — nothing is ever
// evaluated as JavaScript) into our own small arithmetic AST. Anything but + - * /, numbers, names,
// parentheses and min/max/abs/round is refused with the column where it starts.
import jsep from 'jsep';
import type { Expr } from '../core/model.js';
import { english, problemText, type Problem, type ProblemCode, type ProblemParams } from '../messages/index.js';

/** A formula that cannot be used says why with a problem of messages/scheme-en.ts (KPI5106–5112). */
export type FormulaResult = { expr: Expr } | { problem: Problem };

const FUNCTIONS = new Set(['min', 'max', 'abs', 'round']);
const OPERATORS = new Set(['+', '-', '*', '/']);

type FormulaCode = 'KPI5107' | 'KPI5108' | 'KPI5109' | 'KPI5110' | 'KPI5111' | 'KPI5112';

class FormulaError extends Error {
  constructor(
    readonly code: FormulaCode,
    readonly params: ProblemParams,
    readonly index: number,
  ) {
    super(code);
  }
}

/** The problem of a code with the formula's text and the character where it goes wrong (1-based). */
function formulaProblem(code: ProblemCode, params: ProblemParams, text: string, index: number): Problem {
  const all = { ...params, at: index + 1, formula: text };
  return { code, params: all, text: problemText({ code, params: all }, code, english) };
}

export function parseFormula(text: string): FormulaResult {
  let ast: jsep.Expression;
  try {
    ast = jsep(text);
  } catch (e) {
    const err = e as { description?: string; index?: number; message: string };
    return { problem: formulaProblem('KPI5106', { detail: err.description ?? err.message }, text, err.index ?? 0) };
  }
  try {
    return { expr: convert(ast) };
  } catch (e) {
    if (e instanceof FormulaError) return { problem: formulaProblem(e.code, e.params, text, e.index) };
    throw e;
  }
}

function convert(node: jsep.Expression): Expr {
  switch (node.type) {
    case 'Literal': {
      const v = (node as jsep.Literal).value;
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new FormulaError('KPI5107', { value: JSON.stringify(v) ?? String(v) }, 0);
      return { type: 'num', value: v };
    }
    case 'Identifier':
      return { type: 'ref', name: (node as jsep.Identifier).name };
    case 'UnaryExpression': {
      const u = node as jsep.UnaryExpression;
      if (u.operator === '-') return { type: 'neg', arg: convert(u.argument) };
      if (u.operator === '+') return convert(u.argument);
      throw new FormulaError('KPI5108', { op: u.operator }, 0);
    }
    case 'BinaryExpression': {
      const b = node as jsep.BinaryExpression;
      if (!OPERATORS.has(b.operator)) throw new FormulaError('KPI5108', { op: b.operator }, 0);
      return { type: 'binary', op: b.operator as '+' | '-' | '*' | '/', left: convert(b.left), right: convert(b.right) };
    }
    case 'CallExpression': {
      const c = node as jsep.CallExpression;
      const name = c.callee.type === 'Identifier' ? (c.callee as jsep.Identifier).name : '';
      if (!FUNCTIONS.has(name)) throw new FormulaError('KPI5109', { name: name || '?' }, 0);
      if (c.arguments.length === 0) throw new FormulaError('KPI5110', { name }, 0);
      if ((name === 'abs' || name === 'round') && c.arguments.length !== (name === 'abs' ? 1 : 2) && !(name === 'round' && c.arguments.length === 1)) {
        throw new FormulaError('KPI5111', { name, one: name === 'abs' ? 1 : 0 }, 0);
      }
      return { type: 'call', fn: name as 'min' | 'max' | 'abs' | 'round', args: c.arguments.map(convert) };
    }
    default:
      throw new FormulaError('KPI5112', { node: node.type }, 0);
  }
}

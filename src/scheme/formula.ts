// Derived-metric and derived-column formulas: parsed once with jsep (a parser only — nothing is ever
// evaluated as JavaScript) into our own small arithmetic AST. Anything but + - * /, numbers, names,
// parentheses and min/max/abs/round is refused with the column where it starts.
import jsep from 'jsep';
import type { Expr } from '../core/model.js';

export type FormulaResult = { expr: Expr } | { error: string; index: number };

const FUNCTIONS = new Set(['min', 'max', 'abs', 'round']);
const OPERATORS = new Set(['+', '-', '*', '/']);

class FormulaError extends Error {
  constructor(message: string, readonly index: number) {
    super(message);
  }
}

export function parseFormula(text: string): FormulaResult {
  let ast: jsep.Expression;
  try {
    ast = jsep(text);
  } catch (e) {
    const err = e as { description?: string; index?: number; message: string };
    return { error: `cannot read formula: ${err.description ?? err.message}`, index: err.index ?? 0 };
  }
  try {
    return { expr: convert(ast) };
  } catch (e) {
    if (e instanceof FormulaError) return { error: e.message, index: e.index };
    throw e;
  }
}

function convert(node: jsep.Expression): Expr {
  switch (node.type) {
    case 'Literal': {
      const v = (node as jsep.Literal).value;
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new FormulaError(`only numbers are allowed as literals, not ${JSON.stringify(v)}`, 0);
      return { type: 'num', value: v };
    }
    case 'Identifier':
      return { type: 'ref', name: (node as jsep.Identifier).name };
    case 'UnaryExpression': {
      const u = node as jsep.UnaryExpression;
      if (u.operator === '-') return { type: 'neg', arg: convert(u.argument) };
      if (u.operator === '+') return convert(u.argument);
      throw new FormulaError(`operator "${u.operator}" is not allowed (use + - * / and parentheses)`, 0);
    }
    case 'BinaryExpression': {
      const b = node as jsep.BinaryExpression;
      if (!OPERATORS.has(b.operator)) throw new FormulaError(`operator "${b.operator}" is not allowed (use + - * / and parentheses)`, 0);
      return { type: 'binary', op: b.operator as '+' | '-' | '*' | '/', left: convert(b.left), right: convert(b.right) };
    }
    case 'CallExpression': {
      const c = node as jsep.CallExpression;
      const name = c.callee.type === 'Identifier' ? (c.callee as jsep.Identifier).name : '';
      if (!FUNCTIONS.has(name)) throw new FormulaError(`unknown function "${name || '?'}" (allowed: min, max, abs, round)`, 0);
      if (c.arguments.length === 0) throw new FormulaError(`${name}() needs at least one argument`, 0);
      if ((name === 'abs' || name === 'round') && c.arguments.length !== (name === 'abs' ? 1 : 2) && !(name === 'round' && c.arguments.length === 1)) {
        throw new FormulaError(`${name}() takes ${name === 'abs' ? 'one argument' : 'one or two arguments'}`, 0);
      }
      return { type: 'call', fn: name as 'min' | 'max' | 'abs' | 'round', args: c.arguments.map(convert) };
    }
    default:
      throw new FormulaError(`"${node.type}" is not allowed in a formula (use + - * /, names, numbers, min/max/abs/round)`, 0);
  }
}

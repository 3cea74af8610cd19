// A call with a spread argument passes every element as an argument: push(...issues) or Math.max(...values)
// over a few hundred thousand elements is "Maximum call stack size exceeded" (issue 9: 125k data issues).
// Only calls over lists that are short by construction may spread: a whole file listed below, or one line that
// ends with a comment `// bounded spread: <why>` (the tiers of one plan, the bands of one metric).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../src');
/** file → why its spreads are bounded. */
const ALLOWED: Record<string, string> = {
  'core/expr.ts': 'min()/max() over the arguments of one formula call',
  'core/formula.ts': 'MIN/MAX over the handful of terms of one Excel formula',
  'output/backtest-terminal.ts': 'table lines of periods, tiers, metrics and the top movers (a fixed number)',
  'plan/attainment.ts': 'the tiers or points of one bonus plan',
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('no call spreads an unbounded list as arguments', () => {
  it('push(...x), unshift(...x), Math.max/min(...x), String.fromCharCode(...x) appear only where the list is short', () => {
    const found: string[] = [];
    for (const file of files(SRC)) {
      const rel = path.relative(SRC, file).split(path.sep).join('/');
      if (ALLOWED[rel]) continue;
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/\/\/ bounded spread: \S/.test(line)) return;
          const code = line.replace(/\/\/.*$/, '');
          if (/\b(?:push|unshift|max|min|fromCharCode|fromCodePoint)\((?:[^(){}[\]]*,\s*)?\.\.\./.test(code)) found.push(`${rel}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(
      found,
      [
        `${found.length} call(s) spread a list as arguments; over ~125k elements that is "Maximum call stack size exceeded".`,
        'Fix each line listed, one of two ways:',
        '  1. a loop or a fold:  for (const x of list) out.push(x);   list.reduce((m, x) => Math.max(m, x), -Infinity)',
        '  2. if the list is short by construction (the tiers of one plan, the bands of one metric), end the line with',
        '     `// bounded spread: <why it is short>`',
      ].join('\n'),
    ).toEqual([]);
  });
});

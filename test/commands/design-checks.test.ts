// What a scheme promises that no rep can get (design-checks.ts): coded warnings at their place, in the
// run's language. Tiers and points above the highest total score the weights and caps allow.
import { describe, expect, it } from 'vitest';
import { designChecks } from '../../src/commands/checks/design-checks.js';
import { formatDiagnostic } from '../../src/scheme/diagnostics.js';
import { loadSchemeText } from '../../src/scheme/load.js';
import { translator } from '../../src/messages/index.js';
import { BASE } from '../scheme/base.js';

function checks(text: string) {
  const loaded = loadSchemeText(text, '/tmp/s/scheme.yaml', 'scheme.yaml');
  const model = loaded.model!;
  expect(model, JSON.stringify(loaded.diagnostics)).toBeDefined();
  const at = (p: (string | number)[], atKey = false) => loaded.positionOf?.(p, atKey) ?? { line: 0, col: 0 };
  return designChecks(model, model.roster.kind === 'inline' ? model.roster.reps : undefined, 'scheme.yaml', at);
}

describe('tiers and points no rep can reach', () => {
  it('a step tier above the caps: KPI1302 at its from, in English and Chinese', () => {
    const d = checks(
      BASE.replace(
        '    - { from: 100%, multiplier: 1.5 }',
        '    - { from: 100%, to: 200%, multiplier: 1.5 }\n    - { from: 200%, multiplier: 2, label: Legend }',
      ),
    );
    expect(d.map((x) => `${x.code} ${x.line}:${x.col}`)).toEqual(['KPI1302 43:15']);
    expect(formatDiagnostic(d[0]!)).toBe(
      'scheme.yaml:43:15  KPI1302 warning: no rep can reach tier "Legend": it starts at 200%, but the highest total score role ae can reach is 150% (weights × caps)',
    );
    expect(formatDiagnostic(d[0]!, translator('zh-CN'))).toMatch(
      /^scheme\.yaml:43:15 {2}KPI1302 .*没有人能达到档位“Legend”：它从 200% 起，而岗位 ae能达到的最高总分是 150%/,
    );
  });

  it('a linear point above the caps: KPI1303 at its score', () => {
    const linear = BASE.replace(
      /bonus:\n[\s\S]*$/,
      'bonus:\n  mode: linear\n  points:\n    - { score: 0, multiplier: 0 }\n    - { score: 100%, multiplier: 1 }\n    - { score: 150%, multiplier: 1.5 }\n    - { score: 200%, multiplier: 2 }\n',
    );
    const d = checks(linear);
    expect(d.map((x) => `${x.code} ${x.line}:${x.col}`)).toEqual(['KPI1303 43:16']);
    expect(d[0]!.message).toBe('no rep can reach the point at 200%: the highest total score role ae can reach is 150% (weights × caps)');
  });
});

// A scheme written the way a Chinese analyst writes it: 10万 targets and bonuses, full-width digits and ％.
import { describe, expect, it } from 'vitest';
import { loadSchemeText } from '../../src/scheme/load.js';
import { formatDiagnostic } from '../../src/scheme/diagnostics.js';
import { BASE } from './base.js';

function run(text: string) {
  const r = loadSchemeText(text, '/tmp/s/scheme.yaml', 'scheme.yaml');
  return { ...r, lines: r.diagnostics.map(formatDiagnostic) };
}

describe('Chinese number forms in a scheme', () => {
  it('10万, １．５万, ８０％ and full-width digits read exactly as 100000, 15000, 0.8', () => {
    const text = BASE.replace('target: { default: 1000 }', 'target: { default: 10万, by_rep: { R1: １．５万 }, threshold: ６０％ }')
      .replace('{ id: R1, name: Ann, team: East, role: ae, base_bonus: 1000 }', '{ id: R1, name: Ann, team: East, role: ae, base_bonus: 3万 }')
      .replace('{ id: R2, name: Bob, team: West, role: ae, base_bonus: 1000 }', '{ id: R2, name: Bob, team: West, role: ae, base_bonus: "１０００" }')
      .replace('{ from: 80%, to: 100%, multiplier: 1 }', '{ from: ８０％, to: 100％, multiplier: 1 }');
    const r = run(text);
    expect(r.lines).toEqual([]);
    const revenue = r.model!.metrics.find((m) => m.name === 'revenue')!;
    expect(revenue.target.default).toBe(100000);
    expect(revenue.target.byRep.get('R1')).toBe(15000);
    expect(revenue.target.threshold).toEqual({ kind: 'relative', fraction: 0.6 });
    const reps = r.model!.roster.kind === 'inline' ? r.model!.roster.reps : [];
    expect(reps.map((x) => x.baseBonus)).toEqual([30000, 1000]);
    const tiers = r.model!.bonus.mode === 'step' ? r.model!.bonus.tiers : [];
    expect(tiers[1]).toMatchObject({ from: 0.8, to: 1 });
  });

  it('an ambiguous form is an error at its position, never a guess', () => {
    const r = run(
      BASE.replace('target: { default: 1000 }', 'target: { default: 1万2千 }').replace(
        '{ id: R1, name: Ann, team: East, role: ae, base_bonus: 1000 }',
        '{ id: R1, name: Ann, team: East, role: ae, base_bonus: 三万 }',
      ),
    );
    expect(r.lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^scheme\.yaml:\d+:\d+ {2}.*"1万2千" mixes units: write one number and one unit, like 12000 or 1\.2万/),
        expect.stringMatching(/^scheme\.yaml:\d+:\d+ {2}.*"三万" is written in Chinese numerals/),
      ]),
    );
  });
});

// A target of 0 in the scheme, for each scoring method and direction: refused where the score would divide by it
// (ratio, higher is better: KPI5138) or where the linear line's bounds are percentages of it (KPI5139); a warning for
// binary, higher is better (every actual of 0 or more meets it, KPI2702); nothing where it is meant (lower is better
// ratio or binary: 0 complaints; linear with bounds in amounts around a growth target of 0; bands, which read no
// target). Before, each was at most a warning and the run exited 0, final, paying the cap for a division by 0.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkedRun } from '../../src/commands/pipeline.js';
import { schemeHead, STEP_BONUS } from './helpers.js';
import { runStatus } from '../../src/output/status.js';

// The sales source in one flow map: this file's own, so it depends on no helper's shape of it.
const SALES =
  '  sales: { file: sales.csv, rep: rep, date: closed, columns: { rep: Rep, amount: { header: Amount, type: money }, closed: { header: Close Date, type: date } } }';

const scheme = (revenue: string) => `${schemeHead()}sources:
${SALES}
reps:
  - { id: R1, name: Ann, team: East, role: ae, base_bonus: 1000 }
  - { id: R2, name: Bo, team: East, role: ae, base_bonus: 1000 }
metrics:
  revenue: { unit: money, source: sales, aggregate: sum, column: amount, ${revenue} }
weights:
  ae: { revenue: 100 }
${STEP_BONUS}`;

const SALES_CSV = 'Rep,Amount,Close Date\nR1,100.00,2026-11-03\nR2,0,2026-11-04\n';

/** The codes of the run's errors and warnings (KPI5138 …), with `error`/`warning`. */
async function codes(revenue: string): Promise<string[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kpi-zero-'));
  writeFileSync(path.join(dir, 'scheme.yaml'), scheme(revenue));
  writeFileSync(path.join(dir, 'sales.csv'), SALES_CSV);
  const r = await checkedRun(path.join(dir, 'scheme.yaml'), undefined);
  const ds = r.ok ? r.checked.warnings : r.diagnostics;
  return ds.filter((d) => d.code !== 'KPI1302').map((d) => `${d.severity} ${d.code}`);
}

describe('a target of 0 in the scheme', () => {
  it('ratio, higher is better: refused (actual ÷ 0: any actual above 0 would score the cap)', async () => {
    expect(await codes('target: 0')).toEqual(['error KPI5138']);
    expect(await codes('target: { default: 100, by_rep: { R2: 0 } }')).toEqual(['error KPI5138']);
  });

  it('linear with a threshold or a stretch as a percentage of the target: refused, in either direction', async () => {
    expect(await codes('scoring: { method: linear }, target: { default: 0, threshold: 60%, stretch: 150% }')).toEqual(['error KPI5139']);
    expect(await codes('direction: lower_is_better, scoring: { method: linear }, target: { default: 0, threshold: 150%, stretch: -10 }')).toEqual([
      'error KPI5139',
    ]);
  });

  it('binary, higher is better: a warning (every actual of 0 or more meets it)', async () => {
    expect(await codes('scoring: { method: binary }, target: 0')).toEqual(['warning KPI2702']);
  });

  it('meant, and said nothing of: lower is better ratio or binary, linear with bounds in amounts, bands', async () => {
    expect(await codes('direction: lower_is_better, target: 0')).toEqual([]);
    expect(await codes('direction: lower_is_better, scoring: { method: binary }, target: 0')).toEqual([]);
    expect(await codes('scoring: { method: linear }, target: { default: 0, threshold: -50, stretch: 200 }')).toEqual([]);
    expect(await codes('scoring: { method: bands, bands: [{ from: 0, to: 50, score: 50% }, { from: 50, score: 100% }] }, target: 0')).toEqual([]);
  });
});

/** A targets file giving R1 a target of 0: the run's KPI2701 text, and R1's score. */
async function fromFile(revenue: string): Promise<{ said: string[]; score: number | null }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kpi-zero-file-'));
  const withFile = scheme(revenue).replace(
    'metrics:\n',
    'targets_file: { file: targets.csv, columns: { rep: Rep, metric: Metric, period: Period, target: { header: Target, type: number } } }\nmetrics:\n',
  );
  writeFileSync(path.join(dir, 'scheme.yaml'), withFile);
  writeFileSync(path.join(dir, 'sales.csv'), SALES_CSV);
  writeFileSync(path.join(dir, 'targets.csv'), 'Rep,Metric,Period,Target\nR1,revenue,2026-11,0\n');
  const r = await checkedRun(path.join(dir, 'scheme.yaml'), undefined);
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
  const said = r.checked.runIssues.filter((i) => i.code === 'KPI2701').map((i) => i.reason);
  return { said, score: r.checked.result.reps.find((x) => x.rep.id === 'R1')!.metrics[0]!.score };
}

describe('a target of 0 from a targets file, higher is better (KPI2701): what each method does with it, as it scores', () => {
  const head = 'a target of 0 for "revenue", where higher is better: ';
  const tail = ', for 1 rep: R1 (a blank cell exported as 0?)';
  it('ratio: any actual above 0 scores the cap', async () => {
    expect(await fromFile('target: 500')).toEqual({ said: [`${head}scored by ratio, any actual above 0 scores the cap${tail}`], score: 1.5 });
  });
  it('binary: every actual of 0 or more scores 100 %, not the cap', async () => {
    expect(await fromFile('scoring: { method: binary }, target: 500')).toEqual({
      said: [`${head}scored binary, every actual of 0 or more meets it and scores 100 %${tail}`],
      score: 1,
    });
  });
  it('linear, bounds in percent: they are 0 too, 100 %', async () => {
    expect(await fromFile('scoring: { method: linear }, target: { default: 500, threshold: 50%, stretch: 150% }')).toEqual({
      said: [`${head}scored linear with its threshold and stretch in percent of it, they are 0 too: every actual of 0 or more scores 100 %${tail}`],
      score: 1,
    });
  });
  it('linear, bounds in amounts: the line through 100 % at 0', async () => {
    const r = await fromFile('scoring: { method: linear }, target: { default: 500, threshold: 250, stretch: 1000 }');
    expect(r.said).toEqual([`${head}scored linear, the line runs through 100 % at 0: every actual of 0 or more scores 100 % or more${tail}`]);
    expect(r.score).toBeCloseTo(1.05, 10); // 100 at (0, 100 %) → (1000, 150 %)
  });
});

describe('a target of 0 from a targets file, lower is better (0 complaints): a note (KPI2746), the run stays final', () => {
  it('ratio and binary alike', async () => {
    for (const revenue of ['direction: lower_is_better, target: 500', 'direction: lower_is_better, scoring: { method: binary }, target: 500']) {
      const dir = mkdtempSync(path.join(tmpdir(), 'kpi-zero-lower-'));
      writeFileSync(
        path.join(dir, 'scheme.yaml'),
        scheme(revenue).replace(
          'metrics:\n',
          'targets_file: { file: targets.csv, columns: { rep: Rep, metric: Metric, period: Period, target: Target } }\nmetrics:\n',
        ),
      );
      writeFileSync(path.join(dir, 'sales.csv'), SALES_CSV);
      writeFileSync(path.join(dir, 'targets.csv'), 'Rep,Metric,Period,Target\nR1,revenue,2026-11,0\n');
      const r = await checkedRun(path.join(dir, 'scheme.yaml'), undefined);
      if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
      expect(r.checked.runIssues.map((i) => `${i.severity} ${i.code} ${i.file}`)).toEqual(['note KPI2746 targets.csv']);
      expect(runStatus(r.checked.issues).final).toBe(true);
      expect(r.checked.runIssues[0]!.reason).toMatch(/^a target of 0 for "revenue", where lower is better, for 1 rep: R1: an actual of 0 meets it/);
    }
  });
});

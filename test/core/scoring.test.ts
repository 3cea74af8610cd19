import { describe, expect, it } from 'vitest';
import type { Direction, ScoringSpec } from '../../src/core/model.js';
import { scoreMetric } from '../../src/core/rules/scoring/index.js';
import type { ResolvedTarget } from '../../src/core/targets.js';
import { actualForScore } from '../../src/core/rules/scoring/index.js';
import { en } from '../english.js';

const T = (target: number | null, threshold: number | null = null, stretch: number | null = null): ResolvedTarget => ({
  target,
  origin: target === null ? 'none' : 'default',
  originText: 'default',
  threshold,
  stretch,
});
const ratio: ScoringSpec = { method: 'ratio', cap: 1.5 };
const linear: ScoringSpec = { method: 'linear', cap: 1.5, thresholdScore: 0.5, stretchScore: 1.5 };
const up = (scoring: ScoringSpec) => ({ direction: 'higher_is_better' as Direction, scoring });
const down = (scoring: ScoringSpec) => ({ direction: 'lower_is_better' as Direction, scoring });

describe('ratio', () => {
  it('actual / target, clipped to the cap', () => {
    expect(scoreMetric(up(ratio), 48250, T(60000))).toMatchObject({ score: 48250 / 60000, achievement: 48250 / 60000 }); // 80.42 %
    expect(scoreMetric(up(ratio), 120, T(60)).score).toBe(1.5); // 200 % capped at 150 %
    expect(scoreMetric(up(ratio), -5, T(60)).score).toBe(0); // negative floored at 0
  });
  it('lower is better: target / actual; actual 0 → the cap', () => {
    expect(scoreMetric(down(ratio), 40, T(30)).score).toBe(0.75); // 30 / 40
    expect(scoreMetric(down(ratio), 20, T(30)).score).toBe(1.5); // 30 / 20 = 150 %
    expect(scoreMetric(down(ratio), 0, T(30))).toMatchObject({ score: 1.5, achievement: null });
  });
  it('target 0: cap when above, 100 % when equal, 0 below; never NaN', () => {
    expect(scoreMetric(up(ratio), 5, T(0))).toMatchObject({ score: 1.5, achievement: null });
    expect(scoreMetric(up(ratio), 0, T(0)).score).toBe(1);
    expect(scoreMetric(up(ratio), -1, T(0)).score).toBe(0);
    expect(scoreMetric(down(ratio), 5, T(0)).score).toBe(0); // 0 / 5
  });
  it('null actual and missing target score 0 with a note', () => {
    const noData = scoreMetric(up(ratio), null, T(10));
    expect(noData).toMatchObject({ score: 0, achievement: null });
    expect(en(noData.note)).toBe('no data: scored 0');
    const noTarget = scoreMetric(up(ratio), 5, T(null));
    expect(noTarget.score).toBe(0);
    expect(en(noTarget.note)).toBe('no target: scored 0');
  });
});

describe('linear threshold → target → stretch', () => {
  // target 60,000, threshold 36,000 (60 %), stretch 90,000 (150 %): 50 % / 100 % / 150 %
  const t = T(60000, 36000, 90000);
  it('maps the three points and interpolates', () => {
    expect(scoreMetric(up(linear), 35999, t).score).toBe(0); // below threshold
    expect(scoreMetric(up(linear), 36000, t).score).toBe(0.5);
    // 50 % + (48,000 − 36,000) / (60,000 − 36,000) × 50 % = 75 %
    expect(scoreMetric(up(linear), 48000, t).score).toBe(0.75);
    expect(scoreMetric(up(linear), 60000, t).score).toBe(1);
    // 100 % + (75,000 − 60,000) / (90,000 − 60,000) × 50 % = 125 %
    expect(scoreMetric(up(linear), 75000, t).score).toBe(1.25);
    expect(scoreMetric(up(linear), 90000, t).score).toBe(1.5);
    expect(scoreMetric(up(linear), 200000, t).score).toBe(1.5); // beyond stretch: capped
  });
  it('beyond the stretch the last slope continues until the cap', () => {
    const s: ScoringSpec = { method: 'linear', cap: 2, thresholdScore: 0.5, stretchScore: 1.5 };
    // slope 50 % per 30,000; at 96,000: 150 % + 6,000 / 30,000 × 50 % = 160 %
    expect(scoreMetric(up(s), 96000, t).score).toBeCloseTo(1.6, 12);
    expect(scoreMetric(up(s), 1e9, t).score).toBe(2);
  });
  it('no threshold: the line starts at (0, 0); no stretch: the lower slope continues', () => {
    const s: ScoringSpec = { method: 'linear', cap: 1.2, thresholdScore: 0.5, stretchScore: 1.5 };
    expect(scoreMetric(up(s), 30, T(60)).score).toBe(0.5); // 30 / 60 on the line through the origin
    expect(scoreMetric(up(s), 66, T(60)).score).toBeCloseTo(1.1, 12); // 66 / 60
    expect(scoreMetric(up(s), -1, T(60)).score).toBe(0);
  });
  it('lower is better mirrors: threshold 45, target 30, stretch 20 days', () => {
    const tt = T(30, 45, 20);
    expect(scoreMetric(down(linear), 46, tt).score).toBe(0);
    expect(scoreMetric(down(linear), 45, tt).score).toBe(0.5);
    // 50 % + (40 − 45) / (30 − 45) × 50 % = 66.67 %
    expect(scoreMetric(down(linear), 40, tt).score).toBeCloseTo(0.5 + 5 / 15 / 2, 12);
    expect(scoreMetric(down(linear), 30, tt).score).toBe(1);
    expect(scoreMetric(down(linear), 25, tt).score).toBe(1.25); // 100 % + 5 / 10 × 50 %
    expect(scoreMetric(down(linear), 10, tt).score).toBe(1.5);
  });
  it('lower is better without a threshold starts at 2 × target', () => {
    const s: ScoringSpec = { method: 'linear', cap: 1.5, thresholdScore: 0.5, stretchScore: 1.5 };
    expect(scoreMetric(down(s), 60, T(30)).score).toBe(0); // 2 × 30
    expect(scoreMetric(down(s), 45, T(30)).score).toBe(0.5);
  });
  it('target 0 with relative bounds: 100 % when met, else 0', () => {
    expect(scoreMetric(up(linear), 0, T(0, 0, 0)).score).toBe(1);
    expect(scoreMetric(up(linear), 10, T(0, 0, 0)).score).toBe(1);
    expect(scoreMetric(up(linear), -1, T(0, 0, 0)).score).toBe(0);
  });
});

describe('binary and bands', () => {
  const binary: ScoringSpec = { method: 'binary', cap: 1.5 };
  it('binary: met or not', () => {
    expect(scoreMetric(up(binary), 4.5, T(4.5)).score).toBe(1);
    expect(scoreMetric(up(binary), 4.49, T(4.5)).score).toBe(0);
    expect(scoreMetric(down(binary), 30, T(30)).score).toBe(1);
    expect(scoreMetric(down(binary), 31, T(30)).score).toBe(0);
    expect(scoreMetric(up({ method: 'binary', cap: 0.8 }), 5, T(4.5)).score).toBe(0.8); // the cap applies
  });
  const bands: ScoringSpec = {
    method: 'bands',
    cap: 1.5,
    bands: [
      { from: 0, to: 2, score: 0 },
      { from: 2, to: 4, score: 0.5 },
      { from: 4, to: 6, score: 1 },
      { from: 6, score: 2 },
    ],
  };
  it('bands: from inclusive, to exclusive, on the actual; clipped', () => {
    expect(scoreMetric(up(bands), 1.99, T(null)).score).toBe(0);
    expect(scoreMetric(up(bands), 2, T(null)).score).toBe(0.5);
    expect(scoreMetric(up(bands), 3.99, T(null)).score).toBe(0.5);
    expect(scoreMetric(up(bands), 4, T(null)).score).toBe(1);
    expect(scoreMetric(up(bands), 60, T(null)).score).toBe(1.5); // 200 % capped
    const outside = scoreMetric(up(bands), -1, T(null));
    expect(outside.score).toBe(0);
    expect(en(outside.note)).toBe('actual is outside every band: scored 0');
  });
});

describe('inverting the methods (what it takes)', () => {
  it('ratio, linear, binary, bands', () => {
    expect(actualForScore(up(ratio), T(60000), 48000, 0.9)).toBe(54000); // 90 % × 60,000
    expect(actualForScore(down(ratio), T(30), 40, 1.2)).toBe(25); // 30 / 1.2
    expect(actualForScore(up(ratio), T(60000), 48000, 1.6)).toBeNull(); // above the cap
    expect(actualForScore(up(linear), T(60000, 36000, 90000), 40000, 0.75)).toBe(48000);
    expect(actualForScore(down(linear), T(30, 45, 20), 40, 1.25)).toBe(25);
    expect(actualForScore(up({ method: 'binary', cap: 1 }), T(4.5), 4, 1)).toBe(4.5);
    const bands: ScoringSpec = {
      method: 'bands',
      cap: 1.5,
      bands: [
        { from: 0, to: 2, score: 0 },
        { from: 2, to: 4, score: 0.5 },
        { from: 4, score: 1 },
      ],
    };
    expect(actualForScore(up(bands), T(null), 1, 0.4)).toBe(2);
    expect(actualForScore(up(bands), T(null), 1, 0.6)).toBe(4);
  });
});

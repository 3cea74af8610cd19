// bands: a lookup table on the actual, whatever the direction and with no target: a band includes `from` and
// excludes `to` (absent = open-ended); an actual outside every band scores 0.
import * as fmt from '../../format.js';
import { and, cmp, iff, lit, type F } from '../../formula.js';
import type { Band, ScoringRule, SettingFinding } from './rule.js';
import { said } from '../../says.js';
import { problem } from '../../../messages/index.js';

/** Lookup on the actual: a band includes `from` and excludes `to`; `to` absent = open-ended. */
export type BandsSpec = { method: 'bands'; cap: number; bands: Band[] };
type Bands = BandsSpec;

const bandOf = (spec: Bands, actual: number) => spec.bands.find((b) => actual >= b.from && (b.to === undefined || actual < b.to));

export const bands: ScoringRule<Bands> = {
  name: said('method.bands'),
  options: { bands: { kind: 'bands', required: true, implies: true } },
  build: (cap, read) => ({ method: 'bands', cap, bands: read.bands('bands') }),
  lint({ bands }, m) {
    // Bands are ordered by `from` (checked contiguous as the scheme reads them); a better actual is higher, or lower
    // when lower is better: a band scoring less than the one below it (more, when lower is better) pays less for better.
    const lower = m.direction === 'lower_is_better';
    const out: SettingFinding[] = [];
    bands.forEach((b, i) => {
      const prev = bands[i - 1];
      if (prev && (lower ? b.score > prev.score : b.score < prev.score)) {
        const p = problem(lower ? 'KPI5242' : 'KPI5243', { score: fmt.pct(b.score), prev: fmt.pct(prev.score), metric: m.name });
        out.push({ severity: 'warning', path: ['scoring', 'bands', i, 'score'], problem: p });
      }
    });
    return out;
  },
  needsTarget: false,
  highest: (spec) => Math.max(0, ...spec.bands.map((b) => b.score)), // bounded spread: one metric's bands
  value({ spec }, actual) {
    const band = bandOf(spec, actual);
    return band ? { raw: band.score } : { raw: 0, note: said('snote.noBand') };
  },
  explain({ spec, unit }, actual) {
    const b = bandOf(spec, actual);
    const u = unit;
    return b
      ? said('line.inBand', {
          actual: fmt.short(actual, u),
          from: fmt.short(b.from, u),
          to: b.to === undefined ? '∞' : fmt.short(b.to, u),
          score: fmt.pct(b.score),
        })
      : said('line.noBand', { actual: fmt.short(actual, u) });
  },
  inverse({ spec }, score, current) {
    // A band already holding the actual would already score; a band below can only be entered at `to`, which it
    // excludes: so only bands starting above the actual count, the nearest first.
    const from = current ?? 0;
    let best: number | null = null;
    for (const b of spec.bands) {
      if (b.score < score - 1e-12) continue;
      if (b.from > from && (best === null || b.from < best)) best = b.from;
    }
    return best;
  },
  formula({ spec }, c) {
    let raw: F = lit(0);
    for (const b of [...spec.bands].reverse()) {
      const inBand = b.to === undefined ? cmp(c.actual, '>=', lit(b.from)) : and(cmp(c.actual, '>=', lit(b.from)), cmp(c.actual, '<', lit(b.to)));
      raw = iff(inBand, lit(b.score), raw);
    }
    return raw;
  },
};

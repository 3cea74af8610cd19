// The scoring methods, keyed by the name the scheme uses (`scoring.method`): one line per method. The model's
// ScoringSpec is the union of the methods' specs, and each spec's `method` must be its key here, so a method is
// its module and its line below (docs/rules.md). Kept apart from ./index.ts so the model can take the type.
import { bands } from './bands.js';
import { binary } from './binary.js';
import { linear } from './linear.js';
import { ratio } from './ratio.js';
import type { ScoringRule, SpecBase } from './rule.js';

export const SCORING_METHODS = registry({ ratio, linear, binary, bands });

/** The spec a rule scores. */
type SpecOf<R> = R extends ScoringRule<infer S> ? S : never;

/** The specs of a table of methods, as one union. */
export type SpecsOf<R> = { [M in keyof R]: SpecOf<R[M]> }[keyof R];

/** A metric's scoring in the model: one of the registered methods' specs. */
export type ScoringSpec = SpecsOf<typeof SCORING_METHODS>;

/** Each entry's spec names the entry: `{ linear }` scores `{ method: 'linear', … }`, or the table does not compile. */
type Named<R> = {
  [K in keyof R]: R[K] extends ScoringRule<infer S extends SpecBase> ? ([S['method']] extends [K] ? ([K] extends [S['method']] ? R[K] : never) : never) : never;
};

export function registry<R extends Record<string, unknown>>(methods: R & Named<R>): R {
  return methods;
}

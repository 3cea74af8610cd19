// The pay components, one module each, keyed by the `kind` the scheme uses. The table is checked against the
// model's Component union, so a kind without a module (or a module missing its value, inverse or formula) does
// not compile.
import type { Component } from '../../model.js';
import { collection } from './collection.js';
import { commission } from './commission.js';
import { kicker } from './kicker.js';
import { spiff } from './spiff.js';
import type { ComponentRule } from './rule.js';

export const COMPONENT_RULES = { commission, spiff, kicker, collection } satisfies {
  [K in Component['kind']]: ComponentRule<Extract<Component, { kind: K }>>;
};

export function componentRule<C extends Component>(c: C): ComponentRule<C> {
  return COMPONENT_RULES[c.kind] as unknown as ComponentRule<C>;
}

export type { ComponentCells, ComponentChecks, ComponentInput, ComponentValue, Payment } from './rule.js';
export { agingCoefficient, agingDays, creditedShare } from './collection.js';

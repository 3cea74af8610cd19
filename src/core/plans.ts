// The plan a rep is paid under: the scheme's shared defaults with the role's own plan laid over them. Each key a
// role's plan gives replaces the default's whole (a role's `gates: []` means no gates for that role); the keys it
// leaves out are the defaults'.
import type { Model, Plan } from './model.js';

export function planFor(model: Model, role: string): Plan {
  const o = model.plans?.get(role);
  const commission = o?.commission === null ? undefined : (o?.commission ?? model.commission);
  return {
    role: o ? role : null,
    bonus: o?.bonus ?? model.bonus,
    ...(commission ? { commission } : {}),
    gates: o?.gates ?? model.gates,
    components: o?.components ?? model.components ?? [],
    redLines: o?.redLines ?? model.redLines ?? new Map(),
  };
}

/** The default plan and every role's, for what must be read or checked for any of them. */
export function everyPlan(model: Model): Plan[] {
  return [planFor(model, '\u0000default'), ...[...(model.plans?.keys() ?? [])].map((role) => planFor(model, role))];
}

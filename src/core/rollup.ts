// Rollups: a team lead or manager scored on the sum of their team's metrics. `rollups: { team_lead: team }`
// gives every rep of that role the rows of all reps of their roster team (their own included);
// `director: manager` the rows of everyone who reports to them through the roster's `manager` column, directly
// or indirectly (their own included). Aggregates are then taken over those rows, so a team's sum is the sum of
// its reps', a distinct count counts a customer once, and a ratio (win rate) is the ratio of the team's sums —
// never an average of the reps' ratios.
import { said, type Said, type SaidValue } from './says.js';
import type { Model, Rep } from './model.js';
import { codedIssue, type DataIssue } from './table.js';
import { problem, type Problem } from '../messages/index.js';
import { clean } from './text.js';

export type RollupBasis = 'team' | 'manager';

export interface RollupGroup {
  /** Index of the rollup rep in the roster. */
  rep: number;
  basis: RollupBasis;
  /** Roster indexes of the reps whose rows count, the rollup rep first. */
  members: number[];
}

/** Groups of one layer never share a member, so every row belongs to at most one group of a layer. */
export interface RollupLayer {
  groups: RollupGroup[];
  /** Per roster index: the group of this layer the rep belongs to, or -1. */
  groupOfRep: Int32Array;
}

export interface Rollups {
  groups: RollupGroup[];
  /** Per roster index: its group, when the rep is scored on a rollup. */
  byRep: Map<number, RollupGroup>;
  layers: RollupLayer[];
  issues: DataIssue[];
}

/** The rollup of every rep whose role the scheme rolls up; issues for managers not in the roster and loops. */
export function rollupsOf(model: Model, reps: readonly Rep[]): Rollups {
  const groups: RollupGroup[] = [];
  const issues: DataIssue[] = [];
  const rollups = model.rollups;
  if (!rollups || rollups.size === 0) return { groups, byRep: new Map(), layers: [], issues };
  const file = model.roster.kind === 'file' ? model.roster.source.fileAsWritten : model.schemeFile;
  const issue = (p: Problem, value: string): void => {
    issues.push(codedIssue(p, { file, value, severity: 'warning', action: 'kept' }));
  };
  const index = new Map<string, number>();
  for (const [i, r] of reps.entries()) index.set(clean(r.id).toLowerCase(), i);
  // Reports of each rep through the manager column.
  const reports = new Map<number, number[]>();
  const managerOf = new Int32Array(reps.length).fill(-1);
  for (const [i, r] of reps.entries()) {
    const m = r.manager === undefined ? '' : clean(r.manager);
    if (m === '') continue;
    const k = index.get(m.toLowerCase());
    if (k === undefined) issue(problem('KPI2731', { manager: m, id: r.id }), m);
    else if (k === i) issue(problem('KPI2732', { id: r.id }), m);
    else {
      managerOf[i] = k;
      reports.set(k, [...(reports.get(k) ?? []), i]);
    }
  }
  // A loop in the manager chain would make each rep count in their own reports' rollups.
  const inLoop = new Set<number>();
  for (let i = 0; i < reps.length; i++) {
    const seen = new Set<number>([i]);
    for (let k = managerOf[i]!; k >= 0; k = managerOf[k]!) {
      if (k === i) {
        if (![...seen].some((x) => inLoop.has(x)))
          issue(problem('KPI2733', { loop: `${[...seen].map((x) => reps[x]!.id).join(' → ')} → ${reps[i]!.id}` }), reps[i]!.id);
        for (const x of seen) inLoop.add(x);
        break;
      }
      if (seen.has(k)) break;
      seen.add(k);
    }
  }
  reps.forEach((r, i) => {
    const basis = rollups.get(r.role);
    if (basis === undefined) return;
    const members = [i];
    if (basis === 'team') {
      for (const [k, o] of reps.entries()) if (k !== i && o.team === r.team) members.push(k);
    } else {
      const seen = new Set<number>([i]);
      for (let q = 0; q < members.length; q++) {
        for (const k of reports.get(members[q]!) ?? []) {
          if (seen.has(k)) continue;
          seen.add(k);
          members.push(k);
        }
      }
    }
    groups.push({ rep: i, basis, members });
  });
  // Greedy layers of disjoint groups: one for teams, about one per level of a manager tree.
  const layers: RollupLayer[] = [];
  for (const g of groups) {
    let layer = layers.find((l) => g.members.every((m) => l.groupOfRep[m] === -1));
    if (!layer) {
      layer = { groups: [], groupOfRep: new Int32Array(reps.length).fill(-1) };
      layers.push(layer);
    }
    for (const m of g.members) layer.groupOfRep[m] = layer.groups.length;
    layer.groups.push(g);
  }
  return { groups, byRep: new Map(groups.map((g) => [g.rep, g] as const)), layers, issues };
}

/** "team East: M1, A1, A2" / "reports of D1: D1, M1, …", for explanations. */
export function rollupText(g: RollupGroup, reps: readonly Rep[]): Said {
  const ids = g.members.map((m) => reps[m]!.id);
  const list: SaidValue = ids.length <= 12 ? ids : said('v.listMore', { list: ids.slice(0, 12), n: ids.length - 12 });
  const rep = reps[g.rep]!;
  return g.basis === 'team' ? said('rollup.team', { team: rep.team, n: ids.length, list }) : said('rollup.manager', { id: rep.id, n: ids.length, list });
}

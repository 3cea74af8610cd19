// V8 compiles a function with TurboFan, its optimising compiler, once the function has run its interrupt budget
// of bytecode (66 KB by default). A short run calls hundreds of functions that often; `kpi validate` on the
// example spent about as much cpu optimising them (on a second thread, which the machine's other work competes
// for) as on running them. Eight times the budget (paired runs, load 7–12): the example validates in 30 % less
// cpu (710 → 500 ms). A run over a large input is the other way round: its hot loops are worth optimising at
// once, and under the raised budget the 1M-row CSV score took about 20 % more wall time. So the budget is raised
// before the bundle compiles (src/start/code-cache.ts) and set back to V8's own before reading an input of
// LONG_RUN_BYTES or more (commands/pipeline.ts). A budget given to node (`node --interrupt-budget=…`) is kept.
import { setFlagsFromString } from 'node:v8';

export const DEFAULT_INTERRUPT_BUDGET = 67_584;
export const INTERRUPT_BUDGET = 8 * DEFAULT_INTERRUPT_BUDGET;
/** An input this large makes a run of seconds: V8's own budget from then on (the bench's 1M-row file is 66 MB). */
export const LONG_RUN_BYTES = 16 * 1024 * 1024;

const givenToNode = (flag: RegExp) => process.execArgv.some((a) => flag.test(a));
const BUDGET_FLAG = /^--interrupt[-_]budget\b/;
const GROWTH_FLAG = /^--semi[-_]space[-_]growth[-_]factor\b/;

/**
 * The young generation starts at 1 MB and V8 doubles it after each scavenge that finds it too small; a short run
 * (validate: the bundle's objects, the scheme, a few thousand rows) scavenged about ten times on the way to 8 MB
 * and promoted enough to set off a full collection. Growing it eightfold per step: four scavenges, no full
 * collection. The largest size is V8's own, so a long run ends where it did.
 */
export const SEMI_SPACE_GROWTH = 8;
const DEFAULT_SEMI_SPACE_GROWTH = 2;

/**
 * Before the bundle compiles, and before its code cache is made: V8's flags are part of what a cache must match
 * (the young generation's growth too, so it is V8's own here and raised after the compile: growYoungGeneration).
 */
export function raiseInterruptBudget(): void {
  if (!givenToNode(BUDGET_FLAG)) setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
  if (!givenToNode(GROWTH_FLAG)) setFlagsFromString(`--semi-space-growth-factor=${DEFAULT_SEMI_SPACE_GROWTH}`);
}

/** After the bundle compiles (with or without its cache): the young generation grows in larger steps. */
export function growYoungGeneration(): void {
  if (!givenToNode(GROWTH_FLAG)) setFlagsFromString(`--semi-space-growth-factor=${SEMI_SPACE_GROWTH}`);
}

/** V8's own budget, for a run over `bytes` of input when that is LONG_RUN_BYTES or more. */
export function budgetForInput(bytes: number): void {
  if (bytes >= LONG_RUN_BYTES && !givenToNode(BUDGET_FLAG)) setFlagsFromString(`--interrupt-budget=${DEFAULT_INTERRUPT_BUDGET}`);
}

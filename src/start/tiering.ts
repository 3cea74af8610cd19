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
// The young generation grows by V8's own factor. Session 8 tried eightfold steps after the compile (validate: 7
// scavenges instead of 13, the same cpu): the young generation then stood at its largest through a long run, and
// the 10M-row read's peak rose 372 -> 388 MB (40 B/row, the limit of issue 14).

/** Before the bundle compiles, and before its code cache is made: V8's flags are part of what a cache must match. */
export function raiseInterruptBudget(): void {
  if (!givenToNode(BUDGET_FLAG)) setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
}

/**
 * `kpi validate` runs each of its functions a few times (it checks the scheme and the data once, and replays two
 * months): four times the raised budget again, set when it starts, after the bundle compiled (a budget is part of
 * what a code cache must match; save() and cachedData() set the raised one back first). Paired runs on the Acme
 * example (16, load 8): 32x V8's budget 472 against 491 ms cpu at 8x, 350 page faults fewer. An input of
 * LONG_RUN_BYTES still sets V8's own (budgetForInput, when it is read).
 */
export const CHECK_RUN_BUDGET = 4 * INTERRUPT_BUDGET;
export function budgetForCheckRun(): void {
  if (!givenToNode(BUDGET_FLAG)) setFlagsFromString(`--interrupt-budget=${CHECK_RUN_BUDGET}`);
}

/** V8's own budget, for a run over `bytes` of input when that is LONG_RUN_BYTES or more. */
export function budgetForInput(bytes: number): void {
  if (bytes >= LONG_RUN_BYTES && !givenToNode(BUDGET_FLAG)) setFlagsFromString(`--interrupt-budget=${DEFAULT_INTERRUPT_BUDGET}`);
}

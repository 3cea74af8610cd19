// `kpi score` over a large CSV (issue 14): the parallel read's worker thread (reading/csv-parallel.ts) started by
// bin/kpi.js before the bundle loads (dist/kpi-early.cjs, loaded only when the first argument is `score`), so that
// its thread boots on the other core while this one compiles the bundle, parses the command line and loads the
// scheme; the bundle takes it (adoptEarly) as if it had started it itself. What is coming is guessed from the command
// line and the scheme's text, before either is parsed: each `file:` value, taken from the scheme's folder, is looked
// up; a file of PARALLEL_BYTES or more that is not a workbook starts the worker. The guess decides nothing else: the
// read still decides as before whether the worker takes a part (csv.ts), and a wrong guess costs only the unused
// thread, stopped when the run ends (dropEarly). Run in-process (tests), `kpi score` makes the same guess as it
// starts (commands/early-worker.ts).
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { PARALLEL_BYTES, startCsvWorker, type Helper } from '../reading/csv-worker-start.js';

/** `file: value` in block or flow style, the value plain or quoted (a YAML comment after it is not part of it). */
const FILE_VALUE = /(?<![\w-])file:[ \t]*(?:"([^"\n]*)"|'([^'\n]*)'|([^\s"'#,{}[\]][^#,{}[\]\n]*))/g;
const WORKBOOK = /\.xls[xmb]?$/i;
/** `kpi score`'s options that take a value (commands/score.ts): the word after one is not the scheme. */
const VALUE_OPTIONS = new Set(['--period', '--format', '--xlsx', '--scorecards', '--lang']);

/** The files a scheme's text names (`file:` values), from its folder; read without parsing the YAML. */
export function filesNamed(schemeText: string, schemeFile: string): string[] {
  const dir = path.dirname(schemeFile);
  const files: string[] = [];
  for (const m of schemeText.matchAll(FILE_VALUE)) {
    const value = (m[1] ?? m[2] ?? m[3] ?? '').trim();
    if (value !== '') files.push(path.resolve(dir, value));
  }
  return files;
}

/**
 * The size of the largest CSV (any file but a workbook) the scheme at `schemeFile` names; 0 when it names none that
 * can be found. Never throws: anything unreadable is for the scheme's loader to report.
 */
export function largestCsvNamed(schemeFile: string): number {
  let largest = 0;
  try {
    for (const file of filesNamed(readFileSync(schemeFile, 'utf8'), schemeFile)) {
      if (!WORKBOOK.test(file)) largest = Math.max(largest, statSync(file, { throwIfNoEntry: false })?.size ?? 0);
    }
  } catch {
    // No guess: the read starts its worker as the file is opened.
  }
  return largest;
}

/** The scheme of `kpi score SCHEME …` (argv as node gives it); null for another command, or with --help. */
export function scoreScheme(argv: readonly string[]): string | null {
  if (argv[2] !== 'score') return null;
  let scheme: string | null = null;
  for (let i = 3; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '-h' || a === '--help') return null;
    if (VALUE_OPTIONS.has(a)) i++;
    else if (scheme === null && !a.startsWith('-')) scheme = a;
  }
  return scheme;
}

/** What bin/kpi.js guessed for `kpi score SCHEME`: the scheme, and the worker it started (null: none). */
export interface EarlyGuess {
  scheme: string;
  worker: Helper | null;
}

/**
 * bin/kpi.js, before the bundle loads: for `kpi score SCHEME …`, the guess, with the worker started when the scheme
 * names a large CSV (none under KPI_PARALLEL=off); null for any other command line. `workerFile`:
 * dist/kpi-csv-worker.cjs. Never throws.
 */
export function startForScore(argv: readonly string[], workerFile: URL): EarlyGuess | null {
  const scheme = scoreScheme(argv);
  if (scheme === null) return null;
  let worker: Helper | null = null;
  if (process.env.KPI_PARALLEL !== 'off' && largestCsvNamed(scheme) >= PARALLEL_BYTES) {
    try {
      worker = startCsvWorker(workerFile);
      // Nothing kept alive until a read takes it (a run that stops before its read ends without waiting for it).
      worker.keepAlive(false);
    } catch {
      // The read starts its worker as the file is opened.
    }
  }
  return { scheme, worker };
}

/** bin/kpi.js's guess, given to the bundle (bin-entry.ts) for `kpi score` to take (commands/early-worker.ts). */
let handed: EarlyGuess | null = null;

export function handOver(guess: EarlyGuess): void {
  handed = guess;
}

/** The guess bin/kpi.js made, once. */
export function takeHandedOver(): EarlyGuess | null {
  const g = handed;
  handed = null;
  return g;
}

// `kpi score` over a large CSV (issue 14): the parallel read's worker thread (reading/csv-parallel.ts) started as the
// command starts, so that its thread and code load on the other core while this one loads the scheme (yaml, zod, the
// model: 80–130 ms at 1M rows), instead of once the file is opened, after which the main thread read alone until the
// worker was ready (~110 ms of cpu at 1M rows). What is coming is guessed from the scheme's text before it is
// parsed: each `file:` value, taken from the scheme's folder, is looked up; a file of PARALLEL_BYTES or more that is
// not a workbook starts the worker. The guess decides nothing else: the read still decides as before whether the
// worker takes a part (csv.ts), and a wrong guess costs only the unused thread, stopped when the run ends
// (dropEarly). Only `kpi score` guesses: `kpi validate` starts a large file's worker as the file is opened, as before.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { startEarly } from '../reading/csv-parallel.js';

/** `file: value` in block or flow style, the value plain or quoted (a YAML comment after it is not part of it). */
const FILE_VALUE = /(?<![\w-])file:[ \t]*(?:"([^"\n]*)"|'([^'\n]*)'|([^\s"'#,{}[\]][^#,{}[\]\n]*))/g;
const WORKBOOK = /\.xls[xmb]?$/i;

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
 * Starts the parallel read's worker when the scheme names a CSV large enough to be read on two threads; true when
 * one was started. Never throws: anything unreadable is for the scheme's loader to report.
 */
export function startWorkerForLargeCsv(schemeFile: string): boolean {
  try {
    if (process.env.KPI_PARALLEL === 'off') return false;
    for (const file of filesNamed(readFileSync(schemeFile, 'utf8'), schemeFile)) {
      if (WORKBOOK.test(file)) continue;
      // The interrupt budget stays raised while the scheme loads (start/tiering.ts): the read of the file sets V8's
      // own before the worker is given its part.
      if (startEarly(statSync(file, { throwIfNoEntry: false })?.size ?? 0)) return true;
    }
  } catch {
    // No guess: the read starts its worker as the file is opened.
  }
  return false;
}

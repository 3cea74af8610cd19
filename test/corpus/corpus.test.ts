// The bad-input corpus (issue 6): each case is an input a user could really hand to `kpi`, with the exact
// message and exit code they get. Runs the BUILT command line (bin/kpi.js → dist/), so `npm run build` first.
//
// Every case also checks, whatever its table row says:
//   - no stack trace, no "internal error", no "Error:" prefix of an uncaught exception, no "undefined" or
//     "[object Object]" in what the user reads;
//   - no input file changed, nothing written outside the case folder, no temp file left behind, and only the
//     outputs the case allows (`writes`) created;
//   - no hang (30 s limit per run).
// Where a run goes ahead (exit 0, or 3 when it has data issues and is NOT FINAL; --format json), `rows` accounts for
// every data row of the sales file: each one is either counted (the "deals" metric counts a rep's rows) or listed as
// a skipped data issue with its row number. A run that went ahead with data issues must say NOT FINAL in its JSON.
//
// A case with `defect` asserts what the user SHOULD get, and is marked test.fails because src/ does not do it yet
// (see the defect text; these are reported to the owners rather than fixed here). When one starts passing, vitest
// reports it as failing: remove the `defect` then. CORPUS_DEFECTS=1 runs them as ordinary tests (to see how each
// falls short); CORPUS_SHOW=1 prints every case's exit code and stderr.
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CLI, REPO, normalise, prepareCase, runCli, snapshot, type RunOutput } from './harness.js';
import ExcelJS, { type CellValue } from 'exceljs';
import { SALES_HEADER, SALES_ROWS, salesSheet, truncate, writeWorkbook, writeZipBomb } from './make-inputs.js';
import { writeFile } from 'node:fs/promises';
import { oleFile } from '../reading/xlsx-parts.js';

const IS_ROOT = process.getuid?.() === 0;
const JSON_SCORE = ['score', 'scheme.yaml', '--format', 'json'];
const STOPPED = 'kpi score: stopped; fix the errors above (kpi validate lists them all)';

interface Case {
  /** Folder under test/fixtures/corpus/ copied over _base/ (when it exists). */
  id: string;
  /** Use another case's folder instead (the same bad input through another command). */
  fixture?: string;
  /** Pipe stdout through this shell command, e.g. `head -c 10` (stdout is then not captured). */
  pipe?: string;
  /** Which item of issue 6 it covers. */
  covers: string;
  /** Arguments after `kpi`; default: score scheme.yaml --format json. */
  args?: string[];
  /** Inputs made at run time (workbooks, bombs, read-only folders), in the case folder. */
  setup?: (dir: string) => Promise<void> | void;
  exit: number;
  /** Each entry must appear in stderr: a whole line when it has no "…", else a distinctive substring. */
  stderr: string[];
  stdout?: string[];
  /**
   * Every problem with a code the run reports, in order, as `CODE file:row column` (data issues of
   * `--format json`) or `CODE file:line:col` (diagnostics on stdout/stderr): codes and places, not words.
   */
  problems?: string[];
  /** Accounting of the sales file's data rows: total = Σ counted + skipped.length (checked on the table too). */
  rows?: { total: number; counted: Record<string, number>; skipped: number[] };
  /** Relative paths (files or folder prefixes ending in /) the run may create; default none. */
  writes?: string[];
  /** Paths (or prefixes) of files there before the run that it may replace or remove (an earlier set of scorecards). */
  replaces?: string[];
  /** More checks on the finished case folder. */
  check?: (dir: string, out: RunOutput, ex: typeof expect) => void | Promise<void>;
  /** A known defect in src/: the case states the right behaviour and is expected to fail for now. */
  defect?: string;
  skip?: string;
}

// Rows of _base/sales.csv: 2 R1,500.00,Won · 3 R1,300,Lost · 4 R2,1200,Won (all in 2026-11).
// Most CSV cases break row 3, so R1 keeps 1 deal, R2 keeps 1, and row 3 must be reported as skipped.
const ROW3_SKIPPED = { total: 3, counted: { R1: 1, R2: 1 }, skipped: [3] };
const ALL_COUNTED = { total: 3, counted: { R1: 2, R2: 1 }, skipped: [] };

const CASES: Case[] = [
  // ---------------------------------------------------------------- scheme (YAML)
  {
    id: 'yaml-malformed',
    covers: 'malformed YAML (unclosed flow map)',
    exit: 1,
    problems: ['KPI5011 scheme.yaml:38:1'],
    stderr: ['scheme.yaml:38:1  KPI5011 YAML: a list in [ ] or a map in { } is not closed before this line: a ] or } is missing', STOPPED],
  },
  {
    id: 'yaml-bad-indent',
    covers: 'malformed YAML (indentation)',
    exit: 1,
    stderr: [
      'scheme.yaml:34:1  KPI5011 YAML: this line is not indented like the lines it belongs with: the keys of one map, or the items of one list, start at the same column',
    ],
  },
  {
    id: 'yaml-alias-bomb',
    covers: 'YAML alias bomb (billion laughs)',
    exit: 1,
    stderr: [
      'scheme.yaml:1:1  KPI5014 YAML: the aliases (*name) expand into more than 100 copies; aliases are limited to keep a small file from expanding without end',
    ],
  },
  {
    id: 'yaml-proto-key',
    covers: '__proto__ as a YAML key (top level)',
    exit: 1,
    problems: ['KPI5017 scheme.yaml:16:1'],
    stderr: ['scheme.yaml:16:1  KPI5017 "__proto__" is not allowed as a key'],
  },
  {
    id: 'yaml-proto-column',
    covers: '__proto__ as a YAML key (column map)',
    exit: 1,
    stderr: ['scheme.yaml:15:7  KPI5017 "__proto__" is not allowed as a key'],
  },
  {
    id: 'yaml-proto-alias-key',
    covers: '__proto__ as a YAML key via an alias (*k where k: &k __proto__)',
    exit: 1,
    stderr: ['scheme.yaml:16:1  KPI5017 "__proto__" is not allowed as a key'],
  },
  {
    id: 'yaml-proto-alias-column',
    covers: '__proto__ as a column name via an alias key',
    exit: 1,
    stderr: ['scheme.yaml:15:7  KPI5017 "__proto__" is not allowed as a key'],
  },
  {
    id: 'yaml-constructor-key',
    covers: 'constructor as a YAML key (metric name)',
    exit: 1,
    stderr: ['scheme.yaml:20:3  KPI5017 "constructor" is not allowed as a key'],
  },
  {
    id: 'yaml-unknown-key',
    covers: 'unknown key (misspelt)',
    exit: 1,
    problems: ['KPI1001 scheme.yaml:25:5'],
    stderr: [
      'scheme.yaml:25:5  KPI1001 unknown key "agregate" (did you mean "aggregate"?); allowed here: label, description, unit, category, direction, range, type, target, scoring, source, aggregate, column, filter',
    ],
  },
  {
    id: 'yaml-unknown-top-key',
    covers: 'unknown key (top level)',
    exit: 1,
    problems: ['KPI1001 scheme.yaml:38:1'],
    stderr: [
      'scheme.yaml:38:1  KPI1001 unknown key "bonsu" (did you mean "bonus"?); allowed here: version, name, currency, period, sources, reps, targets_file, deductions, metrics, weights, gates, bonus, commission, components, plans, paid_to_date, smart',
    ],
  },
  {
    id: 'yaml-empty-value',
    covers: 'wrong type (a required value left empty: `name:`)',
    exit: 1,
    stderr: ['scheme.yaml:3:6  KPI5021 expected text, got an empty value'],
  },
  {
    id: 'yaml-missing-key',
    covers: 'a required key missing (aggregate of a metric)',
    exit: 1,
    stderr: ['scheme.yaml:30:5  KPI5023 missing "aggregate": one of sum, count, count_distinct, avg, min, max'],
  },
  {
    id: 'yaml-empty-choice',
    covers: 'a choice left empty (`aggregate:`)',
    exit: 1,
    stderr: ['scheme.yaml:34:15  KPI5024 "aggregate" is empty: one of sum, count, count_distinct, avg, min, max'],
  },
  {
    id: 'yaml-wrong-type-number',
    covers: 'wrong type (text for a number)',
    exit: 1,
    stderr: ['scheme.yaml:18:60  KPI5034 expected a number, got text "lots"'],
  },
  { id: 'yaml-wrong-type-map', covers: 'wrong type (list for a map)', exit: 1, stderr: ['scheme.yaml:37:7  KPI5021 expected a map (key: value), got a list'] },
  {
    id: 'yaml-wrong-enum',
    covers: 'wrong type (value not in the list)',
    exit: 1,
    problems: ['KPI1004 scheme.yaml:34:16'],
    stderr: ['scheme.yaml:34:16  KPI1004 "total" is not one of: sum, count, count_distinct, avg, min, max'],
  },
  {
    id: 'yaml-duplicate-key',
    covers: 'duplicate YAML key',
    exit: 1,
    problems: ['KPI5012 scheme.yaml:36:5'],
    stderr: ['scheme.yaml:36:5  KPI5012 YAML: a key appears twice in the same map; YAML keeps only one of them'],
  },
  {
    id: 'yaml-unknown-tag',
    covers: 'unknown YAML tag (!!js/function)',
    exit: 1,
    problems: ['KPI5013 scheme.yaml:35:13'],
    stderr: ['scheme.yaml:35:13  KPI5013 YAML: unknown tag tag:yaml.org,2002:js/function: it would change the value silently'],
  },
  {
    id: 'yaml-not-a-map',
    covers: 'wrong type (a list, not a scheme)',
    exit: 1,
    stderr: ['scheme.yaml:1:1  KPI5015 a scheme is a YAML map with sources, reps, metrics, weights and bonus'],
  },
  {
    id: 'yaml-empty',
    covers: '0-byte scheme',
    exit: 1,
    stderr: ['scheme.yaml:1:1  KPI5015 a scheme is a YAML map with sources, reps, metrics, weights and bonus'],
  },
  {
    id: 'yaml-invalid-utf8',
    covers: 'invalid UTF-8 (scheme)',
    exit: 1,
    stderr: ['scheme.yaml:3:14  KPI5008 scheme is not valid UTF-8 text: save it as UTF-8'],
  },
  {
    id: 'yaml-deep-nesting',
    covers: 'deeply nested YAML',
    exit: 1,
    stderr: ['scheme.yaml:36:56  KPI5016 nested more than 40 levels deep; a scheme never needs that'],
  },
  {
    id: 'yaml-weights-not-100',
    covers: 'wrong values (weights)',
    exit: 1,
    problems: ['KPI5323 scheme.yaml:37:3'],
    stderr: ['scheme.yaml:37:3  KPI5323 weights of role ae add up to 90, not 100'],
  },

  // ---------------------------------------------------------------- CSV structure and encodings
  {
    id: 'csv-proto-header',
    covers: '__proto__ as a CSV header (unmapped): a note, the run stays final',
    exit: 0,
    stderr: ['  sales.csv, row 1, column "__proto__": KPI2306 header "__proto__" is a reserved word in programs; read as an ordinary name'],
    rows: ALL_COUNTED,
  },
  {
    id: 'csv-constructor-header',
    covers: 'constructor as a CSV header (mapped): read as a name, a note, the run stays final',
    exit: 0,
    stderr: ['  sales.csv, row 1, column "constructor": KPI2306 header "constructor" is a reserved word in programs; read as an ordinary name'],
    // revenue filters on this column (stage: Won): still R1 500 + R2 1200, so the column was read.
    rows: ALL_COUNTED,
    check: (_d, out, ex) => ex(revenue(out)).toEqual({ R1: 500, R2: 1200 }),
  },
  {
    id: 'csv-ragged-short',
    covers: 'ragged row (too few fields)',
    exit: 3,
    problems: ['KPI2001 sales.csv:3'],
    stderr: [
      '  sales.csv, row 3: KPI2001 "R1,300,Lost": the row has 3 fields but the header has 4 (a missing separator, or a line break inside an unquoted value?)',
    ],
    rows: ROW3_SKIPPED,
  },
  {
    id: 'csv-ragged-long',
    covers: 'ragged row (too many fields)',
    exit: 3,
    problems: ['KPI2002 sales.csv:3'],
    stderr: [
      '  sales.csv, row 3: KPI2002 "R1,300,Lost,2026-11-05,extra,fields": the row has 6 fields but the header has 4 (a separator inside an unquoted value?)',
    ],
    rows: ROW3_SKIPPED,
  },
  {
    id: 'csv-blank-rows-spaces',
    covers: 'rows of only spaces between the separators (a formatted blank row as Excel/WPS save it): blank, as ,,, is',
    exit: 0,
    problems: [],
    stderr: [],
    rows: ALL_COUNTED,
  },
  {
    id: 'csv-blank-rows-invisible',
    covers: 'rows whose only content is a zero-width space, word joiner or BOM (in a column read or not): blank, the run final',
    exit: 0,
    problems: [],
    stderr: [],
    rows: ALL_COUNTED,
  },
  {
    id: 'xlsx-blank-rows-spaces',
    covers: 'rows of cells of only spaces, in columns the scheme reads and in one it does not (Note): blank, the run final',
    exit: 0,
    problems: [],
    setup: (d) =>
      writeWorkbook(path.join(d, 'sales.xlsx'), [
        {
          rows: [
            [...SALES_HEADER, 'Note'],
            SALES_ROWS[0] as CellValue[],
            [' ', ' ', ' ', null, ' '],
            [null, null, null, null, '  '],
            ['\u3000', null, '\u00a0'],
            [...(SALES_ROWS[1] as CellValue[]), ' '],
            SALES_ROWS[2] as CellValue[],
          ],
        },
      ]),
    stderr: [],
    rows: ALL_COUNTED,
  },
  {
    id: 'csv-unclosed-quote',
    covers: 'unclosed quote',
    exit: 3,
    problems: ['KPI2005 sales.csv:3', 'KPI2007 sales.csv:4'],
    // The open quote on line 3 swallows line 4 (R2's only row): both rows are lost and must be said to be.
    stderr: ['a quoted value opened on line 3 is never closed, so lines 3–4 read as one value'],
    rows: { total: 3, counted: { R1: 1, R2: 0 }, skipped: [3, 4] },
  },
  {
    id: 'csv-nul-bytes',
    covers: 'NUL bytes',
    exit: 3,
    problems: ['KPI2101 sales.csv:3 Amount'],
    stderr: ['  sales.csv, row 3, column "Amount": KPI2101 "3\\x0000" is not a number'],
    rows: ROW3_SKIPPED,
    check: (_d, out, ex) => ex(out.stderr).not.toContain('\0'),
  },
  {
    id: 'csv-terminal-escape',
    covers: 'control characters in data (terminal escape)',
    exit: 3,
    problems: ['KPI2101 sales.csv:3 Amount'],
    stderr: ['  sales.csv, row 3, column "Amount": KPI2101 "\\x1b[2J\\x1b[31m300" is not a number'],
    rows: ROW3_SKIPPED,
    check: (_d, out, ex) => ex(out.stderr).not.toContain('\x1b'),
  },
  { id: 'csv-empty', covers: '0-byte file', exit: 1, problems: ['KPI2607 sales.csv'], stderr: ['sales.csv is empty (0 bytes).', STOPPED] },
  {
    id: 'csv-header-only',
    covers: 'header only: no rows in any source is an error, not a table of zeros',
    exit: 1,
    problems: ['KPI1203 scheme.yaml:5:9'],
    stderr: [
      'scheme.yaml:5:9  KPI1203 no source has any row in 2026-11: sales (sales.csv) has no data rows. Check --period, or that these are the files for this period',
      STOPPED,
    ],
  },
  {
    id: 'csv-duplicate-headers',
    covers: 'duplicate headers',
    exit: 1,
    problems: ['KPI2669 sales.csv'],
    stderr: ['sales.csv: the header "Amount" appears more than once (columns B, E) on row 1; rename one so it is clear which to use.'],
  },
  {
    id: 'csv-missing-header',
    covers: 'a mapped header missing (typo)',
    exit: 1,
    problems: ['KPI2667 sales.csv'],
    stderr: [
      'KPI2667 sales.csv: column "Amount" (for amount) is not in the header row (did you mean "Amout"?). Headers found on row 1: "Rep", "Amout", "Stage", "Closed".',
    ],
  },
  {
    id: 'csv-missing-file',
    covers: 'data file missing',
    exit: 1,
    problems: ['KPI2601 sales-2026-11.csv'],
    stderr: ['sales-2026-11.csv: no such file (looked in <dir>)'],
  },
  {
    id: 'csv-mixed-encodings',
    covers: 'mixed encodings (UTF-8 and GB18030 lines in one file)',
    exit: 1,
    problems: ['KPI2622 sales.csv'],
    // Row 2 says 赢单 in UTF-8, row 4 in GB18030. Read either way one of them becomes mojibake and silently
    // drops out of the revenue filter (stage: 赢单).
    stderr: ['sales.csv', 'line 4', 'encoding'],
  },
  {
    id: 'csv-windows-1252',
    covers: 'Western European text (Excel outside China, "CSV (Comma delimited)"): valid GB18030, so read as Chinese glued to Latin letters',
    exit: 1,
    problems: ['KPI2180 sales.csv'],
    stderr: ['sales.csv: line 2', 'Western European', 'M黮ler', 'CSV UTF-8'],
  },
  { id: 'csv-invalid-utf8', covers: 'invalid UTF-8', exit: 1, problems: ['KPI2619 sales.csv'], stderr: ['sales.csv: line 3', 'not valid UTF-8'] },

  // ---------------------------------------------------------------- values
  {
    id: 'num-1.2.3',
    covers: 'number 1.2.3',
    exit: 3,
    problems: ['KPI2102 sales.csv:3 Amount'],
    stderr: ['  sales.csv, row 3, column "Amount": KPI2102 "1.2.3" has more than one decimal point'],
    rows: ROW3_SKIPPED,
  },
  {
    id: 'num-double-minus',
    covers: 'number --5',
    exit: 3,
    problems: ['KPI2106 sales.csv:3 Amount'],
    stderr: ['  sales.csv, row 3, column "Amount": KPI2106 "--5" has more than one sign'],
    rows: ROW3_SKIPPED,
  },
  {
    id: 'num-NaN',
    covers: 'number NaN',
    exit: 3,
    problems: ['KPI2101 sales.csv:3 Amount'],
    stderr: ['  sales.csv, row 3, column "Amount": KPI2101 "NaN" is not a number'],
    rows: ROW3_SKIPPED,
  },
  {
    id: 'num-Infinity',
    covers: 'number Infinity',
    exit: 3,
    problems: ['KPI2101 sales.csv:3 Amount'],
    stderr: ['  sales.csv, row 3, column "Amount": KPI2101 "Infinity" is not a number'],
    rows: ROW3_SKIPPED,
  },
  {
    id: 'num-1e400',
    covers: 'number 1e400',
    exit: 3,
    problems: ['KPI2113 sales.csv:3 Amount'],
    stderr: ['  sales.csv, row 3, column "Amount": KPI2113 "1e400" is too large to keep exact to the cent'],
    rows: ROW3_SKIPPED,
  },
  {
    id: 'date-feb-30',
    covers: 'date 2026-02-30',
    exit: 3,
    problems: ['KPI2121 sales.csv:3 Closed'],
    stderr: ['  sales.csv, row 3, column "Closed": KPI2121 "2026-02-30" is not a valid date'],
    rows: ROW3_SKIPPED,
  },
  {
    id: 'date-month-13',
    covers: 'date 2026-13-01',
    exit: 3,
    problems: ['KPI2121 sales.csv:3 Closed'],
    stderr: ['  sales.csv, row 3, column "Closed": KPI2121 "2026-13-01" is not a valid date'],
    rows: ROW3_SKIPPED,
  },

  // ---------------------------------------------------------------- rep ids
  {
    id: 'rep-id-case-data',
    covers: 'rep id differing by case (data vs roster)',
    exit: 3,
    stderr: ['  sales.csv, row 3, column "Rep": KPI2207 rep id "r1" differs from roster id "R1" only by case; 1 row counted for R1'],
    rows: ALL_COUNTED,
  },
  {
    id: 'rep-id-space-data',
    covers: 'rep id with surrounding spaces (data)',
    exit: 0,
    // " R1 " and "R2 " are trimmed and counted; trimming spaces is silent (nothing is lost).
    stderr: [],
    rows: ALL_COUNTED,
  },
  {
    id: 'rep-id-space-roster',
    covers: 'roster ids differing only by surrounding spaces',
    exit: 1,
    stderr: ['scheme.yaml:18:11  KPI5301 rep id "R1" appears twice in the roster'],
  },
  {
    id: 'rep-id-case-roster',
    covers: 'roster ids differing only by case',
    exit: 1,
    problems: ['KPI5302 scheme.yaml:18:11'],
    stderr: ['scheme.yaml:18:11  KPI5302 rep id "r1" differs from "R1" only by case'],
  },

  // ---------------------------------------------------------------- rep names → scorecard file names
  {
    id: 'rep-name-dotdot',
    covers: 'rep name ../ (path traversal)',
    args: [...JSON_SCORE, '--scorecards', 'cards'],
    exit: 0,
    stderr: ['wrote scorecards: 2 in cards'],
    writes: ['cards/'],
    check: (d, _o, ex) => ex(cards(d)).toEqual(['R1-_evil.xlsx', 'rep.xlsx']),
  },
  {
    id: 'rep-name-slash',
    covers: 'rep name and id with / and \\',
    args: [...JSON_SCORE, '--scorecards', 'cards'],
    exit: 0,
    stderr: ['wrote scorecards: 2 in cards'],
    writes: ['cards/'],
    check: (d, _o, ex) => ex(cards(d)).toEqual(['R1_sub-_etc_passwd.xlsx', 'R2_x-C_Windows_evil.xlsx']),
  },
  {
    id: 'rep-name-con',
    covers: 'rep name CON (Windows device names)',
    args: [...JSON_SCORE, '--scorecards', 'cards'],
    exit: 0,
    stderr: ['wrote scorecards: 2 in cards'],
    writes: ['cards/'],
    check: (d, _o, ex) => ex(cards(d)).toEqual(['_CON.xlsx', '_nul.txt-LPT1.xlsx']),
  },
  {
    id: 'rep-name-emoji',
    covers: 'rep name with emoji (ZWJ sequences)',
    args: [...JSON_SCORE, '--scorecards', 'cards'],
    exit: 0,
    stderr: ['wrote scorecards: 2 in cards'],
    writes: ['cards/'],
    check: (d, _o, ex) => ex(cards(d)).toEqual(['R1-Ann 🎉👩‍👩‍👧‍👦.xlsx', 'R2-👨‍💻.xlsx']),
  },
  {
    id: 'rep-name-300',
    covers: 'rep name of 300 characters (ASCII and CJK)',
    args: [...JSON_SCORE, '--scorecards', 'cards'],
    exit: 0,
    stderr: ['wrote scorecards: 2 in cards'],
    writes: ['cards/'],
    check: (d, _o, ex) => {
      const names = cards(d);
      ex(names).toHaveLength(2);
      // 120 bytes before ".xlsx": "R1-" + 117 A; "R2-" + 39 × 张 (3 bytes each) = 120 bytes.
      ex(names).toContain(`R1-${'A'.repeat(117)}.xlsx`);
      ex(names).toContain(`R2-${'张'.repeat(39)}.xlsx`);
    },
  },
  {
    id: 'rep-name-formula',
    covers: 'rep name / team starting with = @ + (formula injection into CSV and XLSX output)',
    args: ['score', 'scheme.yaml', '--format', 'csv', '--xlsx', 'report.xlsx', '--scorecards', 'cards'],
    exit: 0,
    stderr: ['wrote report: report.xlsx', 'wrote scorecards: 2 in cards'],
    writes: ['report.xlsx', 'cards/'],
    stdout: [`1,R2,'@SUM(1+1),'+cmd|x,ae,`, `2,R1,"'=HYPERLINK(""http://x"",""y"")",East,ae,`],
    check: async (d, _o, ex) => {
      // In the workbooks the names are plain text cells: no formula mentions them.
      for (const file of ['report.xlsx', ...cards(d).map((f) => `cards/${f}`)]) {
        const formulas = await workbookFormulas(path.join(d, file));
        ex(
          formulas.filter((f) => /HYPERLINK|SUM\(1\+1\)|cmd/.test(f)),
          file,
        ).toEqual([]);
        const texts = await workbookTexts(path.join(d, file));
        const names = ['=HYPERLINK("http://x","y")', '@SUM(1+1)'].filter((n) => texts.includes(n));
        ex(names.length, `${file} shows the rep name as text`).toBe(file === 'report.xlsx' ? 2 : 1);
      }
    },
  },

  // ---------------------------------------------------------------- XLSX
  {
    id: 'xlsx-not-zip',
    covers: 'XLSX that is not a zip (CSV text renamed)',
    exit: 1,
    problems: ['KPI2637 sales.xlsx'],
    stderr: [
      'sales.xlsx is not an .xlsx workbook (not a zip file): it looks like text (CSV?): save or rename it with the .csv extension and point the scheme at that name (the format follows the extension).',
    ],
  },
  { id: 'xlsx-empty', covers: '0-byte XLSX', exit: 1, problems: ['KPI2607 sales.xlsx'], stderr: ['sales.xlsx is empty (0 bytes).'] },
  {
    id: 'xlsx-truncated',
    covers: 'XLSX cut short (damaged zip)',
    exit: 1,
    problems: ['KPI2640 sales.xlsx'],
    setup: async (d) => {
      await writeWorkbook(path.join(d, 'sales.xlsx'), [salesSheet()]);
      await truncate(path.join(d, 'sales.xlsx'));
    },
    stderr: ['sales.xlsx is a damaged zip/.xlsx file (its table of contents is missing or cut off); open and re-save it in Excel.'],
  },
  {
    id: 'xlsx-zip-bomb',
    covers: 'zip bomb (64 MiB from 64 KB)',
    exit: 1,
    problems: ['KPI2642 sales.xlsx'],
    setup: (d) => writeZipBomb(path.join(d, 'sales.xlsx')),
    stderr: ['sales.xlsx looks like a zip bomb: "xl/worksheets/sheet1.xml" would expand from 0 MB to 64 MB (1029×, limit 200×). Refusing to open it.'],
  },
  {
    id: 'xlsx-password',
    covers: 'password-protected workbook (OLE/CFB file holding the encrypted package)',
    exit: 1,
    problems: ['KPI2632 sales.xlsx'],
    setup: (d) => writeFile(path.join(d, 'sales.xlsx'), oleFile(['\u0006DataSpaces', 'EncryptionInfo', 'EncryptedPackage'])),
    stderr: ['sales.xlsx is password-protected (encrypted): open it in Excel, remove the password (File ▸ Info ▸ Protect Workbook), and save it as .xlsx.'],
  },
  {
    id: 'xlsx-missing-sheet',
    covers: 'missing sheet',
    exit: 1,
    problems: ['KPI2649 sales.xlsx'],
    setup: (d) => writeWorkbook(path.join(d, 'sales.xlsx'), [salesSheet(SALES_ROWS, 'Sales Oct'), { name: 'Notes', rows: [['x']] }]),
    stderr: ['sales.xlsx has no sheet named "Sales Nov". Its sheets: "Sales Oct", "Notes".'],
  },
  {
    id: 'xlsx-merged-title',
    covers: 'merged title cells above the header',
    exit: 0,
    setup: (d) => writeWorkbook(path.join(d, 'sales.xlsx'), [{ rows: [['Sales report, November 2026'], ...salesSheet().rows], merges: ['A1:D1'] }]),
    stderr: [],
    rows: { total: 3, counted: { R1: 2, R2: 1 }, skipped: [] },
  },
  {
    id: 'xlsx-merged-header',
    covers: 'merged header cells (Amount over B:C hides Stage)',
    exit: 1,
    problems: ['KPI2667 sales.xlsx'],
    setup: (d) => writeWorkbook(path.join(d, 'sales.xlsx'), [{ rows: [['Rep', 'Amount', null, 'Closed'], ...SALES_ROWS], merges: ['B1:C1'] }]),
    stderr: ['sales.xlsx: column "Stage" (for stage) is not in the header row. Headers found on row 1: "Rep", "Amount", "Closed".'],
  },
  {
    id: 'xlsx-formula-cells',
    covers: 'formula cells (saved results used; none saved → reported, not counted)',
    exit: 3,
    problems: ['KPI2404 sales.xlsx:3 Amount'],
    setup: (d) =>
      writeWorkbook(path.join(d, 'sales.xlsx'), [
        salesSheet([
          ['R1', { formula: '250*2', result: 500 }, 'Won', new Date(Date.UTC(2026, 10, 3))],
          ['R1', { formula: '100*3' } as CellValue, 'Lost', new Date(Date.UTC(2026, 10, 5))],
          ['R2', { formula: '1000+200', result: 1200 }, 'Won', new Date(Date.UTC(2026, 10, 10))],
        ]),
      ]),
    // The row without a saved result has an unknown amount: reported and not counted (a Lost deal, so revenue is unaffected).
    stderr: [
      '  sales.xlsx, row 3, column "Amount": KPI2404 "=100*3": the formula in B3 has no saved result (the program that wrote the file does not calculate, as openpyxl and pandas do not): open and save the file in Excel or LibreOffice',
    ],
    rows: { total: 3, counted: { R1: 1, R2: 1 }, skipped: [3] },
    check: (_d, out, ex) => ex(revenue(out)).toEqual({ R1: 500, R2: 1200 }),
  },
  {
    id: 'xlsx-error-cells',
    covers: 'error cells (#N/A, #DIV/0!)',
    exit: 3,
    problems: ['KPI2402 sales.xlsx:3 Amount', 'KPI2402 sales.xlsx:4 Closed'],
    setup: (d) =>
      writeWorkbook(path.join(d, 'sales.xlsx'), [
        salesSheet([
          ['R1', 500, 'Won', new Date(Date.UTC(2026, 10, 3))],
          ['R1', { error: '#N/A' }, 'Lost', new Date(Date.UTC(2026, 10, 5))],
          ['R2', 1200, 'Won', { error: '#DIV/0!' }],
        ]),
      ]),
    stderr: [
      '  sales.xlsx, row 3, column "Amount": KPI2402 cell B3 shows the error #N/A',
      '  sales.xlsx, row 4, column "Closed": KPI2402 cell D4 shows the error #DIV/0!',
    ],
    rows: { total: 3, counted: { R1: 1, R2: 0 }, skipped: [3, 4] },
  },

  // ---------------------------------------------------------------- outputs
  {
    id: 'out-xlsx-is-input',
    covers: 'output path = input path (--xlsx sales.csv)',
    args: ['score', 'scheme.yaml', '--xlsx', 'sales.csv'],
    exit: 1,
    stderr: ['kpi score: KPI3005 refusing to write sales.csv: it is an input file (<dir>/sales.csv); choose another output path'],
  },
  {
    id: 'out-xlsx-is-scheme',
    covers: 'output path = the scheme',
    args: ['score', 'scheme.yaml', '--xlsx', 'scheme.yaml'],
    exit: 1,
    stderr: ['kpi score: KPI3005 refusing to write scheme.yaml: it is an input file (scheme.yaml); choose another output path'],
  },
  {
    id: 'out-xlsx-is-input-dotted',
    covers: 'output path = input path, spelt differently',
    args: ['score', 'scheme.yaml', '--xlsx', './cards/../sales.csv'],
    exit: 1,
    setup: (d) => mkdirSync(path.join(d, 'cards')),
    stderr: ['kpi score: KPI3005 refusing to write ./cards/../sales.csv: it is an input file (<dir>/sales.csv); choose another output path'],
  },
  {
    id: 'out-xlsx-symlink-to-input',
    covers: 'output path = a symlink to an input',
    args: ['score', 'scheme.yaml', '--xlsx', 'report.xlsx'],
    exit: 1,
    setup: (d) => symlinkSync('sales.csv', path.join(d, 'report.xlsx')),
    stderr: ['kpi score: KPI3005 refusing to write report.xlsx: it is an input file (<dir>/sales.csv); choose another output path'],
  },
  {
    id: 'out-scorecard-overwrites-input',
    covers: 'a scorecard named like an input (--scorecards . beside R1-Ann.xlsx): refused, nothing written',
    args: ['score', 'scheme.yaml', '--scorecards', '.'],
    exit: 2,
    setup: (d) => writeWorkbook(path.join(d, 'R1-Ann.xlsx'), [salesSheet()]),
    stderr: [
      'kpi score: KPI3003 --scorecards . is the current folder or holds it; kpi replaces the scorecard folder on every run, so give the scorecards a folder of their own (e.g. --scorecards cards)',
    ],
  },
  {
    id: 'out-scorecards-holds-inputs',
    covers: 'the scorecard folder holds the data (--scorecards data beside the scheme): refused, nothing written',
    args: ['score', 'data/scheme.yaml', '--scorecards', 'data'],
    exit: 2,
    setup: (d) => {
      mkdirSync(path.join(d, 'data'));
      cpSync(path.join(d, 'scheme.yaml'), path.join(d, 'data/scheme.yaml'));
      cpSync(path.join(d, 'sales.csv'), path.join(d, 'data/sales.csv'));
    },
    stderr: [
      'kpi score: KPI3004 --scorecards data holds 2 files kpi did not write ("sales.csv", "scheme.yaml"); kpi replaces the whole scorecard folder on every run, so give it a new or empty folder (or move those files out)',
    ],
  },
  {
    id: 'out-xlsx-in-scorecards',
    covers: 'the report where a scorecard goes (--xlsx cards/R1-Ann.xlsx --scorecards cards): refused before anything is written',
    args: ['score', 'scheme.yaml', '--xlsx', 'cards/R1-Ann.xlsx', '--scorecards', 'cards'],
    exit: 2,
    stderr: [
      'kpi score: KPI3002 --xlsx cards/R1-Ann.xlsx is inside the scorecard folder cards, which kpi replaces with the new scorecards on every run; write the report outside it (e.g. --xlsx report.xlsx)',
    ],
  },
  {
    id: 'out-xlsx-trailing-slash',
    covers: '--xlsx newdir/ (a folder, not a file name)',
    args: ['score', 'scheme.yaml', '--xlsx', 'newdir/'],
    exit: 2,
    stderr: ['kpi score: KPI3001 --xlsx newdir/ names a folder; give the report a file name, e.g. --xlsx newdir/report.xlsx'],
  },
  {
    id: 'out-xlsx-is-folder',
    covers: '--xlsx naming an existing folder',
    args: ['score', 'scheme.yaml', '--xlsx', 'out'],
    exit: 2,
    setup: (d) => mkdirSync(path.join(d, 'out')),
    stderr: ['kpi score: KPI3001 --xlsx out names a folder; give the report a file name, e.g. --xlsx out/report.xlsx'],
  },
  {
    id: 'out-scorecards-foreign-file',
    covers: 'a file kpi did not write in the scorecard folder: refused, never deleted',
    args: ['score', 'scheme.yaml', '--scorecards', 'cards'],
    exit: 2,
    setup: (d) => {
      mkdirSync(path.join(d, 'cards'));
      writeFileSync(path.join(d, 'cards/notes.txt'), 'mine');
    },
    stderr: [
      'kpi score: KPI3004 --scorecards cards holds 1 file kpi did not write ("notes.txt"); kpi replaces the whole scorecard folder on every run, so give it a new or empty folder (or move those files out)',
    ],
  },
  {
    id: 'out-scorecards-stale-cards',
    covers: "the cards of a rep who left and of last month are replaced by exactly this run's set",
    args: ['score', 'scheme.yaml', '--scorecards', 'cards'],
    exit: 0,
    writes: ['cards/'],
    replaces: ['cards/'],
    setup: (d) => {
      mkdirSync(path.join(d, 'cards'));
      for (const f of ['R1-Ann.xlsx', 'R9-Left.xlsx', '.DS_Store']) writeFileSync(path.join(d, 'cards', f), 'last month');
      writeFileSync(
        path.join(d, 'cards/.kpi-scorecards.json'),
        JSON.stringify({ format: 'kpi-scorecards/1', scheme: 'Corpus base', period: '2026-10', files: ['R1-Ann.xlsx', 'R9-Left.xlsx'] }),
      );
    },
    stderr: ['wrote scorecards: 2 in cards'],
    check: (d, _o, ex) => {
      ex(cards(d)).toEqual(['.DS_Store', 'R1-Ann.xlsx', 'R2-Bob.xlsx']);
      ex(readFileSync(path.join(d, 'cards/R1-Ann.xlsx')).subarray(0, 2).toString()).toBe('PK');
      ex(readFileSync(path.join(d, 'cards/.DS_Store'), 'utf8')).toBe('last month'); // a desktop file is carried over, not deleted
      ex(JSON.parse(readFileSync(path.join(d, 'cards/.kpi-scorecards.json'), 'utf8'))).toMatchObject({
        period: '2026-11',
        files: ['R2-Bob.xlsx', 'R1-Ann.xlsx'],
      });
    },
  },
  {
    id: 'out-scorecards-interrupted',
    covers: 'an earlier run killed mid-swap: its previous set is restored, its temp files removed, then replaced',
    args: ['score', 'scheme.yaml', '--scorecards', 'cards', '--xlsx', 'report.xlsx'],
    exit: 0,
    writes: ['cards/', 'report.xlsx'],
    replaces: ['.cards.kpi-', '.kpi-tmp-'],
    setup: (d) => {
      const dead = deadPid();
      const old = path.join(d, `.cards.kpi-old-${dead}-1`);
      mkdirSync(old);
      writeFileSync(path.join(old, 'R1-Ann.xlsx'), 'previous set');
      writeFileSync(
        path.join(old, '.kpi-scorecards.json'),
        JSON.stringify({ format: 'kpi-scorecards/1', scheme: 'Corpus base', period: '2026-10', files: ['R1-Ann.xlsx'] }),
      );
      mkdirSync(path.join(d, `.cards.kpi-new-${dead}-1`));
      writeFileSync(path.join(d, `.cards.kpi-new-${dead}-1`, 'R1-Ann.xlsx'), 'half a set');
      writeFileSync(path.join(d, `.kpi-tmp-${dead}-7-report.xlsx`), 'half a report');
    },
    stderr: ['wrote report: report.xlsx', 'wrote scorecards: 2 in cards'],
    check: (d, _o, ex) => {
      ex(
        readdirSync(d).filter((f) => f.startsWith('.')),
        'temp files of the killed run',
      ).toEqual([]);
      ex(cards(d)).toEqual(['R1-Ann.xlsx', 'R2-Bob.xlsx']);
    },
  },
  {
    id: 'out-scorecards-under-file',
    covers: 'output folder under a file (--scorecards sales.csv/sub)',
    args: ['score', 'scheme.yaml', '--scorecards', 'sales.csv/sub'],
    exit: 1,
    stderr: ['kpi score: KPI3032 cannot create folder sales.csv/sub: sales.csv is a file, not a folder'],
  },
  {
    id: 'out-scorecards-is-file',
    covers: 'output folder is a file (--scorecards sales.csv)',
    args: ['score', 'scheme.yaml', '--scorecards', 'sales.csv'],
    exit: 1,
    stderr: ['kpi score: KPI3031 cannot create folder sales.csv: it is a file, not a folder'],
  },
  {
    id: 'out-xlsx-missing-folder',
    covers: 'report in a folder that does not exist',
    args: ['score', 'scheme.yaml', '--xlsx', 'no/such/report.xlsx'],
    exit: 1,
    stderr: ['kpi score: KPI3012 cannot write no/such/report.xlsx: folder <dir>/no/such does not exist'],
  },
  {
    id: 'out-dir-readonly',
    covers: 'output folder not writable (chmod 500)',
    args: ['score', 'scheme.yaml', '--scorecards', 'ro/cards', '--xlsx', 'ro/report.xlsx'],
    exit: 1,
    setup: (d) => {
      mkdirSync(path.join(d, 'ro'));
      chmodSync(path.join(d, 'ro'), 0o500);
    },
    stderr: ['kpi score: KPI3014 cannot write to folder <dir>/ro: permission denied (EACCES); choose a folder you can write to'],
    skip: IS_ROOT ? 'running as root: chmod 500 does not stop root writing (out-scorecards-under-file covers an unwritable output)' : undefined,
  },

  // ---------------------------------------------------------------- issue 9: a run whose figures cannot be trusted
  {
    id: 'scheme-base-bonus-huge',
    covers: 'base_bonus: 1e308 (a number out of range): score refuses, nothing printed',
    exit: 1,
    stderr: [
      'scheme.yaml:18:60  KPI5602 1e+308 is too large for a base bonus: at most 1,000,000,000,000, so that every payout stays exact to the cent',
      STOPPED,
    ],
  },
  {
    id: 'validate-base-bonus-huge',
    fixture: 'scheme-base-bonus-huge',
    covers: 'base_bonus: 1e308 through kpi validate',
    args: ['validate', 'scheme.yaml'],
    exit: 1,
    stderr: [],
    stdout: ['scheme.yaml:18:60  KPI5602 1e+308 is too large for a base bonus'],
    problems: ['KPI5602 scheme.yaml:18:60'],
  },
  {
    id: 'roster-role-typo',
    covers: 'a role typo in the roster file: kpi score refuses what kpi validate rejects',
    exit: 1,
    stderr: ['scheme.yaml:36:1  KPI1201 rep R2 (Bob) has role "AE", which has no weights (did you mean "ae"?)', STOPPED],
  },
  {
    id: 'explain-role-typo',
    fixture: 'roster-role-typo',
    covers: 'the same role typo through kpi explain',
    args: ['explain', 'scheme.yaml', 'R1'],
    exit: 1,
    stderr: [
      'scheme.yaml:36:1  KPI1201 rep R2 (Bob) has role "AE", which has no weights (did you mean "ae"?)',
      'kpi explain: stopped; fix the errors above (kpi validate lists them all)',
    ],
  },
  {
    id: 'explain-ambiguous-name',
    covers: 'kpi explain by a name two reps share: refused naming both ids, never one of them picked (red team)',
    args: ['explain', 'scheme.yaml', 'ann'],
    exit: 2,
    stderr: ['kpi explain: "ann" is the name of 2 reps (R1, R3); name one by its id'],
  },
  {
    id: 'validate-role-typo',
    fixture: 'roster-role-typo',
    covers: 'the same role typo through kpi validate',
    args: ['validate', 'scheme.yaml'],
    exit: 1,
    stderr: [],
    stdout: ['scheme.yaml:36:1  KPI1201 rep R2 (Bob) has role "AE", which has no weights (did you mean "ae"?)'],
  },
  {
    id: 'period-no-data',
    fixture: '_base',
    covers: '--period 2026-12 on November exports: no rows in any source is an error',
    args: ['score', 'scheme.yaml', '--period', '2026-12', '--xlsx', 'report.xlsx'],
    exit: 1,
    stderr: [
      'scheme.yaml:5:9  KPI1203 no source has any row in 2026-12: sales (sales.csv) holds 2026-11-03 to 2026-11-10 (3 rows). Check --period, or that these are the files for this period',
      STOPPED,
    ],
  },
  {
    id: 'source-no-rows-in-period',
    covers: 'one source with no rows in the period: a warning naming the source and the dates it holds; NOT FINAL',
    exit: 3,
    stderr: ['  calls.csv: KPI2703 no rows in 2026-11: calls.csv holds 2026-10-01 to 2026-10-20 (3 rows); metrics on source "calls" are scored as no data'],
    rows: ALL_COUNTED,
    check: (_d, out, ex) => {
      ex(revenue(out)).toEqual({ R1: 500, R2: 1200 });
      ex(issues(out).map((i) => [i.file, i.action])).toEqual([['calls.csv', 'kept']]);
    },
  },
  // Issue 9's silent wrongs, as a user meets them: the row named, the figures as counted.
  {
    id: 'data-period-labels',
    fixture: 'data-period-labels',
    covers: 'period labels 2026年11月, Nov 2026, 11/2026 counted; 2026-13 reported by row, never dropped silently',
    exit: 3,
    stderr: ['  calls.csv, row 5, column "Month": KPI2133 "2026-13" is not a period: there is no month 13'],
    rows: ALL_COUNTED,
    check: (_d, out, ex) => ex(metric(out, 'calls')).toEqual({ R1: 2, R2: 1 }),
  },
  {
    id: 'filter-value-case',
    covers: 'filter value "won" against data "Won": the zeroed metric is said, with the value that occurs',
    exit: 3,
    stderr: [
      '  sales.csv, column "Stage": KPI2727 metric revenue: the filter value "won" for stage matches no row of sales in 2026-11, so the metric is 0 or blank for everyone; closest values that occur: "Won"',
    ],
    rows: ALL_COUNTED,
    check: (_d, out, ex) => ex(revenue(out)).toEqual({ R1: 0, R2: 0 }),
  },
  {
    id: 'money-other-currency',
    covers: '€300 in a USD scheme: reported by row, not summed as dollars',
    exit: 3,
    problems: ['KPI2114 sales.csv:3 Amount'],
    stderr: ['  sales.csv, row 3, column "Amount": KPI2114 "€300" is in EUR (€), not in the scheme\'s currency USD'],
    rows: ROW3_SKIPPED,
    check: (_d, out, ex) => ex(revenue(out)).toEqual({ R1: 500, R2: 1200 }),
  },
  {
    id: 'money-fullwidth-parentheses',
    covers: '（¥1,000.00）, an accounting negative in full-width parentheses (Chinese Excel/WPS): read as (¥1,000.00) is',
    exit: 0,
    problems: [],
    stderr: [],
    rows: { total: 4, counted: { R1: 2, R2: 2 }, skipped: [] },
    check: (_d, out, ex) => ex(revenue(out)).toEqual({ R1: 500, R2: 1200 }),
  },
  {
    id: 'money-separator-guess',
    covers: '1.500 and 12.000 with no decimal: declared: 1000× apart, so the run stops',
    exit: 1,
    problems: ['KPI2682 sales.csv'],
    stderr: [
      'sales.csv, column "Amount", row 2: "1.500" could be 1.5 or 1500, and nothing in the column shows which separator marks decimals (2 values read two ways). Declare it next to file: sales.csv in the scheme: decimal: \'.\' if it means 1.5, or decimal: \',\' if it means 1500.',
      STOPPED,
    ],
  },
  {
    id: 'xlsx-boolean-money',
    covers: 'TRUE (a formula result and a plain cell) in a money column: reported, never 1.00',
    exit: 3,
    problems: ['KPI2105 sales.xlsx:3 Amount', 'KPI2105 sales.xlsx:4 Amount'],
    setup: (d) =>
      writeWorkbook(path.join(d, 'sales.xlsx'), [
        salesSheet([
          ['R1', 500, 'Won', new Date(Date.UTC(2026, 10, 3))],
          ['R1', { formula: '1=1', result: true } as CellValue, 'Won', new Date(Date.UTC(2026, 10, 5))],
          ['R2', true, 'Won', new Date(Date.UTC(2026, 10, 10))],
        ]),
      ]),
    stderr: [
      '  sales.xlsx, row 3, column "Amount": KPI2105 "TRUE" is a true/false value, not a number',
      '  sales.xlsx, row 4, column "Amount": KPI2105 "TRUE" is a true/false value, not a number',
    ],
    rows: { total: 3, counted: { R1: 1, R2: 0 }, skipped: [3, 4] },
    check: (_d, out, ex) => ex(revenue(out)).toEqual({ R1: 500, R2: 0 }),
  },
  {
    id: 'csv-excel-error-values',
    covers:
      'a stage of #N/A (a CSV saved from a sheet whose lookup failed): read as text it left a deal out of the Won filter with exit 0; reported once for the column, the run NOT FINAL',
    exit: 3,
    problems: ['KPI2181 sales.csv:3 Stage'],
    stderr: ['sales.csv, row 3, column "Stage": KPI2181 "#N/A" is an error value'],
    rows: ALL_COUNTED,
    check: (_d, out, ex) => ex(metric(out, 'revenue')).toEqual({ R1: 500, R2: 1200 }),
  },
  {
    id: 'csv-null-customers',
    covers:
      "a customer written NULL (a database export's empty field) in a distinct count: one more customer for R1 with exit 0 before; said once for the metric, NOT FINAL",
    exit: 3,
    problems: ['KPI2182 sales.csv:3 Customer'],
    stderr: ['sales.csv, row 3, column "Customer": KPI2182 metric customers: customer of sales in 2026-11 holds "NULL" (first on row 3)'],
    rows: ALL_COUNTED,
    check: (_d, out, ex) => ex(metric(out, 'customers')).toEqual({ R1: 2, R2: 1 }),
  },
  {
    id: 'ids-cut-by-excel',
    covers:
      'customer ids as a CSV saved from Excel writes them (1.23457E+11): two customers read as one; reported once for the column, never a silent undercount (red team)',
    exit: 3,
    problems: ['KPI2163 sales.csv:2 Customer'],
    stderr: [
      '  sales.csv, row 2, column "Customer": KPI2163 "1.23457E+11" is a long number as Excel shows it in scientific notation: the digits of the id are lost, so different ids read the same (rows with such ids in this column: 2)',
    ],
    rows: ALL_COUNTED,
    check: (_d, out, ex) => ex(metric(out, 'customers')).toEqual({ R1: 1, R2: 1 }),
  },
  {
    id: 'money-scientific',
    covers:
      'an amount as a CSV saved from Excel writes a number too wide for its column (1.23457E+11): 6 digits kept, the amount lost; the row is refused, never counted at a rounded amount (red team)',
    exit: 3,
    problems: ['KPI2165 sales.csv:3 Amount'],
    stderr: [
      '  sales.csv, row 3, column "Amount": KPI2165 "1.23457E+11" is an amount in scientific notation, as Excel shows a number that does not fit its column: only the digits shown were saved, so the amount itself is lost',
    ],
    rows: ROW3_SKIPPED,
    check: (_d, out, ex) => ex(revenue(out)).toEqual({ R1: 500, R2: 1200 }),
  },
  {
    id: 'money-header-unit',
    covers:
      'amounts under a header in thousands (Amount (000)) and a scheme that does not say the unit: read as written, and said once for the column, so a run against targets in dollars is never taken for a normal one (red team)',
    exit: 3,
    problems: ['KPI2166 sales.csv:1 Amount (000)'],
    stderr: [
      '  sales.csv, row 1, column "Amount (000)": KPI2166 the header "Amount (000)" gives the amounts in (000) (×1,000), but the scheme does not give this column a scale: they are read as written (1.5 is 1.5, not 1,500), which is right only if the targets are in (000) too',
    ],
    rows: ALL_COUNTED,
    check: (_d, out, ex) => ex(revenue(out)).toEqual({ R1: 0.5, R2: 1.2 }),
  },
  {
    id: 'money-header-unit-scaled',
    covers: 'the same file with scale: 1000 on the column: read exactly in dollars (0.5 → 500.00), a final run',
    exit: 0,
    stderr: [],
    rows: ALL_COUNTED,
    check: (_d, out, ex) => ex(revenue(out)).toEqual({ R1: 500, R2: 1200 }),
  },
  {
    id: 'period-dot-october',
    covers:
      "a CSV saved from a workbook whose months were typed as numbers (2026.11, 2026.1 for October, 2026.12), scored for 2026-Q4: October's row read as January is said, never a silent Q4 without it (red team)",
    exit: 3,
    problems: ['KPI2137 sales.csv:3 Month'],
    stderr: [
      '  sales.csv, row 3, column "Month": KPI2137 "2026.1" is read as January, but this column also holds "2026.11" and no month written like 2026.10: a CSV saved from a workbook where the months were typed as numbers writes October (2026.10) as 2026.1 too, so 1 row may belong to October',
    ],
    check: (_d, out, ex) => ex(revenue(out)).toEqual({ R1: 500, R2: 1200 }),
  },
  {
    id: 'period-dot-july-october',
    covers:
      "the same export holding August to October only (2026.8, 2026.9, 2026.1), scored for 2026-Q1: October's row read as January is said, never a silent Q1 with it (red team)",
    args: [...JSON_SCORE, '--period', '2026-Q1'],
    exit: 3,
    problems: ['KPI2138 sales.csv:4 Month'],
    stderr: [
      '  sales.csv, row 4, column "Month": KPI2138 "2026.1" is read as January, but the other months in this column (2026.8–2026.9) lead up to October, and none is written like 2026.10: a CSV saved from a workbook where the months were typed as numbers writes October (2026.10) as 2026.1, so 1 row may belong to October',
    ],
    check: (_d, out, ex) => ex(revenue(out)).toEqual({ R1: 0, R2: 1200 }),
  },
  {
    id: 'date-utc-midnights',
    covers:
      "dates exported as UTC timestamps of a midnight in Beijing (2026-10-31T16:00:00.000Z is 1 November there): read as written, a day early, so 1 November's row counts in October; said, never a silent November without it (red team)",
    exit: 3,
    problems: ['KPI2148 sales.csv:2 Closed'],
    stderr: [
      '  sales.csv, row 2, column "Closed": KPI2148 "2026-11-02T16:00:00.000Z" and every other time in this column (3 rows) is 16:00 in UTC, midnight in UTC+08:00: these look like local dates written as UTC timestamps, so each is read as the day before the one meant, and a month\'s first day counts in the month before',
    ],
    check: (_d, out, ex) => ex(revenue(out)).toEqual({ R1: 500, R2: 1200 }),
  },
  {
    id: 'distinct-spellings',
    covers:
      'count_distinct over "ACME Corp" and "Acme Corp": one customer to a person, two to the count; said with the row, never a silent overcount (red team)',
    exit: 3,
    problems: ['KPI2745 sales.csv:3 Customer'],
    stderr: [
      '  sales.csv, row 3, column "Customer": KPI2745 metric customers: customer of sales in 2026-11 holds one value in several spellings that differ only in case, width, spacing, look-alike letters or Traditional and Simplified Chinese ("ACME Corp" = "Acme Corp"): each is counted as another customer, 1 more than a person counts',
    ],
    rows: ALL_COUNTED,
    check: (_d, out, ex) => ex(metric(out, 'customers')).toEqual({ R1: 2, R2: 1 }),
  },
  {
    id: 'xlsx-ids-cut-to-15-digits',
    fixture: 'ids-cut-by-excel',
    covers: 'card numbers in a workbook kept by Excel to 15 digits (6222021234567890000): reported, never a silent undercount (red team)',
    exit: 3,
    problems: ['KPI2164 sales.xlsx:2 Customer'],
    setup: async (d) => {
      writeFileSync(path.join(d, 'scheme.yaml'), readFileSync(path.join(d, 'scheme.yaml'), 'utf8').replace('file: sales.csv', 'file: sales.xlsx'));
      await writeWorkbook(path.join(d, 'sales.xlsx'), [
        {
          rows: [
            [...SALES_HEADER, 'Customer'],
            ['R1', 500, 'Won', new Date(Date.UTC(2026, 10, 3)), 6222021234567890000],
            ['R1', 300, 'Lost', new Date(Date.UTC(2026, 10, 5)), 6222021234567890000],
            ['R2', 1200, 'Won', new Date(Date.UTC(2026, 10, 10)), 'ACME-7'],
          ],
        },
      ]);
    },
    stderr: [
      '  sales.xlsx, row 2, column "Customer": KPI2164 "6222021234567890000" has more than 15 digits and ends in zeros: Excel keeps 15 digits of a number, so ids that differ after the 15th read the same (rows with such ids in this column: 2)',
    ],
    rows: ALL_COUNTED,
    check: (_d, out, ex) => ex(metric(out, 'customers')).toEqual({ R1: 1, R2: 1 }),
  },
  {
    id: 'xlsx-sheets-alike',
    fixture: 'xlsx-boolean-money',
    covers: "a workbook with a sheet per region and no sheet: named: the other region's rows are said not to be read, never left out without a word (red team)",
    exit: 3,
    setup: (d) =>
      writeWorkbook(path.join(d, 'sales.xlsx'), [
        salesSheet(SALES_ROWS.slice(0, 2), 'East'),
        salesSheet(SALES_ROWS.slice(2), 'West'),
        {
          name: 'Notes',
          rows: [
            ['Rep', 'Target'],
            ['R1', 1000],
          ],
        },
      ]),
    stderr: [
      '  sales.xlsx: KPI2310 read the first visible sheet, "East"; the workbook has another sheet with the same columns ("West") whose rows are not read',
    ],
    rows: { total: 2, counted: { R1: 2, R2: 0 }, skipped: [] },
    check: (_d, out, ex) => ex(revenue(out)).toEqual({ R1: 500, R2: 0 }),
  },
  {
    id: 'xlsx-date-typed-number',
    covers:
      'a number typed in a date cell (2026.11, a month written with a dot, is serial 2026 = 1905-07-18): reported, never a row silently outside every period (red team)',
    exit: 3,
    problems: ['KPI2129 sales.xlsx:3 Closed'],
    setup: (d) =>
      writeWorkbook(path.join(d, 'sales.xlsx'), [
        {
          ...salesSheet([
            ['R1', 500, 'Won', new Date(Date.UTC(2026, 10, 3))],
            ['R1', 300, 'Lost', 2026.11],
            ['R2', 1200, 'Won', 46336],
          ]),
          numFmts: { D3: 'General', D4: 'General' },
        },
      ]),
    stderr: [
      '  sales.xlsx, row 3, column "Closed": KPI2129 2026.11 is 1905-07-18 as an Excel date: a number typed where a date belongs (such as 2026.11 for a month), not a date of this data; a workbook date before 1950 is not read',
    ],
    rows: ROW3_SKIPPED,
    check: (_d, out, ex) => ex(revenue(out)).toEqual({ R1: 500, R2: 1200 }),
  },
  {
    id: 'xlsx-period-number',
    fixture: 'xlsx-period-number',
    covers:
      "period cells typed as numbers: 2026.11 is November, 2026.1 (Excel's 2026.10) may be January or October: reported, never counted in January (red team)",
    exit: 3,
    problems: ['KPI2136 calls.xlsx:3 Month'],
    setup: (d) =>
      writeWorkbook(path.join(d, 'calls.xlsx'), [
        {
          rows: [
            ['Rep', 'Month'],
            ['R1', 2026.11],
            ['R1', 2026.1],
            ['R2', 202611],
          ],
        },
      ]),
    stderr: [
      '  calls.xlsx, row 3, column "Month": KPI2136 2026.1 is a number in the workbook: Excel keeps 2026.10 (October) as 2026.1, the same number as 2026.1 (January), so which month it is cannot be told',
    ],
    rows: ALL_COUNTED,
    check: (_d, out, ex) => ex(metric(out, 'calls')).toEqual({ R1: 1, R2: 1 }),
  },
  {
    id: 'xlsx-money-format-currency',
    covers: 'amount cells formatted as euros (€500 shown, 500 stored) or as a percentage in a USD scheme: reported, never summed as dollars (red team)',
    exit: 3,
    problems: ['KPI2152 sales.xlsx:2 Amount', 'KPI2151 sales.xlsx:5 Amount'],
    setup: (d) =>
      writeWorkbook(path.join(d, 'sales.xlsx'), [
        {
          ...salesSheet([
            ['R1', 500, 'Won', new Date(Date.UTC(2026, 10, 3))],
            ['R1', 300, 'Lost', new Date(Date.UTC(2026, 10, 5))],
            ['R2', 1200, 'Won', new Date(Date.UTC(2026, 10, 10))],
            ['R2', 0.5, 'Won', new Date(Date.UTC(2026, 10, 11))],
          ]),
          numFmts: { B2: '[$€-407]#,##0.00', B3: '#,##0.00\\ _€', B4: '"$"#,##0.00', B5: '0.00%' },
        },
      ]),
    stderr: [
      '  sales.xlsx, row 2, column "Amount": KPI2152 500 is formatted in EUR (€), not in the scheme\'s currency USD (the number format of its cell shows €)',
      '  sales.xlsx, row 5, column "Amount": KPI2151 0.5 is formatted as a percentage (50%), not as an amount of money',
    ],
    rows: { total: 4, counted: { R1: 1, R2: 1 }, skipped: [2, 5] },
    check: (_d, out, ex) => ex(revenue(out)).toEqual({ R1: 0, R2: 1200 }),
  },
  {
    id: 'deductions-points-percent',
    covers: 'deduction points written "5%" (read as 0.05 of a point, 5 points meant): the run stops naming the row, never deducts 0.05 (red team)',
    exit: 1,
    problems: ['KPI2687 penalties.csv', 'KPI2501 penalties.csv:3'],
    stderr: [
      'KPI2687 penalties.csv: 1 row of the deductions file cannot be read (row 3; row 3, column "Points": "5%" is a percentage, but points are percent points off the total score ("5%" would take off 0.05 of a point): write 5). Every row of the deductions file must be read: a deduction on such a row would be lost. Fix the file and run again.',
      'penalties.csv:3  KPI2501 column "Points", value "5%": "5%" is a percentage, but points are percent points off the total score ("5%" would take off 0.05 of a point): write 5 (run stopped)',
      STOPPED,
    ],
  },
  {
    id: 'growth-no-history',
    covers:
      "a weighted growth metric on exports that do not reach the period compared with: everyone's growth scores 0; NOT FINAL, naming the metric, the period and what the file holds (red team)",
    exit: 3,
    stderr: [
      "  sales.csv: KPI2708 metric growth compares revenue with 2026-10, but sales.csv has no rows in 2026-10 (it holds 2026-11-03 to 2026-11-10 (3 rows)): every rep's growth is no data and scores 0. Add the 2026-10 rows to the file (or score a period it reaches)",
    ],
    rows: ALL_COUNTED,
  },
  {
    id: 'growth-compared-month-spellings',
    covers:
      'a won deal written "won" in the month a growth metric compares with: October looks smaller and November\'s growth larger (R1 +25 % instead of −29 %); said with its period, NOT FINAL (was exit 0, said only when October was scored)',
    exit: 3,
    problems: ['KPI2725 sales.csv:3 Stage'],
    stderr: [
      '  sales.csv, row 3, column "Stage": KPI2725 metric revenue: 1 row of sales in 2026-10 (compared with 2026-11 by metric growth) (first on row 3) holds "won" for stage',
    ],
  },
  {
    id: 'rows-before-start',
    covers:
      "rows credited to a rep dated before the rep's start date (a leaver's orders moved to the newcomer): counted as credited, said with the first row and count, NOT FINAL (lead)",
    exit: 3,
    problems: ['KPI2790 sales.csv:3 Closed'],
    stderr: [
      '  sales.csv, row 3, column "Closed": KPI2790 2 rows of sales dated before R2\'s start date 2026-11-08 are credited to R2 (first: row 3, 2026-11-05): a leaver\'s orders moved to the newcomer, or a wrong rep id?',
    ],
    rows: { total: 4, counted: { R1: 1, R2: 3 }, skipped: [] },
  },
  {
    id: 'rows-before-start-growth',
    covers:
      "a rep who started in the period, with a row in the month a growth metric compares with: October's revenue credited to them is said (the September row, read by no figure, is not) (lead)",
    exit: 3,
    problems: ['KPI2790 sales.csv:3 Closed'],
    stderr: ["KPI2790 1 row of sales dated before R2's start date 2026-11-01 is credited to R2 (first: row 3, 2026-10-20)"],
  },
  {
    id: 'quarter-month-missing',
    covers:
      'a quarter scored on exports that stop before its last month (December not exported yet): NOT FINAL, naming the month and what the file holds (red team)',
    exit: 3,
    stderr: [
      '  sales.csv: KPI2710 no rows in month 2026-12 of 2026-Q4 (sales.csv holds 2026-10-03 to 2026-11-10 (3 rows)): the 2026-Q4 figures of metrics on "sales" lack that month. Add its rows, or score a period the data covers',
    ],
    rows: ALL_COUNTED,
  },
  {
    id: 'quarter-month-gap-inside',
    covers: 'a quarter whose middle month has no rows, the export covering it (no sale that month): not called missing, the run is final (red team)',
    exit: 0,
    stderr: [],
    rows: ALL_COUNTED,
  },
  {
    id: 'source-label-longer-period',
    covers: 'rows labelled 2026-Q4 or 2026 in a month run: neither counted nor lost without a word; NOT FINAL',
    exit: 3,
    stderr: [
      '  calls.csv, row 3, column "Month": KPI2704 2 rows labelled with a period that is not inside 2026-11 but overlaps it (first on row 3: "2026-Q4"); a row cannot be split between periods, so they are not counted in 2026-11. Label each row with the month it belongs to, or score 2026-Q4',
    ],
    rows: ALL_COUNTED,
    check: (_d, out, ex) => {
      ex(metric(out, 'calls')).toEqual({ R1: 1, R2: 0 });
      ex(issues(out).map((i) => [i.file, i.row, i.action])).toEqual([['calls.csv', 3, 'kept']]);
    },
  },
  {
    id: 'source-mixed-grains',
    fixture: 'source-label-longer-period',
    covers: 'a quarter scored from rows labelled 2026-Q4 and rows of its months: a possible double count is said',
    args: [...JSON_SCORE, '--period', '2026-Q4'],
    exit: 3,
    stderr: [
      '  calls.csv, row 3, column "Month": KPI2705 1 row labelled "2026-Q4" (first on row 3) and 2 rows labelled with its months are all counted in 2026-Q4: if the "2026-Q4" rows are subtotals of the months, they are counted twice (remove them, or keep one grain per file)',
      '  calls.csv, row 4, column "Month": KPI2704 1 row labelled with a period that is not inside 2026-Q4 but overlaps it (first on row 4: "2026"); a row cannot be split between periods, so it is not counted in 2026-Q4. Label each row with the month it belongs to, or score 2026',
    ],
    rows: ALL_COUNTED,
    check: (_d, out, ex) => ex(metric(out, 'calls')).toEqual({ R1: 1, R2: 2 }),
  },
  {
    id: 'targets-no-rows-in-period',
    covers: 'a targets file that stops at October, run on November: every target from the scheme is said, NOT FINAL',
    exit: 3,
    stderr: [
      '  targets.csv: KPI2707 the targets file targets.csv has no row for 2026-11 (it holds period 2026-10 only (2 rows)): every target comes from the scheme. Add the rows for this period, or check --period',
    ],
    rows: ALL_COUNTED,
    check: (_d, out, ex) => ex(JSON.parse(out.stdout).reps.map((r: { metrics: { target: number }[] }) => r.metrics[0]!.target)).toEqual([1000, 1000]),
  },
  {
    id: 'validate-targets-no-rows-in-period',
    fixture: 'targets-no-rows-in-period',
    covers: 'the same through kpi validate (a warning at targets_file)',
    args: ['validate', 'scheme.yaml'],
    exit: 0,
    stderr: [],
    stdout: [
      'scheme.yaml:19:1  KPI2707 warning: the targets file targets.csv has no row for 2026-11 (it holds period 2026-10 only (2 rows)): every target comes from the scheme. Add the rows for this period, or check --period',
    ],
  },
  {
    id: 'target-names-not-in-roster',
    covers:
      'a by_rep id and a by_team team the roster spells otherwise (r1, EAST), two teams that read the same (West, west): each target is used for no one; said, NOT FINAL (red team)',
    exit: 3,
    problems: ['KPI2713 scheme.yaml:', 'KPI2714 scheme.yaml:', 'KPI2715 scheme.yaml:'],
    stderr: [
      '  scheme.yaml: KPI2713 the by_rep target of revenue names "r1", who is not in the roster, so it is used for no one (did you mean "R1"?)',
      '  scheme.yaml: KPI2714 the by_team target of revenue names team "EAST", which no rep of the roster is in, so it is used for no one (did you mean "East"?)',
      '  scheme.yaml: KPI2715 roster teams that read the same are different teams to kpi (targets, subtotals, rollups): "West" (R2), "west" (R3)',
    ],
    rows: { total: 3, counted: { R1: 2, R2: 1, R3: 0 }, skipped: [] },
    // The default target, as before: the run says why, it does not guess which rep or team was meant.
    check: (_d, out, ex) => ex(JSON.parse(out.stdout).reps.map((r: { metrics: { target: number }[] }) => r.metrics[0]!.target)).toEqual([1000, 1000, 1000]),
  },
  {
    id: 'validate-target-names-not-in-roster',
    fixture: 'target-names-not-in-roster',
    covers: 'the same through kpi validate: warnings at the entries',
    args: ['validate', 'scheme.yaml'],
    exit: 0,
    stderr: [],
    stdout: [
      'scheme.yaml:16:1  KPI2715 warning: roster teams that read the same are different teams to kpi (targets, subtotals, rollups): "West" (R2), "west" (R3)',
      'scheme.yaml:29:40  KPI2713 warning: the by_rep target of revenue names "r1", who is not in the roster, so it is used for no one (did you mean "R1"?)',
      'scheme.yaml:29:62  KPI2714 warning: the by_team target of revenue names team "EAST", which no rep of the roster is in, so it is used for no one (did you mean "East"?)',
    ],
  },
  {
    id: 'targets-zero',
    covers: 'a target of 0 in the targets file (a blank exported as 0?): the capped score it gives is said, NOT FINAL',
    exit: 3,
    stderr: [
      '  targets.csv: KPI2701 a target of 0 for "revenue", where higher is better: scored by ratio, any actual above 0 scores the cap, for 1 rep: R1 (a blank cell exported as 0?)',
    ],
    rows: ALL_COUNTED,
    check: (_d, out, ex) => ex(JSON.parse(out.stdout).reps.find((r: { id: string }) => r.id === 'R1').metrics[0]).toMatchObject({ target: 0, score: 1.5 }),
  },
  {
    id: 'paid-to-date-negative',
    covers: 'a paid-to-date amount written as a payroll debit (-500): never added to the payout; the row is named, NOT FINAL (red team)',
    exit: 3,
    problems: ['KPI2761 paid.csv:2 Paid'],
    stderr: ['  paid.csv, row 2, column "Paid": KPI2761 "-500": paid to date of R1 is negative; row ignored (a negative would add to the payout)'],
    rows: ALL_COUNTED,
    check: (_d, out, ex) =>
      ex(Object.fromEntries(JSON.parse(out.stdout).reps.map((r: { id: string; payout: number }) => [r.id, r.payout]))).toEqual({ R1: 0, R2: 800 }),
  },
  {
    id: 'paid-to-date-month-labels',
    covers:
      'a YTD true-up whose paid-to-date rows are labelled with the months they were paid in (none names 2026-11-YTD): the whole year to date would be paid again; said, NOT FINAL (red team)',
    exit: 3,
    problems: ['KPI2760 paid.csv: Period'],
    stderr: [
      '  paid.csv, column "Period": KPI2760 the paid-to-date file has 3 rows but none for 2026-11-YTD (it holds 2026-06, 2026-09): nothing is taken off as paid, so each rep would be paid everything earned in 2026-11-YTD again',
    ],
  },
  {
    id: 'collection-invoice-blank',
    covers:
      '回款 on the margin with the invoice amount blank or 0, the margin blank, two amounts for one invoice: never paid on the whole cash; each row named, NOT FINAL (red team)',
    exit: 3,
    problems: [
      'KPI2762 collections.csv:3 Invoice Amount',
      'KPI2763 collections.csv:4 Margin',
      'KPI2762 collections.csv:5 Invoice Amount',
      'KPI2764 collections.csv:7 Invoice Amount',
    ],
    stderr: [
      '  collections.csv, row 4, column "Margin": KPI2763 Cash commission: the commission base of the invoice is blank or negative; the payment earns no 回款 commission',
      '  collections.csv, row 7, column "Invoice Amount": KPI2764 Cash commission: invoice G2 is 20000 on this row but 10000 on row 6; each payment is measured against its own row\'s amount',
    ],
    rows: ALL_COUNTED,
    // R1: only F1 earns, on its margin (2,000 × 10 %); R2: G2's two halves on their own amounts (1,000 + 500) × 10 %, plus the bonus.
    check: (_d, out, ex) =>
      ex(Object.fromEntries(JSON.parse(out.stdout).reps.map((r: { id: string; payout: number }) => [r.id, r.payout]))).toEqual({ R1: 200, R2: 1150 }),
  },
  {
    id: 'split-shares-not-100',
    covers: 'a split order whose shares add up to 90 %: every one of its rows is counted for no one and counted as a row skipped (nine)',
    exit: 3,
    problems: ['KPI2734 sales.csv:2 Order'],
    stderr: [
      '1 data issue (2 rows skipped):',
      '  sales.csv, row 2, column "Order": KPI2734 split credit: order "O-1": its shares add up to 90%, not 100%; its 2 rows (rows 2, 3) counted for no one',
    ],
    rows: { total: 3, counted: { R1: 0, R2: 1 }, skipped: [2, 3] },
    check: (_d, out, ex) => ex(JSON.parse(out.stdout).status.skipped).toBe(2),
  },
  {
    id: 'rep-id-unknown-rows',
    covers: 'a rep id not in the roster on two rows: both are rows skipped, listed in the issue (nine)',
    exit: 3,
    problems: ['KPI2201 sales.csv:3 Rep'],
    stderr: ['1 data issue (2 rows skipped):'],
    rows: { total: 3, counted: { R1: 1, R2: 0 }, skipped: [3, 4] },
    check: (_d, out, ex) => ex(JSON.parse(out.stdout).status.skipped).toBe(2),
  },
  {
    id: 'collection-invoice-id-blank',
    covers:
      '回款 with invoice and invoice amount mapped, the invoice id blank on the second of two partial payments: it earns nothing and is named (not counted as an invoice of its own, up to the whole invoice again), NOT FINAL (nine)',
    exit: 3,
    problems: ['KPI2768 collections.csv:3 Invoice'],
    stderr: [
      '  collections.csv, row 3, column "Invoice": KPI2768 Cash commission: the invoice id is blank, so the payments before this one on its invoice cannot be known and its share of the invoice amount cannot be measured; it earns no 回款 commission',
    ],
    rows: ALL_COUNTED,
    // R1: 6,000 × 10 % (the second 6,000 would have counted 6,000 more on a 10,000 invoice); R2: 1,000 + the bonus.
    check: (_d, out, ex) =>
      ex(Object.fromEntries(JSON.parse(out.stdout).reps.map((r: { id: string; payout: number }) => [r.id, r.payout]))).toEqual({ R1: 600, R2: 2000 }),
  },
  {
    id: 'collection-paid-before-invoice',
    covers:
      '回款 paid before its invoice date (aged 0 days) and a blank invoice id with no invoice amount mapped: each a note naming the row; the run stays final (nine)',
    exit: 0,
    problems: ['KPI2770 collections.csv:2 Paid On', 'KPI2769 collections.csv:3 Invoice'],
    stderr: [
      '  collections.csv, row 2, column "Paid On": KPI2770 Cash commission: paid on 2026-11-05, before its invoice date 2026-11-20 (a prepayment, or a date typed wrong?); aged 0 days, coefficient 100%',
      '  collections.csv, row 3, column "Invoice": KPI2769 Cash commission: the invoice id is blank; the payment is counted on its own (no invoice amount is mapped, so the id changes no figure)',
    ],
    rows: ALL_COUNTED,
    // R1: (1,000 + 2,000) × 100 % × 10 %; R2: 4,000 paid 66 days after its invoice × 50 % × 10 % + the bonus.
    check: (_d, out, ex) =>
      ex(Object.fromEntries(JSON.parse(out.stdout).reps.map((r: { id: string; payout: number }) => [r.id, r.payout]))).toEqual({ R1: 300, R2: 1200 }),
  },
  {
    id: 'clawback-same-period',
    covers:
      "a refund row (stage Refunded, outside the Won base) of an order of the scored month: clawed back at the month's rate, never paid in full (red team)",
    exit: 0,
    stderr: [],
    // R2: bonus 1,000 + 1,200 × 10 % − the refunded 200 × 10 %.
    check: (_d, out, ex) =>
      ex(Object.fromEntries(JSON.parse(out.stdout).reps.map((r: { id: string; payout: number }) => [r.id, r.payout]))).toEqual({ R1: 50, R2: 1100 }),
  },
  {
    id: 'basis-no-target',
    covers:
      'the bonus keyed on revenue achievement (basis: revenue) with no revenue target for R2: refused like a weighted metric without one, never a silent bonus of 0 (red team)',
    exit: 1,
    problems: ['KPI1202 scheme.yaml:28:5'],
    stderr: ['scheme.yaml:28:5  KPI1202 no target for "revenue" in 2026-11 for 1 rep: R2', STOPPED],
  },
  {
    id: 'deductions-rule-and-amount',
    covers: "a 红线 row giving the rule's price beside its name (discount_breach, 100): both are taken off; said, NOT FINAL (red team)",
    exit: 3,
    problems: ['KPI2765 violations.csv:2 Rule'],
    stderr: [
      '  violations.csv, row 2, column "Rule": KPI2765 deduction row names rule "discount_breach" and also gives points or an amount: both are taken off (the rule\'s price and the row\'s own); if the row\'s figure is the rule\'s price, leave one of them blank',
    ],
    rows: ALL_COUNTED,
  },
  {
    id: 'paid-to-date-rep-missing',
    covers:
      "a YTD true-up whose paid-to-date file has R1's row for 2026-11-YTD but only last month's row for R2: R2 would be paid the whole year again; said, NOT FINAL (red team)",
    exit: 3,
    problems: ['KPI2766 paid.csv:3 Period'],
    stderr: [
      '  paid.csv, row 3, column "Period": KPI2766 paid to date of R2: a row for 2026-10-YTD but none for 2026-11-YTD, so nothing is taken off as paid and everything R2 earned in 2026-11-YTD is paid',
    ],
  },
  {
    id: 'basis-target-zero',
    covers: 'the bonus keyed on revenue achievement with a revenue target of 0 for R2: no achievement, a silent bonus of 0; refused (red team)',
    exit: 1,
    problems: ['KPI1210 scheme.yaml:28:5'],
    stderr: [
      'scheme.yaml:28:5  KPI1210 "revenue" has a target of 0 or below for 1 rep (R2), but the bonus basis, a gate or a kicker reads its achievement (actual ÷ target), which such a target does not have: it would pay 0',
      STOPPED,
    ],
  },
  {
    id: 'deductions-points-basis',
    covers:
      'points off the total score when the bonus is keyed on revenue achievement (basis, no times_score): the penalty costs nothing; said, NOT FINAL (red team)',
    exit: 3,
    problems: ['KPI2767 penalties.csv:'],
    stderr: [
      '  penalties.csv: KPI2767 the 5 points off R2\'s total score change nothing: the bonus is keyed on "revenue" achievement (bonus.basis) without times_score, so the total score does not enter the payout',
    ],
    rows: ALL_COUNTED,
  },
  {
    id: 'input-repeated',
    covers: 'two ratings for one rep and month (2026-11 and Nov 2026): the mean that is paid on is said, NOT FINAL',
    exit: 3,
    stderr: [
      '  csat.csv, row 3, column "Rep": KPI2706 2 rows for rep R2 labelled 2026-11 (rows 3, 4): an input metric takes their mean; if one is a duplicate or a correction, keep one row',
    ],
    rows: ALL_COUNTED,
    check: (_d, out, ex) => ex(metric(out, 'csat')).toEqual({ R1: 4.5, R2: 2.9 }),
  },
  {
    id: 'source-all-rows-skipped',
    covers: 'every row of the only source unreadable: not called "no data rows"',
    exit: 1,
    stderr: [
      'scheme.yaml:5:9  KPI1203 no source has any row in 2026-11: sales (sales.csv) has no row it could read: all 3 data rows were skipped as data issues (kpi validate lists them). Check --period, or that these are the files for this period',
      STOPPED,
    ],
  },
  {
    id: 'figure-too-large',
    covers: 'a sum too large to pay exactly: the last line of defence stops the run before any output',
    args: [...JSON_SCORE, '--xlsx', 'report.xlsx', '--scorecards', 'cards'],
    exit: 1,
    stderr: ['scheme.yaml  KPI1204 rep R2: revenue actual is 15,000,000,000,000, more than can be kept exact to the cent (10,000,000,000,000)', STOPPED],
  },
  {
    id: 'unused-header-missing',
    covers: 'a mapped column kpi score does not use is missing: refused like kpi validate does',
    exit: 1,
    problems: ['KPI2667 sales.csv'],
    stderr: [
      'KPI2667 sales.csv: column "Discount" (for discount) is not in the header row. Headers found on row 1: "Rep", "Amount", "Stage", "Closed".',
      STOPPED,
    ],
  },
  {
    id: 'scheme-unreachable-tier',
    covers: 'a tier no rep can reach and a metric that counts for nobody: warnings, the run is final',
    exit: 0,
    stderr: [
      'scheme.yaml:51:30  KPI1302 warning: no rep can reach tier "Legend": it starts at 200%, but the highest total score role ae can reach is 150% (weights × caps)',
      'scheme.yaml:36:3  KPI1301 warning: "average_deal" counts for nobody\'s pay: it has no weight in role ae (the roles reps have), and no gate, commission, pay component (commission, SPIFF, kicker, 回款), bonus basis or weighted metric of any plan uses it; it is only shown',
    ],
    rows: ALL_COUNTED,
  },
  {
    id: 'not-final-everywhere',
    fixture: 'csv-ragged-short',
    covers: 'a skipped row: every output says NOT FINAL, exit 3, figures as counted',
    args: ['score', 'scheme.yaml', '--xlsx', 'report.xlsx', '--scorecards', 'cards'],
    exit: 3,
    writes: ['report.xlsx', 'cards/'],
    stderr: [
      'NOT FINAL: the figures may change once these are fixed (exit code 3).',
      'wrote report: report.xlsx (marked NOT FINAL)',
      'wrote scorecards: 2 in cards (marked NOT FINAL)',
    ],
    stdout: ['NOT FINAL: 1 data issue (1 row skipped); the figures may change once they are fixed. See the data issues listed on stderr.\nCorpus base'],
    check: async (d, out, ex) => {
      ex(out.stdout.trimEnd().split('\n').at(-1)).toMatch(/^NOT FINAL: /);
      ex((await workbook(path.join(d, 'report.xlsx'))).getWorksheet('Summary')!.getCell('A1').value).toMatch(/^NOT FINAL: 1 data issue \(1 row skipped\)/);
      for (const f of cards(d)) ex((await workbook(path.join(d, 'cards', f))).getWorksheet('Scorecard')!.getCell('C1').value, f).toMatch(/^NOT FINAL: /);
    },
  },
  {
    id: 'final-run',
    fixture: '_base',
    covers: 'a run with no data issue is final everywhere (exit 0)',
    args: ['score', 'scheme.yaml', '--format', 'csv', '--xlsx', 'report.xlsx', '--scorecards', 'cards'],
    exit: 0,
    writes: ['report.xlsx', 'cards/'],
    stderr: ['wrote report: report.xlsx', 'wrote scorecards: 2 in cards'],
    check: async (d, out, ex) => {
      ex(out.stdout + out.stderr).not.toContain('NOT FINAL');
      ex(
        out.stdout
          .split('\r\n')
          .slice(1, 3)
          .map((l) => l.split(',').at(-1)),
      ).toEqual(['final', 'final']);
      ex((await workbook(path.join(d, 'report.xlsx'))).getWorksheet('Summary')!.getCell('A1').value).toBe('Final: every row read was counted; no data issues.');
    },
  },

  // ---------------------------------------------------------------- the same inputs through other commands
  {
    id: 'validate-ragged',
    fixture: 'csv-ragged-short',
    covers: 'kpi validate on a ragged row',
    args: ['validate', 'scheme.yaml'],
    exit: 0,
    problems: ['KPI2001 sales.csv:3'],
    stderr: [],
    stdout: [
      'sales.csv:3  KPI2001 warning: value "R1,300,Lost": the row has 3 fields but the header has 4 (a missing separator, or a line break inside an unquoted value?) (row skipped)',
      'scheme.yaml: valid (1 warning)',
    ],
  },
  {
    id: 'validate-yaml-json',
    fixture: 'yaml-wrong-enum',
    covers: 'kpi validate --format json on a scheme error',
    args: ['validate', 'scheme.yaml', '--format', 'json'],
    exit: 1,
    problems: ['KPI1004 scheme.yaml:34:16'],
    stderr: [],
    stdout: [
      '"file": "scheme.yaml",\n      "line": 34,\n      "col": 16,\n      "message": "\\"total\\" is not one of: sum, count, count_distinct, avg, min, max",\n      "code": "KPI1004"',
    ],
  },
  {
    id: 'validate-data-json',
    fixture: 'csv-duplicate-headers',
    covers: 'kpi validate --format json on a data-file error',
    args: ['validate', 'scheme.yaml', '--format', 'json'],
    exit: 1,
    stderr: [],
    stdout: ['"file": "sales.csv",\n      "line": 1,'],
  },
  {
    id: 'cli-bad-period',
    covers: 'impossible --period (2026-02-30)',
    args: ['score', 'scheme.yaml', '--period', '2026-02-30'],
    exit: 2,
    stderr: ['kpi score: period "2026-02-30": not a period; use 2026-11 (month), 2026-Q4 (quarter), 2026-11-YTD (year to date) or 2026 (year)'],
  },
  {
    id: 'cli-missing-scheme',
    covers: 'scheme file missing',
    args: ['score', 'nothere.yaml'],
    exit: 1,
    stderr: ['nothere.yaml  KPI5001 cannot read scheme: no such file', STOPPED],
  },
  {
    id: 'cli-scheme-is-folder',
    covers: 'scheme path is a folder',
    args: ['validate', '.'],
    exit: 1,
    stderr: [],
    stdout: ['.  KPI5002 cannot read scheme: is a folder, not a scheme file\n.: 1 error, 0 warnings'],
  },
  {
    id: 'explain-unknown-rep',
    covers: 'kpi explain with a rep not in the roster',
    args: ['explain', 'scheme.yaml', 'R9'],
    exit: 2,
    stderr: ['kpi explain: no rep "R9" in the roster (did you mean "R2"?)'],
  },
  {
    id: 'out-stdout-closed',
    covers: 'stdout closed early (kpi score … | head -c 10): no EPIPE crash, outputs still written',
    args: ['score', 'acme/scheme.yaml', '--format', 'json', '--xlsx', 'report.xlsx'],
    pipe: 'head -c 10',
    exit: 3,
    setup: (d) => cpSync(path.join(REPO, 'examples/acme'), path.join(d, 'acme'), { recursive: true }),
    // Data files are named as the scheme writes them (relative to the scheme's folder).
    stderr: [
      '  data/sales.csv, row 1379, column "Amount": KPI2107 "12,4O0.00" holds the letter "O" (a typo for 0?): not a number',
      'wrote report: report.xlsx',
    ],
    writes: ['report.xlsx'],
  },
];

// ------------------------------------------------------------------------------------------------ helpers

interface JsonIssue {
  file: string;
  row: number | null;
  rows: number[] | null;
  action: string;
  reason: string;
}
function issues(out: RunOutput): JsonIssue[] {
  return (JSON.parse(out.stdout) as { issues: JsonIssue[] }).issues;
}

/** The coded problems of a run: the data issues of its JSON, else the diagnostics it printed (file:line:col  CODE …). */
function problemsOf(out: RunOutput, stderr: string): string[] {
  let json:
    | {
        issues?: { code: string | null; file: string; row: number | null; column: string | null }[];
        diagnostics?: { code?: string; file: string; line: number; col: number }[];
      }
    | undefined;
  try {
    json = JSON.parse(out.stdout);
  } catch {
    json = undefined;
  }
  if (json?.issues) return json.issues.filter((i) => i.code).map((i) => `${i.code} ${i.file}:${i.row ?? ''}${i.column ? ` ${i.column}` : ''}`);
  if (json?.diagnostics) return json.diagnostics.filter((d) => d.code).map((d) => `${d.code} ${d.file}:${d.line}:${d.col}`);
  const lines = `${out.stdout}\n${stderr}`.split('\n');
  return lines.flatMap((l) => {
    const m = /^(\S+?):(\d+)(?::(\d+))? {2}(KPI\d{4}) /.exec(l);
    if (m) return [`${m[4]} ${m[1]}:${m[2]}${m[3] ? `:${m[3]}` : ''}`];
    // A problem that names its own place (a file that cannot be read): the code, then the file.
    const own = /^(KPI\d{4}) (\S+?\.(?:csv|xlsx|yaml))\b/.exec(l);
    return own ? [`${own[1]} ${own[2]}`] : [];
  });
}

function metric(out: RunOutput, name: string): Record<string, number> {
  const j = JSON.parse(out.stdout) as { reps: { id: string; metrics: { metric: string; actual: number }[] }[] };
  return Object.fromEntries(j.reps.map((r) => [r.id, r.metrics.find((m) => m.metric === name)!.actual]));
}
const revenue = (out: RunOutput) => metric(out, 'revenue');

async function workbook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}
async function workbookFormulas(file: string): Promise<string[]> {
  const out: string[] = [];
  (await workbook(file)).eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.formula) out.push(cell.formula);
      }),
    ),
  );
  return out;
}
async function workbookTexts(file: string): Promise<string[]> {
  const out: string[] = [];
  (await workbook(file)).eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === 'string') out.push(cell.value);
      }),
    ),
  );
  return out;
}

/** The scorecards in <dir>/cards (kpi's manifest of them aside). */
function cards(dir: string): string[] {
  return readdirSync(path.join(dir, 'cards'))
    .filter((f) => f !== '.kpi-scorecards.json')
    .sort();
}

/** The id of a process that has ended: temp files named after it are an interrupted run's. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

const STACK = /^ {4}at |^\s*at .+:\d+:\d+\)?$/m;
const UNCAUGHT = /^(\w*Error|Error)(\s\[\w+\])?:/m;

// ------------------------------------------------------------------------------------------------ the run

beforeAll(() => {
  if (!existsSync(path.join(path.dirname(CLI), '../dist/cli.js'))) throw new Error('run `npm run build` first: the corpus runs the built CLI');
});

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) {
    try {
      chmodSync(path.join(r, 'work/ro'), 0o700);
    } catch {
      // only the read-only case has it
    }
    rmSync(r, { recursive: true, force: true });
  }
});

describe.concurrent('bad-input corpus', () => {
  test('the table is consistent: ≥ 40 cases, unique ids, rows add up', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CASES.map((c) => c.id)).size).toBe(CASES.length);
    for (const c of CASES) {
      if (!c.rows) continue;
      const counted = Object.values(c.rows.counted).reduce((a, b) => a + b, 0);
      expect(counted + c.rows.skipped.length, c.id).toBe(c.rows.total);
    }
  });

  for (const c of CASES) {
    // CORPUS_DEFECTS=1 runs the defect cases as ordinary tests, to see exactly how each one falls short.
    const t = c.skip ? test.skip : c.defect && !process.env.CORPUS_DEFECTS ? test.fails : test;
    t(`${c.id}: ${c.covers} → exit ${c.exit}`, async ({ expect: ex }) => {
      const { root, dir } = prepareCase(c.id, c.fixture);
      roots.push(root);
      await c.setup?.(dir);
      const before = snapshot(dir);
      const args = c.args ?? JSON_SCORE;
      const out = await runCli(args, dir, 30_000, c.pipe);
      const stderr = normalise(out.stderr, dir);
      if (process.env.CORPUS_SHOW) console.log(`${c.id} exit ${out.code}\n${stderr}`);
      const report = `\n--- exit ${out.code}\n--- stderr:\n${stderr}--- stdout (start):\n${out.stdout.slice(0, 300)}`;

      ex(out.timedOut, `hung${report}`).toBe(false);
      ex(stderr, `stack trace${report}`).not.toMatch(STACK);
      ex(stderr, `uncaught error${report}`).not.toMatch(UNCAUGHT);
      ex(stderr, report).not.toMatch(/internal error/i);
      ex(stderr + out.stdout, report).not.toMatch(/\bundefined\b|\[object Object\]/);
      ex(out.code, `exit code${report}`).toBe(c.exit);
      const lines = stderr.split('\n');
      for (const want of c.stderr) {
        // Whole-line match when the expectation is a full line; a substring otherwise.
        if (lines.includes(want)) continue;
        ex(stderr, `stderr should contain ${JSON.stringify(want)}${report}`).toContain(want);
      }
      for (const want of c.stdout ?? []) ex(out.stdout, report).toContain(want);
      if (c.problems) ex(problemsOf(out, stderr), `problems by code and place${report}`).toEqual(c.problems);
      // A run that stops prints nothing on stdout: no table that looks normal (validate prints its findings there).
      if (args[0] !== 'validate' && out.code !== 0 && out.code !== 3 && !c.pipe) ex(out.stdout, `stdout of a refused run${report}`).toBe('');

      // Disk: inputs untouched, only allowed outputs created, nothing beside the case folder, no temp files.
      const after = snapshot(dir);
      const replaced = (f: string) => (c.replaces ?? []).some((r) => f.startsWith(r));
      for (const [file, hash] of before) if (!replaced(file)) ex(after.get(file), `input ${file} changed or removed`).toBe(hash);
      const created = [...after.keys()].filter((f) => !before.has(f));
      const allowed = c.writes ?? [];
      for (const f of created) {
        ex(
          allowed.some((w) => (w.endsWith('/') ? f.startsWith(w) : f === w)),
          `unexpected file written: ${f}`,
        ).toBe(true);
        ex(path.basename(f), `temp file left behind: ${f}`).not.toMatch(/^\.kpi-tmp-|\.kpi-(new|old)-\d+-\d+$/);
      }
      ex(readdirSync(root), 'a file was written outside the case folder').toEqual(['work']);

      // A run that went ahead with data issues is NOT FINAL everywhere (exit 3); one without is final (exit 0).
      const json = args[0] === 'score' && args.includes('json') && !c.pipe;
      if (out.code === 3) ex(stderr, `NOT FINAL on stderr${report}`).toContain('NOT FINAL');
      if (json && (out.code === 0 || out.code === 3)) {
        ex((JSON.parse(out.stdout) as { status: { final: boolean } }).status.final, `JSON status.final${report}`).toBe(out.code === 0);
      }
      if (c.rows) {
        ex([0, 3], 'rows are accounted on a run that went ahead (final or not)').toContain(out.code);
        ex(metric(out, 'deals'), `rows counted per rep${report}`).toEqual(c.rows.counted);
        const skipped = issues(out)
          .filter((i) => /^sales\.(csv|xlsx)$/.test(i.file) && i.action === 'skipped')
          .flatMap((i) => i.rows ?? [i.row])
          .sort((a, b) => (a ?? 0) - (b ?? 0));
        ex(skipped, `rows skipped and reported${report}`).toEqual(c.rows.skipped);
      }
      await c.check?.(dir, out, ex);
    });
  }
});

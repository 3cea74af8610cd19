// Typed, column-oriented tables: what the readers produce and the core consumes.
// Columnar typed arrays keep 1M-row sources well under the memory budget.
import type { Problem, ProblemCode, ProblemParams } from '../messages/index.js';
import type { RowList } from './row-list.js';

/** Whole days since 1970-01-01 (a calendar date, no time zone). */
export type DayNumber = number;

export type Column =
  | {
      type: 'string';
      /** One value per row. On a coded column it is built on first use: prefer `coded` on big tables. */
      values: (string | null)[];
      /**
       * Repeating text (reps, stages, regions) as a code per row into the distinct values (`dict[0]` is null, a
       * blank): a filter or a rep is decided once per distinct value, then looked up per row.
       */
      coded?: Coded;
    }
  /** number: as written; percent: a fraction (12% → 0.12); date: DayNumber. NaN = blank. */
  | { type: 'number' | 'percent' | 'date'; values: Float64Array }
  /** Integer minor units (¥1,234.56 → 123456 at scale 2), so sums are exact. NaN = blank. */
  | { type: 'money'; values: Float64Array; scale: number };

export interface Coded {
  codes: Uint16Array;
  dict: readonly (string | null)[];
}

/** A text column stored as codes; its `values` array is made only when something asks for it. */
export function codedColumn(codes: Uint16Array, dict: readonly (string | null)[]): Column {
  let values: (string | null)[] | null = null;
  return {
    type: 'string',
    coded: { codes, dict },
    get values(): (string | null)[] {
      if (values === null) {
        values = new Array<string | null>(codes.length);
        for (let i = 0; i < codes.length; i++) values[i] = dict[codes[i] as number] as string | null;
      }
      return values;
    },
  };
}

export interface Table {
  /** Source name in the scheme. */
  source: string;
  /** File as the user named it (for messages and provenance). */
  file: string;
  rowCount: number;
  /** Row number as the user sees it in Excel or a text editor (1-based, header and title rows counted). */
  rowNumbers: Int32Array;
  /** Logical column name → values. Only mapped (and derived) columns are kept. */
  columns: ReadonlyMap<string, Column>;
}

/** A note cannot change any figure (a column the scheme never reads): it is listed, but the run stays final. */
export type IssueSeverity = 'error' | 'warning' | 'note';

/** A bad or suspect row/value. Nothing is dropped without one of these. */
export interface DataIssue {
  file: string;
  source?: string;
  /** Row as the user sees it (1-based). */
  row?: number;
  /**
   * Every row the issue leaves uncounted, when it is more than one (the rows of a split order whose shares do not add
   * up, of a rep id not in the roster): `row` is the first. The summary counts each of them as a row skipped.
   * Held compactly (4 bytes a row); JSON `issues[].rows` is its plain array.
   */
  rows?: RowList;
  /** The line a text editor shows, when a CSV row spans lines (quoted line breaks) and it differs from `row`. */
  line?: number;
  /** Column header as written in the file. */
  column?: string;
  /** The raw cell text. */
  value?: string;
  reason: string;
  severity: IssueSeverity;
  /** What happened to the row: skipped, kept as is (suspect), or the run stopped. */
  action: 'skipped' | 'kept' | 'stopped';
  /** Stable code (docs/problems.md) and the values of its message; `reason` holds the English text. Required: no issue without a code. */
  code: ProblemCode;
  params?: ProblemParams;
}

/** A data issue for a problem with a code: its English text is the reason. */
export function codedIssue(p: Problem, where: Omit<DataIssue, 'reason' | 'code' | 'params'>): DataIssue {
  return { ...where, reason: p.text, code: p.code, params: p.params };
}

/** Facts about one input file for the run sheet. */
export interface InputFile {
  source: string;
  file: string;
  sha256: string;
  rows: number;
}

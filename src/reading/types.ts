import type { CurrencyRule } from './currency.js';
import type { DataIssue, InputFile, Table } from '../core/table.js';
import type { PeriodRows } from '../core/period-rows.js';

export interface Progress {
  /** Rows read so far, header and title rows included. */
  rowsRead: number;
  bytesRead: number;
  totalBytes: number;
}

export interface ReadOptions {
  /** Decimal places of the currency's minor unit: money columns are integers at this scale. */
  minorUnit: number;
  /** The scheme's currency (code and symbol): an amount marked with another currency is reported. Default USD. */
  currency?: CurrencyRule;
  onProgress?: (p: Progress) => void;
  /**
   * A large CSV's SHA-256 may still be computed on its thread when the read returns (ReadResult.verified): the
   * caller goes on (scores) meanwhile and must await `verified` before it uses the input's sha256 or shows anything.
   */
  hashLater?: boolean;
  /**
   * false: a CSV's SHA-256 is not computed (input.sha256 is ''): `kpi validate` shows no hash and compares files
   * itself (copied-inputs.ts), and loading node:crypto took ~10 ms of its start. XLSX files are hashed anyway.
   */
  hash?: boolean;
  /**
   * The run's period (first and last day): a source with a date column has its rows in the period listed by the
   * reading threads as they read (ReadResult.periodRows), instead of by the score after the read.
   */
  period?: { start: number; end: number };
}

export interface ReadResult {
  table: Table;
  issues: DataIssue[];
  input: InputFile;
  /** The header row as found in the file (trimmed). */
  headers: string[];
  /** Where it was found (1-based, as the user sees it). */
  headerRow: number;
  /**
   * With hashLater, when the file's SHA-256 is still to come: null once input.sha256 is set; else what stops the
   * read (a DataError, KPI2608: the file changed while read). Never rejects.
   */
  verified?: Promise<unknown>;
  /** With ReadOptions.period, for a source with a date column: its rows in the period, as rowsBetween lists them. */
  periodRows?: PeriodRows;
}

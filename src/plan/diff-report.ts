// Everything `kpi diff` reports, whichever two things were compared: two schemes on the same data, or two runs.
import type { Comparison } from './diff.js';
import type { SchemeChange } from './scheme-changes.js';
import type { InputChange } from './score-json.js';
import type { RunStatus } from '../output/status.js';
import type { Locale, Text } from '../messages/index.js';

export interface DiffSide {
  /** The file compared, as the user named it. */
  file: string;
  scheme: string;
  period: string;
}

export interface DiffReport {
  kind: 'schemes' | 'runs';
  a: DiffSide;
  b: DiffSide;
  currency: { code: string; minorUnit: number; symbol: string };
  comparison: Comparison;
  /** Differences between the two schemes key by key (schemes), or none known (runs: only whether the text differs). */
  schemeChanges: SchemeChange[];
  /** Whether the scheme differs: true/false, or null when a run carries no hash of it. */
  schemeChanged: boolean | null;
  /** Input files whose content differs (by SHA-256). */
  inputChanges: InputChange[];
  /** Things to know before reading the figures. */
  notes: Text[];
  /** Whether both sides are final (no data issue in either run); NOT FINAL otherwise, with both sides' issues. */
  status: RunStatus;
  /** Where those issues are listed (stderr for two schemes, the saved runs' issues[] for two runs). */
  issuesWhere: Text;
  /** The language of the new scheme (two runs carry none). */
  locale?: Locale;
}

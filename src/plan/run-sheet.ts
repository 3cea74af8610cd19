// The report's Run sheet read back (`kpi verify`): which scheme and inputs made the report, with their SHA-256,
// the period, the language and the kpi that wrote it. Labels as report.ts writes them (RUN_LABELS).
import { RUN_LABELS } from '../output/run-labels.js';
import { parseLang, type Locale } from '../output/locale.js';
import type { SheetCells } from './report-cells.js';
import { english, said, say, type Said } from '../messages/index.js';

export interface RecordedInput {
  source: string;
  /** The path as the scheme writes it (relative to the scheme's folder). */
  file: string;
  sha256: string;
  rows: number | null;
}

export interface RunRecord {
  sheet: string;
  scheme: string;
  schemeFile: string;
  /** Absent on reports written before kpi recorded it. */
  schemeFromReport?: string;
  schemeSha256: string;
  period: string;
  /** "0.1.0" of "kpi 0.1.0". */
  toolVersion: string;
  /** Absent on older reports: then the scheme's own locale. */
  locale?: Locale;
  /** "final" or "NOT FINAL" (the run had data issues); absent on older reports. */
  status?: string;
  inputs: RecordedInput[];
}

/** The workbook is not a kpi report (or one too damaged to verify): a usage error, in English and as a sentence. */
export class NotAReport extends Error {
  readonly said: Said;
  constructor(s: Said) {
    super(say(s, english));
    this.said = s;
  }
}

const SHA = /^[0-9a-f]{64}$/;

function text(s: SheetCells, ref: string): string | undefined {
  const v = s.cells.get(ref)?.value;
  return v === undefined ? undefined : String(v);
}

/** The Run sheet's record; NotAReport says what is missing. */
export function readRunSheet(sheets: SheetCells[], file: string): RunRecord {
  const L = RUN_LABELS;
  // The sheet that holds the scheme's hash under its label (its name may follow the report's language).
  const run = sheets.find((s) => s.name === 'Run' && hasLabel(s, L.schemeSha256)) ?? sheets.find((s) => hasLabel(s, L.schemeSha256));
  if (run === undefined) {
    throw new NotAReport(said('verify.noRunSheet', { report: file }));
  }
  const values = new Map<string, string>();
  let headerRow = 0;
  for (let r = 1; r <= 200; r++) {
    const a = text(run, `A${r}`);
    if (a === undefined) continue;
    if (a === L.inputs[0] && text(run, `C${r}`) === L.inputs[2]) {
      headerRow = r;
      break;
    }
    const b = text(run, `B${r}`);
    if (b !== undefined && !values.has(a)) values.set(a, b);
  }
  const need = (label: string): string => {
    const v = values.get(label);
    if (v === undefined || v === '') throw new NotAReport(said('verify.runLacks', { report: file, label }));
    return v;
  };
  const schemeSha256 = need(L.schemeSha256).toLowerCase();
  if (!SHA.test(schemeSha256)) throw new NotAReport(said('verify.notSha', { report: file, label: L.schemeSha256, value: schemeSha256 }));
  const tool = /^kpi\s+(\S+)$/.exec(need(L.toolVersion));
  if (tool === null) throw new NotAReport(said('verify.notKpi', { report: file, label: L.toolVersion }));
  if (headerRow === 0) throw new NotAReport(said('verify.noInputs', { report: file, labels: L.inputs.join(' | ') }));
  const inputs: RecordedInput[] = [];
  for (let r = headerRow + 1; ; r++) {
    const source = text(run, `A${r}`);
    if (source === undefined || source === '') break;
    const sha = (text(run, `C${r}`) ?? '').toLowerCase();
    if (!SHA.test(sha)) throw new NotAReport(said('verify.inputNoSha', { report: file, source, row: r }));
    const rows = run.cells.get(`D${r}`)?.value;
    inputs.push({ source, file: text(run, `B${r}`) ?? '', sha256: sha, rows: typeof rows === 'number' ? rows : null });
  }
  const lang = values.get(L.language);
  const locale = lang === undefined ? undefined : parseLang(lang);
  const fromReport = values.get(L.schemeFromReport);
  const status = values.get(L.status);
  return {
    sheet: run.name,
    scheme: values.get(L.scheme) ?? '',
    schemeFile: need(L.schemeFile),
    ...(fromReport ? { schemeFromReport: fromReport } : {}),
    schemeSha256,
    period: need(L.period),
    toolVersion: tool[1] as string,
    ...(locale ? { locale } : {}),
    ...(status ? { status } : {}),
    inputs,
  };
}

function hasLabel(s: SheetCells, label: string): boolean {
  for (const [ref, c] of s.cells) if (ref.startsWith('A') && /^A\d+$/.test(ref) && c.value === label) return true;
  return false;
}

// The Run sheet's labels: report.ts writes them, `kpi verify` reads them back (src/plan/run-sheet.ts).
export const RUN_LABELS = {
  scheme: 'Scheme',
  schemeFile: 'Scheme file',
  schemeFromReport: 'Scheme path from this report',
  schemeSha256: 'Scheme SHA-256',
  period: 'Period',
  language: 'Language',
  toolVersion: 'Tool version',
  status: 'Status',
  inputs: ['Source', 'File', 'SHA-256', 'Rows'],
} as const;

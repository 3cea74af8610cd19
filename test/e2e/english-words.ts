// The English words left in what a Chinese run printed, once what may stay English is taken out: the user's own
// words (given per test: ids, metric names, file names they typed), kpi's own name and commands, flags, file
// names, problem codes, periods, the scheme's keys and values a user types (period:, locale:, zh-CN), product
// and format names (Excel, CSV, UTF-8).
const ALWAYS = [
  /[\w./\-\u4e00-\u9fff]+\.(xlsx|xls|csv|yaml|yml|json|tsv|txt)\b/g,
  /\bKPI\d{4}\b/g,
  // A scheme key as a path (metrics.revenue.target.default), ids of orders, invoices and reps.
  /\b[A-Z]{2}[0-9O]{3,}\b/g,
  /\bkpi( (init|peek|validate|score|explain|backtest|targets|diff|verify|help))?\b/g,
  /\b(en-US|zh-CN|en|zh|SHA-256|UTF-8|GB18030|CNY|USD|ISO|CSV|XLSX|YAML|JSON|BOM|KPI|Excel|WPS|LibreOffice|LC_ALL|LC_MESSAGES|LANG|KPI_PAGER=cat|less -S)\b/g,
  /--format (table|csv|json|md|text)\b/g,
  /--?[A-Za-z][\w-]*/g,
  /\b\d{4}-(\d{2}(-YTD)?|Q[1-4])\b/g,
  // Scheme keys and values the user writes, named so in Chinese texts too.
  /\b(period|locale|targets_file|smart\.target_growth|smart\.max_target_over_best|sheet|decimal|date_order|header_row|on_bad_row)\b/g,
  /"(table|csv|json|md|text)"/g,
];

export function englishWords(text: string, allowed: readonly string[] = []): string[] {
  // File names and scheme key paths first (a user's word inside one would break it), then the user's words, then the rest.
  let rest = text.replace(ALWAYS[0]!, ' ').replace(/\b[a-z_]+(\.\w+)+(?=:)/g, ' ');
  for (const a of [...allowed].sort((x, y) => y.length - x.length)) rest = rest.split(a).join(' ');
  for (const re of ALWAYS.slice(1)) rest = rest.replace(re, ' ');
  return rest.match(/[A-Za-z]{2,}/g) ?? [];
}

// Excel number formats: plain strings, apart from excel.ts so that code choosing a format (the locale) does not
// load exceljs with it.

/** Excel number format for money with the currency symbol, e.g. "$"#,##0.00. */
export function moneyFormat(symbol: string, minorUnit: number): string {
  const sym = `"${symbol.replace(/"/g, '')}"`;
  const body = minorUnit > 0 ? `#,##0.${'0'.repeat(minorUnit)}` : '#,##0';
  return `${sym}${body};-${sym}${body}`;
}

export const PERCENT = '0.0%';

// Output conventions by locale (scheme `locale:`, `kpi score --lang`): paper size, the CSV byte-order mark, workbook
// formats, 万 display of amounts. Display only: nothing here changes a computed figure.
import type { Locale, Model, MoneyDisplay } from '../core/model.js';
import { moneyFormat } from './number-formats.js';

export type { Locale, MoneyDisplay } from '../core/model.js';

export interface OutputLocale {
  locale: Locale;
  moneyDisplay: MoneyDisplay;
}

/** `--lang` value → locale: zh, zh-CN, zh_cn, zh-Hans → zh-CN; en, en-US → en-US. */
export function parseLang(s: string): Locale | undefined {
  const t = s.trim().toLowerCase().replace(/_/g, '-');
  if (t === 'zh' || t === 'zh-cn' || t === 'zh-hans' || t === 'zh-hans-cn') return 'zh-CN';
  if (t === 'en' || t === 'en-us') return 'en-US';
  return undefined;
}

export function outputLocale(model: Pick<Model, 'locale' | 'moneyDisplay'>, override?: Locale): OutputLocale {
  return { locale: override ?? model.locale ?? 'en-US', moneyDisplay: model.moneyDisplay ?? 'standard' };
}

/** Excel paper size codes: 1 Letter (US), 9 A4 (everywhere else). */
export function paperSize(locale: Locale): 1 | 9 {
  return locale === 'en-US' ? 1 : 9;
}

/** Chinese Excel opens a CSV without a byte-order mark as GBK: garbled text. */
export function csvBomByDefault(locale: Locale): boolean {
  return locale === 'zh-CN';
}

export function dateFormat(locale: Locale): string {
  return locale === 'zh-CN' ? 'yyyy"年"m"月"d"日"' : 'yyyy-mm-dd';
}

/**
 * Number format of money cells. `wan`: units of 10,000 with four decimals (exact to the unit), "¥12.8500万": Excel
 * number formats cannot divide by 10,000, only move the decimal point with an escaped "\." (LibreOffice does not
 * read the "!." form).
 */
export function workbookMoneyFormat(symbol: string, minorUnit: number, display: MoneyDisplay): string {
  if (display !== 'wan') return moneyFormat(symbol, minorUnit);
  const sym = `"${symbol.replace(/"/g, '')}"`;
  return `${sym}0\\.0000"万";-${sym}0\\.0000"万"`;
}

/** Axis and label format of money in charts: whole units, or 万 to one decimal ("¥12.9万"). */
export function chartMoneyFormat(symbol: string, display: MoneyDisplay): string {
  const sym = `"${symbol.replace(/"/g, '')}"`;
  return display === 'wan' ? `${sym}0\\.0,"万"` : `${sym}#,##0`;
}

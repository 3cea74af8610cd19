// Numbers in a scheme may be written as 0.8 or "80%" (both the fraction 0.8), in full-width characters ("８０％"),
// or as an amount in 万 / 亿 ("10万" = 100000). core/chinese-numbers.ts reads them exactly.
import { isPercentWritten, schemeNumber } from '../core/chinese-numbers.js';

export function parseFractionText(v: unknown): number | undefined {
  return schemeNumber(v);
}

export function isPercentText(v: unknown): boolean {
  return isPercentWritten(v);
}

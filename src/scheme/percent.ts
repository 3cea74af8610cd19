// Numbers in a scheme may be written as 0.8 or "80%". Both mean the fraction 0.8.

const PERCENT = /^\s*([+-]?\d+(?:\.\d+)?)\s*%\s*$/;

export function parseFractionText(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string') {
    const m = PERCENT.exec(v);
    if (m) return Number(m[1]) / 100;
  }
  return undefined;
}

export function isPercentText(v: unknown): boolean {
  return typeof v === 'string' && PERCENT.test(v);
}

// A source whose export stops days before another's (sales to 14 November, collections to 28 November): its
// figures lack the rest of the period. Said when it had rows on most days up to its last (KPI2754, NOT FINAL); a
// sparse source (a few orders) or exports that end together are quiet.
import { describe, expect, it } from 'vitest';
import { checkedIn, SALES_SOURCE, schemeHead, STEP_BONUS } from './helpers.js';

const SCHEME = `${schemeHead()}sources:
${SALES_SOURCE}  collections:
    file: collections.csv
    rep: rep
    date: paid
    columns: { rep: Rep, amount: { header: Collected, type: money }, paid: { header: Paid Date, type: date } }
reps:
  - { id: R1, name: Ann, team: East, role: ae, base_bonus: 5000 }
  - { id: R2, name: Bo, team: East, role: ae, base_bonus: 5000 }
metrics:
  revenue: { unit: money, source: sales, aggregate: sum, column: amount, target: 1000 }
  collected: { unit: money, source: collections, aggregate: sum, column: amount, target: 1000 }
weights:
  ae: { revenue: 50, collected: 50 }
${STEP_BONUS}`;

/** One row a day on the given days of November. */
const rows = (header: string, days: number[]) => `${header}\n${days.map((d) => `R${1 + (d % 2)},100.00,2026-11-${String(d).padStart(2, '0')}`).join('\n')}\n`;
const range = (from: number, to: number, step = 1) => Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, k) => from + k * step);
const run = (sales: number[], collections: number[]) =>
  checkedIn({
    'scheme.yaml': SCHEME,
    'sales.csv': rows('Rep,Amount,Close Date', sales),
    'collections.csv': rows('Rep,Collected,Paid Date', collections),
  });

describe('a source whose export stops before the others', () => {
  it('sales every day to the 14th, collections to the 28th: said for sales, with both ends', async () => {
    const c = await run(range(1, 14), range(1, 28, 3));
    const found = c.runIssues.filter((i) => i.code === 'KPI2754');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: 'sales.csv', source: 'sales', severity: 'warning', action: 'kept' });
    expect(found[0]?.params).toMatchObject({ last: '2026-11-14', gap: 14, other: 'collections.csv', otherLast: '2026-11-28', days: 14, span: 14 });
  });

  it('quiet: both to the end; a gap under a week; a sparse source (rows on 9 days)', async () => {
    const quiet = async (sales: number[], collections: number[]) => (await run(sales, collections)).runIssues.map((i) => i.code);
    expect(await quiet(range(1, 30), range(1, 28, 3))).not.toContain('KPI2754');
    expect(await quiet(range(1, 22), range(1, 28, 3))).not.toContain('KPI2754');
    expect(await quiet(range(1, 9), range(1, 28, 3))).not.toContain('KPI2754');
    expect(await quiet(range(1, 14, 2), range(1, 28, 3))).not.toContain('KPI2754');
  });
});

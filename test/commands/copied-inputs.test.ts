// Two sources reading files of the same bytes under different names (`sales_nov.csv` and `sales_nov (1).csv`, the
// copy a browser makes): each row is counted once per file. Reported (KPI2716, NOT FINAL); one file read by two
// sources (sales and refunds from one export) stays quiet.
import { copyFileSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kpi } from '../e2e/run.js';
import { checkedIn, schemeHead, STEP_BONUS } from './helpers.js';

const source = (name: string, file: string, sheet = '') => `  ${name}:
    file: "${file}"${sheet}
    rep: rep
    date: closed
    columns: { rep: Rep, amount: { header: Amount, type: money }, status: Status, closed: { header: Close Date, type: date } }
`;

function scheme(sources: string, metrics: string, weights: string): string {
  return `${schemeHead()}sources:
${sources}reps:
  - { id: R1, name: Ann, team: East, role: ae, base_bonus: 5000 }
metrics:
${metrics}weights:
  ae: { ${weights} }
${STEP_BONUS}`;
}

const ROWS = 'Rep,Amount,Status,Close Date\nR1,100.00,Won,2026-11-03\nR1,40.00,Refunded,2026-11-05\n';

const run = (yaml: string, files: Record<string, string>, also?: (dir: string) => void) => checkedIn({ 'scheme.yaml': yaml, ...files }, also);

const sum = (name: string, src: string, filter = '') => `  ${name}: { unit: money, source: ${src}, aggregate: sum, column: amount${filter}, target: 100 }\n`;

describe('the same bytes read from two files', () => {
  it('two sources of one metric reading a file and its browser copy: reported, with both files, NOT FINAL', async () => {
    const c = await run(
      scheme(
        source('online', 'sales_nov.csv') + source('store', 'sales_nov (1).csv'),
        sum('online_rev', 'online') + sum('store_rev', 'store') + '  revenue: { unit: money, formula: online_rev + store_rev, target: 100 }\n',
        'revenue: 100',
      ),
      { 'sales_nov.csv': ROWS, 'sales_nov (1).csv': ROWS },
    );
    const found = c.runIssues.filter((i) => i.code === 'KPI2716');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: 'sales_nov (1).csv', source: 'store', severity: 'warning', action: 'kept' });
    expect(found[0]?.reason).toContain('sales_nov.csv');
    expect(found[0]?.reason).toContain('revenue');
  });

  it('a copy read by another metric is reported too: two exports meant to differ hold the same rows', async () => {
    const c = await run(
      scheme(
        source('sales', 'sales.csv') + source('collections', 'collections.csv'),
        sum('revenue', 'sales') + sum('collected', 'collections'),
        'revenue: 50, collected: 50',
      ),
      { 'sales.csv': ROWS, 'collections.csv': ROWS },
    );
    expect(c.runIssues.filter((i) => i.code === 'KPI2716').map((i) => i.file)).toEqual(['collections.csv']);
  });

  it('one file read by two sources (sales and refunds from one export), also through a link: quiet', async () => {
    const yaml = (second: string) =>
      scheme(
        source('sales', 'orders.csv') + source('refunds', second),
        sum('won', 'sales', ', filter: { status: Won }') + sum('refunded', 'refunds', ', filter: { status: Refunded }'),
        'won: 100',
      );
    const same = await run(yaml('orders.csv'), { 'orders.csv': ROWS });
    expect(same.runIssues.map((i) => i.code)).not.toContain('KPI2716');
    const linked = await run(yaml('link.csv'), { 'orders.csv': ROWS }, (dir) => symlinkSync(path.join(dir, 'orders.csv'), path.join(dir, 'link.csv')));
    expect(linked.runIssues.map((i) => i.code)).not.toContain('KPI2716');
  });

  it('files that differ, or a copy no metric reads, stay quiet', async () => {
    const differ = await run(
      scheme(source('online', 'a.csv') + source('store', 'b.csv'), sum('online_rev', 'online') + sum('store_rev', 'store'), 'online_rev: 50, store_rev: 50'),
      { 'a.csv': ROWS, 'b.csv': `${ROWS}R1,1.00,Won,2026-11-07\n` },
    );
    expect(differ.runIssues.map((i) => i.code)).not.toContain('KPI2716');
    const unread = await run(
      scheme(source('online', 'a.csv') + source('spare', 'b.csv'), sum('online_rev', 'online'), 'online_rev: 100'),
      { 'a.csv': ROWS },
      (dir) => copyFileSync(path.join(dir, 'a.csv'), path.join(dir, 'b.csv')),
    );
    expect(unread.runIssues.map((i) => i.code)).not.toContain('KPI2716');
  });
});

// kpi validate reads its CSV files without hashing them (no node:crypto at its start): files of one size are hashed
// when the copies are looked for.
describe('kpi validate, whose reads make no hash', () => {
  const validate = (files: Record<string, string>, also?: (dir: string) => void) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kpi-copies-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    also?.(dir);
    const r = kpi(['validate', 'scheme.yaml', '--format', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    return (JSON.parse(r.stdout) as { diagnostics: { code: string; file: string; message: string }[] }).diagnostics.filter((d) => d.code === 'KPI2716');
  };
  const twoSources = (a: string, b: string) =>
    scheme(source('online', a) + source('store', b), sum('online_rev', 'online') + sum('store_rev', 'store'), 'online_rev: 50, store_rev: 50');

  it('says a copy as kpi score does', () => {
    const found = validate({ 'scheme.yaml': twoSources('sales_nov.csv', 'sales_nov (1).csv'), 'sales_nov.csv': ROWS, 'sales_nov (1).csv': ROWS });
    expect(found.map((d) => d.message)).toEqual([expect.stringContaining('sales_nov (1).csv (source "store") has the same bytes as sales_nov.csv')]);
  });

  it('files of the same size with other bytes, and one file read by two sources, stay quiet', () => {
    const other = ROWS.replace('100.00', '200.00');
    expect(other.length).toBe(ROWS.length);
    expect(validate({ 'scheme.yaml': twoSources('a.csv', 'b.csv'), 'a.csv': ROWS, 'b.csv': other })).toEqual([]);
    expect(validate({ 'scheme.yaml': twoSources('a.csv', 'a.csv'), 'a.csv': ROWS })).toEqual([]);
    expect(
      validate({ 'scheme.yaml': twoSources('a.csv', 'link.csv'), 'a.csv': ROWS }, (dir) => symlinkSync(path.join(dir, 'a.csv'), path.join(dir, 'link.csv'))),
    ).toEqual([]);
  });
});

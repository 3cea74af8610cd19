// A scheme folder written from text and run as `kpi score` runs it (checkedRun): for the tests of the run's checks.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkedRun, type Checked } from '../../src/commands/pipeline.js';

/** What every scheme of these tests begins with (`sources:` follows). */
export const schemeHead = (period = '2026-11') => `version: 1
name: Checks
currency: { code: USD, minor_unit: 2, symbol: "$" }
period: ${period}
`;

/** A step bonus with one tier paid: the scheme's last key. */
export const STEP_BONUS = `bonus:
  mode: step
  tiers:
    - { label: Below, from: 0, to: 80%, multiplier: 0 }
    - { label: On plan, from: 80%, multiplier: 1 }
`;

/** The sales source most tests read: rep, amount and close date. */
export const SALES_COLUMNS = 'columns: { rep: Rep, amount: { header: Amount, type: money }, closed: { header: Close Date, type: date } }';

/** `files` (scheme.yaml among them) in a new folder, `also` for what text cannot make (links, copies); the run, which must go ahead. */
export async function checkedIn(files: Record<string, string>, also?: (dir: string) => void): Promise<Checked> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kpi-checks-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  also?.(dir);
  const r = await checkedRun(path.join(dir, 'scheme.yaml'), undefined);
  if (!r.ok) throw new Error(`the run stopped: ${r.diagnostics.map((d) => d.message).join('; ')}`);
  return r.checked;
}

/** The sales source most tests read (sales.csv, SALES_COLUMNS), as lines under `sources:`. */
export const SALES_SOURCE = `  sales:
    file: sales.csv
    rep: rep
    date: closed
    ${SALES_COLUMNS}
`;

// Roster ids that read the same to a person (R3 and Ｒ3, E3 and Е3 with a Cyrillic Е) are two reps to kpi, each
// scored on the rows that name it exactly: one person's rows typed both ways pay each on a part. Said once per
// group (KPI2753, NOT FINAL), from the roster file or the scheme's own list.
import { describe, expect, it } from 'vitest';
import { checkedIn, SALES_SOURCE, schemeHead, STEP_BONUS } from './helpers.js';

const scheme = (reps: string) => `${schemeHead()}sources:
${SALES_SOURCE}reps:
${reps}
metrics:
  revenue: { unit: money, source: sales, aggregate: sum, column: amount, target: 100 }
weights:
  ae: { revenue: 100 }
${STEP_BONUS}`;

const INLINE = `  - { id: R3, name: Cy, team: East, role: ae, base_bonus: 5000 }
  - { id: Ｒ3, name: Cy, team: East, role: ae, base_bonus: 5000 }
  - { id: R4, name: Di, team: East, role: ae, base_bonus: 5000 }`;
const SALES = 'Rep,Amount,Close Date\nR3,60.00,2026-11-03\nＲ3,60.00,2026-11-04\nR4,100.00,2026-11-04\n';

describe('roster ids that read the same', () => {
  it('R3 and Ｒ3 in the scheme: each paid on half the rows, said once with both ids', async () => {
    const c = await checkedIn({ 'scheme.yaml': scheme(INLINE), 'sales.csv': SALES });
    const found = c.runIssues.filter((i) => i.code === 'KPI2753');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'warning', action: 'kept', params: { n: 2, reps: '"R3" (Cy), "Ｒ3" (Cy)' } });
  });

  it('E3 and Е3 (a Cyrillic Е) in a roster file: the look-alike letter is shown by its code', async () => {
    const reps = '  file: reps.csv\n  columns: { id: Rep ID, name: Name, team: Team, role: Role, base_bonus: Bonus }';
    const c = await checkedIn({
      'scheme.yaml': scheme(reps),
      'reps.csv': 'Rep ID,Name,Team,Role,Bonus\nE3,Cy,East,ae,5000\nЕ3,Cy,East,ae,5000\nR4,Di,East,ae,5000\n',
      'sales.csv': 'Rep,Amount,Close Date\nE3,60.00,2026-11-03\nЕ3,60.00,2026-11-04\nR4,100.00,2026-11-04\n',
    });
    const found = c.runIssues.filter((i) => i.code === 'KPI2753');
    expect(found.map((i) => [i.file, i.params?.reps])).toEqual([['reps.csv', '"E3" (Cy), "<U+0415>3" (Cy)']]);
  });

  it('ids that differ visibly: quiet', async () => {
    const c = await checkedIn({ 'scheme.yaml': scheme(INLINE.replace('Ｒ3', 'R33')), 'sales.csv': SALES.replace('Ｒ3', 'R33') });
    expect(c.runIssues.map((i) => i.code)).not.toContain('KPI2753');
  });
});

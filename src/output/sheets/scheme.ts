// The Scheme sheet: the scheme's parameters as cells, so the Summary's formulas read them instead of constants:
// weights (A–C), the bonus tier or point table and the commission tiers (F–I), settings and the period (K–L),
// the metrics (N–R).
import type { BonusSpec, CommissionSpec, Model } from '../../core/model.js';
import type { Period } from '../../core/results.js';
import { lit, ref, text, type F } from '../../core/formula.js';
import { bonusMode, type TierTable } from '../../core/rules/bonus/index.js';
import type { CommissionTable } from '../../core/rules/commission/index.js';
import { PERCENT, setNumber, setText, type Worksheet } from '../excel.js';
import type { Translate } from '../../messages/index.js';
import { sheetRef } from './common.js';

/** Where the Summary's formulas find the scheme's parameters. */
export interface SchemeCells {
  tiers: TierTable | null;
  commission: CommissionTable | null;
  /** The period's first and last day (date cells), for proration. */
  periodStart: F;
  periodEnd: F;
  /** bonus.max_payout and commission.max_payout, when set. */
  bonusMaxPayout: F | null;
  commissionMaxPayout: F | null;
  /** Per role with a plan of its own bonus or commission: that plan's tables (null where it keeps the defaults'). */
  plans: ReadonlyMap<string, PlanCells>;
}

export interface PlanCells {
  tiers: TierTable | null;
  commission: CommissionTable | null;
}

/** Days from Excel's day 0 (1899-12-30) to 1970-01-01. */
const EXCEL_EPOCH = 25569;
const DATE = 'yyyy-mm-dd';

/** The sheet's parameters, named in formulas by the sheet's name (it follows the run's language). */
export function writeScheme(ws: Worksheet, model: Model, period: Period, moneyFmt: string, t: Translate): SchemeCells {
  const SHEET = sheetRef(ws.name);
  const abs = (col: string, row: number): string => `${SHEET}!$${col}$${row}`;
  ws.columns = [
    { header: t('col.role'), width: 20 },
    { header: t('col.metric'), width: 18 },
    { header: t('col.weight'), width: 9 },
    { width: 3 },
    { width: 3 },
    { header: t('col.tier'), width: 16 },
    { header: t('col.from'), width: 9 },
    { header: t('col.to'), width: 9 },
    { header: t('col.multiplier'), width: 11 },
    { width: 3 },
    { header: t('col.setting'), width: 18 },
    { header: t('col.value'), width: 14 },
    { width: 3 },
    { header: t('col.metric'), width: 18 },
    { header: t('col.label'), width: 28 },
    { header: t('col.direction'), width: 16 },
    { header: t('col.scoring'), width: 10 },
    { header: t('col.cap'), width: 8 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  let row = 2;
  for (const role of [...model.weights.keys()]) {
    for (const [metric, w] of model.weights.get(role)!) {
      setText(ws.getCell(row, 1), role);
      setText(ws.getCell(row, 2), metric);
      setNumber(ws.getCell(row, 3), w, PERCENT);
      row++;
    }
  }

  // The default plan's bonus table from row 2, its commission tiers below after a blank row; then, after another
  // blank row, each role plan's own tables (only what the plan sets itself), so a rep on any plan has live lookups.
  const b = model.bonus;
  const bonusAt = bonusTable(ws, SHEET, b, 2, t);
  const tiers = bonusAt.tiers;
  const commissionAt = model.commission ? commissionTable(ws, SHEET, model.commission, bonusAt.next + 1, t('scheme.commissionTier'), moneyFmt, t) : null;
  const commission = commissionAt?.table ?? null;
  const plans = new Map<string, PlanCells>();
  let top = (commissionAt?.next ?? bonusAt.next) + 1;
  for (const [role, own] of model.plans ?? []) {
    if (own.bonus === undefined && !own.commission) continue;
    setText(ws.getCell(top, 6), t('scheme.planOf', { role }));
    ws.getCell(top, 6).font = { bold: true };
    top++;
    let planTiers: TierTable | null = null;
    if (own.bonus) {
      [t('col.tier'), t('col.from'), t('col.to'), t('col.multiplier')].forEach((h, i) => {
        setText(ws.getCell(top, 6 + i), h);
        ws.getCell(top, 6 + i).font = { bold: true };
      });
      const at = bonusTable(ws, SHEET, own.bonus, top + 1, t);
      planTiers = at.tiers;
      top = at.next;
    }
    let planCommission: CommissionTable | null = null;
    if (own.commission) {
      const at = commissionTable(ws, SHEET, own.commission, top, t('scheme.commissionTier'), moneyFmt, t);
      planCommission = at.table;
      top = at.next;
    }
    plans.set(role, { tiers: planTiers, commission: planCommission });
    top++;
  }

  // Settings, then the period as dates.
  // Keyed by what they are (the label shown follows the run's language).
  const settings: [key: string, label: string, value: string | number | null, fmt?: string][] = [
    ['bonusMode', t('scheme.bonusMode'), b.mode],
    ['maxMultiplier', t('scheme.maxMultiplier'), b.maxMultiplier ?? null, '0.00##'],
    ['maxPayout', t('scheme.maxPayout'), b.maxPayout ?? null, moneyFmt],
    ['proration', t('col.proration'), b.proration],
    ['commissionMetric', t('scheme.commissionMetric'), model.commission?.metric ?? null],
    ['commissionMode', t('scheme.commissionMode'), model.commission?.mode ?? null],
    ['commissionMaxPayout', t('scheme.commissionMaxPayout'), model.commission?.maxPayout ?? null, moneyFmt],
    ['periodStart', t('run.periodStart'), period.start + EXCEL_EPOCH, DATE],
    ['periodEnd', t('run.periodEnd'), period.end + EXCEL_EPOCH, DATE],
    // Only when set, so schemes without them keep their layout.
    ...(b.basis !== undefined ? [['bonusBasis', t('scheme.bonusBasis'), t('scheme.bonusBasisValue', { metric: b.basis })] as [string, string, string]] : []),
    ...(b.timesScore ? [['bonusTimesScore', t('col.bonus'), t('scheme.timesScore')] as [string, string, string]] : []),
  ];
  const at = new Map<string, number>();
  settings.forEach(([key, label, v, fmt], i) => {
    at.set(key, 2 + i);
    setText(ws.getCell(2 + i, 11), label);
    if (typeof v === 'number') setNumber(ws.getCell(2 + i, 12), v, fmt);
    else setText(ws.getCell(2 + i, 12), v ?? '');
  });
  const setting = (k: string, v: number | undefined): F | null => (v === undefined ? null : ref(abs('L', at.get(k)!), v));

  model.metrics.forEach((m, i) => {
    setText(ws.getCell(2 + i, 14), m.name);
    setText(ws.getCell(2 + i, 15), m.label);
    setText(ws.getCell(2 + i, 16), m.direction);
    setText(ws.getCell(2 + i, 17), m.scoring.method);
    setNumber(ws.getCell(2 + i, 18), m.scoring.cap, PERCENT);
  });
  return {
    tiers,
    commission,
    periodStart: setting('periodStart', period.start + EXCEL_EPOCH) ?? lit(0),
    periodEnd: setting('periodEnd', period.end + EXCEL_EPOCH) ?? lit(0),
    bonusMaxPayout: setting('maxPayout', b.maxPayout),
    commissionMaxPayout: setting('commissionMaxPayout', model.commission?.maxPayout),
    plans,
  };
}

/** A bonus table from row `first`, ascending: step tiers (label, from, to, multiplier) or linear points (score, multiplier). */
function bonusTable(ws: Worksheet, SHEET: string, b: BonusSpec, first: number, t: Translate): { tiers: TierTable | null; next: number } {
  const abs = (col: string, row: number): string => `${SHEET}!$${col}$${row}`;
  // The mode's rows, ascending: a tier by its label, a point by its number.
  const entries = bonusMode(b)
    .rows(b)
    .map((r, i) => ({ ...r, label: r.label ?? t('scheme.point', { n: i + 1 }) }));
  entries.forEach((e, i) => {
    setText(ws.getCell(first + i, 6), e.label);
    setNumber(ws.getCell(first + i, 7), e.from, PERCENT);
    setNumber(ws.getCell(first + i, 8), e.to, PERCENT);
    setNumber(ws.getCell(first + i, 9), e.multiplier, '0.00##');
  });
  const last = first - 1 + entries.length;
  const tiers: TierTable | null = entries.length
    ? {
        rows: entries.map((e, i) => ({
          from: ref(abs('G', first + i), e.from),
          multiplier: ref(abs('I', first + i), e.multiplier),
          label: { ...text(e.label), f: abs('F', first + i) },
        })),
        fromRange: `${SHEET}!$G$${first}:$G$${last}`,
        multiplierRange: `${SHEET}!$I$${first}:$I$${last}`,
        labelRange: `${SHEET}!$F$${first}:$F$${last}`,
      }
    : null;
  return { tiers, next: last + 1 };
}

/** Commission tiers under a header row at `top`: from, to, rate. */
function commissionTable(
  ws: Worksheet,
  SHEET: string,
  c: CommissionSpec,
  top: number,
  title: string,
  moneyFmt: string,
  t: Translate,
): { table: CommissionTable; next: number } {
  const abs = (col: string, row: number): string => `${SHEET}!$${col}$${row}`;
  [title, t('col.from'), t('col.to'), t('scheme.rate')].forEach((h, i) => {
    setText(ws.getCell(top, 6 + i), h);
    ws.getCell(top, 6 + i).font = { bold: true };
  });
  const ct = [...c.tiers].sort((x, y) => x.from - y.from);
  ct.forEach((tier, i) => {
    const r = top + 1 + i;
    setText(ws.getCell(r, 6), t('scheme.commissionTierN', { n: i + 1 }));
    setNumber(ws.getCell(r, 7), tier.from, moneyFmt);
    setNumber(ws.getCell(r, 8), tier.to ?? null, moneyFmt);
    setNumber(ws.getCell(r, 9), tier.rate, '0.00##%');
  });
  const first = top + 1;
  const last = top + ct.length;
  const table: CommissionTable = {
    rows: ct.map((tier, i) => ({
      from: ref(abs('G', first + i), tier.from),
      to: tier.to === undefined ? null : ref(abs('H', first + i), tier.to),
      rate: ref(abs('I', first + i), tier.rate),
    })),
    fromRange: `${SHEET}!$G$${first}:$G$${last}`,
    rateRange: `${SHEET}!$I$${first}:$I$${last}`,
  };
  return { table, next: last + 1 };
}

/** A date (days since 1970-01-01) as a sheet's serial number. */
export const serialOf = (day: number): number => day + EXCEL_EPOCH;

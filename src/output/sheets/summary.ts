// The Summary sheet: one row per rep, every figure the scheme computes a live formula over the Details and Scheme
// sheets (proration, prorated base, score before and after points, tier, the gate that zeroes the bonus, the
// multiplier, bonus with its cap, commission with its tiers and cap, deductions and payout, each rounded like the
// core). A figure whose formula would not give the core's number is written as a value with a note saying why;
// a cent moved so the rounded parts add up to the rounded payout is shown as "+0.01" in the formula, with a note.
import type { Model } from '../../core/model.js';
import type { PayLine, RepResult, RunResult } from '../../core/results.js';
import { add, cmp, formulaText, iff, lit, min, mul, not, ref, round, sameMoney, sameNumber, sub, sum, text, textRef, type F } from '../../core/formula.js';
import * as fmt from '../../core/format.js';
import { clean15, roundToUnits } from '../../core/money.js';
import { dayFromIso } from '../../core/period.js';
import { cappedMultiplierFormula, bonusMode } from '../../core/rules/bonus/index.js';
import { commissionFormula, commissionLines } from '../../core/rules/commission/index.js';
import { DEDUCTION_KINDS } from '../../core/rules/deductions.js';
import { GATE_OF, gatePasses } from '../../core/rules/gates.js';
import { PRORATIONS } from '../../core/rules/proration.js';
import { PERCENT, setFormula, setNote, setNumber, setText, type Cell, type Worksheet } from '../excel.js';
import { columnLetters } from '../charts/index.js';
import { gateReason } from '../view.js';
import { HEADER_FILL, SUMMARY_HEADER_ROW, summaryRow } from './common.js';
import { writeStatusBanner } from '../report.js';
import type { RunStatus } from '../status.js';
import { say, type MessageKey, type Translate } from '../../messages/index.js';
import { serialOf, type SchemeCells } from './scheme.js';
import { planFor } from '../../core/plans.js';
import { lineLabel } from '../pay-line-text.js';

/** The columns in order, each with its header in the catalogue (the header follows the run's language). */
const HEADER_TEXT = {
  Rank: 'col.rank',
  'Rep ID': 'col.repId',
  Name: 'col.name',
  Team: 'col.team',
  Role: 'col.role',
  'Start date': 'col.startDate',
  'Base bonus': 'col.baseBonus',
  Proration: 'col.proration',
  'Prorated base': 'col.proratedBase',
  'Score before deductions': 'col.scoreBeforeDeductions',
  'Points off': 'col.pointsOff',
  'Total score': 'col.totalScore',
  Tier: 'col.tier',
  'Bonus zeroed by': 'col.bonusZeroedBy',
  Multiplier: 'col.multiplier',
  Bonus: 'col.bonus',
  Commission: 'col.commission',
  'Amount off': 'col.amountOff',
  Deductions: 'col.deductions',
  Payout: 'col.payout',
  Note: 'col.note',
} as const satisfies Record<string, MessageKey>;
type Header = keyof typeof HEADER_TEXT;
const SUMMARY_HEADERS = Object.keys(HEADER_TEXT) as Header[];

const WIDTHS: Partial<Record<Header, number>> = { Rank: 6, Name: 22, Note: 36, 'Bonus zeroed by': 16, Tier: 14 };
const col = (h: Header): number => SUMMARY_HEADERS.indexOf(h) + 1;
const letter = (h: Header): string => columnLetters(col(h) - 1);
/** A Summary column's letter, for formulas on other sheets (the Pay lines sheet's carried balance). */
export const summaryColumn = (h: 'Bonus' | 'Commission' | 'Amount off'): string => letter(h);

/** A formula, or why the value is written instead; `note` explains a visible rounding adjustment. */
type Choice = { formula: F; note?: string } | { why: string };

function number(x: F, expected: number | null, why: string): Choice {
  return expected !== null && Number.isFinite(x.v) && sameNumber(x.v, expected) ? { formula: x } : { why };
}

/**
 * Money to the minor unit. The core moves a cent between bonus, commission and deductions when their rounded
 * values would not add up to the rounded payout; the formula then shows that cent as an explicit "+0.01".
 */
function money(x: F, expected: number, minor: number, why: string, t: Translate): Choice {
  if (!Number.isFinite(x.v)) return { why };
  if (sameMoney(x.v, expected, minor)) return { formula: x };
  const units = roundToUnits(expected, minor) - roundToUnits(x.v, minor);
  if (Math.abs(units) > 5) return { why };
  const adj = units / 10 ** minor;
  return { formula: add(x, lit(adj)), note: t('note.roundingAdjustment', { adjustment: `${adj > 0 ? '+' : ''}${fmt.fixed(adj, minor)}` }) };
}

/** Writes a formula (with its note, if any), or the value with a note giving the reason. */
function put(cell: Cell, choice: Choice, value: number | null, numFmt: string, t: Translate, note?: string): void {
  if ('formula' in choice) {
    setFormula(cell, formulaText(choice.formula), value ?? 0, numFmt);
    const notes = [choice.note, note].filter((x): x is string => x !== undefined);
    if (notes.length) setNote(cell, notes.join('\n'));
  } else {
    setNumber(cell, value, numFmt);
    if (value !== null) setNote(cell, t('note.valueNotFormula', { why: choice.why }) + (note ? `\n${note}` : ''));
  }
}

export interface SummaryInput {
  result: RunResult;
  model: Model;
  /** Details rows (1-based, inclusive) per rep, in result order; metrics in the rep's order. */
  detailRows: { first: number; last: number }[];
  /** The Details sheet as a formula names it (its name follows the language). */
  detailsRef: string;
  scheme: SchemeCells;
  moneyFmt: string;
  /** Whether the run is final: row 1 says so, pointing to the issues sheet by its name. */
  status: RunStatus;
  issuesSheet: string;
  text: Translate;
  /** The Pay lines sheet's rows, when the run has pay lines. */
  payLines?: PayLineCells;
}

export function writeSummary(ws: Worksheet, input: SummaryInput): void {
  const { result, model, scheme, moneyFmt, text: t } = input;
  const TOP = SUMMARY_HEADER_ROW;
  ws.columns = SUMMARY_HEADERS.map((h) => ({ width: WIDTHS[h] ?? 13 }));
  writeStatusBanner(ws, 1, 1, SUMMARY_HEADERS.length, input.status, t('status.whereIssues', { sheet: input.issuesSheet }), t);
  SUMMARY_HEADERS.forEach((h, i) => {
    setText(ws.getCell(TOP, 1 + i), t(HEADER_TEXT[h]));
    ws.getCell(TOP, 1 + i).fill = HEADER_FILL;
  });
  ws.getRow(TOP).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: TOP }];
  const minor = result.currency.minorUnit;
  result.reps.forEach((r, i) => {
    writeRep(ws, summaryRow(i), r, {
      firstDetail: input.detailRows[i]!.first,
      detailsRef: input.detailsRef,
      model,
      scheme,
      moneyFmt,
      minor,
      t,
      ...(input.payLines ? { payLines: input.payLines } : {}),
    });
  });

  const first = summaryRow(0);
  const last = TOP + result.reps.length;
  const lastCol = letter('Note');
  ws.autoFilter = { from: `A${TOP}`, to: `${lastCol}${last}` };
  const L = letter('Total score');
  const T = letter('Payout');
  if (result.reps.length) {
    ws.addConditionalFormatting({
      ref: `${L}${first}:${L}${last}`,
      rules: [
        {
          type: 'colorScale',
          priority: 1,
          cfvo: [{ type: 'num', value: 0 }, { type: 'num', value: 1 }, { type: 'max' }],
          color: [{ argb: 'FFF8696B' }, { argb: 'FFFFEB84' }, { argb: 'FF63BE7B' }],
        },
      ],
    });
  }

  // Team subtotals and the grand total, below a blank row (outside the filter range).
  let row = last + 2;
  for (const tm of result.teams) {
    const rows = result.reps.map((r, i) => (r.rep.team === tm.team ? summaryRow(i) : -1)).filter((n) => n > 0);
    const x = ws.getRow(row);
    setText(x.getCell(col('Name')), t('table.teamSubtotal', { team: tm.team }));
    setText(x.getCell(col('Team')), tm.team);
    setText(x.getCell(col('Role')), t('table.reps', { n: tm.reps }));
    x.font = { bold: true };
    // Past ~200 cells a list formula gets unwieldy (and Excel caps arguments at 255): write the value.
    const few = rows.length > 0 && rows.length <= 200;
    const avg: F = {
      f: `AVERAGE(${rows.map((n) => `${L}${n}`).join(',')})`,
      v: rows.reduce((s, n) => s + result.reps[n - first]!.totalScore, 0) / rows.length,
    };
    put(x.getCell(col('Total score')), few ? number(avg, tm.averageScore, t('why.teamAverage')) : { why: t('why.largeTeam') }, tm.averageScore, PERCENT, t);
    const pay = round({ f: `SUM(${rows.map((n) => `${T}${n}`).join(',')})`, v: rows.reduce((s, n) => s + result.reps[n - first]!.rounded.payout, 0) }, minor);
    put(x.getCell(col('Payout')), few ? money(pay, tm.payout, minor, t('why.teamPayout'), t) : { why: t('why.largeTeam') }, tm.payout, moneyFmt, t);
    row++;
  }
  const x = ws.getRow(row);
  setText(x.getCell(col('Name')), t('table.total'));
  setText(x.getCell(col('Role')), t('table.reps', { n: result.reps.length }));
  x.font = { bold: true };
  const total = round(
    sum(
      `${T}${first}:${T}${last}`,
      result.reps.map((r) => r.rounded.payout),
    ),
    minor,
  );
  put(
    x.getCell(col('Payout')),
    result.reps.length ? money(total, result.totalPayout, minor, t('why.total'), t) : { why: t('why.noReps') },
    result.totalPayout,
    moneyFmt,
    t,
  );
}

/** Where each rep's pay lines are on the Pay lines sheet (its name, as a formula names it). */
export interface PayLineCells {
  name: string;
  ref: string;
  rows: ReadonlyMap<RepResult, readonly { line: PayLine; row: number }[]>;
}

interface RepContext {
  payLines?: PayLineCells;
  /** The rep's first row on the Details sheet, and that sheet as a formula names it. */
  firstDetail: number;
  detailsRef: string;
  model: Model;
  scheme: SchemeCells;
  moneyFmt: string;
  minor: number;
  t: Translate;
}

function writeRep(ws: Worksheet, n: number, r: RepResult, c: RepContext): void {
  const { firstDetail, detailsRef: D, model, scheme, moneyFmt, minor, t } = c;
  const x = ws.getRow(n);
  const cell = (h: Header): Cell => x.getCell(col(h));
  const at = (h: Header): string => `${letter(h)}${n}`;
  const detail = (metric: string): { actual: F; achievement: F } | undefined => {
    const k = r.metrics.findIndex((m) => m.metric === metric);
    if (k < 0) return undefined;
    const m = r.metrics[k]!;
    return { actual: ref(`${D}!F${firstDetail + k}`, m.actual), achievement: ref(`${D}!J${firstDetail + k}`, m.achievement) };
  };

  setNumber(cell('Rank'), r.rank);
  setText(cell('Rep ID'), r.rep.id);
  setText(cell('Name'), r.rep.name);
  setText(cell('Team'), r.rep.team);
  setText(cell('Role'), r.rep.role);
  if (r.plan !== undefined) setNote(cell('Role'), t('note.planOf', { role: r.plan }));
  // The rep's plan: the defaults, or the role's own. The Scheme sheet's tables are the defaults'.
  const plan = planFor(model, r.rep.role);
  const own = plan.bonus;
  const startDay = r.rep.startDate === undefined ? null : dayFromIso(r.rep.startDate);
  setNumber(cell('Start date'), startDay === null ? null : serialOf(startDay), 'yyyy-mm-dd');
  setNumber(cell('Base bonus'), r.rep.baseBonus, moneyFmt);

  // Proration and the prorated base.
  const proration = PRORATIONS[own.proration].formula({
    start: ref(at('Start date'), startDay === null ? null : serialOf(startDay)),
    periodStart: scheme.periodStart,
    periodEnd: scheme.periodEnd,
  });
  if (proration) put(cell('Proration'), number(proration, r.proration, t('why.proration')), r.proration, PERCENT, t);
  else setNumber(cell('Proration'), r.proration, PERCENT);
  put(
    cell('Prorated base'),
    number(mul(ref(at('Base bonus'), r.rep.baseBonus), ref(at('Proration'), r.proration)), r.proratedBase, t('why.proratedBase')),
    r.proratedBase,
    moneyFmt,
    t,
  );

  // Scores: the weighted sum on the Details sheet, then points off.
  const lastDetail = firstDetail + r.metrics.length - 1;
  put(
    cell('Score before deductions'),
    number(
      sum(
        `${D}!M${firstDetail}:M${lastDetail}`,
        r.metrics.map((m) => m.weightedScore),
      ),
      r.scoreBeforeDeductions,
      t('why.weightedSum'),
    ),
    r.scoreBeforeDeductions,
    PERCENT,
    t,
  );
  setNumber(cell('Points off'), r.deductionPoints, '0.##');
  if (r.deductionPoints > 0 && r.deductionReasons.length) setNote(cell('Points off'), r.deductionReasons.map((x) => say(x, t)).join('\n'));
  const before = ref(at('Score before deductions'), r.scoreBeforeDeductions);
  put(
    cell('Total score'),
    number(DEDUCTION_KINDS.points.formula(before, ref(at('Points off'), r.deductionPoints)), r.totalScore, t('why.totalScore')),
    r.totalScore,
    PERCENT,
    t,
  );
  const score = ref(at('Total score'), r.totalScore);

  // The tiers are keyed on the total score, or on the basis metric's achievement (its Details row).
  const basisCell = own.basis === undefined ? undefined : detail(own.basis)?.achievement;
  const key: F | null = own.basis === undefined ? score : basisCell && basisCell.v !== null && Number.isFinite(basisCell.v) ? basisCell : null;
  // The Scheme sheet's tables: the defaults', or the role plan's own (bonus and commission each).
  const planCells = plan.role === null ? undefined : scheme.plans.get(plan.role);
  const tiers = key === null ? null : own === model.bonus ? scheme.tiers : (planCells?.tiers ?? null);
  // Tier label and the gate that zeroes the bonus (the first failing zero_bonus gate, in the scheme's order).
  const label = tiers && key ? bonusMode(own).labelFormula(own, key, tiers) : null;
  if (label && r.tier && label.s === r.tier.label) setFormula(cell('Tier'), formulaText(label), r.tier.label);
  else setText(cell('Tier'), r.tier?.label ?? '');
  // A zero_bonus 红线 (from the violations file, no cell of its own) is what is left when every gate passes.
  const zeroedBy = r.bonusZeroedBy ?? (r.bonusZeroedByRedLine !== undefined ? `红线 ${say(r.bonusZeroedByRedLine, t)}` : '');
  const otherwise = text(r.bonusZeroedByRedLine !== undefined ? `红线 ${say(r.bonusZeroedByRedLine, t)}` : '');
  let gate: F | null = otherwise;
  for (const g of [...r.gates].reverse()) {
    if (g.effect !== 'zero_bonus' || gate === null) continue;
    const cells = detail(g.metric);
    gate = cells ? iff(not(gatePasses(g, GATE_OF[g.of].cell(cells))), text(g.metric), gate) : null;
  }
  if (gate && gate !== otherwise && gate.s === zeroedBy) setFormula(cell('Bonus zeroed by'), formulaText(gate), zeroedBy);
  else setText(cell('Bonus zeroed by'), zeroedBy);

  // Multiplier: from the tiers, capped, 0 while a gate zeroes the bonus.
  const multiplier =
    tiers && key
      ? iff(cmp(textRef(at('Bonus zeroed by'), zeroedBy), '<>', text('')), lit(0), cappedMultiplierFormula(own, key, tiers, own.timesScore ? score : undefined))
      : null;
  const noFormula = key === null ? `no ${own.basis} achievement` : t('why.noTiers');
  put(cell('Multiplier'), multiplier ? number(multiplier, r.multiplier, t('why.multiplier')) : { why: noFormula }, r.multiplier, '0.00##', t);

  // Bonus = prorated base × multiplier, capped by the bonus max payout, rounded.
  let bonus: F = mul(ref(at('Prorated base'), r.proratedBase), ref(at('Multiplier'), r.multiplier));
  const bonusCap = own === model.bonus ? scheme.bonusMaxPayout : own.maxPayout !== undefined ? lit(own.maxPayout) : null;
  if (bonusCap) bonus = min(bonusCap, bonus);
  put(
    cell('Bonus'),
    money(round(bonus, minor), r.rounded.bonus, minor, t('why.bonus'), t),
    r.rounded.bonus,
    moneyFmt,
    t,
    r.bonus < r.proratedBase * r.multiplier - 1e-9 ? t('note.bonusCapped', { amount: fmt.fixed(r.bonus, minor) }) : undefined,
  );

  // Commission on its metric's actual (Details), by the plan's tiers and cap on the Scheme sheet, rounded; plus
  // each component's rounded amount on the Pay lines sheet.
  const com = plan.commission;
  const amount = com ? detail(com.metric)?.actual : undefined;
  const comTable = com === model.commission ? scheme.commission : (planCells?.commission ?? null);
  const lineRows = c.payLines?.rows.get(r) ?? [];
  const plus = lineRows.filter((x) => x.line.sign > 0);
  const minus = lineRows.filter((x) => x.line.sign < 0);
  const PL = c.payLines?.ref ?? '';
  // Refunds of earlier orders netted in the base are added back to it (they are clawed back instead): they have
  // no cell of their own and follow the actual as a number, as the deductions file's amounts lead Amount off.
  const clawedBack = minus.some((x) => x.line.kind === 'clawback');
  const base = amount && r.commissionAddedBack ? add(amount, lit(r.commissionAddedBack)) : amount;
  const main: F | null =
    base && comTable ? round(commissionFormula(com!, base, comTable, com === model.commission ? scheme.commissionMaxPayout : null), minor) : null;
  const comNotes =
    [
      commissionNote(r, minor, t),
      ...plus.map((x) => t('note.payLinePlus', { line: lineLabel(x.line, t), amount: fmt.fixed(x.line.rounded, minor), sheet: c.payLines?.name ?? '' })),
    ]
      .filter((x): x is string => x !== undefined)
      .join('\n') || undefined;
  const parts = [...(com ? (main ? [main] : []) : []), ...plus.map((x) => ref(`${PL}!H${x.row}`, x.line.rounded))];
  if ((!com || main) && parts.length) {
    const total = parts.slice(1).reduce((f, x) => add(f, x), parts[0]!);
    put(cell('Commission'), money(total, r.rounded.commission, minor, t('why.commission'), t), r.rounded.commission, moneyFmt, t, comNotes);
  } else if (com || plus.length)
    put(
      cell('Commission'),
      { why: clawedBack ? t('why.clawbackBase', { sheet: c.payLines?.name ?? '' }) : t('why.commission') },
      r.rounded.commission,
      moneyFmt,
      t,
      comNotes,
    );
  else setNumber(cell('Commission'), r.rounded.commission, moneyFmt);

  // Amounts from the deductions file, plus each line taken off (Pay lines sheet: 红线, clawbacks, paid to date);
  // what comes off is never more than bonus + commission.
  const offNotes = r.deductionReasons.map((x) => say(x, t)).join('\n') || undefined;
  if (minus.length) {
    const fromFile = clean15(r.deductionAmount - minus.reduce((s, x) => s + x.line.amount, 0));
    // The deductions file's amounts have no cell of their own: their sum leads the formula as a number.
    const terms = [...(Math.abs(fromFile) > 1e-9 ? [lit(fromFile)] : []), ...minus.map((x) => ref(`${PL}!G${x.row}`, x.line.amount))];
    const off = terms.slice(1).reduce((f, x) => add(f, x), terms[0]!);
    put(cell('Amount off'), number(off, r.deductionAmount, t('why.amountOff')), r.deductionAmount, moneyFmt, t, offNotes);
  } else {
    setNumber(cell('Amount off'), r.deductionAmount, moneyFmt);
    if (r.deductionAmount > 0 && offNotes) setNote(cell('Amount off'), offNotes);
  }
  const bonusAndCommission = add(ref(at('Bonus'), r.rounded.bonus), ref(at('Commission'), r.rounded.commission));
  put(
    cell('Deductions'),
    money(
      round(DEDUCTION_KINDS.amount.formula(bonusAndCommission, ref(at('Amount off'), r.deductionAmount)), minor),
      r.rounded.deductions,
      minor,
      t('why.deductions'),
      t,
    ),
    r.rounded.deductions,
    moneyFmt,
    t,
  );
  put(
    cell('Payout'),
    money(round(sub(bonusAndCommission, ref(at('Deductions'), r.rounded.deductions)), minor), r.rounded.payout, minor, t('why.payout'), t),
    r.rounded.payout,
    moneyFmt,
    t,
  );
  setText(
    cell('Note'),
    r.hasData ? (r.bonusZeroedBy || r.bonusZeroedByRedLine ? t('summary.bonusZeroed', { reason: gateReason(r, t) }) : '') : t('summary.noData'),
  );
  // Text right after a right-aligned number would touch it ("1XS001", "136.0%卓越"): indent it.
  for (const h of ['Rep ID', 'Tier', 'Bonus zeroed by', 'Note'] as const) cell(h).alignment = { horizontal: 'left', indent: 1 };
}

/** The slices as the cell adds them up: each rounded so that they (and the cap) make the commission exactly. */
function commissionNote(r: RepResult, minor: number, t: Translate): string | undefined {
  if (!r.commissionSlices.length) return undefined;
  const lines = commissionLines(r, minor);
  const m = (x: number): string => fmt.fixed(x, minor);
  const out = r.commissionSlices.map((s, i) =>
    t('note.commissionSlice', {
      from: m(s.from),
      to: s.to === undefined ? '∞' : m(s.to),
      rate: fmt.pct(s.rate, 4),
      amount: m(s.amount),
      commission: m(lines.slices[i]!),
    }),
  );
  if (lines.capAdjustment !== 0) out.push(t('note.commissionCap', { amount: m(lines.capAdjustment) }));
  out.push(t('note.commissionTotal', { amount: m(r.rounded.commission) }));
  return out.join('\n');
}

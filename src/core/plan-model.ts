// The parts of a compensation plan beyond one bonus and one commission (issue #12): plans per role, pay
// components (commissions on their own metrics, SPIFFs, kickers, 回款 commission), 红线 rules. Pure data.
import type { BonusSpec, CommissionSpec, CommissionTier, Condition, Gate } from './model.js';

/** A band of days from invoice to payment: `upTo` included, absent = and beyond. */
export interface AgingBand {
  upTo?: number;
  coefficient: number;
}

interface ComponentCommon {
  /** Name in the scheme; unique within a plan. */
  name: string;
  /** Shown on the scorecard line. */
  label: string;
  /** Position in the scheme's list (for messages). */
  index: number;
}

export type Component =
  /** A commission on its own metric (the metric carries the filter: new-customer revenue, renewals). */
  | (ComponentCommon & { kind: 'commission'; commission: CommissionSpec })
  /** A fixed amount per unit of a count metric: ¥500 per new key account won. */
  | (ComponentCommon & { kind: 'spiff'; metric: string; amount: number })
  /** A fixed amount when every condition holds (each as a gate checks it). */
  | (ComponentCommon & { kind: 'kicker'; when: Pick<Gate, 'metric' | 'of' | 'level'>[]; amount: number })
  /** 回款: commission on cash collected in the period (by payment date), with an aging coefficient. */
  | (ComponentCommon & {
      kind: 'collection';
      source: string;
      /** Money column: the cash of the payment row. */
      paid: string;
      /** Date column: when the cash came in (the row is in the period by this date). */
      paidDate: string;
      /** Date column: the invoice date (aging counts days from it to the payment). */
      invoiceDate: string;
      /** Column: the invoice id, so partial payments of one invoice are counted against it. */
      invoice?: string;
      /** Money column: the invoice's amount; a payment earns its share of it, never more than the whole. */
      invoiceAmount?: string;
      /** Money column: what the invoice pays commission on (e.g. its margin), credited pro rata to payments. */
      base?: string;
      filter: Condition[];
      mode: CommissionSpec['mode'];
      tiers: CommissionTier[];
      maxPayout?: number;
      aging: AgingBand[];
    });

export type RedLineKind = 'points' | 'amount' | 'percent_of_bonus' | 'zero_bonus';

/** What one violation costs. `value`: percent points (points), currency units (amount), a fraction (percent_of_bonus). */
export interface RedLineRule {
  name: string;
  kind: RedLineKind;
  value: number;
}

/** A role's plan where it differs from the defaults: each key given replaces the default's whole. */
export interface PlanOverride {
  bonus?: BonusSpec;
  /** null: this role earns no commission (`commission: none`). */
  commission?: CommissionSpec | null;
  gates?: Gate[];
  components?: Component[];
  redLines?: ReadonlyMap<string, RedLineRule>;
}

/** The plan a rep is paid under: the defaults with the role's overrides applied. */
export interface Plan {
  /** The role whose own plan this is, or null for the shared defaults. */
  role: string | null;
  bonus: BonusSpec;
  commission?: CommissionSpec;
  gates: Gate[];
  components: Component[];
  redLines: ReadonlyMap<string, RedLineRule>;
}

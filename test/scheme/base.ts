// A small valid scheme with an inline roster, so scheme tests need no data files.
export const BASE = `version: 1
name: Test scheme
currency: USD
period: 2026-11
sources:
  sales:
    file: sales.csv
    rep: rep
    date: closed
    columns:
      rep: Rep
      amount: { header: Amount, type: money }
      stage: Stage
      closed: { header: Closed, type: date }
reps:
  - { id: R1, name: Ann, team: East, role: ae, base_bonus: 1000 }
  - { id: R2, name: Bob, team: West, role: ae, base_bonus: 1000 }
metrics:
  revenue:
    label: Revenue
    unit: money
    type: aggregate
    source: sales
    aggregate: sum
    column: amount
    filter: { stage: Won }
    target: { default: 1000 }
  deals:
    label: Deals
    unit: count
    type: aggregate
    source: sales
    aggregate: count
    target: 10
weights:
  ae: { revenue: 70, deals: 30 }
bonus:
  mode: step
  tiers:
    - { from: 0, to: 80%, multiplier: 0 }
    - { from: 80%, to: 100%, multiplier: 1 }
    - { from: 100%, multiplier: 1.5 }
`;

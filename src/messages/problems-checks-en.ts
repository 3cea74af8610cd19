// The checks of a run with its data in hand (src/commands/checks/run-checks.ts, figures.ts) and the plan-design warnings
// of `kpi validate` (KPI12xx errors that stop every command that pays, KPI13xx warnings), by stable code.
// `fix.KPI…`: the "what to do" of docs/problems.md, word for word. A `…Term` placeholder takes a catalogue key.
export const problemsChecksEn = {
  // The run cannot be trusted
  KPI1203: 'no source has any row in {period}: {source} ({file}) {holdsTerm}. Check --period, or that these are the files for this period',
  'fix.KPI1203': 'Check --period, or that the files are the exports of this period.',
  KPI1204:
    '{whoTerm} {figureTerm} {reasonTerm} ({n} {n|figure|figures} in all): a figure this large (or not a number) cannot be paid exactly, so nothing is printed or written; check the amounts in the scheme and the data behind it',
  'fix.KPI1204': 'Check the amounts in the scheme and the rows behind the figure named: a typo, an id in an amount column, a target near 0.',

  // A figure no output may show: whose, which, and what is wrong with it (KPI1204)
  'term.fig.rep': 'rep {rep}:',
  'term.fig.repMetric': 'rep {rep}: {metric}',
  'term.fig.team': 'team {team}:',
  'term.fig.run': 'the run:',
  'term.fig.actual': 'actual',
  'term.fig.target': 'target',
  'term.fig.threshold': 'threshold',
  'term.fig.stretch': 'stretch',
  'term.fig.achievement': 'achievement',
  'term.fig.score': 'score',
  'term.fig.weightedScore': 'weighted score',
  'term.fig.baseBonus': 'base bonus',
  'term.fig.proratedBase': 'prorated base',
  'term.fig.bonus': 'bonus',
  'term.fig.commission': 'commission',
  'term.fig.deductions': 'deductions',
  'term.fig.payout': 'payout',
  'term.fig.roundedBonus': 'rounded bonus',
  'term.fig.roundedCommission': 'rounded commission',
  'term.fig.roundedDeductions': 'rounded deductions',
  'term.fig.roundedPayout': 'rounded payout',
  'term.fig.slice': 'a commission slice',
  'term.fig.sliceAmount': 'a commission slice amount',
  'term.fig.scoreBeforeDeductions': 'score before deductions',
  'term.fig.deductionPoints': 'deduction points',
  'term.fig.totalScore': 'total score',
  'term.fig.multiplier': 'multiplier',
  'term.fig.proration': 'proration',
  'term.fig.nextScore': 'score needed for the next tier',
  'term.fig.nextPayout': 'payout at the next tier',
  'term.fig.changeNeeded': 'change needed',
  'term.fig.actualNeeded': 'actual needed',
  'term.fig.averageScore': 'average score',
  'term.fig.totalPayout': 'total payout',
  'term.fig.beyondCents': 'is {value}, more than can be kept exact to the cent ({limit})',
  'term.fig.beyondUnits': 'is {value}, more than can be kept exact to the unit ({limit})',
  'term.fig.outside': 'is {value}, outside ±{limit}',
  'term.fig.infinite': 'is {value}',
  'term.fig.notANumber': 'is not a number',

  // kpi validate without a period to check the data in (the reason is said in the run's language)
  KPI1304: '{reason}; the data checks that need a period were skipped',
  'fix.KPI1304': 'Set period: in the scheme, or pass --period, to a month, quarter, year to date or year (2026-11, 2026-Q4, 2026-11-YTD, 2026).',

  // Plan design: what the scheme promises that no rep can get
  KPI1302: 'no rep can reach tier "{tier}": it starts at {from}, but the highest total score {whoTerm} can reach is {best} (weights × caps)',
  'fix.KPI1302': 'Lower the tier to a total score reps can reach, or raise the caps or weights that limit it.',
  KPI1303: 'no rep can reach the point at {score}: the highest total score {whoTerm} can reach is {best} (weights × caps)',
  'fix.KPI1303': 'Lower the point to a total score reps can reach, or raise the caps or weights that limit it.',
  'term.role': 'role {role}',
  'term.anyRole': 'any role (best: {role})',

  // Plan design judged against history (kpi validate with data: the scheme replayed on the periods before)
  KPI1311:
    '"{metric}": only {share} reached the threshold in {spanTerm} ({reached} of {reps} with data); about {guide} should, and below {limit} (smart.min_share_at_threshold) most reps earn nothing from it',
  'fix.KPI1311': 'Lower the threshold to a level most reps reached, or lower smart.min_share_at_threshold if this is meant.',
  KPI1312:
    '"{metric}": {share} reached the target in {spanTerm} ({reached} of {reps} with data); about {guide} should, and above {limit} (smart.max_share_at_target) the target is too easy',
  'fix.KPI1312': 'Raise the target (kpi targets suggests one on tiptoe), or raise smart.max_share_at_target if this is meant.',
  KPI1313:
    'the gate on "{metric}" would have zeroed {whatTerm} of {share} of reps in {spanTerm} ({failed} of {counted} with data), more than {limit} (smart.max_share_zeroed_by_gate)',
  'fix.KPI1313': "Lower the gate's level, or raise smart.max_share_zeroed_by_gate if this is meant.",
  KPI1314: 'max_payout {cap} can never be reached: the largest bonus on the roster is {most} ({rep}, base {base} × {top})',
  'fix.KPI1314': 'Lower bonus.max_payout to a bonus someone can earn, or remove it.',
  KPI1315: '"{metric}" target is more than {factor}× the best of the last {months} months for {n} {n|rep|reps} (target; best): {reps}',
  'fix.KPI1315': 'Lower these targets towards what the reps have done (kpi targets suggests some), or raise smart.max_target_over_best if this is meant.',
  KPI1316: '"{metric}" target is {sideTerm} the average of the last {months} months (too easy) for {n} {n|rep|reps} (target; average): {reps}',
  'fix.KPI1316': 'Set these targets beyond what the reps do on average (kpi targets suggests some).',
  'term.lastMonths': 'the last {periods} months ({from} to {to})',
  'term.lastQuarters': 'the last {periods} quarters ({from} to {to})',
  'term.lastPeriods': 'the last {periods} periods ({from} to {to})',
  'term.below': 'below',
  'term.above': 'above',
} as const;

// What the core says, as data: each sentence of a calculation step, note, gate reason or "what it takes" is a
// message key and its values, rendered in the run's language by the outputs (src/messages: `say`). The core never
// imports the catalogue: it declares here the keys it uses with their English, which the catalogue takes over
// (src/messages/en.ts) and every other language must translate (src/messages/zh-core.ts; the compiler checks it).
// Values are figures already formatted (format.ts: fixed, locale-free), names the user wrote, or sentences.
// Placeholders: {name}; {n|one|more} picks by n (1 → one), as in the catalogue.

/** A sentence not yet in a language: a key and its values. A value may itself be a sentence or a list. */
export interface Said {
  readonly key: string;
  readonly values?: Readonly<Record<string, SaidValue>>;
}
/** A list is joined with the language's list separator ("a, b" / "a、b"). */
export type SaidValue = string | number | Said | readonly (string | number | Said)[];
/** A sentence, or text shown as it is: words the user wrote (a deduction's reason), or a formula of figures. */
export type Text = string | Said;

export const coreEn = {
  // Values and shared words
  'v.noData': 'no data',
  'v.listMore': '{list} and {n} more',
  'v.rows': '{n} {n|row|rows}',
  'v.rowsIn': '{n} {n|row|rows} in {period}',
  'v.rowsUndated': '{n} {n|row|rows} (undated source: all rows)',
  'v.inParens': '{text} ({more})',
  'v.join': '{a}{b}',

  // How a value is aggregated and filtered
  'agg.count': 'count',
  'agg.countRows': 'count of rows',
  'agg.sum': 'sum of {column}',
  'agg.countOf': 'count of {column}',
  'agg.count_distinct': 'number of distinct {column}',
  'agg.avg': 'average of {column}',
  'agg.min': 'minimum of {column}',
  'agg.max': 'maximum of {column}',
  'agg.mean': 'mean of {column}',
  'agg.distinct': 'distinct {column}',
  'agg.where': '{what} where {filter}',
  'agg.collection': '回款 (cash collected): sum of {column}, in the period by {date}',
  'agg.in': '{what} in {source}',
  'agg.inWhere': '{what} in {source} where {filter}',
  'filter.and': '{left} AND {right}',
  'filter.eq': '{column} = {value}',
  'filter.ne': '{column} != {value}',
  'filter.in': '{column} in ({values})',
  'filter.not_in': '{column} not in ({values})',
  'filter.gt': '{column} > {value}',
  'filter.gte': '{column} >= {value}',
  'filter.lt': '{column} < {value}',
  'filter.lte': '{column} <= {value}',
  'filter.between': '{column} between {min} and {max}',
  'filter.contains': '{column} contains "{value}"',
  'filter.blank': '{column} is blank',
  'filter.not_blank': '{column} is not blank',

  // The actual, step by step
  'step.actualCount': 'actual = count of {rows} = {value}',
  'step.actualAgg': 'actual = {aggregation} over {rows} = {value}',
  'step.blanksIgnored': '{n} {n|row|rows} with a blank {column} ignored',
  'step.teamRows': "{team}: the team's rows count",
  'step.noDataBecause': '{why}: no data',
  'step.sourceNotRead': 'source "{source}" was not read',
  'step.sourceUndefined': 'source "{source}" is not defined in the scheme',
  'step.metricUndefined': 'metric "{metric}" is not defined',
  'step.metricSelf': 'metric "{metric}" refers to itself',
  'step.numerator': 'numerator = {operand} = {value}',
  'step.denominator': 'denominator = {operand} = {value}',
  'step.denominatorZero': 'denominator is 0: no value',
  'step.actualIs': 'actual = {formula} = {value}',
  'step.actualDerived': 'actual = {formula} = {substituted} = {value}',
  'step.equals': '{name} = {value}',
  'step.derivedNone': 'no value: a part is missing or a division by 0',
  'step.metricIn': '{metric} in {period} = {value}',
  'step.growthZero': 'no value: {metric} in {period} is 0',
  'step.growthMissing': 'no value: {metric} in {period} is missing',
  'formula.ratio': '{numerator} / {denominator}',
  'formula.growthValues': '({current} − {earlier}) / {base}',
  'formula.growth': '({metric} in {period} − {metric} in {other}) / |{metric} in {other}|',
  'rollup.team': 'rollup of team {team} ({n} {n|rep|reps}: {list})',
  'rollup.manager': 'rollup of {id} and everyone reporting to them ({n} {n|rep|reps}: {list})',
  'credit.line': 'split credit: {how}',
  'credit.points': '{share} (read as percent points)',
  'credit.each': 'each row its {share} of its order',
  'credit.sum': "each row credited its {share} of its order's {column}, split to the minor unit so an order's parts add up to it",
  'credit.count': 'each row counts as its {share} of an order (a 60/40 split is 0.6 and 0.4)',
  'credit.countWith': 'each row counts as its {share} of an order (a 60/40 split is 0.6 and 0.4), rows with a {column}',
  'credit.avg': 'credited {column} ÷ credited orders ({each})',
  'credit.min': 'the smallest credited {column} ({each})',
  'credit.max': 'the largest credited {column} ({each})',
  'credit.count_distinct': 'distinct values count in full for every rep of a split order',

  // Why a cell holds a value rather than a formula
  'nf.aggregate': 'counted from the rows of {source} (the note says which)',
  'nf.ratio': '{what} is counted from the rows (the note shows both sides)',
  'nf.growth': 'compared with {metric} in an earlier period (the note shows both)',
  'nf.input': 'given per rep in {source}',
  'nf.notOnSheet': 'the metrics it uses are not all on this sheet',
  'nf.noAchievement': 'no achievement',
  'nf.coreRule': 'the core used a rule no formula here reproduces',
  'nf.coreScore': "the {method} score is the core's",
  'nf.gateNotOnSheet': 'its gate is not on this sheet',
  'nf.notWeightTimesScore': 'not weight × score',
  'nf.absolute': 'an absolute value',
  'nf.metricNotOnSheet': 'a metric it uses is not on this sheet',
  'nf.targetsFile': 'set in the targets file',

  // Target, achievement, score, weight
  'target.rep': 'rep {id}',
  'target.team': 'team {team}',
  'target.role': 'role {role}',
  'target.default': 'default',
  'target.none': 'no target set',
  'target.file': 'targets file {file}, row {row}',
  'target.fileRow': 'targets file, row {row}',
  'target.perMonth': '{from}, per month',
  'split.seasonal': "{span} target {value} ({from}) split by {year}'s monthly shares",
  'split.seasonalMonth': '{split}: {month} was {share}',
  'split.even': '{span} target {value} ({from}) split evenly over {n} months',
  'split.evenBecause': '{span} target {value} ({from}) split evenly over {n} months ({because})',
  'split.noDataFor': 'no data one year earlier for {months}',
  'split.noDataForSome': 'no data one year earlier for {n} of its months',
  'split.arrow': '{how} → {value}',
  'split.sum': 'sum of month targets = {target}: {listed}',
  'split.then': '{first}; {rest}',
  'split.month': '{month} {value} ({how})',
  'split.group': '{split}: {months}',
  'step.target': 'target {target} ({from})',
  'step.targetBounds': 'target {target} ({from}); {bounds}',
  'step.threshold': 'threshold {value}',
  'step.stretch': 'stretch {value}',
  'step.noTarget': 'target: none set',
  'step.achievement': 'achievement = {actual} / {target} = {achievement}',
  'step.achievementLower': 'achievement = target / actual (lower is better) = {target} / {actual} = {achievement}',
  'method.ratio': 'ratio',
  'method.linear': 'linear',
  'method.binary': 'binary',
  'method.bands': 'bands',
  'step.score': 'score ({method}) = {line}',
  'step.scoreCapped': 'score ({method}) = {line}, capped at {cap} → {score}',
  'step.scoreFloored': 'score ({method}) = {line}, floored at 0% → {score}',
  'step.weighted': 'weighted = {weight} × {score} = {weighted}',
  'step.notWeighted': 'not weighted for role {role}',
  'line.noData': 'no data → 0%',
  'line.noTarget': 'no target → 0%',
  'line.achievement': 'achievement {achievement}',
  'line.below': 'actual {actual} below {level} → 0%',
  'line.above': 'actual {actual} above {level} → 0%',
  'line.met': 'met: {actual} {sign} {target} → {score}',
  'line.notMet': 'not met: {actual} {sign} {target} → {score}',
  'line.inBand': 'actual {actual} in band [{from}, {to}) → {score}',
  'line.noBand': 'actual {actual} in no band → 0%',
  'snote.noDataRep': 'no data for this rep in the period: scored 0',
  'snote.noData': 'no data: scored 0',
  'snote.noTarget': 'no target: scored 0',
  'snote.negativeTarget': 'negative target: 100% when met, else 0',
  'snote.lowerZero': 'actual is 0 with lower is better: the cap',
  'snote.lowerNegative': 'actual below 0 with lower is better: the cap',
  'snote.target0Above': 'target 0 and actual above it: the cap',
  'snote.target0': 'target 0: 100% when met, else 0',
  'snote.target0Linear': 'target 0: 100% when met, more only up a stretch line',
  'snote.noBand': 'actual is outside every band: scored 0',

  // Gates
  'gate.actual': '{metric} actual {value} {sign} {level}',
  'gate.achievement': '{metric} achievement {value} {sign} {level}',
  'gate.actualUnchecked': '{metric} actual no data cannot be checked against {level}',
  'gate.achievementUnchecked': '{metric} achievement no data cannot be checked against {level}',
  'gate.noData': 'no {metric} data to meet its gate',
  'gate.actualMeets': '{metric} actual {value} meets its gate of {level}',
  'gate.actualAbove': '{metric} actual {value} is above its gate of {level}',
  'gate.actualBelow': '{metric} actual {value} is below its gate of {level}',
  'gate.achievementMeets': '{metric} achievement {value} meets its gate of {level}',
  'gate.achievementBelow': '{metric} achievement {value} is below its gate of {level}',
  'gate.passed': 'gate passed: {test}',
  'gate.failedBonus': 'gate failed: {test} → bonus zeroed',
  'gate.failedMetric': 'gate failed: {test} → {metric} contributes 0',
  'gate.failedWeighted': 'gate failed: {test} → weighted 0%',
  'gate.failedNote': 'gate failed ({test}): contribution zeroed',
  // What a failed gate zeroes, inside a sentence (kpi validate's history warning KPI1313).
  'gate.zeroesBonus': 'the bonus',
  'gate.zeroesMetric': 'the "{metric}" contribution',

  // The bonus, step by step
  'bonus.noTier': 'no tier holds {score} → multiplier 0',
  'bonus.tier': 'tier {label}: {from} ≤ {score} → multiplier {multiplier}',
  'bonus.tierTo': 'tier {label}: {from} ≤ {score} < {to} → multiplier {multiplier}',
  'bonus.linear': 'multiplier (linear) at {score} = {multiplier}',
  'basis.totalScore': 'total score',
  'basis.achievement': '{metric} achievement',
  'basis.none': 'no {what} (no data or no target) → multiplier 0',
  'basis.at': '{metric} achievement {value}',
  'basis.multiplier': 'multiplier',
  'basis.coefficient': 'coefficient',
  'basis.tier': 'tier {label}: {from} ≤ {at} → {name} {value}',
  'basis.tierTo': 'tier {label}: {from} ≤ {at} < {to} → {name} {value}',
  'basis.noTier': 'no tier holds {at} → {name} 0',
  'basis.linear': '{name} (linear) at {at} = {value}',
  'basis.times': 'multiplier = {name} {coefficient} × total score {score} = {multiplier}',
  'bonus.multiplierCapped': 'multiplier capped at {multiplier}',
  'bonus.scoreBefore': 'score before deductions = {terms} = {score}',
  'bonus.nothingWeighted': 'nothing weighted',
  'bonus.totalScore': 'total score = {before} − {points} points = {total}',
  'bonus.totalScoreFloor': 'total score = {before} − {points} points = {total} (not below 0)',
  'bonus.proration': 'proration: started {start}: {employed} / {days} days → {base} × {fraction} = {prorated}',
  'bonus.notStarted': 'not started: starts {start}, after the period → base {base} × 0 = {prorated}',
  'mode.marginal': 'marginal',
  'mode.retroactive': 'retroactive',
  'bonus.commission': 'commission ({mode}) on {metric} {amount} = {parts} = {commission}',
  'bonus.commissionCapped': 'commission ({mode}) on {metric} {amount} = {parts} = {commission}, capped at {capped} (commission max payout)',
  'bonus.bonus': 'bonus = {base} × {multiplier} = {bonus}',
  'bonus.bonusCapped': 'bonus = {base} × {multiplier} = {bonus}, capped at {capped} (bonus max payout)',
  'bonus.deductions': 'deductions: {amount} ({reasons})',
  'bonus.deductionsPoints': 'deductions: {amount}, {points} points ({reasons})',
  'bonus.payout': 'payout = {bonus} + {commission} − {deductions} = {payout}',
  'bonus.payoutFloor': 'payout = {bonus} + {commission} − {deductions} = {payout} (not below 0)',
  'bonus.deductionsApplied': 'deductions applied: {after} of {total}: bonus + commission is only {from} (the payout is not below 0)',
  'bonus.rounded': 'rounded: {bonus} + {commission} − {deductions} = {payout}',
  'deduction.noReason': '(no reason given)',
  'v.then': '{first}; {rest}',
  // Pay lines (components, 红线, clawbacks, paid to date) and the payout they make
  'v.indent': '  {text}',
  'v.plus': '{a} + {b}',
  'v.minus': '{a} − {b}',
  'v.and': '{first} and {rest}',
  'v.labelled': '{amount} ({label})',
  'v.colon': '{a}: {b}',
  'plan.own': "plan: role {role}'s own ({at}: {keys}), the defaults otherwise",
  'pay.label.clawback': 'Clawback {order}',
  'pay.label.redLine': '红线 {rule}',
  'pay.label.paidToDate': 'Paid to date',
  'pay.label.deductions': 'deductions',
  'pay.commission': '{label}: {metric} {base} → {parts} = {amount}',
  'pay.commissionMax': '{label}: {metric} {base} → {parts} = {amount} (max payout)',
  'pay.spiff': '{label}: {units} × {each} ({metric}) = {amount}',
  'pay.spiffHint': 'each more {metric} pays {amount}',
  'pay.kicker': '{label}: {checks} → {amount}',
  'pay.kickerMissed': '{label}: {checks} → not earned ({amount})',
  'pay.kickerActual': '{metric} actual {level}',
  'pay.kickerAchievement': '{metric} achievement {level}',
  'pay.kickerHint': '{conditions} unlocks {amount}',
  'pay.collection': '{label}: cash collected {cash} in {n} {n|payment|payments}, after aging {weighted} → {parts} = {amount}',
  'pay.payment': 'row {row}: invoice {invoice} paid {paid}, {days} days → × {coefficient} = {amount}',
  'pay.paymentCredited': 'row {row}: invoice {invoice} paid {paid} (credited {credited}), {days} days → × {coefficient} = {amount}',
  'pay.invoiceRow': 'row {row}',
  'pay.collectionHint': 'cash collected within {days} days of the invoice earns {coefficient} of the rate',
  'pay.whatItTakes': 'what it takes: {hint}',
  'redLine.points': '{points} points off the total score',
  'redLine.amount': '{amount} off the payout',
  'redLine.percent': '{share} of the bonus = {amount}',
  'redLine.zero': 'bonus zeroed (一票否决)',
  'redLine.line': '红线 {rule}: {what} ({reason})',
  'redLine.reason': '红线 {rule}: {reason}',
  'redLine.zeroed': '红线 {rule}: {reason} → bonus zeroed (一票否决)',
  'clawback.period': '{period} (paid {date})',
  'clawback.line': 'clawback: order {order} of {period} refunded {counted} × its rate then {rate} = {amount}',
  'clawback.lineShare':
    'clawback: order {order} of {period} refunded {whole}, the {share} share of it credited here {counted} × its rate then {rate} = {amount}',
  'clawback.lineCut':
    'clawback: order {order} of {period} refunded {counted} ({refund} refunded, only {counted} left of the order) × its rate then {rate} = {amount}',
  'bonus.commissionNetted': '{base} + refunds of earlier orders {netted} (clawed back below) = {amount}',
  'bonus.payoutLines': 'payout = {terms} = {payout}',
  'bonus.payoutLinesFloor': 'payout = {terms} = {payout} (not below 0)',
  'paidToDate.rows': 'paid to date: {amount} ({file} row {rows})',
  'paidToDate.none': 'paid to date: {amount} (no row: nothing paid yet)',
  'trueUp.step': 'true-up: earned year to date {earned} − paid to date {paid} = {diff}',
  'trueUp.carried': 'true-up: earned year to date {earned} − paid to date {paid} = {diff} → payout 0, {carried} carried as a balance owed',

  // What it takes
  'next.atMost': 'beyond its range (at most {value})',
  'next.atLeast': 'beyond its range (at least {value})',
  'next.gateZeroes': 'its gate zeroes its contribution',

  // The rows behind a figure
  'splitBad.blank': 'the share is blank on row {row}',
  'splitBad.negative': 'the share on row {row} is negative ({share})',
  'splitBad.sum': 'its shares add up to {sum}, not 100%',
  'splitBad.sumRows': 'its shares add up to {sum} ({rows}), not 100%',
  'splitBad.rowShare': 'row {row}: {share}',
  'splitBad.disagree': "its rows disagree on {column} (row {row}: {value}, row {other}: {otherValue}); each row must repeat the order's amount",
  'behind.splitOrder': 'not counted: split order {order}',
  'behind.needs': 'not counted: needs {filter}',
  'behind.blank': 'not counted: blank {column}',
  'behind.otherPeriod': 'not counted: {column} is not in the period',

  // A period that cannot be read (--period, --for, --from, the scheme's period:); the caller names the label
  'periodError.use': '{why}; use 2026-11 (month), 2026-Q4 (quarter), 2026-11-YTD (year to date) or 2026 (year)',
  'periodError.notMonth': 'not a valid month',
  'periodError.yearRange': 'year out of range 1900-9999',
  'periodError.notPeriod': 'not a period',
} as const;

export type CoreKey = keyof typeof coreEn;

/** The placeholder names of a template, at the type level: 'a {x} b {n|one|more}' → 'x' | 'n'. */
type Names<S extends string> = S extends `${string}{${infer P}}${infer R}` ? (P extends `${infer N}|${string}` ? N : P) | Names<R> : never;

/** A core sentence; the compiler checks the key and that every placeholder gets a value. */
export function said<K extends CoreKey>(
  key: K,
  ...values: Names<(typeof coreEn)[K]> extends never ? [] : [{ readonly [P in Names<(typeof coreEn)[K]>]: SaidValue }]
): Said {
  return values[0] === undefined ? { key } : { key, values: values[0] };
}

export const NO_DATA: Said = { key: 'v.noData' };

/** A figure, or "no data" for null. */
export function orNoData(x: number | null, show: (x: number) => string): string | Said {
  return x === null ? NO_DATA : show(x);
}

/** `text` followed by its row count in parentheses, when it has one: "800.00 (9 rows)". */
export function withRows(text: Text, rows: number | undefined): Text {
  return rows === undefined ? text : said('v.inParens', { text, more: said('v.rows', { n: rows }) });
}

/** The sentinel a formula's text holds where a value is missing; `noDataIn` makes each one "no data". */
export const MISSING = '\u0000';

/** "a and b and c" in the run's language ('' for none). */
export function allOf(texts: readonly Text[]): Text {
  return texts.length === 0 ? '' : texts.slice(1).reduce((first: Text, rest) => said('v.and', { first, rest }), texts[0]!);
}

/** A formula's text with "no data" (in the run's language) where it holds MISSING. */
export function noDataIn(text: string): Text {
  if (!text.includes(MISSING)) return text;
  const parts = text.split(MISSING);
  let out: Text = parts[0]!;
  for (const p of parts.slice(1)) {
    out = said('v.join', { a: out, b: NO_DATA });
    if (p !== '') out = said('v.join', { a: out, b: p });
  }
  return out;
}

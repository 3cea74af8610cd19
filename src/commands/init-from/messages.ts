// Every sentence `kpi init --from` writes (the comments of the drafted scheme, labels, what it prints), in
// one place per language, so the message catalogue can take them over.

import type { DraftMetric } from './draft.js';

export interface InitText {
  header(files: string[]): string[];
  name: string;
  currencyGuessed(code: string): string;
  period(label: string): string;
  noPeriod: string;
  locale: string;
  sheet(others: string[]): string;
  dateOrder(order: string, ambiguous: boolean): string;
  decimal: string;
  decimalGuessed: string;
  statusValues(values: string): string;
  fullWidth: string;
  headerUnit(unit: string, factor: number): string;
  /** The header names a unit, but the cells' number format only shows them in it: they hold the currency. */
  shownDivided(unit: string, cells: number): string;
  /** The roster's base bonus or a deduction's amount in a unit (奖金(万元)). */
  amountUnit(unit: string, factor: number): string;
  /** The targets file's targets in a unit (目标(万元)). */
  targetUnit(unit: string, factor: number): string;
  notMapped(list: string): string;
  leftDuplicate(header: string, columns: string): string;
  leftBlank(letter: string): string;
  leftFixed(header: string): string;
  otherFile(role: string): string;
  rosterFile(roles: string): string;
  rosterInline(count: number, files: string): string;
  rosterNone: string;
  targetsFile(metrics: string): string;
  label(m: DraftMetric): string;
  wonFilter(values: string): string;
  noWonValue(values: string): string;
  targetFromHistory(from: string, to: string, average: string): string;
  targetNoHistory: string;
  weights(roles: string): string;
  tiers: string;
  tierLabels: [string, string, string, string];
  wrote(file: string, sources: number, metrics: number): string;
  next(scheme: string): string[];
  exists(file: string): string;
  forceWithoutFrom: string;
  noRepColumn(headers: string): string;
  draftBroken: string;
  teamFrom(column: string): string;
}

const en: InitText = {
  header: (files) => [
    `Draft scheme written by \`kpi init --from\` from: ${files.join(', ')}`,
    'Check every line marked TODO before anyone is paid from it. Reference: docs/scheme.md',
  ],
  name: 'Draft sales bonus scheme',
  currencyGuessed: (code) => `TODO: ${code} is a guess; set the currency of the amounts`,
  period: () => 'the latest month with results in the data; kpi score --period picks another',
  noPeriod: 'TODO: no dated rows were found; set the period to score (2026-11)',
  locale: 'Chinese headers: reports in Chinese conventions (A4, dates 2026年11月30日)',
  sheet: (others) => `the workbook also has: ${others.join(', ')}`,
  dateOrder: (order, ambiguous) =>
    ambiguous
      ? `TODO: dates such as 11/01/2026 could be month/day or day/month (no day above 12 seen); ${order} is a guess`
      : `dates are written ${order === 'mdy' ? 'month/day/year' : 'day/month/year'}`,
  decimal: 'numbers are written 1.234,56',
  decimalGuessed: 'TODO: values such as 1.500 could be 1.5 or 1500 and nothing in the file says which; a decimal point is a guess',
  statusValues: (values) => `values: ${values}`,
  fullWidth: 'the header has full-width characters: keep them as they are',
  shownDivided: (unit, cells) =>
    `the header says ${unit}, but the number format of ${cells} ${cells === 1 ? 'cell' : 'cells'} only shows the amounts in ${unit} (12.3456万 for 123456): they hold the currency, so scale: 1 reads them as they are`,
  headerUnit: (unit, factor) =>
    `TODO: the header gives the amounts in ${unit}: scale: ${factor} reads them in the currency (targets then in the currency too); scale: 1 reads them as written`,
  amountUnit: (unit, factor) => `TODO: the header gives the amounts in ${unit}: scale: ${factor} reads them in the currency, as payouts are`,
  targetUnit: (unit, factor) =>
    `TODO: the header gives the targets in ${unit}: scale: ${factor} reads every target of this file in the currency, so keep only money metrics in it (set the other metrics' targets in the scheme)`,
  notMapped: (list) => `not mapped: ${list}`,
  leftDuplicate: (header, columns) => `"${header}" (in columns ${columns}: rename one to map it)`,
  leftBlank: (letter) => `column ${letter} (no header)`,
  leftFixed: (header) => `"${header}"`,
  otherFile: (role) => `this file looks like a ${role} file, but the scheme takes only one; it is read as a source`,
  rosterFile: (roles) => `the roster; roles in the file: ${roles} (each needs weights below)`,
  rosterInline: (count, files) => `TODO: drafted from the ${count} rep ids in ${files}: set each rep's name, team, role and base bonus (the target incentive)`,
  rosterNone: 'TODO: no rep ids were found in the files: list the reps here',
  targetsFile: (metrics) => `per-rep targets; metrics named in the file: ${metrics} (only metric names of this scheme apply)`,
  label: (m) =>
    ({
      revenue: m.def.kind === 'aggregate' && m.def.agg.filter ? 'Closed-won revenue' : 'Revenue',
      won_deals: 'Deals won',
      win_rate: 'Win rate',
      collection_rate: 'Collection rate',
      collected: 'Cash collected',
      records: 'Rows in the period',
    })[m.name],
  wonFilter: (values) => `TODO: the status values that mean won; the column holds ${values}`,
  noWonValue: (values) => `TODO: no status value reads as "won" (${values}): add filter: { status: <won value> } if only won deals count`,
  targetFromHistory: (from, to, average) =>
    `TODO: your target. Drafted from the data: the average per rep and month over ${from === to ? from : `${from} … ${to}`} is ${average}`,
  targetNoHistory: 'TODO: your target (no data to draft it from)',
  weights: (roles) => `TODO: how much each metric counts, in percent points adding up to 100 per role (${roles})`,
  tiers: 'TODO: your tiers: a total score in [from, to) pays the base bonus × multiplier',
  tierLabels: ['Below plan', 'Near plan', 'On plan', 'Above plan'],
  wrote: (file, sources, metrics) =>
    `Wrote a draft scheme to ${file}: ${sources} source${sources === 1 ? '' : 's'}, ${metrics} metric${metrics === 1 ? '' : 's'}.`,
  next: (scheme) => ['Check every line marked TODO, then:', `  kpi validate ${scheme}`, `  kpi score ${scheme}`],
  exists: (file) => `${file} already exists; choose another folder, or add --force to replace it`,
  forceWithoutFrom: '--force only goes with --from (the example never replaces existing files)',
  noRepColumn: (headers) =>
    `no file has a column kpi recognises as the rep (headers: ${headers}); name it like "Rep ID" or 销售员, or write the scheme by hand (docs/scheme.md)`,
  draftBroken: "the drafted scheme does not load (a bug in kpi init --from; please report it with the files' headers):",
  teamFrom: (column) => `teams drafted from the column ${column}`,
};

const zh: InitText = {
  header: (files) => [`由 \`kpi init --from\` 根据以下文件起草的方案：${files.join('、')}`, '发放奖金前请逐一核对标有 TODO 的行。参考：docs/scheme.md'],
  name: '销售奖金方案（草稿）',
  currencyGuessed: (code) => `TODO: ${code} 是猜测的；请设置金额的币种`,
  period: () => '数据中有结果的最近月份；可用 kpi score --period 选择其他期间',
  noPeriod: 'TODO: 没有找到带日期的行；请设置要计算的期间（如 2026-11）',
  locale: '中文列名：报表按中文习惯（A4 纸，日期 2026年11月30日）',
  sheet: (others) => `工作簿中还有：${others.join('、')}`,
  dateOrder: (order, ambiguous) =>
    ambiguous
      ? `TODO: 11/01/2026 这类日期可能是月/日也可能是日/月（没有出现大于 12 的日）；${order} 是猜测的`
      : `日期写作${order === 'mdy' ? '月/日/年' : '日/月/年'}`,
  decimal: '数字写作 1.234,56',
  decimalGuessed: 'TODO: 1.500 这类值可能是 1.5 也可能是 1500，文件中没有信息说明；小数点是猜测的',
  statusValues: (values) => `取值：${values}`,
  fullWidth: '列名含全角字符：须保持原样',
  shownDivided: (unit, cells) =>
    `列名写的是 ${unit}，但有 ${cells} 个单元格的数字格式只是把金额显示成 ${unit}（123456 显示为 12.3456万）：单元格存的是以货币为单位的金额，所以 scale: 1 按原样读取`,
  headerUnit: (unit, factor) => `TODO：列名表明金额以 ${unit} 为单位：scale: ${factor} 按货币单位读取（目标也须按货币单位）；scale: 1 按原样读取`,
  amountUnit: (unit, factor) => `TODO：列名表明金额以 ${unit} 为单位：scale: ${factor} 按货币单位读取（奖金按货币单位发放）`,
  targetUnit: (unit, factor) =>
    `TODO：列名表明目标以 ${unit} 为单位：scale: ${factor} 把此文件中的每个目标都按货币单位读取，所以其中只应有金额类指标（其他指标的目标请写在方案中）`,
  notMapped: (list) => `未映射：${list}`,
  leftDuplicate: (header, columns) => `"${header}"（在 ${columns} 列重复：改名其一后才能映射）`,
  leftBlank: (letter) => `${letter} 列（没有列名）`,
  leftFixed: (header) => `"${header}"`,
  otherFile: (role) => `此文件像是${role}文件，但方案只能有一个；按普通数据源读取`,
  rosterFile: (roles) => `人员名单；文件中的岗位：${roles}（每个岗位都需要下面的权重）`,
  rosterInline: (count, files) => `TODO: 根据 ${files} 中的 ${count} 个工号起草：请填写每人的姓名、团队、岗位和目标奖金`,
  rosterNone: 'TODO: 文件中没有找到工号：请在此列出销售人员',
  targetsFile: (metrics) => `按人设定的目标；文件中的指标：${metrics}（只有本方案中的指标名才有效）`,
  label: (m) =>
    ({ revenue: '成交金额', won_deals: '成交单数', win_rate: '赢单率', collection_rate: '回款率', collected: '回款金额', records: '期间记录数' })[m.name],
  wonFilter: (values) => `TODO: 表示成交的状态值；该列的取值：${values}`,
  noWonValue: (values) => `TODO: 没有表示"成交"的状态值（${values}）：如只计成交单，请加 filter: { status: <成交值> }`,
  targetFromHistory: (from, to, average) => `TODO: 请设定目标。草稿取自数据：${from === to ? from : `${from} … ${to}`} 每人每月平均为 ${average}`,
  targetNoHistory: 'TODO: 请设定目标（没有可参考的数据）',
  weights: (roles) => `TODO: 各指标的权重（百分点），每个岗位合计 100（${roles}）`,
  tiers: 'TODO: 奖金档位：总分落在 [from, to) 时，奖金 = 目标奖金 × 系数',
  tierLabels: ['未达标', '接近目标', '达标', '超额'],
  wrote: (file, sources, metrics) => `已将方案草稿写入 ${file}：${sources} 个数据源，${metrics} 个指标。`,
  next: (scheme) => ['请核对所有标有 TODO 的行，然后运行：', `  kpi validate ${scheme}`, `  kpi score ${scheme}`],
  exists: (file) => `${file} 已存在；请换一个文件夹，或加 --force 覆盖`,
  forceWithoutFrom: '--force 只能与 --from 一起使用（示例从不覆盖已有文件）',
  noRepColumn: (headers) => `没有哪个文件有 kpi 能认出的销售人员列（列名：${headers}）；请将其命名为"工号"或"销售员"等，或手写方案（docs/scheme.md）`,
  draftBroken: '起草的方案无法加载（kpi init --from 的缺陷；请附上文件的列名报告）：',
  teamFrom: (column) => `团队取自 ${column} 列`,
};

export function initText(lang: 'en-US' | 'zh-CN'): InitText {
  return lang === 'zh-CN' ? zh : en;
}

// 带着数据检查一次运行（run-checks.ts、figures.ts）以及 kpi validate 的方案设计警告的中文文本，键与 problems-checks-en.ts 一一对应。
import type { problemsChecksEn } from './problems-checks-en.js';

export const problemsChecksZh = (): { readonly [K in keyof typeof problemsChecksEn]: string } => ({
  // 这次运行的数字不可信
  KPI1203: '没有任何数据源在 {period} 中有数据行：{source}（{file}）{holdsTerm}。请检查 --period，或确认这些是该期间的文件',
  'fix.KPI1203': '检查 --period，或确认这些文件是该期间导出的。',
  KPI1204:
    '{whoTerm}{figureTerm}{reasonTerm}（共 {n} 个数字）：数字这么大（或不是数字）无法精确支付，因此不打印、不写出任何结果；请检查方案中的金额及其背后的数据',
  'fix.KPI1204': '检查方案中的金额以及该数字背后的数据行：是否有笔误、金额列中混入了编号、目标接近 0。',

  // 不能输出的数字：谁的、哪个、有什么问题
  'term.fig.rep': '销售 {rep}：',
  'term.fig.repMetric': '销售 {rep}：{metric} 的',
  'term.fig.team': '团队 {team}：',
  'term.fig.run': '本次运行：',
  'term.fig.actual': '实际值',
  'term.fig.target': '目标',
  'term.fig.threshold': '门槛值',
  'term.fig.stretch': '挑战值',
  'term.fig.achievement': '达成率',
  'term.fig.score': '得分',
  'term.fig.weightedScore': '加权得分',
  'term.fig.baseBonus': '基本奖金',
  'term.fig.proratedBase': '折算后基本奖金',
  'term.fig.bonus': '奖金',
  'term.fig.commission': '提成',
  'term.fig.deductions': '扣减',
  'term.fig.payout': '应发',
  'term.fig.roundedBonus': '舍入后的奖金',
  'term.fig.roundedCommission': '舍入后的提成',
  'term.fig.roundedDeductions': '舍入后的扣减',
  'term.fig.roundedPayout': '舍入后的应发',
  'term.fig.slice': '某一段提成',
  'term.fig.sliceAmount': '某一段提成的金额',
  'term.fig.scoreBeforeDeductions': '扣分前得分',
  'term.fig.deductionPoints': '扣分',
  'term.fig.totalScore': '总分',
  'term.fig.multiplier': '系数',
  'term.fig.proration': '折算比例',
  'term.fig.nextScore': '达到下一档所需的得分',
  'term.fig.nextPayout': '下一档的应发',
  'term.fig.changeNeeded': '所需的增量',
  'term.fig.actualNeeded': '所需的实际值',
  'term.fig.averageScore': '平均得分',
  'term.fig.totalPayout': '应发合计',
  'term.fig.beyondCents': '为 {value}，超出了能精确到分的范围（{limit}）',
  'term.fig.beyondUnits': '为 {value}，超出了能精确到元的范围（{limit}）',
  'term.fig.outside': '为 {value}，超出 ±{limit}',
  'term.fig.infinite': '为 {value}',
  'term.fig.notANumber': '不是数字',

  // kpi validate 没有可用于检查数据的期间
  KPI1304: '{reason}；需要期间的数据检查已跳过',
  'fix.KPI1304': '在方案中设置 period:，或传入 --period，值为月、季度、年初至今或年（2026-11、2026-Q4、2026-11-YTD、2026）。',

  // 方案设计：承诺了却没有人能拿到的
  KPI1302: '没有人能达到档位“{tier}”：它从 {from} 起，而{whoTerm}能达到的最高总分是 {best}（权重 × 上限）',
  'fix.KPI1302': '把该档位降到销售能达到的总分，或提高限制总分的上限或权重。',
  KPI1303: '没有人能达到 {score} 处的点：{whoTerm}能达到的最高总分是 {best}（权重 × 上限）',
  'fix.KPI1303': '把该点降到销售能达到的总分，或提高限制总分的上限或权重。',
  'term.role': '岗位 {role}',
  'term.anyRole': '任何岗位（最高的是 {role}）',

  // 用历史数据检验方案设计（kpi validate 带数据时：方案在之前各期重算）
  KPI1311:
    '“{metric}”：{spanTerm}只有 {share} 达到门槛值（有数据的 {reps} 人次中 {reached} 人次）；应约为 {guide}，低于 {limit}（smart.min_share_at_threshold）时大多数人从中拿不到任何奖励',
  'fix.KPI1311': '把门槛值降到多数销售达到过的水平；如果本意如此，可调低 smart.min_share_at_threshold。',
  KPI1312:
    '“{metric}”：{spanTerm}有 {share} 达到目标（有数据的 {reps} 人次中 {reached} 人次）；应约为 {guide}，高于 {limit}（smart.max_share_at_target）说明目标太容易',
  'fix.KPI1312': '提高目标（kpi targets 可给出跳一跳够得着的目标）；如果本意如此，可调高 smart.max_share_at_target。',
  KPI1313:
    '“{metric}”上的门槛在{spanTerm}会使 {share} 的人{whatTerm}归零（有数据的 {counted} 人次中 {failed} 人次），超过 {limit}（smart.max_share_zeroed_by_gate）',
  'fix.KPI1313': '降低门槛水平；如果本意如此，可调高 smart.max_share_zeroed_by_gate。',
  KPI1314: 'max_payout {cap} 永远达不到：花名册上最高的奖金是 {most}（{rep}，基本奖金 {base} × {top}）',
  'fix.KPI1314': '把 bonus.max_payout 降到有人能拿到的奖金，或删除它。',
  KPI1315: '“{metric}”的目标超过近 {months} 个月最好成绩的 {factor} 倍，涉及 {n} 人（目标；最好成绩）：{reps}',
  'fix.KPI1315': '把这些目标调向销售做到过的水平（kpi targets 可给出建议）；如果本意如此，可调高 smart.max_target_over_best。',
  KPI1316: '“{metric}”的目标{sideTerm}近 {months} 个月的平均值（太容易），涉及 {n} 人（目标；平均值）：{reps}',
  'fix.KPI1316': '把这些目标定在销售平均水平之上（kpi targets 可给出建议）。',
  'term.lastMonths': '近 {periods} 个月（{from} 至 {to}）',
  'term.lastQuarters': '近 {periods} 个季度（{from} 至 {to}）',
  'term.lastPeriods': '近 {periods} 个期间（{from} 至 {to}）',
  'term.below': '低于',
  'term.above': '高于',
});

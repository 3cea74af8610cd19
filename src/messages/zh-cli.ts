// 命令行本身的中文（并入 zh.ts）：各命令的帮助（说明、参数、选项、其后的文字）和 commander 报告的用法错误。
import type { enCli } from './en-cli.js';

export const zhCli = (): { readonly [K in keyof typeof enCli]: string } => ({
  'cli.error': '错误：{message}',
  'cli.runHelp': '（加 --help 查看用法）',
  'cli.unknownCommand': '未知命令“{name}”{hint}',
  'cli.unknownOption': '未知选项“{flag}”{hint}',
  'cli.didYouMean': '\n（是否应为 {suggestion}？）',
  'cli.missingArgument': '缺少必需的参数“{name}”',
  'cli.optionMissingArgument': '选项“{flag}”缺少取值',
  'cli.requiredOption': '必须给出选项“{flag}”',
  'cli.excessArguments': '“{command}”的参数过多：应为 {n} 个，实际 {got} 个。',
  'cli.invalidOptionValue': '选项“{flag}”的取值“{value}”无效。{why}',
  'cli.invalidArgumentValue': '参数“{name}”的取值“{value}”无效。{why}',
  'cli.choices': '可选值：{list}。',
  'cli.badLocale': '应为 en-US 或 zh-CN（也可写 en、zh）',
  'cli.badLang': '应为 en 或 zh（也可写 en-US、zh-CN）',
  'cli.wholeNumber': '应为不小于 {min} 的整数，实际为“{value}”',

  'cli.help.usage': '用法：',
  'cli.help.arguments': '参数：',
  'cli.help.options': '选项：',
  'cli.help.commands': '命令：',
  'cli.help.extra': '（{list}）',
  'cli.help.extraSep': '；',
  'cli.help.choices': '可选：{list}',
  'cli.help.default': '默认：{value}',
  'cli.help.help': '显示该命令的帮助',
  'cli.help.version': '显示版本号',
  'cli.word.options': '选项',
  'cli.word.command': '命令',
  'cli.word.scheme': '方案',
  'cli.word.rep': '销售',
  'cli.word.metric': '指标',
  'cli.word.file': '文件',
  'cli.word.dir': '文件夹',
  'cli.word.report': '报表',
  'cli.word.a': '甲',
  'cli.word.b': '乙',
  'cli.word.period': '期间',
  'cli.word.format': '格式',
  'cli.word.locale': '语言',
  'cli.word.lang': '语言',
  'cli.word.name': '名称',
  'cli.word.n': '数',
  'cli.word.percent': '百分比',
  'cli.word.source=file': '数据源=文件',

  'cli.kpi': '按 KPI 方案为销售评分并计算奖金。',
  'cli.kpi.after':
    '\n示例：\n  kpi init 我的方案\n  kpi validate 我的方案/scheme.yaml\n  kpi score 我的方案/scheme.yaml --xlsx 报表.xlsx --scorecards 评分卡\n\n退出码：0 正常，1 方案或数据有错误（不写任何文件），2 用法错误，\n3 已评分但数据有问题：每份输出都标为“非最终结果”。',
  'cli.arg.scheme': '方案 YAML 文件',
  'cli.opt.lang': '消息的语言：en-US 或 zh-CN（默认：方案的 locale）',

  'cli.init': '写出可直接运行的示例方案和样例数据，或根据你自己的文件起草方案（--from）',
  'cli.init.dir': '写入的文件夹（默认：kpi-example/；用 --from 时为当前文件夹）',
  'cli.init.from': '根据这个 CSV 或 XLSX 导出文件起草方案（每个文件写一次）',
  'cli.init.force': '与 --from 同用：替换已有的 scheme.yaml',
  'cli.init.lang':
    'en 或 zh。不带 --from：要写出的示例（zh：华诚贸易，locale zh-CN，中文表头，GB18030 编码的 CSV）。带 --from：注释和标签的语言（默认：系统语言 LC_ALL/LC_MESSAGES/LANG；否则按表头的语言）',
  'cli.init.after':
    '\n退出码：0 已写出，1 有文件无法读取，2 用法错误（或 scheme.yaml 已存在而未加 --force）。\n\n示例：\n  kpi init 我的方案 && kpi score 我的方案/scheme.yaml\n  kpi init --lang zh 示例 && kpi score 示例/scheme.yaml\n  kpi init --from 导出/销售.xlsx --from 导出/回款.csv . && kpi validate scheme.yaml',

  'cli.peek': '按 kpi 的读取方式显示一个 CSV 或 XLSX 文件：表头、列类型、取值、前几行',
  'cli.peek.file': '一个 CSV 或 XLSX 文件',
  'cli.peek.sheet': '要读取的工作表（默认：第一个可见工作表）',
  'cli.peek.rows': '显示的行数（默认 10；--format csv 不指定时输出全部行）',
  'cli.peek.headerRow': '表头所在的行（默认：自动查找）',
  'cli.peek.top': '--format json 中每列列出的最常见取值个数',
  'cli.peek.format': '输出什么',
  'cli.peek.lang': '消息的语言，en 或 zh（默认：系统语言 LC_ALL/LC_MESSAGES/LANG；否则按表头的语言）',
  'cli.peek.after':
    '\n退出码：0 已显示，1 文件无法读取，2 用法错误。\n\n示例：\n  kpi peek 数据/销售.xlsx --sheet 订单\n  kpi peek 数据/销售.csv --format csv > 按kpi读取.csv',

  'cli.validate': '在据此发放奖金之前检查方案（及其数据）',
  'cli.validate.noData': '只检查方案，不读取数据文件',
  'cli.validate.period': '数据检查用的期间（2026-11、2026-Q4、2026-11-YTD、2026）',
  'cli.validate.format': '输出格式',
  'cli.validate.after':
    '\n退出码：0 有效（允许有警告），1 发现错误，2 用法错误。\n\n示例：\n  kpi validate examples/china/scheme.yaml\n  kpi validate scheme.yaml --no-data --format json',

  'cli.score': '为每名销售评分；输出排名表；写出报表和评分卡',
  'cli.score.period': '评分的期间：2026-11（月）、2026-Q4、2026-11-YTD、2026（默认：方案的 period）',
  'cli.score.format': '标准输出的格式',
  'cli.score.xlsx': '把带批注的 Excel 报表写到这个文件',
  'cli.score.scorecards': '在这个文件夹中为每名销售写一份评分卡工作簿',
  'cli.score.wide':
    '在终端中显示每个指标的实际 / 目标，每名销售一行；比终端宽时在 less -S 中左右滚动（设 KPI_PAGER=cat 则原样输出）（默认：只显示达成率，适应终端宽度）',
  'cli.score.lang': '本次运行的语言和习惯：en-US 或 zh-CN（文字、纸张大小、CSV 的 BOM、格式）；默认：方案的 locale',
  'cli.score.bom': '--format csv 的开头加 UTF-8 BOM（locale 为 zh-CN 时默认加，Excel 才能正确显示中文）',
  'cli.score.noBom': '--format csv 不加 BOM',
  'cli.score.after':
    '\n退出码：0 最终结果，1 有错误（不输出也不写文件），2 用法错误，3 数据有问题：排名表、\n报表和评分卡照常写出，但标为“非最终结果”。\n\n示例：\n  kpi score examples/china/scheme.yaml --period 2026-11 --xlsx 报表.xlsx --scorecards 评分卡/\n  kpi score scheme.yaml --format json > 结果.json\n  kpi score examples/china/scheme.yaml --format csv > 结果.csv   # 带 BOM，便于 Excel 打开',

  'cli.explain': '说明一名销售的数字是怎样算出的：用到的行、公式和每一步',
  'cli.explain.rep': '销售工号（或准确的姓名）',
  'cli.explain.metric': '只说明这一个指标',
  'cli.explain.period': '期间（默认：方案的 period）',
  'cli.explain.lang': '说明的语言：en-US 或 zh-CN（默认：方案的 locale）',
  'cli.explain.after': '\n退出码：0 最终结果，1 有错误，2 用法错误，3 数据有问题（非最终）。\n\n示例：\n  kpi explain examples/china/scheme.yaml XS007',

  'cli.backtest': '按方案回放历史：每个期间的成本、达到门槛/目标/挑战值的比例、档位、档位边缘和变动最大的销售',
  'cli.backtest.from': '评分的第一个期间：2026-01（月）、2026-Q1（季度）、2026（年）、2026-01-YTD',
  'cli.backtest.to': '评分的最后一个期间，类型须相同（默认：方案的 period）',
  'cli.backtest.xlsx': '写出 Excel 工作簿，每项度量一个工作表并附图表数据',
  'cli.plan.lang': '表格和工作簿的语言：en-US 或 zh-CN（默认：方案的 locale）',
  'cli.backtest.after':
    '\n数据只读取一次；每个期间的评分与 kpi score --period 完全相同。\n退出码：0 正常，1 方案或数据有错误（或范围内某个期间没有任何数据），2 用法错误，\n3 数据有问题：数字照常输出和写出，但像 kpi score 一样标为“非最终结果”。\n\n示例：\n  kpi backtest examples/china/scheme.yaml --from 2026-08 --to 2026-11\n  kpi backtest scheme.yaml --from 2026-Q1 --to 2026-Q4 --format json > 回测.json\n  kpi backtest scheme.yaml --from 2026-01 --to 2026-12 --xlsx 回测.xlsx',

  'cli.targets': '根据历史为每名销售和指标建议“踮脚够得着”的目标，写成方案可用的目标文件',
  'cli.targets.for': '为哪个期间定目标：2027（年）、2027-Q1（季度）或 2027-01（月）',
  'cli.targets.growth': '在近期平均值上的增长，如 8%（默认：smart.target_growth，5%）',
  'cli.targets.out': '把目标文件（CSV）写到这里；不会覆盖输入文件',
  'cli.targets.lang': '表格和说明的语言：en-US 或 zh-CN（默认：方案的 locale）',
  'cli.targets.after':
    '\n每个目标为近期平均值（最多一年内有数据的期间）加增长，最多为最佳期间的\nsmart.max_target_over_best 倍，且不低于平均值；跨多个期间的合计按去年的季节性拆分。\n把方案的 targets_file 指向写出的文件即可使用。\n退出码：0 正常，1 方案或数据有错误，2 用法错误，3 历史数据有问题：目标照常输出和写出，\n但像 kpi score 一样标为“非最终结果”。\n\n示例：\n  kpi targets examples/china/scheme.yaml --for 2026-12\n  kpi targets scheme.yaml --for 2027 --growth 8% --out 目标-2027.csv',

  'cli.diff': '在同一数据上比较两个方案（上升、下降、成本、档位变动），或比较两次运行（变了什么，因数据还是因规则）',
  'cli.diff.a': '旧方案（YAML）或保存的运行结果（kpi score --format json）',
  'cli.diff.b': '新方案，或另一次保存的运行结果',
  'cli.diff.period': '比较方案时：两者都按这个期间评分（默认：方案的 period）',
  'cli.diff.xlsx': '把比较结果写成 Excel 工作簿',
  'cli.diff.lang': '表格和工作簿的语言：en-US 或 zh-CN（默认：新方案的 locale；两次运行比较时为英文）',
  'cli.diff.after':
    '\n两个 YAML 文件各按自己的数据评分后逐人比较；两个由 kpi score --format json 写出的\nJSON 文件按保存的内容比较，每处变化标明因数据还是因规则。\n退出码：0 正常（有差异不算错误），1 方案、数据或 JSON 文件有错误，2 用法错误，\n3 任一方数据有问题（运行标为“非最终结果”）：比较结果也标为“非最终结果”。\n\n示例：\n  kpi diff 方案-2026.yaml 方案-2027.yaml --period 2026-11\n  kpi score scheme.yaml --format json > 十月.json   # … 之后修改 …\n  kpi diff 十月.json 现在.json --xlsx 变化.xlsx',

  'cli.verify': '核验报表中的数字：核对方案和每个输入文件的 SHA-256，重新评分，逐个单元格比较',
  'cli.verify.report': '由 kpi score --xlsx 写出的报表',
  'cli.verify.scheme': '方案文件，当它已不在报表记录的位置时（报表的“运行信息”工作表记有它相对报表的路径）',
  'cli.verify.inputs': '存放输入文件的文件夹（先按方案中所写的路径查找，再按文件名查找）',
  'cli.verify.input': '某个输入文件现在的位置（多个时重复使用）',
  'cli.verify.lang': '消息的语言：en-US 或 zh-CN（默认：报表的语言，见其“运行信息”工作表）',
  'cli.verify.after':
    '\n“运行信息”工作表记有方案（相对报表的路径）和每个输入文件（相对方案的路径）及其 SHA-256。\n缺失或有改动的文件会被指出；否则重新对该期间评分，在内存中重建报表，并与文件逐个单元格比较。\n退出码：0 全部数字一致，1 有差异或文件缺失/有改动，2 用法错误（不是 kpi 报表），\n3 全部数字一致，但报表标为“非最终结果”（其数据有问题）。\n\n示例：\n  kpi verify 报表/2026-11.xlsx\n  kpi verify 2026-11.xlsx --scheme 存档/scheme.yaml --inputs 存档/数据',
});

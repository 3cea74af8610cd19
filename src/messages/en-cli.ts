// English of the command line itself (spread into en.ts): each command's help (description, arguments, options,
// the text after) and the usage errors commander reports, said in the run's language by src/cli-language.ts.
// `cli.word.…` are the words of a usage line in <angle> or [square] brackets.
export const enCli = {
  // Usage errors (exit 2)
  'cli.error': 'error: {message}',
  'cli.runHelp': '(run with --help for usage)',
  'cli.unknownCommand': "unknown command '{name}'{hint}",
  'cli.unknownOption': "unknown option '{flag}'{hint}",
  'cli.didYouMean': '\n(Did you mean {suggestion}?)',
  'cli.missingArgument': "missing required argument '{name}'",
  'cli.optionMissingArgument': "option '{flag}' argument missing",
  'cli.requiredOption': "required option '{flag}' not specified",
  'cli.excessArguments': "too many arguments for '{command}'. Expected {n} {n|argument|arguments} but got {got}.",
  'cli.invalidOptionValue': "option '{flag}' argument '{value}' is invalid. {why}",
  'cli.invalidArgumentValue': "argument '{name}' value '{value}' is invalid. {why}",
  'cli.choices': 'Allowed choices are {list}.',
  'cli.badLocale': 'expected en-US or zh-CN (also: en, zh)',
  'cli.badLang': 'expected en or zh (also: en-US, zh-CN)',
  'cli.wholeNumber': 'expected a whole number of at least {min}, got "{value}"',

  // Help: headings and the words commander adds
  'cli.help.usage': 'Usage:',
  'cli.help.arguments': 'Arguments:',
  'cli.help.options': 'Options:',
  'cli.help.commands': 'Commands:',
  'cli.help.extra': '({list})',
  'cli.help.extraSep': ', ',
  'cli.help.choices': 'choices: {list}',
  'cli.help.default': 'default: {value}',
  'cli.help.help': 'display help for command',
  'cli.help.version': 'output the version number',
  'cli.word.options': 'options',
  'cli.word.command': 'command',
  'cli.word.scheme': 'scheme',
  'cli.word.rep': 'rep',
  'cli.word.metric': 'metric',
  'cli.word.file': 'file',
  'cli.word.dir': 'dir',
  'cli.word.report': 'report',
  'cli.word.a': 'a',
  'cli.word.b': 'b',
  'cli.word.period': 'period',
  'cli.word.format': 'format',
  'cli.word.locale': 'locale',
  'cli.word.lang': 'lang',
  'cli.word.name': 'name',
  'cli.word.n': 'n',
  'cli.word.percent': 'percent',
  'cli.word.source=file': 'source=file',

  // kpi
  'cli.kpi': 'Score sales reps against a KPI scheme and compute their bonuses.',
  'cli.kpi.after':
    '\nExample:\n  kpi init my-scheme\n  kpi validate my-scheme/scheme.yaml\n  kpi score my-scheme/scheme.yaml --xlsx report.xlsx --scorecards scorecards\n\nExit codes: 0 ok, 1 errors in the scheme or data (nothing written), 2 wrong usage,\n3 scored with data issues: every output is marked NOT FINAL.',
  'cli.arg.scheme': 'the scheme YAML file',
  'cli.opt.lang': "language of the messages: en-US or zh-CN (default: the scheme's locale)",

  // kpi init
  'cli.init': 'write a working example scheme with sample data, or draft a scheme from your own files (--from)',
  'cli.init.dir': 'folder to write into (default: kpi-example/, or with --from the current folder)',
  'cli.init.from': 'draft the scheme from this CSV or XLSX export (repeat for each file)',
  'cli.init.force': 'with --from: replace an existing scheme.yaml',
  'cli.init.lang':
    "en or zh. Without --from: the example to write (zh: 华诚贸易, locale zh-CN, Chinese headers, a GB18030 CSV). With --from: language of the comments and labels (default: the locale, LC_ALL/LC_MESSAGES/LANG; else the headers' language)",
  'cli.init.after':
    '\nExit codes: 0 written, 1 a file cannot be read, 2 usage (or scheme.yaml exists without --force).\n\nExample:\n  kpi init my-scheme && kpi score my-scheme/scheme.yaml\n  kpi init --lang zh 示例 && kpi score 示例/scheme.yaml\n  kpi init --from exports/sales.xlsx --from exports/collections.csv . && kpi validate scheme.yaml',

  // kpi peek
  'cli.peek': 'show a CSV or XLSX file exactly as kpi reads it: header, column types, values, first rows',
  'cli.peek.file': 'a CSV or XLSX file',
  'cli.peek.sheet': 'workbook sheet to read (default: the first visible sheet)',
  'cli.peek.rows': 'rows to show (default 10; --format csv prints every row unless given)',
  'cli.peek.headerRow': 'the header is on this row (default: found)',
  'cli.peek.top': 'most frequent values listed per column in --format json',
  'cli.peek.format': 'what to print',
  'cli.peek.lang': "language of the messages, en or zh (default: the locale, LC_ALL/LC_MESSAGES/LANG; else the headers' language)",
  'cli.peek.after':
    '\nExit codes: 0 shown, 1 the file cannot be read, 2 usage.\n\nExample:\n  kpi peek data/sales.xlsx --sheet Orders\n  kpi peek data/sales.csv --format csv > as-kpi-reads-it.csv',
  // kpi validate
  'cli.validate': 'check a scheme (and its data) before anyone is paid from it',
  'cli.validate.noData': 'check the scheme only; do not read the data files',
  'cli.validate.period': 'period for the data checks (2026-11, 2026-Q4, 2026-11-YTD, 2026)',
  'cli.validate.format': 'output format',
  'cli.validate.after':
    '\nExit codes: 0 valid (warnings allowed), 1 errors found, 2 usage.\n\nExample:\n  kpi validate examples/acme/scheme.yaml\n  kpi validate scheme.yaml --no-data --format json',

  // kpi score
  'cli.score': 'score every rep; print the ranked table; write the report and scorecards',
  'cli.score.period': "period to score: 2026-11 (month), 2026-Q4, 2026-11-YTD, 2026 (default: the scheme's period)",
  'cli.score.format': 'what to print on stdout',
  'cli.score.xlsx': 'write the annotated Excel report to this file',
  'cli.score.scorecards': 'write one scorecard workbook per rep into this folder',
  'cli.score.wide':
    'at a terminal, show actual / target for each metric, one line a rep; wider than the terminal, it scrolls sideways in less -S (KPI_PAGER=cat prints it as is) (default: achievement only, fitted to the width)',
  'cli.score.lang': "language and conventions for this run: en-US or zh-CN (words, paper size, CSV byte-order mark, formats); default: the scheme's locale",
  'cli.score.bom': 'start --format csv with a UTF-8 byte-order mark (the default for locale zh-CN, so Excel reads Chinese text)',
  'cli.score.noBom': 'no byte-order mark on --format csv',
  'cli.score.after':
    '\nExit codes: 0 final, 1 errors (nothing printed or written), 2 usage, 3 data issues: the table,\nreport and scorecards are written but marked NOT FINAL.\n\nExample:\n  kpi score examples/acme/scheme.yaml --period 2026-11 --xlsx report.xlsx --scorecards cards/\n  kpi score scheme.yaml --format json > result.json\n  kpi score examples/china/scheme.yaml --format csv > result.csv   # with a byte-order mark for Excel',

  // kpi explain
  'cli.explain': "show how one rep's figures were computed: rows used, formula, each step",
  'cli.explain.rep': 'rep id (or exact name)',
  'cli.explain.metric': 'one metric to explain',
  'cli.explain.period': "period (default: the scheme's period)",
  'cli.explain.lang': "language of the explanation: en-US or zh-CN (default: the scheme's locale)",
  'cli.explain.after':
    '\nExit codes: 0 final, 1 errors, 2 usage, 3 the run has data issues (NOT FINAL).\n\nExample:\n  kpi explain examples/acme/scheme.yaml R007 revenue',

  // kpi backtest
  'cli.backtest': 'replay history under a scheme: cost, reach of threshold/target/stretch, tiers, tier edges and movers per period',
  'cli.backtest.from': 'first period to score: 2026-01 (month), 2026-Q1 (quarter), 2026 (year), 2026-01-YTD',
  'cli.backtest.to': "last period to score, of the same kind (default: the scheme's period)",
  'cli.backtest.xlsx': 'write an Excel workbook with one sheet and chart data per measure',
  'cli.plan.lang': "language of the table and workbook: en-US or zh-CN (default: the scheme's locale)",
  'cli.backtest.after':
    '\nData are read once; each period is scored exactly as `kpi score --period` would score it.\nExit codes: 0 ok, 1 errors in the scheme or data (or a period in the range without any data), 2 usage,\n3 data issues: the figures are printed and written but marked NOT FINAL, as kpi score marks them.\n\nExample:\n  kpi backtest examples/acme/scheme.yaml --from 2026-08 --to 2026-11\n  kpi backtest scheme.yaml --from 2026-Q1 --to 2026-Q4 --format json > backtest.json\n  kpi backtest scheme.yaml --from 2026-01 --to 2026-12 --xlsx backtest.xlsx',

  // kpi targets
  'cli.targets': 'suggest on-tiptoe targets per rep and metric from history, as a targets file the scheme can use',
  'cli.targets.for': 'what to set targets for: 2027 (a year), 2027-Q1 (a quarter) or 2027-01 (a month)',
  'cli.targets.growth': 'growth on the trailing average, e.g. 8% (default: smart.target_growth, 5%)',
  'cli.targets.out': 'write the targets file (CSV) here; never over an input file',
  'cli.targets.lang': "language of the table and the explanations: en-US or zh-CN (default: the scheme's locale)",
  'cli.targets.after':
    "\nEach target is the trailing average (up to a year of periods with data) plus growth, at most\nsmart.max_target_over_best × the best period and never easier than the average; a sum over several periods\nis split by last year's seasonality. Point the scheme's targets_file at the written file to use it.\nExit codes: 0 ok, 1 errors in the scheme or data, 2 usage, 3 the history has data issues: the targets are\nprinted and written but marked NOT FINAL, as kpi score marks a run.\n\nExample:\n  kpi targets examples/acme/scheme.yaml --for 2026-12\n  kpi targets scheme.yaml --for 2027 --growth 8% --out targets-2027.csv",

  // kpi diff
  'cli.diff': 'compare two schemes on the same data (winners, losers, cost, tier moves) or two runs (what changed, by data and by rules)',
  'cli.diff.a': 'the old scheme (YAML) or a saved run (kpi score --format json)',
  'cli.diff.b': 'the new scheme, or the other saved run',
  'cli.diff.period': 'schemes: the period to score both on (default: their period)',
  'cli.diff.xlsx': 'write the comparison as an Excel workbook',
  'cli.diff.lang': "language of the table and workbook: en-US or zh-CN (default: the new scheme's locale; English for two runs)",
  'cli.diff.after':
    '\nTwo YAML files are scored on their data and compared rep by rep; two JSON files from\n`kpi score --format json` are compared as saved, each change marked as one of data or of rules.\nExit codes: 0 ok (differences are not errors), 1 errors in a scheme, its data or a JSON file, 2 usage,\n3 either side has data issues (a run marked NOT FINAL): the comparison is marked NOT FINAL too.\n\nExample:\n  kpi diff plan-2026.yaml plan-2027.yaml --period 2026-11\n  kpi score scheme.yaml --format json > oct.json   # … later, after edits …\n  kpi diff oct.json now.json --xlsx changes.xlsx',

  // kpi verify
  'cli.verify': "prove a report's figures: check the SHA-256 of its scheme and every input, score again, compare every cell",
  'cli.verify.report': 'a report written by kpi score --xlsx',
  'cli.verify.scheme': 'the scheme, when it is no longer where the report says (its path from the report is on the Run sheet)',
  'cli.verify.inputs': 'a folder holding the input files (each found by its path as the scheme writes it, then by its name)',
  'cli.verify.input': 'where one input is now (repeat for several)',
  'cli.verify.lang': "language of the messages: en-US or zh-CN (default: the report's language, from its Run sheet)",
  'cli.verify.after':
    '\nThe Run sheet names the scheme (by its path from the report) and every input (by its path from the\nscheme) with their SHA-256. A file that is missing or changed is named; otherwise the period is scored again,\nthe report rebuilt in memory and every cell compared with the file.\nExit codes: 0 every figure matches, 1 a difference or a missing/changed file, 2 usage (not a kpi report),\n3 every figure matches but the report is marked NOT FINAL (its data had issues).\n\nExample:\n  kpi verify reports/2026-11.xlsx\n  kpi verify 2026-11.xlsx --scheme archive/scheme.yaml --inputs archive/data',
} as const;

// The command line speaks the run's language too: commander's usage errors and every --help, from the catalogue.
// The language is decided before anything is parsed: --lang on the command line, else the environment (LC_ALL,
// LC_MESSAGES, LANG), else English. Each usage error commander can report is run in both languages (each stands
// for a method of commander 14 that src/commands/usage-language.ts overrides).
import { describe, expect, it } from 'vitest';
import { englishWords } from './english-words.js';
import { kpi } from './run.js';

const ZH = { LANG: 'zh_CN.UTF-8' };
const CHINA = 'examples/china/scheme.yaml';
const COMMANDS = ['init', 'peek', 'validate', 'score', 'explain', 'backtest', 'targets', 'diff', 'verify'];

/** Each usage error: the arguments, then what Chinese and English say (the English as commander says it). */
const ERRORS: [string[], string, string][] = [
  [['bogus'], '错误：未知命令“bogus”', "error: unknown command 'bogus'"],
  [['scor'], '错误：未知命令“scor”\n（是否应为 score？）', "error: unknown command 'scor'\n(Did you mean score?)"],
  [['score'], '错误：缺少必需的参数“方案”', "error: missing required argument 'scheme'"],
  [['score', CHINA, '--peroid', '2026-11'], '错误：未知选项“--peroid”\n（是否应为 --period？）', "error: unknown option '--peroid'\n(Did you mean --period?)"],
  [['score', CHINA, '--period'], '错误：选项“--period <期间>”缺少取值', "error: option '--period <period>' argument missing"],
  [
    ['score', CHINA, '--format', 'xml'],
    '错误：选项“--format <格式>”的取值“xml”无效。可选值：table、csv、json、md。',
    "error: option '--format <format>' argument 'xml' is invalid. Allowed choices are table, csv, json, md.",
  ],
  [
    ['score', CHINA, '--lang', 'fr'],
    '错误：选项“--lang <语言>”的取值“fr”无效。应为 en-US 或 zh-CN（也可写 en、zh）',
    "error: option '--lang <locale>' argument 'fr' is invalid. expected en-US or zh-CN (also: en, zh)",
  ],
  [['backtest', CHINA], '错误：必须给出选项“--from <期间>”', "error: required option '--from <period>' not specified"],
  [['score', CHINA, 'XS007'], '错误：“score”的参数过多：应为 1 个，实际 2 个。', "error: too many arguments for 'score'. Expected 1 argument but got 2."],
  [
    ['peek', '--rows', 'x', 'a.csv'],
    '错误：选项“--rows <数>”的取值“x”无效。应为不小于 0 的整数，实际为“x”',
    "error: option '--rows <n>' argument 'x' is invalid. expected a whole number of at least 0, got \"x\"",
  ],
];

describe("usage errors in the run's language", () => {
  it.each(ERRORS)('kpi %s', (args, zh, en) => {
    const z = kpi(args, { env: ZH });
    expect(z.code).toBe(2);
    expect(z.stderr).toBe(`${zh}\n（加 --help 查看用法）\n`);
    const e = kpi(args);
    expect(e.code).toBe(2);
    expect(e.stderr).toBe(`${en}\n(run with --help for usage)\n`);
  });

  it('--lang on the command line comes first, then LC_ALL, LC_MESSAGES, LANG', () => {
    expect(kpi(['score', CHINA, '--bogus', '--lang', 'zh']).stderr).toMatch(/^错误：未知选项“--bogus”/);
    expect(kpi(['score', CHINA, '--lang=zh-CN', '--bogus']).stderr).toMatch(/^错误：未知选项“--bogus”/);
    expect(kpi(['score', CHINA, '--bogus', '--lang', 'en'], { env: ZH }).stderr).toMatch(/^error: unknown option '--bogus'/);
    expect(kpi(['score', CHINA, '--bogus'], { env: { LANG: 'en_US.UTF-8', LC_ALL: 'zh_CN.UTF-8' } }).stderr).toMatch(/^错误/);
    expect(kpi(['score', CHINA, '--bogus'], { env: { LANG: 'zh_CN.UTF-8', LC_ALL: 'C' } }).stderr).toMatch(/^error/);
    expect(kpi(['score', CHINA, '--bogus'], { env: { LANG: 'zh_CN.UTF-8', LC_MESSAGES: 'en_US.UTF-8' } }).stderr).toMatch(/^error/);
  });

  it("a scheme that cannot be read says so in the environment's language (it has no locale: to read)", () => {
    const r = kpi(['score', 'nope.yaml'], { env: ZH });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('nope.yaml  KPI5001 无法读取方案：文件不存在\nkpi score: 已停止；请先修正上面的错误（kpi validate 会列出全部）\n');
  });
});

describe("--help in the run's language", () => {
  it.each([[''], ...COMMANDS.map((c) => [c])])('kpi %s --help: Chinese, with an example; English without LANG', (name: string) => {
    const cmd = name === '' ? [] : [name];
    const zh = kpi([...cmd, '--help'], { env: ZH });
    expect(zh.code).toBe(0);
    expect(zh.stdout).toMatch(/^用法： kpi/);
    expect(zh.stdout).toContain('示例：');
    // The command names a user types (the list of `kpi --help`), an id and a metric of the example.
    expect(englishWords(zh.stdout, [...COMMANDS.map((c) => `  ${c} `), '  help [', 'XS007', 'revenue'])).toEqual([]);
    const en = kpi([...cmd, '--help']);
    expect(en.stdout).toMatch(/^Usage: kpi/);
    expect(en.stdout).toContain('Example');
  });

  it('the columns of the Chinese help line up: a Chinese character is two columns wide', () => {
    const lines = kpi(['score', '--help'], { env: ZH })
      .stdout.split('\n')
      .filter((l) => /^ {2}--(xlsx|scorecards) /.test(l));
    const widthTo = (l: string, at: number) => [...l.slice(0, at)].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
    const starts = lines.map((l) => widthTo(l, l.search(/ {2}[^ -]/) + 2));
    expect(starts).toHaveLength(2);
    expect(starts[0]).toBe(starts[1]);
  });
});

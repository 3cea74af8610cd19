import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { kpi, expectNoStack, ROOT, BIN } from './run.js';

const ACME = 'examples/acme/scheme.yaml';
const golden = (name: string) => path.join(ROOT, 'test/golden', name);

/** Compare with a golden file; UPDATE_GOLDEN=1 rewrites it (review the diff before committing). */
function expectGolden(name: string, actual: string): void {
  if (process.env.UPDATE_GOLDEN) writeFileSync(golden(name), actual);
  expect(actual).toBe(readFileSync(golden(name), 'utf8'));
}

describe('kpi on the Chinese example (locale: zh-CN): every word in Chinese', () => {
  const CHINA = 'examples/china/scheme.yaml';
  for (const [args, file] of [
    [['score', CHINA, '--format', 'table'], 'china-2026-11.txt'],
    [['score', CHINA, '--format', 'md'], 'china-2026-11.md'],
    [['explain', CHINA, 'XS001'], 'china-explain-XS001.txt'],
  ] as const) {
    it(`${args.slice(0, 1).concat(args.slice(2)).join(' ')} matches its golden file`, () => {
      const r = kpi([...args]);
      expectNoStack(r);
      expect(r.code).toBe(0);
      expectGolden(file, r.stdout);
    });
  }

  it('--lang en-US prints the same run in English, --lang zh the acme run in Chinese', () => {
    const en = kpi(['score', CHINA, '--format', 'md', '--lang', 'en-US']);
    expect(en.stdout).toContain('| # | Rep | ID | Team |');
    const zh = kpi(['score', ACME, '--format', 'md', '--lang', 'zh']);
    expect(zh.stdout).toContain('| # | 销售 | 工号 | 团队 |');
    expect(kpi(['explain', ACME, 'R101', '--lang', 'zh']).stdout).toContain('— 团队 ');
  });
});

describe('kpi score on the shipped example', () => {
  for (const [format, file] of [
    ['csv', 'acme-2026-11.csv'],
    ['json', 'acme-2026-11.json'],
    ['md', 'acme-2026-11.md'],
    ['table', 'acme-2026-11.txt'],
  ] as const) {
    it(`--format ${format} matches its golden file`, () => {
      const r = kpi(['score', ACME, '--period', '2026-11', '--format', format]);
      expectNoStack(r);
      // The example holds two bad sales rows on purpose, so its run is NOT FINAL (exit 3).
      expect(r.code).toBe(3);
      expectGolden(file, r.stdout);
    });
  }

  it('prints no colour codes when stdout is not a terminal', () => {
    const r = kpi(['score', ACME], { env: { NO_COLOR: '' } });
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  it('piped into head, it stops printing quietly and still writes the report', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kpi-e2e-'));
    const r = spawnSync(
      'bash',
      ['-c', `set -o pipefail; node ${JSON.stringify(BIN)} score ${JSON.stringify(path.join(ROOT, ACME))} --format json --xlsx r.xlsx | head -c 10 >/dev/null`],
      { cwd: dir, encoding: 'utf8', timeout: 60_000 },
    );
    expect(r.stderr).not.toContain('EPIPE');
    expect(r.status).toBe(3);
    expect(existsSync(path.join(dir, 'r.xlsx'))).toBe(true);
  });

  it("warns when the period scored is not the kind the scheme's targets are written for", () => {
    const q = kpi(['score', ACME, '--period', '2026-Q4', '--format', 'csv']);
    expect(q.code).toBe(3);
    // A data issue of the run as a whole: on stderr, in the outputs, and the run is not final.
    expect(q.stderr).toContain(
      "  examples/acme/scheme.yaml: KPI2709 the scheme's period is a month (2026-11) but 2026-Q4 is a quarter; targets are used as written",
    );
    expect(kpi(['score', ACME, '--period', '2026-10', '--format', 'csv']).stderr).not.toContain("the scheme's period");
    expect(kpi(['validate', ACME, '--period', '2026-Q4']).stdout).toContain(
      "examples/acme/scheme.yaml:6:9  KPI2709 warning (SMART: time-bound): the scheme's period is a month (2026-11) but 2026-Q4 is a quarter",
    );
  });

  it('summarises the data issues on stderr with where to see them all', () => {
    const r = kpi(['score', ACME]);
    expect(r.stderr).toContain('2 data issues (2 rows skipped):');
    expect(r.stderr).toContain('data/sales.csv, row 1315, column "Sales Rep ID": KPI2201 rep id "R130" is not in the roster');
    expect(r.stderr).toContain('data/sales.csv, row 1379, column "Amount": KPI2107 "12,4O0.00"');
  });

  it('lists the rep with no data (score 0) instead of dropping it', () => {
    const r = kpi(['score', ACME, '--format', 'json']);
    const json = JSON.parse(r.stdout);
    expect(json.reps).toHaveLength(24);
    const r114 = json.reps.find((x: { id: string }) => x.id === 'R114');
    expect(r114.hasData).toBe(false);
    expect(r114.totalScore).toBe(0);
  });

  it('writes the report and scorecards, byte-identical on a second run', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kpi-e2e-'));
    const run = (sub: string) => {
      const r = kpi(['score', path.join(ROOT, ACME), '--xlsx', `${sub}-report.xlsx`, '--scorecards', `${sub}-cards`], { cwd: dir });
      expectNoStack(r);
      expect(r.code).toBe(3);
      expect(r.stderr).toContain(`wrote report: ${sub}-report.xlsx (marked NOT FINAL)`);
      expect(r.stderr).toContain(`wrote scorecards: 24 in ${sub}-cards (marked NOT FINAL)`);
    };
    run('a');
    run('b');
    const bytes = (p: string) => readFileSync(path.join(dir, p));
    expect(bytes('a-report.xlsx').equals(bytes('b-report.xlsx'))).toBe(true);
    const cards = readdirSync(path.join(dir, 'a-cards')).sort();
    expect(cards).toHaveLength(25); // 24 cards and kpi's manifest of them, byte-identical too
    for (const c of cards) expect(bytes(`a-cards/${c}`).equals(bytes(`b-cards/${c}`)), c).toBe(true);
  });

  it('scores the Chinese example (GB18030 data, Chinese headers)', () => {
    const r = kpi(['score', 'examples/china/scheme.yaml', '--format', 'csv']);
    expectNoStack(r);
    expect(r.code).toBe(0);
    // deal_cycle is computed and shown, but weighted for no one: a scheme warning, not a data issue.
    // In the scheme's language (locale: zh-CN), with its code.
    expect(r.stderr).toMatch(
      /^examples\/china\/scheme\.yaml:\d+:3 {2}KPI1301 警告：“deal_cycle”不计入任何人的应发：2 个岗位（key_account, sales_rep）——销售实际所属的岗位——都没有给它权重，也没有任何方案的门槛、提成、计酬项（提成、SPIFF、达标奖、回款提成）、奖金系数依据或加权指标用到它；仅作展示\n$/,
    );
    expect(kpi(['score', 'examples/china/scheme.yaml', '--format', 'csv', '--lang', 'en']).stderr).toMatch(
      /KPI1301 warning: "deal_cycle" counts for nobody's pay: it has no weight in any of the roles key_account, sales_rep \(the roles reps have\), and no gate/,
    );
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(15);
  });
});

describe('kpi validate', () => {
  it('passes both examples with data (exit 0)', () => {
    const acme = kpi(['validate', ACME]);
    expect(acme.code).toBe(0);
    expect(acme.stdout).toContain('examples/acme/scheme.yaml: valid (5 warnings)');
    expect(acme.stdout).toContain('examples/acme/data/sales.csv:1379  KPI2107 warning: column "Amount", value "12,4O0.00"');
    expect(kpi(['validate', 'examples/china/scheme.yaml']).stdout).toMatch(
      /“deal_cycle”不计入任何人的应发[^\n]*\nexamples\/china\/scheme\.yaml：有效（1 个警告）\n$/,
    );
  });

  it('reports errors as file:line:col with exit 1, and as JSON', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kpi-e2e-'));
    const text = readFileSync(path.join(ROOT, ACME), 'utf8').replace('revenue: 40, win_rate: 15', 'revenue: 45, win_rate: 15');
    writeFileSync(path.join(dir, 'scheme.yaml'), text);
    const r = kpi(['validate', 'scheme.yaml', '--no-data'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('scheme.yaml:201:3  KPI5323 weights of role account_executive add up to 105, not 100');
    const j = kpi(['validate', 'scheme.yaml', '--no-data', '--format', 'json'], { cwd: dir });
    const parsed = JSON.parse(j.stdout);
    expect(parsed).toMatchObject({ format: 'kpi-validate/1', valid: false, errors: 1 });
    expect(parsed.diagnostics[0]).toMatchObject({ severity: 'error', line: 201, col: 3, code: 'KPI5323', hint: 'Make the weights of the role add up to 100.' });
    // In Chinese: the same code and place, the words in the run's language (validate text and JSON, score's stderr).
    const zh = kpi(['validate', 'scheme.yaml', '--no-data', '--lang', 'zh-CN'], { cwd: dir });
    expect(zh.stdout).toContain('scheme.yaml:201:3  KPI5323 岗位 account_executive 的权重合计为 105，不是 100');
    const zhJson = JSON.parse(kpi(['validate', 'scheme.yaml', '--no-data', '--format', 'json', '--lang', 'zh-CN'], { cwd: dir }).stdout);
    expect(zhJson.diagnostics[0]).toMatchObject({
      code: 'KPI5323',
      message: '岗位 account_executive 的权重合计为 105，不是 100',
      hint: '让该岗位的权重合计为 100。',
    });
    const score = kpi(['score', 'scheme.yaml', '--lang', 'zh-CN'], { cwd: dir });
    expect(score.code).toBe(1);
    expect(score.stderr).toContain('scheme.yaml:201:3  KPI5323 岗位 account_executive 的权重合计为 105，不是 100');
  });

  it('a missing data file is an error naming it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kpi-e2e-'));
    writeFileSync(path.join(dir, 'scheme.yaml'), readFileSync(path.join(ROOT, ACME), 'utf8'));
    const r = kpi(['validate', 'scheme.yaml'], { cwd: dir });
    expectNoStack(r);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain('data/sales.csv');
  });
});

describe('usage', () => {
  it('every command has --help with an example', () => {
    for (const cmd of ['init', 'validate', 'score', 'explain', '']) {
      const r = kpi(cmd ? [cmd, '--help'] : ['--help']);
      expect(r.code, cmd).toBe(0);
      expect(r.stdout, cmd).toContain('Example');
    }
  });

  it('an unknown option or a bad period is a usage error (exit 2)', () => {
    expect(kpi(['score', ACME, '--bogus']).code).toBe(2);
    const bad = kpi(['score', ACME, '--period', '2026-13']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('period "2026-13"');
    expect(kpi(['validate']).code).toBe(2);
  });

  it("a bad period is said in the run's language (a scheme with locale: zh-CN, or --lang)", () => {
    const china = 'examples/china/scheme.yaml';
    const use = '请写 2026-11（月）、2026-Q4（季度）、2026-11-YTD（年初至今）或 2026（年）';
    expect(kpi(['score', china, '--period', 'x']).stderr).toBe(`kpi score: 期间“x”：不是期间；${use}\n`);
    expect(kpi(['explain', china, 'XS007', '--period', '2026-13']).stderr).toBe(`kpi explain: 期间“2026-13”：不是有效的月份；${use}\n`);
    expect(kpi(['targets', china, '--for', 'x']).stderr).toBe(`kpi targets: --for“x”：不是期间；${use}\n`);
    expect(kpi(['backtest', china, '--from', '0999']).stderr).toBe(`kpi backtest: --from“0999”：年份超出 1900–9999 的范围；${use}\n`);
    expect(kpi(['backtest', china, '--from', '2026-08', '--to', '2026-Q4']).stderr).toBe(
      'kpi backtest: --from 2026-08 是月，而 --to 2026-Q4 是季度：请给出同一类型的两个期间\n',
    );
    expect(kpi(['validate', china, '--period', 'x']).stderr).toContain(`期间“x”：不是期间；${use}`);
    expect(kpi(['targets', ACME, '--for', 'x', '--lang', 'zh']).stderr).toBe(`kpi targets: --for“x”：不是期间；${use}\n`);
    expect(kpi(['targets', ACME, '--for', 'x']).stderr).toBe(
      'kpi targets: --for "x": not a period; use 2026-11 (month), 2026-Q4 (quarter), 2026-11-YTD (year to date) or 2026 (year)\n',
    );
  });

  it('a scheme that does not exist is exit 1 with a message', () => {
    const r = kpi(['score', 'nope.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('nope.yaml  KPI5001 cannot read scheme: no such file');
  });
});

describe('kpi init and kpi explain', () => {
  it('init writes an example that scores at once', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kpi-e2e-'));
    const r = kpi(['init', 'mine'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(existsSync(path.join(dir, 'mine/scheme.yaml'))).toBe(true);
    const s = kpi(['score', 'mine/scheme.yaml', '--format', 'csv'], { cwd: dir });
    expect(s.code).toBe(3);
    expect(s.stdout).toBe(kpi(['score', ACME, '--format', 'csv']).stdout);
    expect(kpi(['init', 'mine'], { cwd: dir }).code).toBe(1);
  });

  it('init --lang zh writes the Chinese example, says so in Chinese, and it scores as examples/china does', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kpi-e2e-'));
    const r = kpi(['init', '--lang', 'zh', '示例'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('已将示例方案和样例数据写入 示例/');
    expect(readFileSync(path.join(dir, '示例/scheme.yaml'), 'utf8')).toContain('locale: zh-CN');
    const s = kpi(['score', '示例/scheme.yaml', '--format', 'md'], { cwd: dir });
    expect(s.stdout).toBe(kpi(['score', 'examples/china/scheme.yaml', '--format', 'md']).stdout);
    expect(s.stdout).toContain('| # | 销售 | 工号 | 团队 |');
    expect(kpi(['init', '--lang', 'zh', '示例'], { cwd: dir }).stderr).toContain('已存在且不为空');
  });

  it('explain prints the steps behind a figure', () => {
    const r = kpi(['explain', ACME, 'R110', 'revenue']);
    expectNoStack(r);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/^NOT FINAL: 2 data issues \(2 rows skipped\)/);
    expect(r.stdout).toContain('Jamal Carter (R110)');
    expect(r.stdout).toContain('filter: stage = Won AND amount > 0');
    const unknown = kpi(['explain', ACME, 'R999']);
    expect(unknown.code).toBe(2);
  });

  it("explain: a misspelt rep or metric gets a hint in the run's language", () => {
    const china = 'examples/china/scheme.yaml';
    expect(kpi(['explain', china, 'XS0O7']).stderr).toContain('kpi explain: 花名册中没有销售“XS0O7”（是否应为“XS007”？）\n');
    expect(kpi(['explain', china, 'XS007', 'revnue']).stderr).toContain('kpi explain: 没有指标“revnue”（是否应为“revenue”？）\n');
    expect(kpi(['explain', china, 'XS007', 'revnue', '--lang', 'en']).stderr).toContain('(did you mean "revenue"?)\n');
  });
});

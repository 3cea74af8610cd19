// `kpi init --from` on the built CLI: a draft from each shipped example's data files (and from workbooks of
// real writers) that `kpi validate` accepts (warnings allowed) and `kpi score` runs; never over a scheme.
import { cpSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { kpi as run, expectNoStack, ROOT, type Ran } from './run.js';
import { goldenIn } from './golden.js';

const expectGolden = goldenIn('init-from');

/** A locale that names no language (as in a container): the language comes from --lang or the headers. */
const NO_LOCALE = { LC_ALL: '', LC_MESSAGES: '', LANG: 'C.UTF-8' };
const kpi = (args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Ran => run(args, { ...opts, env: { ...NO_LOCALE, ...opts.env } });

/** A folder holding a copy of `files` (paths from the project root) under data/. */
function workspace(files: string[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kpi-init-from-'));
  mkdirSync(path.join(dir, 'data'));
  for (const f of files) cpSync(path.join(ROOT, f), path.join(dir, 'data', path.basename(f)));
  return dir;
}

const fromArgs = (files: string[]): string[] => files.flatMap((f) => ['--from', `data/${path.basename(f)}`]);

/** `issues`: the data has rows score reports (a typo, a rep outside the roster), so the run is NOT FINAL (exit 3). */
function draftValidateScore(files: string[], issues = false): { dir: string; scheme: string; stdout: string } {
  const dir = workspace(files);
  const init = kpi(['init', ...fromArgs(files)], { cwd: dir });
  expectNoStack(init);
  expect(init.stderr).toBe('');
  expect(init.code).toBe(0);
  const validate = kpi(['validate', 'scheme.yaml'], { cwd: dir });
  expect(validate.stdout).toMatch(/scheme\.yaml(: valid|：有效)/); // a Chinese draft (locale: zh-CN) validates in Chinese
  // The draft's own parts raise no warning (a cap above every tier did); the data's SMART findings are for the user.
  expect(validate.stdout).not.toMatch(/can never be reached/);
  expect(validate.code).toBe(0);
  const score = kpi(['score', 'scheme.yaml', '--format', 'csv'], { cwd: dir });
  expectNoStack(score);
  expect(score.code).toBe(issues ? 3 : 0);
  expect(score.stdout.split('\n').length).toBeGreaterThan(2);
  if (issues) expect(score.stderr).toMatch(/NOT FINAL|非最终结果/);
  return { dir, scheme: readFileSync(path.join(dir, 'scheme.yaml'), 'utf8'), stdout: init.stdout };
}

const example = (name: string): string[] => readdirSync(path.join(ROOT, 'examples', name, 'data')).map((f) => `examples/${name}/data/${f}`);

describe('kpi init --from drafts a scheme that validates and scores', () => {
  it('from every data file of the Acme example (sales, collections, customers, roster, targets, deductions, CSAT)', () => {
    const { scheme, stdout } = draftValidateScore(example('acme'), true);
    expect(stdout).toBe(
      'Wrote a draft scheme to scheme.yaml: 4 sources, 4 metrics.\n\nCheck every line marked TODO, then:\n  kpi validate scheme.yaml\n  kpi score scheme.yaml\n',
    );
    expect(scheme).toContain('status: Stage                             # values: Lost (1092), Won (368), Open (45)');
    expect(scheme).toContain('  account_executive: { revenue: 40, won_deals: 20, win_rate: 20, collection_rate: 20 }');
    expectGolden('acme.yaml', scheme);
  });

  it('from the China example (Chinese headers, a GB18030 file, ¥ amounts): a Chinese draft', () => {
    const { scheme } = draftValidateScore(example('china'));
    expect(scheme).toContain('locale: zh-CN');
    expect(scheme).toContain('currency: CNY');
    expect(scheme).toContain('filter: { status: 已成交 }');
    expect(scheme).toContain('denominator: { source: sales, aggregate: count, filter: { status: [已成交, 已丢单] } }');
    expectGolden('china.yaml', scheme);
  });

  it("follows the locale: --lang, else LC_ALL, LC_MESSAGES or LANG, else the headers' language", () => {
    const files = ['examples/china/data/sales.csv'];
    const draft = (args: string[], env: Record<string, string> = {}): { stdout: string; scheme: string } => {
      const dir = workspace(files);
      const r = kpi(['init', ...fromArgs(files), ...args], { cwd: dir, env });
      expect(r.code).toBe(0);
      return { stdout: r.stdout, scheme: readFileSync(path.join(dir, 'scheme.yaml'), 'utf8') };
    };
    const english = draft([], { LANG: 'en_US.UTF-8' });
    expect(english.stdout).toMatch(/^Wrote a draft scheme/);
    expect(english.scheme).toContain('# TODO: your tiers');
    // The report's conventions still follow the data: Chinese headers, A4 and Chinese dates.
    expect(english.scheme).toContain('locale: zh-CN');
    expect(draft([]).stdout).toMatch(/^已将方案草稿写入/);
    expect(draft([], { LC_ALL: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' }).stdout).toMatch(/^已将方案草稿写入/);
    expect(draft(['--lang', 'zh'], { LANG: 'en_US.UTF-8' }).stdout).toMatch(/^已将方案草稿写入/);
  });

  it('from the sales file alone: a roster drafted from the rep ids, names from the rep-name column, teams from the region', () => {
    const { scheme } = draftValidateScore(['examples/china/data/sales.csv']);
    expect(scheme).toContain('  - { id: XS001, name: 张伟, team: 华东, role: sales_rep, base_bonus: 0 }');
    expect(scheme).not.toContain('collection_rate');
  });

  for (const book of ['test/fixtures/xlsx/openpyxl.xlsx', 'test/fixtures/xlsx/libreoffice.xlsx', 'test/fixtures/peek/exceljs.xlsx']) {
    it(`from a workbook: ${path.basename(book)}`, () => {
      const { scheme } = draftValidateScore([book], true);
      expect(scheme).toMatch(/\n {4}sheet: /);
    });
  }
});

describe('kpi init --from on an ERP order export', () => {
  it('orders with what was collected on each (订单 with 回款金额) are sales: revenue, won orders and a collection rate from the one file', () => {
    const dir = workspace([]);
    const rows = [
      ['SO001', 'E001', '已完成', '¥10,000.00', '2026/11/3 10:05', '10000'],
      ['SO002', 'E001', '已完成', '¥6,000.00', '2026/11/4 09:00', '3000'],
      ['SO003', 'E001', '已取消', '¥9,000.00', '2026/11/5 11:30', '0'],
      ['SO004', 'E002', '已完成', '¥8,000.00', '2026/11/6 15:00', '2000'],
      ['SO005', 'E002', '待付款', '¥5,000.00', '2026/11/7 16:45', '0'],
    ];
    const text = `订单号,业务员编号,订单状态,订单金额,下单时间,回款金额\n${rows.map((r) => r.map((v) => (v.includes(',') ? `"${v}"` : v)).join(',')).join('\n')}\n`;
    writeFileSync(path.join(dir, 'data', '订单.csv'), `\ufeff${text}`);
    const init = kpi(['init', '--from', 'data/订单.csv'], { cwd: dir });
    expect(init.code).toBe(0);
    const scheme = readFileSync(path.join(dir, 'scheme.yaml'), 'utf8');
    expect(scheme).toContain('  sales:\n');
    expect(scheme).not.toContain('  collections:\n');
    expect(scheme).toContain('    numerator: { source: sales, aggregate: sum, column: collected, filter: { status: 已完成 } }');
    expect(scheme).toContain('    denominator: { source: sales, aggregate: sum, column: amount, filter: { status: 已完成 } }');
    expect(kpi(['validate', 'scheme.yaml'], { cwd: dir }).code).toBe(0);
    const score = kpi(['score', 'scheme.yaml', '--format', 'json'], { cwd: dir });
    expect(score.code).toBe(0);
    const metric = (rep: string, name: string): { actual: number } =>
      JSON.parse(score.stdout)
        .reps.find((r: { id: string }) => r.id === rep)
        .metrics.find((m: { metric: string }) => m.metric === name);
    expect(metric('E001', 'revenue').actual).toBe(16000);
    expect(metric('E001', 'won_deals').actual).toBe(2);
    expect(metric('E001', 'collection_rate').actual).toBe(0.8125);
    expect(metric('E002', 'collection_rate').actual).toBe(0.25);
  });
});

describe('kpi init --from and a totals row (red team 34)', () => {
  it('合计 / Total / 华东小计 in the rep column are not drafted as reps: score reports their rows instead of crediting them', () => {
    const dir = workspace([]);
    const text = [
      '业务员,状态,金额,日期',
      'E001,已成交,100,2026-11-03',
      'E002,已成交,300,2026-11-04',
      '华东小计,已成交,400,2026-11-04',
      '合计,已成交,400,2026-11-30',
    ].join('\n');
    writeFileSync(path.join(dir, 'data', 'sales.csv'), `${text}\n`);
    const init = kpi(['init', '--from', 'data/sales.csv'], { cwd: dir });
    expect(init.code).toBe(0);
    const scheme = readFileSync(path.join(dir, 'scheme.yaml'), 'utf8');
    expect(scheme).toContain('  - { id: E001,');
    expect(scheme).not.toMatch(/id: (合计|华东小计)/);
    // the drafted average is of the two reps (200 a month), not pulled down or up by the totals rows
    expect(scheme).toMatch(/target: 200 +# TODO/);
    const score = kpi(['score', 'scheme.yaml', '--format', 'json'], { cwd: dir });
    expect(score.code).toBe(3);
    expect(score.stderr).toContain('KPI2201 工号“合计”不在花名册中');
  });
});

describe('kpi init --from and amounts in 万元 (red team)', () => {
  it('drafts the header unit as the column scale with a TODO: the amounts and the drafted targets in yuan, a final run', () => {
    const dir = workspace([]);
    const text = ['业务员,状态,金额(万元),日期', 'E001,已成交,1.2345,2026-11-03', 'E002,已成交,0.5,2026-11-04'].join('\n');
    writeFileSync(path.join(dir, 'data', 'sales.csv'), `${text}\n`);
    expect(kpi(['init', '--from', 'data/sales.csv'], { cwd: dir }).code).toBe(0);
    const scheme = readFileSync(path.join(dir, 'scheme.yaml'), 'utf8');
    expect(scheme).toMatch(/\{ header: "?金额\(万元\)"?, type: money, scale: 10000 \} +# TODO：列名表明金额以 万元 为单位/);
    const score = kpi(['score', 'scheme.yaml', '--format', 'json'], { cwd: dir });
    expect(score.stderr).not.toContain('KPI2166');
    const reps = (JSON.parse(score.stdout) as { reps: { id: string; metrics: { actual: number }[] }[] }).reps;
    expect(Object.fromEntries(reps.map((r) => [r.id, r.metrics[0]!.actual]))).toEqual({ E001: 12345, E002: 5000 });
  });

  it('the roster, targets and deductions files in 万元 too: their amounts drafted with the scale, no KPI2166 on every run', () => {
    const dir = workspace([]);
    const files: Record<string, string[]> = {
      'sales.csv': ['业务员,状态,金额(万元),日期', 'E001,已成交,1.2345,2026-11-03', 'E002,已成交,0.5,2026-11-04'],
      'roster.csv': ['工号,姓名,团队,岗位,目标奖金(万元)', 'E001,张三,华东,销售,1.2', 'E002,李四,华东,销售,0.8'],
      'targets.csv': ['工号,指标,期间,目标(万元)', 'E001,revenue,2026-11,2', 'E002,revenue,2026-11,0.5'],
      'penalties.csv': ['工号,日期,扣分,扣款金额(万元),原因', 'E002,2026-11-12,,0.05,迟交'],
    };
    for (const [f, lines] of Object.entries(files)) writeFileSync(path.join(dir, 'data', f), `${lines.join('\n')}\n`);
    expect(kpi(['init', ...Object.keys(files).flatMap((f) => ['--from', `data/${f}`])], { cwd: dir }).code).toBe(0);
    const scheme = readFileSync(path.join(dir, 'scheme.yaml'), 'utf8');
    expect(scheme).toMatch(/base_bonus: \{ header: "?目标奖金\(万元\)"?, scale: 10000 \} +# TODO：列名表明金额以 万元 为单位/);
    expect(scheme).toMatch(/target: \{ header: "?目标\(万元\)"?, scale: 10000 \} +# TODO：列名表明目标以 万元 为单位.*只应有金额类指标/);
    expect(scheme).toMatch(/amount: \{ header: "?扣款金额\(万元\)"?, scale: 10000 \} +# TODO：列名表明金额以 万元 为单位/);
    const score = kpi(['score', 'scheme.yaml', '--format', 'json'], { cwd: dir });
    expect(score.stderr).toBe('');
    expect(score.code).toBe(0);
    type Rep = { id: string; baseBonus: number; deductions: number; metrics: { actual: number; target: number }[] };
    const reps = (JSON.parse(score.stdout) as { reps: Rep[] }).reps;
    expect(Object.fromEntries(reps.map((r) => [r.id, [r.baseBonus, r.deductions, r.metrics[0]!.actual, r.metrics[0]!.target]]))).toEqual({
      E001: [12000, 0, 12345, 20000],
      E002: [8000, 500, 5000, 5000],
    });
  });
});

describe('kpi init --from and workbook cells only shown in 万 (red team U1)', () => {
  it('cells formatted 0!.0000"万" under 金额(万元) hold yuan: drafted scale: 1, not 10000, and the run pays the yuan', async () => {
    const dir = workspace([]);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('销售');
    ws.addRow(['业务员', '状态', '金额(万元)', '日期']);
    for (const [rep, amount, day] of [
      ['E001', 123456, '2026-11-03'],
      ['E002', 50000, '2026-11-04'],
    ] as const) {
      ws.addRow([rep, '已成交', amount, day]).getCell(3).numFmt = '0!.0000"万"';
    }
    await wb.xlsx.writeFile(path.join(dir, 'data', 'sales.xlsx'));
    expect(kpi(['init', '--from', 'data/sales.xlsx'], { cwd: dir }).code).toBe(0);
    const scheme = readFileSync(path.join(dir, 'scheme.yaml'), 'utf8');
    expect(scheme).toMatch(/\{ header: "?金额\(万元\)"?, type: money, scale: 1 \} +# 列名写的是 万元，但有 2 个单元格的数字格式只是把金额显示成 万元/);
    const score = kpi(['score', 'scheme.yaml', '--format', 'json'], { cwd: dir });
    expect(score.stderr).not.toMatch(/KPI21(66|70|71)/);
    const reps = (JSON.parse(score.stdout) as { reps: { id: string; metrics: { actual: number }[] }[] }).reps;
    expect(Object.fromEntries(reps.map((r) => [r.id, r.metrics[0]!.actual]))).toEqual({ E001: 123456, E002: 50000 });
  });
});

describe('kpi init --from declares what score needs to read the file', () => {
  it('a UTF-16 tab-separated export with decimal commas and day-first dates', () => {
    const dir = workspace([]);
    const text = 'Rep\tAmount\tDate\tStage\nR1\t1.234,50\t02/11/2026\tWon\nR2\t12,5\t13/11/2026\tLost\nR1\t7,25\t28/10/2026\tWon\n';
    writeFileSync(path.join(dir, 'data', 'export.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const init = kpi(['init', '--from', 'data/export.txt'], { cwd: dir });
    expect(init.code).toBe(0);
    const scheme = readFileSync(path.join(dir, 'scheme.yaml'), 'utf8');
    expect(scheme).toContain('    date_order: dmy');
    expect(scheme).toContain('    decimal: ","');
    expect(scheme).toContain('period: 2026-11');
    expect(kpi(['validate', 'scheme.yaml'], { cwd: dir }).code).toBe(0);
    const score = kpi(['score', 'scheme.yaml', '--format', 'json'], { cwd: dir });
    expect(score.code).toBe(0);
    const r1 = JSON.parse(score.stdout).reps.find((r: { id: string }) => r.id === 'R1');
    expect(r1.metrics.find((m: { metric: string }) => m.metric === 'revenue').actual).toBe(1234.5);
  });
});

describe('kpi init --from never replaces a scheme', () => {
  it('refuses with exit 2 when scheme.yaml exists; --force replaces it', () => {
    const files = ['examples/acme/data/sales.csv'];
    const dir = workspace(files);
    writeFileSync(path.join(dir, 'scheme.yaml'), 'mine\n');
    const r = kpi(['init', ...fromArgs(files)], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('kpi init: scheme.yaml already exists; choose another folder, or add --force to replace it\n');
    expect(readFileSync(path.join(dir, 'scheme.yaml'), 'utf8')).toBe('mine\n');
    const forced = kpi(['init', ...fromArgs(files), '--force'], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(readFileSync(path.join(dir, 'scheme.yaml'), 'utf8')).toContain('version: 1');
  });

  it('writes into a new folder, with paths relative to it', () => {
    const dir = workspace(['examples/acme/data/sales.csv']);
    const r = kpi(['init', '--from', 'data/sales.csv', 'plan/2026'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(dir, 'plan/2026/scheme.yaml'), 'utf8')).toContain('    file: ../../data/sales.csv\n');
    expect(kpi(['validate', 'plan/2026/scheme.yaml'], { cwd: dir }).code).toBe(0);
  });

  it('--force and --lang need --from; a file with no rep column is refused in words', () => {
    expect(kpi(['init', 'x', '--force']).code).toBe(2);
    const dir = workspace([]);
    writeFileSync(path.join(dir, 'data', 'list.csv'), 'Colour,Count\nred,1\n');
    const r = kpi(['init', '--from', 'data/list.csv'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no file has a column kpi recognises as the rep');
  });
});

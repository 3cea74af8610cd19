// Every command run in Chinese on examples/china, and on a few broken inputs (a bad option, a bad period, a
// missing file, a scheme with an error, YAML that cannot be read, an output that cannot be written): stdout and
// stderr hold no English word but the user's own (ids, metric, source, column and role names of the scheme), file
// names, codes and numbers.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScheme } from '../../src/commands/pipeline.js';
import { englishWords } from './english-words.js';
import { kpi, ROOT } from './run.js';

const ZH = { LANG: 'zh_CN.UTF-8' };
const tmp = mkdtempSync(path.join(tmpdir(), 'kpi-zh-sweep-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const china = path.join(tmp, 'china');
cpSync(path.join(ROOT, 'examples/china'), china, { recursive: true });
const scheme = path.join(china, 'scheme.yaml');
const text = readFileSync(scheme, 'utf8');
// The same scheme with a higher revenue target (kpi diff) and with a weight that does not add up (an error).
writeFileSync(path.join(china, 'higher.yaml'), text.replace('target: { default: 300000,', 'target: { default: 330000,'));
const broken = text.replace(/^(\s+revenue: )50\b/m, '$160');
writeFileSync(path.join(china, 'broken.yaml'), broken);
// YAML that cannot be read: a tab indent, a quote never closed, a list never closed (KPI5011), a key twice (KPI5012).
writeFileSync(path.join(china, 'tab.yaml'), text.replace(/^sources:\n {2}/m, 'sources:\n\t'));
writeFileSync(path.join(china, 'quote.yaml'), text.replace(/^name: (.*)$/m, 'name: "$1'));
writeFileSync(path.join(china, 'list.yaml'), text.replace(/^name: (.*)$/m, 'name: [$1'));
writeFileSync(path.join(china, 'twice.yaml'), text.replace(/^name: (.*)$/m, 'name: $1\nname: $1'));
// A folder holding a file kpi did not write, given as the scorecard folder.
mkdirSync(path.join(tmp, '旧卡'));
writeFileSync(path.join(tmp, '旧卡', '笔记.txt'), '我的');

/** The words of the scheme the user wrote: names of metrics, sources, columns, roles, reps, tiers. */
async function usersWords(): Promise<string[]> {
  const m = (await loadScheme(scheme)).model!;
  const words = new Set<string>(['SPIFF']);
  for (const x of m.metrics) words.add(x.name);
  for (const s of m.sources) {
    words.add(s.name);
    for (const c of s.columns) words.add(c.name).add(c.header);
  }
  for (const role of m.weights.keys()) words.add(role);
  for (const d of text.matchAll(/^\s+(\w+_days):/gm)) words.add(d[1]!); // derived columns (cycle_days)
  for (const id of readFileSync(path.join(china, 'data/reps.csv'), 'utf8').matchAll(/\bXS\d{3}\b/g)) words.add(id[0]);
  return [...words].filter((w) => /[A-Za-z]/.test(w));
}

const RUNS: string[][] = [
  ['score', scheme],
  ['score', scheme, '--format', 'md'],
  ['validate', scheme],
  ['explain', scheme, 'XS007'],
  ['explain', scheme, 'XS0O7'],
  ['peek', path.join(china, 'data/sales.csv')],
  ['backtest', scheme, '--from', '2026-08'],
  ['targets', scheme, '--for', '2026-12'],
  ['diff', scheme, path.join(china, 'higher.yaml')],
  ['score', scheme, '--xlsx', path.join(tmp, 'report.xlsx')],
  ['verify', path.join(tmp, 'report.xlsx')],
  ['init', path.join(tmp, '示例'), '--lang', 'zh'],
  // Broken inputs
  ['score', scheme, '--bogus'],
  ['score', scheme, '--period', 'x'],
  ['score', scheme, '--period', '2027-05'],
  ['score', path.join(tmp, 'missing.yaml')],
  ['score', path.join(china, 'broken.yaml')],
  ['validate', path.join(china, 'broken.yaml')],
  ['peek', path.join(tmp, 'missing.csv')],
  ['targets', scheme, '--for', 'x'],
  ['backtest', scheme],
];

/** Broken inputs with the code each must show (so a run that stopped for another reason cannot pass unseen). */
const CODED: (readonly [string[], string])[] = [
  // YAML that cannot be read
  [['validate', path.join(china, 'tab.yaml')], 'KPI5011'],
  [['score', path.join(china, 'quote.yaml')], 'KPI5011'],
  [['validate', path.join(china, 'list.yaml')], 'KPI5011'],
  [['validate', path.join(china, 'twice.yaml')], 'KPI5012'],
  // Outputs that cannot be written
  [['score', scheme, '--xlsx', path.join(tmp, '没有', '报表.xlsx')], 'KPI3012'],
  [['score', scheme, '--xlsx', path.join(china, 'data/sales.csv')], 'KPI3005'],
  [['score', scheme, '--xlsx', tmp + path.sep], 'KPI3001'],
  [['score', scheme, '--scorecards', path.join(tmp, '旧卡')], 'KPI3004'],
  [['score', scheme, '--scorecards', path.join(china, 'scheme.yaml', '评分卡')], 'KPI3032'],
  [['targets', scheme, '--for', '2026-12', '--out', scheme], 'KPI3005'],
  [['init', path.join(china, 'scheme.yaml', '示例'), '--lang', 'zh'], 'KPI3032'],
];
RUNS.push(...CODED.map(([args]) => args));

describe("a Chinese run shows no English but the user's own words", async () => {
  const users = await usersWords();
  it.each(RUNS.map((r) => [r.map((a) => a.replace(tmp, '…')).join(' '), r] as const))('kpi %s', (_name, args) => {
    const r = kpi(args, { env: ZH, cwd: tmp });
    const out = (r.stdout + r.stderr).split(tmp).join(' ');
    expect(out.trim()).not.toBe('');
    const left = out.split('\n').flatMap((line) => englishWords(line, users).map((w) => `${w} ← ${line.slice(0, 140)}`));
    expect(left).toEqual([]);
    const code = CODED.find(([a]) => a === args)?.[1];
    if (code) expect(out).toContain(code);
  });
});

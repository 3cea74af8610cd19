// Output conventions by locale, end to end: the CSV byte-order mark Excel needs for Chinese text, --lang, paper
// size of the report.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectNoStack, kpi } from './run.js';
import { entryText, readZip } from '../../src/output/zip.js';

const CHINA = 'examples/china/scheme.yaml';
const ACME = 'examples/acme/scheme.yaml';
const BOM = '\uFEFF';
const dir = mkdtempSync(path.join(tmpdir(), 'kpi-e2e-outputs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('--format csv for Excel', () => {
  it('starts with a UTF-8 byte-order mark for a zh-CN scheme, and not for en-US', () => {
    const zh = kpi(['score', CHINA, '--format', 'csv']);
    expectNoStack(zh);
    expect(zh.code).toBe(0);
    expect(zh.stdout.startsWith(`${BOM}rank,rep_id,`)).toBe(true);
    expect(kpi(['score', ACME, '--format', 'csv']).stdout.startsWith('rank,rep_id,')).toBe(true);
  });

  it('--bom and --no-bom choose; --lang changes the default', () => {
    expect(kpi(['score', CHINA, '--format', 'csv', '--no-bom']).stdout.startsWith('rank,')).toBe(true);
    expect(kpi(['score', ACME, '--format', 'csv', '--bom']).stdout.startsWith(`${BOM}rank,`)).toBe(true);
    expect(kpi(['score', ACME, '--format', 'csv', '--lang', 'zh']).stdout.startsWith(`${BOM}rank,`)).toBe(true);
    expect(kpi(['score', CHINA, '--format', 'csv', '--lang', 'en-US']).stdout.startsWith('rank,')).toBe(true);
  });

  it('a --lang it does not know is a usage error', () => {
    const r = kpi(['score', ACME, '--lang', 'fr']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("argument 'fr' is invalid. expected en-US or zh-CN");
  });
});

describe('paper size', () => {
  const paperSizes = (file: string) =>
    readZip(readFileSync(file))
      .filter((e) => /^xl\/worksheets\/sheet\d+\.xml$/.test(e.name))
      .map((e) => /<pageSetup [^>]*paperSize="(\d+)"/.exec(entryText(e))?.[1]);

  it('A4 (9) for zh-CN, Letter (1) for en-US, on every sheet of the report and the scorecards', () => {
    const zh = path.join(dir, 'zh.xlsx');
    expect(kpi(['score', CHINA, '--xlsx', zh, '--scorecards', path.join(dir, 'zh-cards')]).code).toBe(0);
    expect(new Set(paperSizes(zh))).toEqual(new Set(['9']));
    expect(paperSizes(path.join(dir, 'zh-cards', 'XS001-张伟.xlsx'))).toEqual(['9']);
    const en = path.join(dir, 'en.xlsx');
    expect(kpi(['score', CHINA, '--lang', 'en', '--xlsx', en]).code).toBe(0);
    expect(new Set(paperSizes(en))).toEqual(new Set(['1']));
  });
});

// Headless LibreOffice for tests: convert a workbook to .xlsx after a FULL recalculation on load.
// LibreOffice ignores fullCalcOnLoad unless its profile says "always recalculate" (OOXMLRecalcMode = 0).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Workbook } from '../../src/output/excel.js';

export function sofficePath(): string | null {
  const r = spawnSync('sh', ['-c', 'command -v soffice || command -v libreoffice'], { encoding: 'utf8' });
  const p = r.stdout.trim();
  return r.status === 0 && p ? p : null;
}

const XCU = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** Returns the bytes of `input` as LibreOffice saves it after recalculating every formula. */
export function recalcWithLibreOffice(soffice: string, input: Uint8Array): Buffer {
  const dir = mkdtempSync(path.join(tmpdir(), 'kpi-lo-'));
  const profile = path.join(dir, 'profile');
  mkdirSync(path.join(profile, 'user'), { recursive: true });
  writeFileSync(path.join(profile, 'user', 'registrymodifications.xcu'), XCU);
  const src = path.join(dir, 'in.xlsx');
  writeFileSync(src, input);
  const out = path.join(dir, 'out');
  execFileSync(
    soffice,
    [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--norestore', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', out, src],
    { stdio: 'pipe', timeout: 120_000 },
  );
  return readFileSync(path.join(out, 'in.xlsx'));
}

/** Every file printed to PDF by LibreOffice (one process for all), by name. */
export function printWithLibreOffice(soffice: string, files: ReadonlyMap<string, Uint8Array>): Map<string, Buffer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kpi-pdf-'));
  try {
    const profile = path.join(dir, 'profile');
    mkdirSync(path.join(profile, 'user'), { recursive: true });
    const names = [...files.keys()];
    for (const n of names) writeFileSync(path.join(dir, `${n}.xlsx`), files.get(n)!);
    execFileSync(
      soffice,
      [
        `-env:UserInstallation=${pathToFileURL(profile).href}`,
        '--headless',
        '--norestore',
        '--convert-to',
        'pdf',
        '--outdir',
        path.join(dir, 'out'),
        ...names.map((n) => path.join(dir, `${n}.xlsx`)),
      ],
      { stdio: 'pipe', timeout: 300_000 },
    );
    return new Map(names.map((n) => [n, readFileSync(path.join(dir, 'out', `${n}.pdf`))]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface Checked {
  formulas: number;
  mismatches: string[];
}

/** Compare every formula cell's cached result (ours = the CLI's figure) with LibreOffice's recomputed one. */
export function compareFormulas(ours: Workbook, theirs: Workbook): Checked {
  type Cached = { formula?: string; result?: unknown } | null;
  const mismatches: string[] = [];
  let formulas = 0;
  for (const ws of ours.worksheets) {
    const lo = theirs.getWorksheet(ws.name);
    if (!lo) {
      mismatches.push(`sheet ${ws.name} missing`);
      continue;
    }
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value as Cached;
        if (!v || typeof v !== 'object' || !('formula' in v) || !v.formula) return;
        formulas++;
        const mine = v.result ?? 0; // exceljs drops a cached 0 or "" on read-back (#2943)
        // A recomputed formula cell reads back as { formula, result } (result dropped when 0 or ""); anything else as is.
        const back = lo.getCell(cell.address).value as Cached | number | string;
        let got = back !== null && typeof back === 'object' ? (back.result ?? 0) : (back ?? 0);
        if (got === '' && mine === 0) got = 0;
        const isMoney = /#,##0\.|0\\\.0000"万"/.test(String(cell.numFmt ?? ''));
        const ok =
          typeof mine === 'number' && typeof got === 'number'
            ? isMoney
              ? Math.abs(mine - got) < 0.005 && Math.round(mine * 100) === Math.round(got * 100)
              : Math.abs(mine - got) <= 1e-12 * Math.max(1, Math.abs(mine))
            : mine === got;
        if (!ok) mismatches.push(`${ws.name}!${cell.address} ${v.formula}: kpi ${String(mine)}, LibreOffice ${String(got)}`);
      }),
    );
  }
  return { formulas, mismatches };
}

/** Like recalcWithLibreOffice for several workbooks in one LibreOffice start (each start costs seconds). */
export function recalcAllWithLibreOffice(soffice: string, inputs: readonly Uint8Array[]): Buffer[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'kpi-lo-'));
  const profile = path.join(dir, 'profile');
  mkdirSync(path.join(profile, 'user'), { recursive: true });
  writeFileSync(path.join(profile, 'user', 'registrymodifications.xcu'), XCU);
  const names = inputs.map((bytes, i) => {
    const f = path.join(dir, `in${i}.xlsx`);
    writeFileSync(f, bytes);
    return f;
  });
  const out = path.join(dir, 'out');
  execFileSync(
    soffice,
    [
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      '--headless',
      '--norestore',
      '--convert-to',
      'xlsx:Calc MS Excel 2007 XML',
      '--outdir',
      out,
      ...names,
    ],
    { stdio: 'pipe', timeout: 600_000 },
  );
  return inputs.map((_, i) => readFileSync(path.join(out, `in${i}.xlsx`)));
}

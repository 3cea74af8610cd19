// Headless LibreOffice for tests: convert a workbook to .xlsx after a FULL recalculation on load.
// LibreOffice ignores fullCalcOnLoad unless its profile says "always recalculate" (OOXMLRecalcMode = 0).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

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
  execFileSync(soffice, [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--norestore',
    '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', out, src], { stdio: 'pipe', timeout: 120_000 });
  return readFileSync(path.join(out, 'in.xlsx'));
}

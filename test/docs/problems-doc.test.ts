// docs/problems.md lists exactly the problem codes of the message catalogue, each with its hint word for word.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { en } from '../../src/messages/en.js';
import { zh } from '../../src/messages/zh.js';

const doc = readFileSync(new URL('../../docs/problems.md', import.meta.url), 'utf8');
const rows = [...doc.matchAll(/^\| (KPI\d{4}) \| (error|warning|note) \| (.+) \| (.+) \|$/gm)].map((m) => ({ code: m[1]!, fix: m[4]! }));
const codes = Object.keys(en)
  .filter((k) => /^KPI\d{4}$/.test(k))
  .sort();

describe('docs/problems.md', () => {
  it('lists every code of the catalogue, and no other', () => {
    expect(rows.map((r) => r.code).sort()).toEqual(codes);
    // Every listed row has the shape the check reads (a code listed in a malformed row would be missed above).
    expect([...doc.matchAll(/^\| KPI\d{4} \|/gm)].length).toBe(rows.length);
  });

  it('every code has a hint (what to do) in English and Chinese, and the table shows the English one', () => {
    const cat = en as Record<string, string>;
    for (const code of codes) {
      expect(cat[`fix.${code}`], code).toBeTruthy();
      expect((zh() as Record<string, string>)[`fix.${code}`], code).toBeTruthy();
    }
    const differ = rows.filter((r) => r.fix.replace(/`/g, '') !== cat[`fix.${r.code}`]).map((r) => r.code);
    expect(differ).toEqual([]);
  });

  it('a hint takes no values (it is shown as it is)', () => {
    const withValues = Object.entries(en)
      .filter(([k, v]) => k.startsWith('fix.') && /\{/.test(v))
      .map(([k]) => k);
    expect(withValues).toEqual([]);
  });

  it('no hint without a code', () => {
    const orphans = Object.keys(en).filter((k) => k.startsWith('fix.') && !codes.includes(k.slice(4)));
    expect(orphans).toEqual([]);
  });
});

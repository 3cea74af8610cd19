// docs/problems.md lists exactly the problem codes of the message catalogue.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { en } from '../../src/messages/en.js';

describe('docs/problems.md', () => {
  it('lists every code of the catalogue, and no other', () => {
    const doc = readFileSync(new URL('../../docs/problems.md', import.meta.url), 'utf8');
    const listed = [...doc.matchAll(/^\| (KPI\d{4}) \|/gm)].map((m) => m[1]).sort();
    const codes = Object.keys(en).filter((k) => /^KPI\d{4}$/.test(k)).sort();
    expect(listed).toEqual(codes);
  });
});

// The shipped sample data is generated, not hand-edited: each generator must reproduce it byte for byte.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

describe('example generators', () => {
  for (const example of ['acme', 'china']) {
    it(`examples/${example}/generate.mjs reproduces examples/${example}/data`, () => {
      const out = mkdtempSync(path.join(tmpdir(), `kpi-gen-${example}-`));
      execFileSync(process.execPath, [`examples/${example}/generate.mjs`, out], { env: { ...process.env, TZ: 'Pacific/Kiritimati' } });
      const committed = `examples/${example}/data`;
      expect(readdirSync(out).sort()).toEqual(readdirSync(committed).sort());
      for (const f of readdirSync(committed)) {
        expect(readFileSync(path.join(out, f)).equals(readFileSync(path.join(committed, f))), f).toBe(true);
      }
    });
  }
});

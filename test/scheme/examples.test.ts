import { describe, expect, it } from 'vitest';
import { readdirSync, existsSync } from 'node:fs';
import { loadScheme } from '../../src/scheme/load.js';
import { formatDiagnostic } from '../../src/scheme/diagnostics.js';

const examples = readdirSync('examples', { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(`examples/${d.name}/scheme.yaml`))
  .map((d) => `examples/${d.name}/scheme.yaml`);

describe('shipped examples', () => {
  it('there are at least two', () => {
    expect(examples.length).toBeGreaterThanOrEqual(2);
  });
  for (const file of examples) {
    it(`${file} loads with no errors and no warnings`, async () => {
      const r = await loadScheme(file);
      expect(r.diagnostics.map(formatDiagnostic)).toEqual([]);
      expect(r.model).toBeDefined();
    });
  }
});

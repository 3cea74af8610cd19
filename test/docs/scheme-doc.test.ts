// Every YAML example in docs/scheme.md must load: a block starting `# complete scheme` on its own (no error,
// no warning), a block starting `# fragment` merged into the first complete scheme (no error). So the
// reference cannot drift from the loader without this test failing.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { loadSchemeText } from '../../src/scheme/load.js';
import { formatDiagnostic } from '../../src/scheme/diagnostics.js';

const DOC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/scheme.md');
// Only used to resolve relative data paths; the loader never reads data files.
const SCHEME_PATH = path.resolve(path.dirname(DOC), 'scheme.yaml');

interface Block {
  line: number;
  text: string;
}

function yamlBlocks(markdown: string): Block[] {
  const out: Block[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() !== '```yaml') continue;
    const start = i + 1;
    let j = start;
    while (j < lines.length && lines[j]!.trim() !== '```') j++;
    out.push({ line: start + 1, text: lines.slice(start, j).join('\n') + '\n' });
    i = j;
  }
  return out;
}

/** Maps of named things merge by name; any other top-level key replaces the base's. */
const BY_NAME = new Set(['sources', 'metrics', 'weights']);

function merge(base: Record<string, unknown>, fragment: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(fragment)) {
    const b = out[k];
    const isMap = (x: unknown) => x !== null && typeof x === 'object' && !Array.isArray(x);
    out[k] = BY_NAME.has(k) && isMap(b) && isMap(v) ? { ...(b as object), ...(v as object) } : v;
  }
  return out;
}

function load(text: string, shownAs: string) {
  return loadSchemeText(text, SCHEME_PATH, shownAs);
}

const blocks = yamlBlocks(readFileSync(DOC, 'utf8'));
const complete = blocks.filter((b) => b.text.startsWith('# complete scheme'));
const fragments = blocks.filter((b) => b.text.startsWith('# fragment'));
const base = parse(complete[0]?.text ?? '{}') as Record<string, unknown>;
const withFragment = (b: Block) => stringify(merge(base, parse(b.text) as Record<string, unknown>));

describe('docs/scheme.md examples', () => {
  it('every yaml block is marked as a complete scheme or a fragment', () => {
    const unmarked = blocks.filter((b) => !complete.includes(b) && !fragments.includes(b)).map((b) => `line ${b.line}`);
    expect(unmarked).toEqual([]);
    expect(complete.length).toBeGreaterThanOrEqual(1);
    expect(fragments.length).toBeGreaterThanOrEqual(10);
  });

  for (const b of complete) {
    it(`complete scheme at line ${b.line} loads with no error and no warning`, () => {
      const r = load(b.text, `docs/scheme.md@${b.line}`);
      expect(r.diagnostics.map(formatDiagnostic)).toEqual([]);
      expect(r.model).toBeDefined();
    });
  }

  for (const b of fragments) {
    it(`fragment at line ${b.line} loads with no error`, () => {
      const r = load(withFragment(b), `docs/scheme.md@${b.line}`);
      expect(r.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([]);
      expect(r.model).toBeDefined();
    });
  }

  it('the harness does catch a bad fragment (weights that do not add up)', () => {
    const bad: Block = { line: 0, text: '# fragment\nweights:\n  ae: { revenue: 90 }\n' };
    const r = load(withFragment(bad), 'bad');
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual(['weights of role ae add up to 90, not 100']);
  });

  it('the harness merges fragments by name: a fragment metric sits beside the minimal one', () => {
    const frag: Block = { line: 0, text: '# fragment\nmetrics:\n  deals: { unit: count, source: sales, aggregate: count }\n' };
    const r = load(withFragment(frag), 'merged');
    expect(r.model?.metrics.map((m) => m.name)).toEqual(['revenue', 'deals']);
  });
});

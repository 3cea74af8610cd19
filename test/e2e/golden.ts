// Golden files of the end-to-end tests: compare with test/golden/<folder>/<name>; UPDATE_GOLDEN=1 rewrites them
// (review the diff before committing).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { ROOT } from './run.js';

export function goldenIn(folder: string): (name: string, actual: string) => void {
  const dir = path.join(ROOT, 'test/golden', folder);
  return (name, actual) => {
    const file = path.join(dir, name);
    if (process.env.UPDATE_GOLDEN) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(file, actual);
    }
    expect(actual).toBe(readFileSync(file, 'utf8'));
  };
}

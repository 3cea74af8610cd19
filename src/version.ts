import { readFileSync } from 'node:fs';
import { packageRoot } from './package-root.js';

/** The version in package.json (read once; the file ships with the tool). */
export function toolVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('package.json', packageRoot), 'utf8')) as { version: string };
  return pkg.version;
}

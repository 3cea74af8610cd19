// Scheme file → Model + diagnostics (file:line:col). Guards against hostile YAML: alias bombs, huge or deeply
// nested documents, prototype keys, unknown tags.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { LineCounter, parseDocument, isMap, isSeq, isScalar, isAlias, isPair, type Document } from 'yaml';
import type { Model } from '../core/model.js';
import { Context } from './context.js';
import { buildModel } from './build.js';
import { checkModel } from './checks.js';
import { checkThousandsDots } from './thousands.js';
import { positionOf, type PathSegment } from './positions.js';
import { sortDiagnostics, type SchemeDiagnostic } from './diagnostics.js';
import { problem, systemError, type Problem } from '../messages/index.js';
import { yamlProblem, yamlReason } from './yaml-reasons.js';

const MAX_BYTES = 2 * 1024 * 1024;
/** Aliases (*name) may expand into this many copies at most (a "billion laughs" file would into billions). */
const MAX_ALIAS_COUNT = 100;
const MAX_DEPTH = 40;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export interface LoadedScheme {
  model?: Model;
  diagnostics: SchemeDiagnostic[];
  /** The scheme's text (for the report's run sheet). */
  text?: string;
  /** SHA-256 of the file's bytes, as `sha256sum` prints it (the report's run sheet, `kpi verify`). */
  sha256?: string;
  /** Resolve a YAML path to a position, for checks done later (with data). */
  positionOf?: (path: PathSegment[], atKey?: boolean) => { line: number; col: number };
}

export async function loadScheme(file: string, shownAs = file): Promise<LoadedScheme> {
  const cannot = (p: Problem): LoadedScheme => ({ diagnostics: [diagnostic(p, shownAs, 0, 0)] });
  let bytes: Buffer;
  try {
    // A pipe or device (/dev/zero, a FIFO) is refused before it is opened: it may never end, and opening a FIFO
    // waits for a writer. A regular file is read up to the size limit, never further. Read synchronously: the first
    // asynchronous file call of a run starts libuv's four threads, which a short run (validate) pays for.
    const info = statSync(file);
    if (info.isDirectory()) return cannot(problem('KPI5002'));
    if (!info.isFile()) return cannot(problem('KPI5003'));
    if (info.size > MAX_BYTES) return cannot(problem('KPI5006', { size: info.size, max: MAX_BYTES }));
    bytes = readAtMost(file, MAX_BYTES + 1);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return cannot(
      code === 'ENOENT'
        ? problem('KPI5001')
        : code === 'EISDIR'
          ? problem('KPI5002')
          : code === 'EACCES'
            ? problem('KPI5004')
            : problem('KPI5005', systemError(e as NodeJS.ErrnoException)),
    );
  }
  if (bytes.length > MAX_BYTES) return cannot(problem('KPI5007', { max: MAX_BYTES }));
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    // Point at the first bad byte: decode leniently and find the first replacement character.
    const lenient = new TextDecoder('utf-8').decode(bytes);
    const before = lenient.slice(0, Math.max(0, lenient.indexOf('\uFFFD'))).replace(/^\uFEFF/, '');
    const lines = before.split('\n');
    return { diagnostics: [diagnostic(problem('KPI5008'), shownAs, lines.length, lines[lines.length - 1]!.length + 1)] };
  }
  // The file's SHA-256, made when first asked for (the report's Run sheet, JSON, kpi verify): `kpi validate` never
  // asks, and loading node:crypto took ~10 ms of its start.
  const loaded = loadSchemeText(text, path.resolve(file), shownAs);
  let sha256: string | undefined;
  return Object.defineProperty(loaded, 'sha256', {
    get: () => (sha256 ??= createHash('sha256').update(bytes).digest('hex')),
    enumerable: true,
    configurable: true,
  });
}

export function loadSchemeText(text: string, absoluteFile: string, shownAs: string): LoadedScheme {
  const lc = new LineCounter();
  const diagnostics: SchemeDiagnostic[] = [];
  const at = (offset: number) => lc.linePos(offset);
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });

  for (const e of doc.errors) {
    const { reasonTerm, offset } = yamlProblem(doc, e);
    const { line, col } = at(offset);
    diagnostics.push(diagnostic(e.code === 'DUPLICATE_KEY' ? problem('KPI5012') : problem('KPI5011', { reasonTerm }), shownAs, line, col));
  }
  for (const w of doc.warnings) {
    const { line, col } = at(w.pos[0]);
    // Unknown tags only warn in the yaml library; here they would silently change a value, so they are errors.
    const tag = w.code === 'TAG_RESOLVE_FAILED' ? /tag: (\S+)/.exec(w.message)?.[1] : undefined;
    diagnostics.push(diagnostic(tag ? problem('KPI5013', { tag }) : problem('KPI5011', { reasonTerm: yamlReason(w) }), shownAs, line, col));
  }
  if (diagnostics.length) return { diagnostics: sortDiagnostics(diagnostics), text };

  const structural = structureProblems(doc);
  for (const p of structural) {
    const { line, col } = at(p.offset);
    diagnostics.push(diagnostic(p.problem, shownAs, line, col));
  }
  if (diagnostics.length) return { diagnostics: sortDiagnostics(diagnostics), text };

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch {
    return { diagnostics: [diagnostic(problem('KPI5014', { max: MAX_ALIAS_COUNT }), shownAs, 1, 1)], text };
  }
  if (value === null || value === undefined || typeof value !== 'object' || Array.isArray(value)) {
    return { diagnostics: [diagnostic(problem('KPI5015'), shownAs, 1, 1)], text };
  }

  keepIdsAsWritten(doc, value as Record<string, unknown>);
  const ctx = new Context();
  const built = buildModel(ctx, value, absoluteFile);
  if (built) {
    checkModel(ctx, built.model, built.broken);
    checkThousandsDots(ctx, doc, value, built.model);
  }
  const model = built?.model;
  const where = (p: PathSegment[], atKey = false) => positionOf(doc, lc, p, atKey);
  for (const i of ctx.issues) {
    const { line, col } = where(i.path, i.atKey);
    diagnostics.push({ severity: i.severity, file: shownAs, line, col, message: i.message, smart: i.smart, code: i.code, params: i.params });
  }
  const hasErrors = diagnostics.some((d) => d.severity === 'error');
  return { model: hasErrors ? undefined : model, diagnostics: sortDiagnostics(diagnostics), text, positionOf: where };
}

/**
 * Inline roster ids are text: `id: 007` is the id "007" as written, not the number 7 YAML reads (which would
 * never match "007" in the data). Only plain, unquoted scalars that YAML took for numbers are touched.
 */
function keepIdsAsWritten(doc: Document, value: Record<string, unknown>): void {
  const reps = value.reps;
  if (!Array.isArray(reps)) return;
  reps.forEach((r: unknown, i) => {
    if (r === null || typeof r !== 'object' || typeof (r as { id?: unknown }).id !== 'number') return;
    const node = doc.getIn(['reps', i, 'id'], true);
    if (isScalar(node) && node.type === 'PLAIN' && typeof node.source === 'string' && node.source !== '') {
      (r as { id: unknown }).id = node.source;
    }
  });
}

/** The first `limit` bytes of a file at most (a file that grows while read cannot make this grow without end). */
function readAtMost(file: string, limit: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(limit);
    let n = 0;
    while (n < limit) {
      const bytesRead = readSync(fd, buf, n, limit - n, n);
      if (bytesRead === 0) break;
      n += bytesRead;
    }
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** An error of the file itself, at a place already known. */
function diagnostic(p: Problem, file: string, line: number, col: number): SchemeDiagnostic {
  return { severity: 'error', file, line, col, message: p.text, code: p.code, params: p.params };
}

/** Prototype keys, non-text keys and excessive nesting, found on the syntax tree before anything is built. */
function structureProblems(doc: Document): { offset: number; problem: Problem }[] {
  const out: { offset: number; problem: Problem }[] = [];
  const walk = (node: unknown, depth: number): void => {
    if (depth > MAX_DEPTH) {
      const r = (node as { range?: number[] })?.range;
      out.push({ offset: r?.[0] ?? 0, problem: problem('KPI5016', { max: MAX_DEPTH }) });
      return;
    }
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = pair.key;
        if (isScalar(key)) {
          const k = String(key.value);
          if (FORBIDDEN_KEYS.has(k)) out.push({ offset: key.range?.[0] ?? 0, problem: problem('KPI5017', { key: k }) });
          if (k.trim() === '') out.push({ offset: key.range?.[0] ?? 0, problem: problem('KPI5018') });
          // YAML 1.1's merge key: YAML 1.2 has none, so it would be read as a key named "<<" (unknown, or a metric!).
          if (k === '<<' && key.type === 'PLAIN') out.push({ offset: key.range?.[0] ?? 0, problem: problem('KPI5020') });
        } else if (isAlias(key)) {
          // `*k: …` where `k: &k __proto__` is the same key by another route.
          const target = key.resolve(doc);
          const k = isScalar(target) ? String(target.value) : '';
          if (FORBIDDEN_KEYS.has(k)) out.push({ offset: key.range?.[0] ?? 0, problem: problem('KPI5017', { key: k }) });
        } else if (key !== null) {
          out.push({ offset: (key as { range?: number[] }).range?.[0] ?? 0, problem: problem('KPI5019') });
        }
        walk(pair.value, depth + 1);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) walk(item, depth + 1);
    }
  };
  walk(doc.contents, 0);
  return out;
}

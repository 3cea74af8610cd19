// `kpi init --from FILE… [DIR]`: a draft scheme from the user's own exports. Each file is profiled as `kpi
// peek` shows it; the draft is loaded and its data read exactly as `kpi score` would, to find the period,
// the reps and targets from history; the result must load without error before it is written.

import { access } from 'node:fs/promises';
import path from 'node:path';
import { loadSchemeText } from '../../scheme/load.js';
import { formatDiagnostic } from '../../scheme/diagnostics.js';
import { DataError, dataErrorLine } from '../../reading/errors.js';
import { translator } from '../../messages/index.js';
import { createProgress } from '../../reading/progress.js';
import { profileFile, type FileProfile } from '../../reading/profile/profile.js';
import { writeFileAtomic } from '../../output/safe-write.js';
import { OutputError, outputErrorLine } from '../../output/errors.js';
import { makeFolder } from '../../output/card-folder.js';
import { draftScheme, type Draft, type DraftMetric } from './draft.js';
import { readFacts, type DataFacts } from './history.js';
import { initText, type InitText } from './messages.js';
import { DEFAULT_ROLE, renderScheme, type DraftTarget, type RenderInput } from './render.js';

export interface InitFromOptions {
  from: string[];
  dir: string;
  force: boolean;
  lang?: 'en-US' | 'zh-CN';
}

/** Values listed per column in the draft's comments, and the status values looked through for won/lost. */
const TOP = 50;

export async function runInitFrom(opts: InitFromOptions): Promise<number> {
  const dir = path.resolve(opts.dir);
  const target = path.join(dir, 'scheme.yaml');
  const shown = path.join(opts.dir, 'scheme.yaml');
  const early = initText(opts.lang ?? 'en-US');
  if (!opts.force && (await exists(target))) {
    process.stderr.write(`kpi init: ${early.exists(shown)}\n`);
    return 2;
  }

  const inputs: { profile: FileProfile; file: string }[] = [];
  for (const f of opts.from) {
    const progress = createProgress(path.basename(f));
    try {
      const profile = await profileFile(path.resolve(f), f, { firstRows: 0, top: TOP, minorUnit: 2, onProgress: (p) => progress.update(p) });
      inputs.push({ profile, file: path.relative(dir, path.resolve(f)).split(path.sep).join('/') });
    } catch (e) {
      if (e instanceof DataError) return fail(dataErrorLine(e, translator(opts.lang ?? 'en-US')));
      throw e;
    } finally {
      progress.done();
    }
  }

  const draft = draftScheme(inputs);
  const locale = opts.lang ?? (draft.chinese ? 'zh-CN' : 'en-US');
  const t = initText(locale);
  if (draft.metrics.length === 0) {
    const headers = inputs
      .flatMap((i) => i.profile.columns.map((c) => `"${c.header}"`))
      .slice(0, 12)
      .join(', ');
    return fail(t.noRepColumn(headers));
  }
  const base: RenderInput = {
    draft,
    t,
    given: opts.from,
    repFiles: draft.sources.filter((s) => s.rep !== undefined).map((s) => s.file),
    roles: rosterRoles(draft),
    targets: new Map(),
  };

  // First without period, roster or targets: enough to load the scheme and read the data through it.
  const first = loadSchemeText(renderScheme({ ...base, reps: [{ id: 'R001', name: 'R001', team: 'Sales' }] }), target, shown);
  if (!first.model) return broken(t, first.diagnostics.map(formatDiagnostic));
  let facts: DataFacts;
  try {
    const measured = new Set(draft.metrics.flatMap((m) => (m.def.kind === 'aggregate' ? [m.def.agg.source] : [m.def.denominator.source])));
    const repName = draft.sources.some((s) => s.columns.some((c) => c.logical === 'rep_name')) ? 'rep_name' : undefined;
    facts = await readFacts(first.model, measured, DEFAULT_ROLE, repName);
  } catch (e) {
    if (e instanceof DataError) return fail(dataErrorLine(e, translator(opts.lang ?? 'en-US')));
    throw e;
  }

  const text = renderScheme({
    ...base,
    ...(facts.period ? { period: facts.period.label } : {}),
    ...(draft.roster ? {} : { reps: facts.reps.map((r) => ({ id: r.id, name: r.name, team: r.team })) }),
    ...(facts.teamColumn ? { teamColumn: facts.teamColumn } : {}),
    targets: draftTargets(draft, facts, t),
  });
  const final = loadSchemeText(text, target, shown);
  if (!final.model || final.diagnostics.some((d) => d.severity === 'error')) return broken(t, final.diagnostics.map(formatDiagnostic));

  try {
    await makeFolder(dir, opts.dir);
    if (!opts.force && (await exists(target))) {
      process.stderr.write(`kpi init: ${t.exists(shown)}\n`);
      return 2;
    }
    await writeFileAtomic(target, text, { inputs: opts.from.map((f) => path.resolve(f)) });
  } catch (e) {
    if (e instanceof OutputError) return fail(outputErrorLine(e, translator(locale)));
    throw e;
  }
  process.stdout.write([t.wrote(shown, draft.sources.length, draft.metrics.length), '', ...t.next(shown)].join('\n') + '\n');
  return 0;
}

function fail(message: string): number {
  process.stderr.write(`kpi init: ${message}\n`);
  return 1;
}

function broken(t: InitText, lines: string[]): number {
  process.stderr.write(`kpi init: ${t.draftBroken}\n${lines.map((l) => `  ${l}\n`).join('')}`);
  return 1;
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

/** Roles named in a roster file (its role column's values), for the weights. */
function rosterRoles(draft: Draft): string[] {
  const role = draft.roster?.columns.find((c) => c.logical === 'role');
  return role ? role.column.top.map((x) => x.value) : [];
}

/** A round figure near the average: 3 significant digits for money, whole counts, whole percent. */
export function roundTarget(unit: DraftMetric['unit'], average: number): { text: string; shown: string } | undefined {
  if (!Number.isFinite(average) || average <= 0) return undefined;
  switch (unit) {
    case 'percent': {
      const pct = Math.max(1, Math.round(average * 100));
      return { text: `"${pct}%"`, shown: `${(average * 100).toFixed(1)}%` };
    }
    case 'count':
      return { text: String(Math.max(1, Math.round(average))), shown: average.toFixed(1) };
    default: {
      const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(average)) - 2);
      return {
        text: String(Math.round(average / magnitude) * magnitude),
        shown: average.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
      };
    }
  }
}

function draftTargets(draft: Draft, facts: DataFacts, t: InitText): Map<string, DraftTarget> {
  const out = new Map<string, DraftTarget>();
  const from = facts.months[0]?.label;
  const to = facts.months[facts.months.length - 1]?.label;
  for (const m of draft.metrics) {
    const average = facts.averages.get(m.name);
    const r = average === undefined ? undefined : roundTarget(m.unit, average);
    if (r && from && to) out.set(m.name, { text: r.text, comment: t.targetFromHistory(from, to, r.shown) });
  }
  return out;
}

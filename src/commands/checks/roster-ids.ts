// Roster ids that read the same to a person but differ to kpi (R3 and Ｒ3 typed in full width, Е3 with a Cyrillic
// Е beside E3): two reps, each scored on the rows that name it exactly. One person's rows split between them pay
// each on a part, and neither reaches the tier the whole would (KPI2753, NOT FINAL). Ids that differ only by case
// are refused where the roster is read (KPI5302, KPI2514), so are not said again here.
import { looks, showLookAlike } from '../../core/filter.js';
import { problem } from '../../messages/index.js';
import type { Prepared } from '../pipeline.js';
import { fileIssue, type Findings, push, sample } from './run-issue.js';

export function rosterIdsAlike(run: Pick<Prepared, 'model' | 'reps'>, out: Findings): void {
  const alike = new Map<string, string[]>();
  for (const r of run.reps) push(alike, looks(r.id), r.id);
  const names = new Map(run.reps.map((r) => [r.id, r.name]));
  const file = run.model.roster.kind === 'file' ? run.model.roster.source.fileAsWritten : out.schemeFile;
  for (const ids of alike.values()) {
    if (new Set(ids.map((id) => id.toLowerCase())).size < 2) continue;
    const reps = sample(ids.map((id) => `"${showLookAlike(id, true)}" (${names.get(id)})`));
    fileIssue(out, problem('KPI2753', { n: ids.length, reps }), { file }, ['reps'], true);
  }
}

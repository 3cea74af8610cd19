// The provenance of a run for `--format json` (kpi-score/1 `run`): the scheme's hash and every input file's,
// each with the part it plays, so two runs' JSON can be told apart by data and by rules (`kpi diff`).
import { createHash } from 'node:crypto';
import type { RunInfo } from '../output/formats.js';
import { toolVersion } from '../version.js';
import type { Prepared } from './pipeline.js';

export function runInfoOf(run: Prepared): RunInfo {
  const m = run.model;
  const role = (source: string): RunInfo['inputs'][number]['role'] =>
    m.targetsFile?.name === source
      ? 'targets'
      : m.deductions?.name === source
        ? 'deductions'
        : m.roster.kind === 'file' && m.roster.source.name === source
          ? 'roster'
          : 'data';
  return {
    schemeFile: run.schemeShownAs,
    schemeSha256:
      run.loaded.sha256 ??
      createHash('sha256')
        .update(run.loaded.text ?? '')
        .digest('hex'),
    toolVersion: toolVersion(),
    inputs: run.inputs.map((i) => ({ source: i.source, role: role(i.source), file: i.file, sha256: i.sha256, rows: i.rows })),
  };
}

// The roster read from a file: columns id, name, team, role, base_bonus, start_date.
import type { Rep, SourceSpec } from './model.js';
import { codedIssue, type Column, type DataIssue, type Table } from './table.js';
import { problem, type Problem } from '../messages/index.js';
import { isoFromDay } from './period.js';

function str(col: Column | undefined, row: number): string {
  if (!col) return '';
  if (col.type === 'string') return (col.values[row] ?? '').trim();
  const v = col.values[row]!;
  return Number.isNaN(v) ? '' : String(v);
}

/** Header of a logical column as written in the file (for messages); the logical name when unknown. */
export function headerOf(source: SourceSpec | undefined, logical: string): string {
  return source?.columns.find((c) => c.name === logical)?.header ?? logical;
}

/**
 * Reps from a roster table. Rows without an id and repeated ids are skipped and reported; a blank or
 * negative base bonus counts as 0 and is reported; the rep is still listed.
 */
export function repsFromTable(table: Table, source?: SourceSpec): { reps: Rep[]; issues: DataIssue[] } {
  const reps: Rep[] = [];
  const issues: DataIssue[] = [];
  const c = (name: string): Column | undefined => table.columns.get(name);
  const idCol = c('id');
  const base = c('base_bonus');
  const start = c('start_date');
  const seen = new Map<string, { id: string; row: number }>();
  const issue = (i: number, column: string, p: Problem, action: DataIssue['action'], value?: string): void => {
    issues.push(
      codedIssue(p, {
        file: table.file,
        source: table.source,
        row: table.rowNumbers[i]!,
        column: headerOf(source, column),
        ...(value !== undefined ? { value } : {}),
        severity: action === 'skipped' ? 'error' : 'warning',
        action,
      }),
    );
  };
  if (!idCol) {
    issues.push(
      codedIssue(problem('KPI2511'), { file: table.file, source: table.source, column: headerOf(source, 'id'), severity: 'error', action: 'stopped' }),
    );
    return { reps, issues };
  }
  for (let i = 0; i < table.rowCount; i++) {
    const id = str(idCol, i);
    if (id === '') {
      issue(i, 'id', problem('KPI2512'), 'skipped');
      continue;
    }
    // Data ids match roster ids ignoring case, so ids that differ only by case would be one rep twice.
    const first = seen.get(id.toLowerCase());
    if (first !== undefined) {
      const p = first.id === id ? problem('KPI2513', { id, first: first.row }) : problem('KPI2514', { id, other: first.id, first: first.row });
      issue(i, 'id', p, 'skipped', id);
      continue;
    }
    seen.set(id.toLowerCase(), { id, row: table.rowNumbers[i]! });
    let baseBonus = 0;
    if (base && base.type !== 'string') {
      const v = base.values[i]!;
      if (Number.isNaN(v)) issue(i, 'base_bonus', problem('KPI2515', { id }), 'kept');
      else {
        const units = base.type === 'money' ? v / 10 ** base.scale : v;
        if (units < 0) issue(i, 'base_bonus', problem('KPI2516', { id }), 'kept', String(units));
        else baseBonus = units;
      }
    } else if (base) issue(i, 'base_bonus', problem('KPI2517', { id }), 'kept', str(base, i));
    const name = str(c('name'), i);
    const rep: Rep = { id, name: name === '' ? id : name, team: str(c('team'), i), role: str(c('role'), i), baseBonus };
    const manager = str(c('manager'), i);
    if (manager !== '') rep.manager = manager;
    if (start && start.type === 'date') {
      const d = start.values[i]!;
      if (!Number.isNaN(d)) rep.startDate = isoFromDay(d);
    }
    reps.push(rep);
  }
  return { reps, issues };
}

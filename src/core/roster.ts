// The roster read from a file: columns id, name, team, role, base_bonus, start_date.
import type { Rep, SourceSpec } from './model.js';
import type { Column, DataIssue, Table } from './table.js';
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
  const issue = (i: number, column: string, reason: string, action: DataIssue['action'], value?: string): void => {
    issues.push({
      file: table.file,
      source: table.source,
      row: table.rowNumbers[i],
      column: headerOf(source, column),
      ...(value !== undefined ? { value } : {}),
      reason,
      severity: action === 'skipped' ? 'error' : 'warning',
      action,
    });
  };
  if (!idCol) {
    issues.push({ file: table.file, source: table.source, column: headerOf(source, 'id'), reason: 'the roster has no rep id column', severity: 'error', action: 'stopped' });
    return { reps, issues };
  }
  for (let i = 0; i < table.rowCount; i++) {
    const id = str(idCol, i);
    if (id === '') {
      issue(i, 'id', 'rep id is blank; row skipped', 'skipped');
      continue;
    }
    // Data ids match roster ids ignoring case, so ids that differ only by case would be one rep twice.
    const first = seen.get(id.toLowerCase());
    if (first !== undefined) {
      const how = first.id === id ? 'already given' : `differs from "${first.id}" only by case; given`;
      issue(i, 'id', `rep id "${id}" ${how} on row ${first.row}; row skipped`, 'skipped', id);
      continue;
    }
    seen.set(id.toLowerCase(), { id, row: table.rowNumbers[i]! });
    let baseBonus = 0;
    if (base && base.type !== 'string') {
      const v = base.values[i]!;
      if (Number.isNaN(v)) issue(i, 'base_bonus', `base bonus of ${id} is blank; taken as 0`, 'kept');
      else {
        const units = base.type === 'money' ? v / 10 ** base.scale : v;
        if (units < 0) issue(i, 'base_bonus', `base bonus of ${id} is negative; taken as 0`, 'kept', String(units));
        else baseBonus = units;
      }
    } else if (base) issue(i, 'base_bonus', `base bonus of ${id} is not a number; taken as 0`, 'kept', str(base, i));
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

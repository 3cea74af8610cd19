// Every data issue has a stable code: the type requires one, and the issues the core and the run's checks raise
// are said in the run's language from it (a term inside, such as what a file holds, too).
import { describe, expect, it } from 'vitest';
import type { DataIssue } from '../../src/core/table.js';
import { rollupsOf } from '../../src/core/rollup.js';
import { english, issueText, problem, translator } from '../../src/messages/index.js';
import type { Model, Rep } from '../../src/core/model.js';

const zh = translator('zh-CN');

describe('data issues have codes', () => {
  it('a data issue cannot be made without a code', () => {
    // @ts-expect-error `code` is required: no issue reaches a report, JSON or stderr without one
    const i: DataIssue = { file: 'sales.csv', row: 3, reason: 'something', severity: 'warning', action: 'kept' };
    expect(i.reason).toBe('something');
  });

  it("what a file holds is said inside the problem, in the run's language", () => {
    const p = problem('KPI2703', {
      period: '2026-11',
      source: 'sales',
      file: 'sales.csv',
      holdsTerm: 'term.holdsDates',
      ...{ from: '2026-10-01', to: '2026-10-31', rows: 3 },
    });
    expect(p.text).toBe('no rows in 2026-11: sales.csv holds 2026-10-01 to 2026-10-31 (3 rows); metrics on source "sales" are scored as no data');
    expect(issueText({ ...p, reason: p.text }, zh)).toBe(
      '2026-11 没有数据行：sales.csv 包含 2026-10-01 至 2026-10-31（3 行）；数据源“sales”上的指标按无数据计分',
    );
    const kind = problem('KPI2709', { ownTerm: 'term.month', own: '2026-11', period: '2026-Q4', kindTerm: 'term.quarter' });
    expect(kind.text).toBe(
      "the scheme's period is a month (2026-11) but 2026-Q4 is a quarter; targets are used as written, so check they are meant for a quarter",
    );
    expect(issueText({ ...kind, reason: kind.text }, zh)).toBe('方案的期间是月（2026-11），而 2026-Q4 是季度；目标按原样使用，请确认它们适用于季度');
  });

  it('rollups: a manager not in the roster and a loop, by code, with the id as the value', () => {
    const reps: Rep[] = [
      { id: 'A', name: 'Ann', role: 'lead', manager: 'Z' },
      { id: 'B', name: 'Bob', role: 'lead', manager: 'C' },
      { id: 'C', name: 'Cy', role: 'lead', manager: 'B' },
    ] as Rep[];
    const model = { roster: { kind: 'inline', reps }, schemeFile: 'scheme.yaml', rollups: new Map([['lead', 'manager']]) } as unknown as Model;
    const { issues } = rollupsOf(model, reps);
    expect(issues.map((i) => [i.code, i.file, i.value])).toEqual([
      ['KPI2731', 'scheme.yaml', 'Z'],
      ['KPI2733', 'scheme.yaml', 'B'],
    ]);
    expect(issueText(issues[0]!, english)).toBe('the manager "Z" of A is not in the roster: A counts in no manager\'s rollup');
    expect(issueText(issues[0]!, zh)).toBe('A 的经理“Z”不在花名册中：A 不计入任何经理的汇总');
  });
});

// What `kpi peek` shows is what `kpi score` reads: every shipped example and every real-writer workbook is
// profiled, then read by score's reader with each column declared as peek inferred it. Every value peek
// shows for a row is the value score keeps for it; every value peek calls unreadable is one score reports
// (and score keeps exactly the rows in which peek found nothing unreadable).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ColumnSpec, ColumnType } from '../../src/core/model.js';
import { readSource } from '../../src/reading/index.js';
import { profileFile, readRow, type ProfiledColumn } from '../../src/reading/profile/profile.js';
import type { RawValue } from '../../src/reading/profile/read-as.js';
import { spec } from './helpers.js';

const ROOT = join(import.meta.dirname, '..', '..');
const FILES = [
  ...['acme', 'china'].flatMap((ex) => readdirSync(join(ROOT, 'examples', ex, 'data')).map((f) => join('examples', ex, 'data', f))),
  'test/fixtures/xlsx/openpyxl.xlsx',
  'test/fixtures/xlsx/libreoffice.xlsx',
  'test/fixtures/peek/exceljs.xlsx',
];

const schemeType = (c: ProfiledColumn): ColumnType => (c.type === 'text' || c.type === 'period' ? 'string' : c.type);

describe('peek reads as score reads', () => {
  for (const file of FILES) {
    it(file, async () => {
      const rows: { row: number; values: RawValue[] }[] = [];
      const p = await profileFile(join(ROOT, file), file, {
        firstRows: 0,
        top: 1,
        minorUnit: 2,
        onRow: (row, values) => rows.push({ row, values: [...values] }),
      });
      const cols = p.columns.filter((c) => c.header !== '' && !c.headerNotes.some((n) => n.code === 'duplicate'));
      const orders = new Set(cols.filter((c) => c.type === 'date').map((c) => c.dateOrder));
      expect(orders.size).toBeLessThanOrEqual(1);
      const columns: ColumnSpec[] = cols.map((c) => ({ name: `c${c.index}`, header: c.header, type: schemeType(c) }));
      // As a drafted scheme would say: the decimal separator when score needs it, the currency the amounts show,
      // and a column of period labels as the source's period when it has no date column.
      const period = orders.size === 0 ? cols.find((c) => c.type === 'period') : undefined;
      const source = spec(join(ROOT, file), {
        columns,
        decimal: p.decimal,
        ...(p.decimal === ',' || p.decimalNeeded ? { decimalDeclared: true } : {}),
        dateOrder: [...orders][0] ?? 'ymd',
        ...(period ? { period: `c${period.index}` } : {}),
      });
      const r = await readSource(source, { minorUnit: 2, currency: { code: p.currency.code, symbol: '' } });

      const kept = new Map<number, number>();
      r.table.rowNumbers.forEach((row, i) => {
        kept.set(row, i);
      });
      const scoreErrors = r.issues.filter((i) => i.severity === 'error' && i.column !== undefined);
      let clean = 0;
      for (const { row, values } of rows) {
        const cells = readRow(p, values);
        const errors = cols.filter((c) => cells[p.columns.indexOf(c)]?.error !== undefined);
        if (errors.length > 0) {
          expect(kept.has(row), `row ${row} has an unreadable value: score skips it`).toBe(false);
          expect(scoreErrors.filter((i) => i.row === row).map((i) => i.column)).toEqual(errors.map((c) => c.header));
          continue;
        }
        clean++;
        const i = kept.get(row);
        expect(i, `row ${row} is kept by score`).toBeDefined();
        for (const c of cols) {
          const col = r.table.columns.get(`c${c.index}`);
          const scored = col?.type === 'string' ? col.values[i as number] : col?.values[i as number];
          const shown = cells[p.columns.indexOf(c)]?.value ?? null;
          expect([row, c.header, shown]).toEqual([row, c.header, typeof scored === 'number' && Number.isNaN(scored) ? null : scored]);
        }
      }
      expect(r.table.rowCount).toBe(clean);
      for (const c of cols) expect([c.header, c.unreadable]).toEqual([c.header, scoreErrors.filter((i) => i.column === c.header).length]);
    });
  }
});

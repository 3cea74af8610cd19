// Every sentence `kpi peek` prints, from the message catalogue (`peek.…` in src/messages/en-peek.ts, zh-peek.ts):
// the profile's facts go in as values. Reasons that come from the value parsers (why "12,4O0.00" is not a number)
// are the readers' problems, shown from their code in the message catalogue, as `kpi score` shows them.

import type { ColumnNote } from '../../reading/profile/column.js';
import type { HeaderReason } from '../../reading/profile/header-guess.js';
import type { FileProfile, HeaderNote } from '../../reading/profile/profile.js';
import type { ProfileType } from '../../reading/profile/read-as.js';
import { visible } from '../../reading/profile/visible.js';
import { problemText, translator, type Problem, type Translate } from '../../messages/index.js';

export type Lang = 'en-US' | 'zh-CN';

export interface PeekText {
  csvLine(encoding: string, separator: string, rows: number): string;
  xlsxLine(sheet: string, rows: number): string;
  encodingName(encoding: string, bom: boolean, guessed: boolean): string;
  separatorName(sep: string): string;
  sheets: string;
  currency(code: string, mark: string, row: number): string;
  decimalNeeded(d: NonNullable<FileProfile['decimalNeeded']>): string;
  decimalComma: string;
  sheetState(visibility: string, kind: string, read: boolean): string;
  /** No sheet named: the first visible one was read, and these hidden ones were not. */
  hiddenNotRead(sheet: string, hidden: string): string;
  /** The sheet named with --sheet is hidden. */
  hiddenRead(sheet: string): string;
  headerReason(row: number, r: HeaderReason): string;
  headerHint: string;
  columnsHead: [string, string, string, string, string, string];
  typeName(t: ProfileType, order: 'ymd' | 'mdy' | 'dmy'): string;
  allDifferent(list: string): string;
  rowHead: string;
  more(n: number): string;
  moreCapped(n: number): string;
  capped(n: number): string;
  headerNote(n: HeaderNote): string;
  columnNote(n: ColumnNote): string;
  notesTitle: string;
  unreadableTitle: string;
  unreadableLine(row: number, header: string, value: string, reason: string): string;
  skippedTitle(n: number): string;
  skippedLine(row: number, line: number, reason: string): string;
  blankRows(n: number): string;
  unheaded(column: string, row: number, value: string): string;
  firstRows(n: number, of: number): string;
  noRows: string;
  unreadableCell: string;
  csvSummary(unreadable: number, skipped: number, file: string): string;
  wrongSheetOption: string;
  /** A reader's problem (why a value or row cannot be read), in this language. */
  reason(p: Problem): string;
}

/** A count as both languages write it: 1,234. */
const count = (n: number): string => n.toLocaleString('en-US');

function peekTextOf(t: Translate): PeekText {
  return {
    reason: (p) => problemText(p, p.text, t),
    csvLine: (encoding, separator, rows) => t('peek.csvLine', { encoding, separator, n: count(rows) }),
    xlsxLine: (sheet, rows) => t('peek.xlsxLine', { sheet, n: count(rows) }),
    encodingName: (e, bom, guessed) => {
      const name = e === 'gb18030' ? 'GB18030' : e.toUpperCase();
      if (bom) return t('peek.encodingBom', { name });
      if (e === 'gb18030') return t('peek.encodingGb', { name });
      return guessed ? t('peek.encodingGuessed', { name }) : name;
    },
    separatorName: (s) => (s === '\t' ? t('peek.tab') : `"${s}"`),
    sheets: t('peek.sheets'),
    hiddenNotRead: (sheet, hidden) => t('peek.hiddenNotRead', { sheet, hidden }),
    hiddenRead: (sheet) => t('peek.hiddenRead', { sheet }),
    currency: (code, mark, row) => t('peek.currency', { code, mark, row }),
    decimalNeeded: (d) => t(d.reason === 'comma' ? 'peek.decimalNeededComma' : 'peek.decimalNeededAmbiguous', { row: d.row, column: d.column, value: d.value }),
    decimalComma: t('peek.decimalComma'),
    sheetState: (visibility, kind, read) =>
      [
        kind === 'chartsheet' || kind === 'dialogsheet' || kind === 'macrosheet' ? t(`peek.sheet.${kind}`) : '',
        visibility === 'hidden' || visibility === 'veryHidden' ? t(`peek.sheet.${visibility}`) : '',
        read ? t('peek.sheet.read') : '',
      ]
        .filter(Boolean)
        .join(t('list.sep')),
    headerReason: (row, r) => {
      switch (r.code) {
        case 'given':
          return t('peek.header.given', { row });
        case 'first-row':
          return t('peek.header.firstRow', { row, labels: r.labels });
        case 'after-title':
          return r.from === r.to
            ? t('peek.header.afterTitle', { row, labels: r.labels, width: r.width, from: r.from, filled: r.filled })
            : t('peek.header.afterTitles', { row, labels: r.labels, width: r.width, from: r.from, to: r.to, filled: r.filled });
        case 'fallback':
          return t('peek.header.fallback', { row });
      }
    },
    headerHint: t('peek.headerHint'),
    columnsHead: [t('peek.col.column'), t('peek.col.type'), t('peek.col.blank'), t('peek.col.unreadable'), t('peek.col.distinct'), t('peek.col.values')],
    typeName: (type, order) => (type === 'date' && order !== 'ymd' ? t(order === 'mdy' ? 'peek.type.dateMdy' : 'peek.type.dateDmy') : t(`peek.type.${type}`)),
    allDifferent: (list) => t('peek.allDifferent', { list }),
    rowHead: t('peek.rowHead'),
    more: (n) => t('peek.more', { n: count(n) }),
    moreCapped: (n) => t('peek.moreCapped', { n: count(n) }),
    capped: (n) => `≥ ${count(n)}`,
    headerNote: (n) => {
      switch (n.code) {
        case 'blank':
          return t('peek.headerNote.blank');
        case 'spaces':
          return t('peek.headerNote.spaces');
        case 'invisible':
          return t('peek.headerNote.invisible');
        case 'full-width':
          return t('peek.headerNote.fullWidth');
        case 'duplicate':
          return t('peek.headerNote.duplicate', { columns: n.columns.join(t('list.sep')) });
        case 'reserved':
          return t('peek.headerNote.reserved');
      }
    },
    columnNote: (n) => {
      switch (n.code) {
        case 'all-blank':
          return t('peek.note.allBlank');
        case 'leading-zeros':
          return t('peek.note.leadingZeros', { n: count(n.count), example: n.example });
        case 'long-digits':
          return t('peek.note.longDigits', { n: count(n.count), example: n.example });
        case 'percent-mixed':
          return t('peek.note.percentMixed', { n: count(n.without), example: n.example });
        case 'date-order':
          return n.ambiguous
            ? t('peek.note.dateOrderAmbiguous', { order: n.order })
            : t(n.order === 'mdy' ? 'peek.note.dateOrderMdy' : 'peek.note.dateOrderDmy', { order: n.order });
        case 'date-serials':
          return t('peek.note.dateSerials', { n: count(n.count), example: n.example });
        case 'date-compact':
          return t('peek.note.dateCompact');
        case 'rounded':
          return t('peek.note.rounded', { n: count(n.count), row: n.example.row, value: n.example.value });
        case 'trimmed':
          return t('peek.note.trimmed', { n: count(n.count), row: n.example.row, value: visible(n.example.value) });
        case 'invisible':
          return t('peek.note.invisible', { n: count(n.count), row: n.example.row, value: visible(n.example.value) });
        case 'case-variants':
          return t('peek.note.caseVariants', { values: n.values.map((v) => `"${v}"`).join(t('list.sep')) });
        case 'numbers-as-text':
          return t('peek.note.numbersAsText', { n: count(n.count) });
        case 'mixed-numbers':
          return t('peek.note.mixedNumbers', { n: count(n.count) });
        case 'booleans':
          return t('peek.note.booleans', { n: count(n.count) });
        case 'merged':
          return t('peek.note.merged', { ranges: n.ranges.join(t('list.sep')) });
      }
    },
    notesTitle: t('peek.notesTitle'),
    unreadableTitle: t('peek.unreadableTitle'),
    unreadableLine: (row, header, value, reason) =>
      reason.includes(value) ? t('peek.unreadableLine', { row, header, reason }) : t('peek.unreadableLineValue', { row, header, value, reason }),
    skippedTitle: (n) => t('peek.skippedTitle', { n: count(n) }),
    skippedLine: (row, line, reason) => (line !== row ? t('peek.skippedLineAt', { row, line, reason }) : t('peek.skippedLine', { row, reason })),
    blankRows: (n) => t('peek.blankRows', { n: count(n) }),
    unheaded: (column, row, value) => t('peek.unheaded', { column, row, value }),
    firstRows: (n, of) => t('peek.firstRows', { n: count(n), of: count(of) }),
    noRows: t('peek.noRows'),
    unreadableCell: '⚠',
    csvSummary: (unreadable, skipped, file) =>
      t('peek.csvSummary', {
        counts: [unreadable ? t('peek.csvUnreadable', { n: count(unreadable) }) : '', skipped ? t('peek.csvSkipped', { n: count(skipped) }) : '']
          .filter(Boolean)
          .join(t('list.sep')),
        file,
      }),
    wrongSheetOption: t('peek.wrongSheetOption'),
  };
}

export function peekText(lang: Lang): PeekText {
  return peekTextOf(translator(lang));
}

// Every sentence `kpi peek` prints, in one place per language, so the message catalogue can take them over.
// Reasons that come from the value parsers (why "12,4O0.00" is not a number) are the readers' problems, shown
// from their code in the message catalogue, as `kpi score` shows them.

import type { ColumnNote } from '../../reading/profile/column.js';
import type { HeaderReason } from '../../reading/profile/header-guess.js';
import type { FileProfile, HeaderNote } from '../../reading/profile/profile.js';
import type { ProfileType } from '../../reading/profile/read-as.js';
import { visible } from '../../reading/profile/visible.js';
import { problemText, translator, type Problem } from '../../messages/index.js';

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

const plural = (n: number, one: string, many = one + 's'): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

const en: PeekText = {
  reason: (p) => problemText(p, p.text, translator('en-US')),
  csvLine: (encoding, separator, rows) => `CSV, ${encoding}, separator ${separator}; ${plural(rows, 'data row')}`,
  xlsxLine: (sheet, rows) => `workbook, sheet "${sheet}"; ${plural(rows, 'data row')}`,
  encodingName: (e, bom, guessed) => {
    const name = e === 'gb18030' ? 'GB18030' : e.toUpperCase();
    if (bom) return `${name} with a byte-order mark`;
    if (e === 'gb18030') return `${name} (not valid UTF-8: read as Chinese Excel/WPS saves it)`;
    return guessed ? `${name} (no byte-order mark)` : name;
  },
  separatorName: (s) => (s === '\t' ? 'tab' : `"${s}"`),
  sheets: 'sheets:',
  hiddenNotRead: (sheet, hidden) =>
    `read the first visible sheet, "${sheet}"; the hidden sheets (${hidden}) are read only when named: --sheet NAME here, sheet: NAME in the scheme`,
  hiddenRead: (sheet) =>
    `sheet "${sheet}" is hidden in the workbook; read because --sheet names it (kpi score reads it only when the scheme names it with sheet:)`,
  currency: (code, mark, row) => `amounts in ${code} ("${mark}" first seen on row ${row}); an amount marked in another currency is unreadable`,
  decimalNeeded: (d) =>
    d.reason === 'comma'
      ? `numbers are written with a decimal comma (row ${d.row}, ${d.column}: "${d.value}"): kpi score stops until the scheme says decimal: ','`
      : `row ${d.row}, ${d.column}: "${d.value}" reads as two different numbers and nothing in the column says which separator marks decimals: kpi score stops until the scheme says decimal: '.' or ','`,
  decimalComma: "numbers are written with a decimal comma (1.234,56): a scheme says decimal: ','",
  sheetState: (visibility, kind, read) =>
    [
      kind !== 'worksheet' ? kind : '',
      visibility === 'veryHidden' ? "very hidden: Excel's Unhide does not list it" : visibility !== 'visible' ? visibility : '',
      read ? 'read' : '',
    ]
      .filter(Boolean)
      .join(', '),
  headerReason: (row, r) => {
    switch (r.code) {
      case 'given':
        return `header: row ${row}, as asked (--header-row)`;
      case 'first-row':
        return `header: row ${row}, the first row: its ${plural(r.labels, 'cell')} are labels`;
      case 'after-title':
        return (
          `header: row ${row}, the first row of labels across the table (${r.labels} of ${r.width} columns); ` +
          `row${r.from === r.to ? ` ${r.from}` : `s ${r.from}–${r.to}`} above it ${r.from === r.to ? 'fills' : 'fill'} at most ${plural(r.filled, 'cell')}, like a title`
        );
      case 'fallback':
        return `header: row ${row}, the first row that is not blank. No row in the first 20 looks like a header (labels across the table): check it, or give --header-row`;
    }
  },
  headerHint: 'kpi score finds the header itself: the first of the first 20 rows that holds every header the scheme maps.',
  columnsHead: ['column', 'type', 'blank', 'unreadable', 'distinct', 'values'],
  typeName: (t, order) => (t === 'date' && order !== 'ymd' ? `date (${order === 'mdy' ? 'm/d/y' : 'd/m/y'})` : t),
  allDifferent: (list) => `all different: ${list}`,
  rowHead: 'row',
  more: (n) => `… ${n.toLocaleString('en-US')} more`,
  moreCapped: (n) => `… over ${n.toLocaleString('en-US')} more`,
  capped: (n) => `≥ ${n.toLocaleString('en-US')}`,
  headerNote: (n) => {
    switch (n.code) {
      case 'blank':
        return 'has values but no header: kpi cannot read this column';
      case 'spaces':
        return 'the header has spaces around it (kpi ignores them)';
      case 'invisible':
        return 'the header holds invisible characters (shown as \\u…)';
      case 'full-width':
        return 'the header holds full-width characters such as （ ） ：; write them exactly so in the scheme';
      case 'duplicate':
        return `the header is in columns ${n.columns.join(', ')}: a scheme cannot map it until one is renamed`;
      case 'reserved':
        return 'the header is a reserved word in programs; it is read as an ordinary name';
    }
  },
  columnNote: (n) => {
    switch (n.code) {
      case 'all-blank':
        return 'every value is blank';
      case 'leading-zeros':
        return `${plural(n.count, 'value has', 'values have')} leading zeros ("${n.example}"): text, since a number would drop the zeros`;
      case 'long-digits':
        return `${plural(n.count, 'value has', 'values have')} more than 15 digits ("${n.example}"): text, since a number would lose digits`;
      case 'percent-mixed':
        return `${plural(n.without, 'value has', 'values have')} no % sign ("${n.example}"): a percent column takes it as written (15 is 1500 %)`;
      case 'date-order':
        return n.ambiguous
          ? `dates like 11/01/2026 are read month first (date_order: ${n.order}); no day above 12 was seen, so check which it is`
          : `dates are read ${n.order === 'mdy' ? 'month/day/year' : 'day/month/year'} (date_order: ${n.order})`;
      case 'date-serials':
        return `${plural(n.count, 'value is a bare number', 'values are bare numbers')} read as an Excel serial date ("${n.example}")`;
      case 'date-compact':
        return 'read as yyyymmdd dates';
      case 'rounded':
        return `${plural(n.count, 'amount has', 'amounts have')} more decimals than the currency and ${n.count === 1 ? 'is' : 'are'} rounded (row ${n.example.row}: "${n.example.value}")`;
      case 'trimmed':
        return `${plural(n.count, 'value has', 'values have')} spaces around ${n.count === 1 ? 'it' : 'them'} (row ${n.example.row}: "${visible(n.example.value)}"): kpi trims them, so a filter matches the trimmed text`;
      case 'invisible':
        return `${plural(n.count, 'value holds', 'values hold')} invisible characters (row ${n.example.row}: "${visible(n.example.value)}"): kpi removes them, so a filter matches the text without them`;
      case 'case-variants':
        return `values that differ only in case or width: ${n.values.map((v) => `"${v}"`).join(', ')}; a filter matches one spelling only`;
      case 'numbers-as-text':
        return `${plural(n.count, 'number is', 'numbers are')} stored as text in the workbook`;
      case 'mixed-numbers':
        return `${plural(n.count, 'cell is a number', 'cells are numbers')} in a column of text`;
      case 'booleans':
        return `${plural(n.count, 'cell is', 'cells are')} TRUE/FALSE (read as the text TRUE or FALSE)`;
      case 'merged':
        return `inside merged cells ${n.ranges.join(', ')}: kpi reads only the top-left cell of each and reports the others`;
    }
  },
  notesTitle: 'notes:',
  unreadableTitle: 'unreadable values (kpi score skips such a row when the scheme uses the column):',
  unreadableLine: (row, header, value, reason) => `row ${row}, ${header}: ${reason.includes(value) ? '' : `"${value}": `}${reason}`,
  skippedTitle: (n) => `${plural(n, 'row')} kpi score skips whatever the scheme:`,
  skippedLine: (row, line, reason) => `row ${row}${line !== row ? ` (line ${line})` : ''}: ${reason}`,
  blankRows: (n) => `${plural(n, 'blank row')} (not counted)`,
  unheaded: (column, row, value) => `column ${column} has values but no header (first at row ${row}: "${value}"); they are not read`,
  firstRows: (n, of) => `first ${plural(n, 'row')} of ${of.toLocaleString('en-US')} as kpi reads them (money at 2 decimals, dates ISO; ⚠ unreadable):`,
  noRows: 'no data rows below the header',
  unreadableCell: '⚠',
  csvSummary: (unreadable, skipped, file) =>
    `${[unreadable ? plural(unreadable, 'unreadable value') + ' (left empty)' : '', skipped ? plural(skipped, 'row') + ' skipped' : ''].filter(Boolean).join(', ')}; see them with: kpi peek ${file}`,
  wrongSheetOption: '--sheet is for workbooks (.xlsx); ignored for a CSV file',
};

const zh: PeekText = {
  reason: (p) => problemText(p, p.text, translator('zh-CN')),
  csvLine: (encoding, separator, rows) => `CSV，编码 ${encoding}，分隔符 ${separator}；数据 ${rows.toLocaleString('en-US')} 行`,
  xlsxLine: (sheet, rows) => `工作簿，工作表「${sheet}」；数据 ${rows.toLocaleString('en-US')} 行`,
  encodingName: (e, bom, guessed) => {
    const name = e === 'gb18030' ? 'GB18030' : e.toUpperCase();
    if (bom) return `${name}（带 BOM）`;
    if (e === 'gb18030') return `${name}（不是有效的 UTF-8：按中文 Excel/WPS 的保存方式读取）`;
    return guessed ? `${name}（无 BOM）` : name;
  },
  separatorName: (s) => (s === '\t' ? '制表符' : `"${s}"`),
  sheets: '工作表：',
  hiddenNotRead: (sheet, hidden) =>
    `读取的是第一个可见工作表「${sheet}」；隐藏的工作表（${hidden}）只有指明名称才会读取：这里用 --sheet 名称，方案中用 sheet: 名称`,
  hiddenRead: (sheet) => `工作表「${sheet}」在工作簿中是隐藏的；因为 --sheet 指明了它才读取（kpi score 只在方案用 sheet: 指明时读取它）`,
  currency: (code, mark, row) => `金额币种 ${code}（第 ${row} 行首次出现 "${mark}"）；标为其他币种的金额无法读取`,
  decimalNeeded: (d) =>
    d.reason === 'comma'
      ? `数字以逗号作小数点（第 ${d.row} 行，${d.column}："${d.value}"）：方案须写明 decimal: ','，否则 kpi score 会停止`
      : `第 ${d.row} 行，${d.column}："${d.value}" 可读作两个不同的数，列中没有信息说明哪个是小数点：方案须写明 decimal: '.' 或 ','，否则 kpi score 会停止`,
  decimalComma: "数字以逗号作小数点（1.234,56）：方案须写明 decimal: ','",
  sheetState: (visibility, kind, read) =>
    [kind !== 'worksheet' ? kind : '', visibility === 'hidden' ? '隐藏' : visibility === 'veryHidden' ? '深度隐藏' : '', read ? '已读取' : '']
      .filter(Boolean)
      .join('，'),
  headerReason: (row, r) => {
    switch (r.code) {
      case 'given':
        return `表头：第 ${row} 行（按 --header-row 指定）`;
      case 'first-row':
        return `表头：第 ${row} 行，即第一行：${r.labels} 个单元格都是列名`;
      case 'after-title':
        return `表头：第 ${row} 行，第一行横跨表格的列名（${r.width} 列中的 ${r.labels} 列）；其上${r.from === r.to ? `第 ${r.from} 行` : `第 ${r.from}–${r.to} 行`}最多填了 ${r.filled} 个单元格，像标题`;
      case 'fallback':
        return `表头：第 ${row} 行，即第一个非空行。前 20 行中没有像表头的行（横跨表格的列名）：请核对，或用 --header-row 指定`;
    }
  },
  headerHint: 'kpi score 会自己找表头：前 20 行中第一行包含方案映射的所有列名的行。',
  columnsHead: ['列', '类型', '空白', '无法读取', '不同值', '取值'],
  typeName: (t, order) => {
    const names: Record<ProfileType, string> = { text: '文本', number: '数字', money: '金额', percent: '百分比', date: '日期', period: '期间' };
    return t === 'date' && order !== 'ymd' ? `日期（${order === 'mdy' ? '月/日/年' : '日/月/年'}）` : names[t];
  },
  allDifferent: (list) => `各不相同：${list}`,
  rowHead: '行',
  more: (n) => `… 另有 ${n.toLocaleString('en-US')} 个`,
  moreCapped: (n) => `… 另有超过 ${n.toLocaleString('en-US')} 个`,
  capped: (n) => `≥ ${n.toLocaleString('en-US')}`,
  headerNote: (n) => {
    switch (n.code) {
      case 'blank':
        return '有值但没有列名：kpi 无法读取此列';
      case 'spaces':
        return '列名前后有空格（kpi 会忽略）';
      case 'invisible':
        return '列名含不可见字符（显示为 \\u…）';
      case 'full-width':
        return '列名含全角字符，如（ ）：；在方案中须原样书写';
      case 'duplicate':
        return `列名在 ${n.columns.join('、')} 列重复：改名之前方案无法映射它`;
      case 'reserved':
        return '列名是程序中的保留字；按普通名称读取';
    }
  },
  columnNote: (n) => {
    switch (n.code) {
      case 'all-blank':
        return '全部为空';
      case 'leading-zeros':
        return `${n.count} 个值有前导零（"${n.example}"）：按文本读取，数字会丢掉前导零`;
      case 'long-digits':
        return `${n.count} 个值超过 15 位数字（"${n.example}"）：按文本读取，数字会丢失位数`;
      case 'percent-mixed':
        return `${n.without} 个值没有 % 号（"${n.example}"）：百分比列按原值读取（15 即 1500 %）`;
      case 'date-order':
        return n.ambiguous
          ? `11/01/2026 这类日期按月在前读取（date_order: ${n.order}）；没有出现大于 12 的日，请核对`
          : `日期按${n.order === 'mdy' ? '月/日/年' : '日/月/年'}读取（date_order: ${n.order}）`;
      case 'date-serials':
        return `${n.count} 个值是纯数字，按 Excel 日期序号读取（"${n.example}"）`;
      case 'date-compact':
        return '按 yyyymmdd 日期读取';
      case 'rounded':
        return `${n.count} 个金额的小数位多于币种，已四舍五入（第 ${n.example.row} 行："${n.example.value}"）`;
      case 'trimmed':
        return `${n.count} 个值前后有空格（第 ${n.example.row} 行："${visible(n.example.value)}"）：kpi 会去掉，筛选条件按去掉空格后的文本匹配`;
      case 'invisible':
        return `${n.count} 个值含不可见字符（第 ${n.example.row} 行："${visible(n.example.value)}"）：kpi 会去掉它们，筛选条件按去掉后的文本匹配`;
      case 'case-variants':
        return `仅大小写或全半角不同的值：${n.values.map((v) => `"${v}"`).join('、')}；筛选条件只匹配其中一种写法`;
      case 'numbers-as-text':
        return `${n.count} 个数字在工作簿中以文本存储`;
      case 'mixed-numbers':
        return `文本列中有 ${n.count} 个数字单元格`;
      case 'booleans':
        return `${n.count} 个单元格是 TRUE/FALSE（按文本 TRUE 或 FALSE 读取）`;
      case 'merged':
        return `位于合并单元格 ${n.ranges.join('、')} 内：kpi 只读取每个合并区域左上角的单元格，其余的会报告`;
    }
  },
  notesTitle: '说明：',
  unreadableTitle: '无法读取的值（方案用到该列时，kpi score 会跳过这一行）：',
  unreadableLine: (row, header, value, reason) => `第 ${row} 行，${header}：${reason.includes(value) ? '' : `"${value}"：`}${reason}`,
  skippedTitle: (n) => `无论方案如何，kpi score 都会跳过的 ${n} 行：`,
  skippedLine: (row, line, reason) => `第 ${row} 行${line !== row ? `（文本第 ${line} 行）` : ''}：${reason}`,
  blankRows: (n) => `${n} 个空行（不计）`,
  unheaded: (column, row, value) => `${column} 列有值但没有列名（首次在第 ${row} 行："${value}"）；不会读取`,
  firstRows: (n, of) => `前 ${n} 行（共 ${of.toLocaleString('en-US')} 行），按 kpi 的读取结果显示（金额两位小数，日期 ISO；⚠ 无法读取）：`,
  noRows: '表头下没有数据行',
  unreadableCell: '⚠',
  csvSummary: (unreadable, skipped, file) =>
    `${[unreadable ? `${unreadable} 个值无法读取（留空）` : '', skipped ? `跳过 ${skipped} 行` : ''].filter(Boolean).join('，')}；查看详情：kpi peek ${file}`,
  wrongSheetOption: '--sheet 只用于工作簿（.xlsx）；CSV 文件忽略此选项',
};

export function peekText(lang: Lang): PeekText {
  return lang === 'zh-CN' ? zh : en;
}

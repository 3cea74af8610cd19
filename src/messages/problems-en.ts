// The problems kpi reports, by stable code (docs/problems.md lists each with what it means and what to do).
// KPI1xxx: the scheme. KPI2xxx: the data — 20xx a file's rows, 21xx values, 22xx reps and periods of rows,
// 23xx columns and headers. `fix.KPI…` says what to do: the "what to do" of docs/problems.md, word for word.
// A placeholder ending in `Term` takes the key of a `term.` message (messages/index.ts problem()).
export const problemsEn = {
  'issue.line': ' (line {line} in a text editor)',
  'issue.column': 'column "{column}"',
  'issue.value': 'value "{value}"',
  'issue.context': '{what}: {text}',
  'issue.rowSkipped': ' (row skipped)',
  'issue.runStopped': ' (run stopped)',
  'term.number': 'a number',
  'term.date': 'a date',
  'term.money': 'an amount of money',
  'term.mdy': 'month/day/year',
  'term.dmy': 'day/month/year',
  'term.dollars': 'dollars',
  'term.yuanOrYen': 'yuan or yen',
  'term.target': 'target',
  'term.threshold': 'threshold',
  'term.stretch': 'stretch',
  'term.points': 'points',
  'term.amount': 'amount',
  'term.pointsOrAmount': 'points or amount',

  // The scheme
  KPI1001: 'unknown key "{key}"{hint}; allowed here: {allowed}',
  'fix.KPI1001': 'Use one of the keys listed in the message; the closest is suggested.',
  KPI1005:
    'a number with a thousands separator inside { } (such as 60,000)? There the comma ends an entry: YAML reads 60, then a key "{key}" with no value; write the number without separators (60000)',
  'fix.KPI1005': 'Write numbers without thousands separators (60000), or quote them ("60,000").',
  KPI1002: 'missing required key "{key}"',
  'fix.KPI1002': 'Add the key (see docs/scheme.md for its meaning).',
  KPI1004: '"{value}" is not one of: {allowed}{hint}',
  'fix.KPI1004': 'Use one of the listed values; the closest is suggested.',
  KPI1101: '"{text}" mixes units: write one number and one unit, like 12000 or 1.2万',
  'fix.KPI1101': 'Write one number and one unit: 12000 or 1.2万. In data: only in columns with chinese_numbers: true, and the row is skipped.',
  KPI1102: '"{text}" is written in Chinese numerals: write it in digits, like 100000 or 10万',
  'fix.KPI1102': 'Write it in digits: 100000 or 10万.',
  KPI1103: '"{text}" is not an amount in 万 or 亿 (like 10万, 1.5万, ¥3.2亿)',
  'fix.KPI1103': 'Write a number, a percentage or an amount like 10万.',
  KPI1201: 'rep {id} ({name}) has role "{role}", which has no weights{hint}',
  'fix.KPI1201': 'Add the role under weights:, or correct the role in the roster (the closest role is suggested).',
  KPI1202: 'no target for "{metric}" in {period} for {n} {n|rep|reps}: {reps}',
  'fix.KPI1202': 'Add a target: (default, by role, team or rep) or a row in the targets file.',
  KPI1210:
    '"{metric}" has a target of 0 or below for {n} {n|rep|reps} ({reps}), but the bonus basis, a gate or a kicker reads its achievement (actual ÷ target), which such a target does not have: it would pay 0',
  'fix.KPI1210': 'Give the metric a target above 0 for these reps.',
  KPI1301:
    '"{metric}" counts for nobody\'s pay: it has no weight in {n|role|any of the roles} {roles}{own| (the roles reps have)|}, and no gate, commission, pay component (commission, SPIFF, kicker, 回款), bonus basis or weighted metric of any plan uses it; it is only shown',
  'fix.KPI1301': 'Weight it for a role, or keep it as information only (it is still shown).',

  // A file's rows
  KPI2001: 'the row has {n} fields but the header has {width} (a missing separator, or a line break inside an unquoted value?)',
  'fix.KPI2001':
    'Open the file in a text editor at that line: put the value that holds the separator or line break in double quotes, or add the missing separator.',
  KPI2002: 'the row has {n} fields but the header has {width} (a separator inside an unquoted value?)',
  'fix.KPI2002': 'Put the value that holds the separator in double quotes, or remove the extra fields.',
  KPI2003: 'the row has no values in the columns the scheme uses',
  'fix.KPI2003': 'Nothing, if the row is a note or a total; otherwise fill in its values.',
  KPI2004: 'the file has a header row but no data rows',
  'fix.KPI2004': 'Check that this is the right export: it holds only the header.',
  KPI2005: 'a quoted value opened on line {open} is never closed, so lines {open}–{last} read as one value',
  'fix.KPI2005': 'Close the quote on that line (a value with a double quote inside is written with two: "").',
  KPI2006: 'a quoted value opened on line {open} is never closed',
  'fix.KPI2006': 'Close the quote on that line (a value with a double quote inside is written with two: "").',
  KPI2007: 'inside the quoted value opened on line {open} that is never closed',
  'fix.KPI2007': 'Close the quote on the line named; this row is read again once it is.',

  // Values
  KPI2101: '"{value}" is not a number',
  'fix.KPI2101': 'Correct the value in the file, or leave the cell blank.',
  KPI2177:
    '"{value}" is written in full-width characters (as a Chinese input method types them), which this column does not read as a number; in half-width it reads "{read}"',
  'fix.KPI2177': 'Type the value in half-width digits, or declare chinese_numbers: true for the column to read full-width digits.',
  KPI2174:
    '"{value}" is a dash without a number: how an accounting number format shows 0 (the file was saved as the sheet shows it), or a mark for none; not read as 0',
  'fix.KPI2174': 'Write 0 where the amount is 0 (or leave the cell blank where there is none), or save the sheet with a plain number format.',
  KPI2102: '"{value}" has more than one decimal point',
  'fix.KPI2102': 'Correct the number: it can have one decimal point at most.',
  KPI2103: '"{value}" has more than one decimal comma',
  'fix.KPI2103': 'Correct the number: it can have one decimal comma at most.',
  KPI2104: '"{value}" has misplaced thousands separators ("{sep}")',
  'fix.KPI2104':
    "Correct the number: thousands separators stand every three digits left of the decimal mark (1,234,567.89); check the file's decimal: setting.",
  KPI2105: '"{value}" is a true/false value, not {whatTerm}',
  'fix.KPI2105': 'Check the column mapping: the column holds TRUE/FALSE, not the values the scheme expects.',
  KPI2106: '"{value}" has more than one sign',
  'fix.KPI2106': 'Write the number with one sign: -5, (5) or 5-.',
  KPI2107: '"{value}" holds the letter "{letter}" (a typo for {digit}?): not a number',
  'fix.KPI2107': 'Correct the typo in the file: digits only.',
  KPI2108: '"{value}" holds the letter "{letter}": not a number',
  'fix.KPI2108': 'Correct the value in the file: digits only.',
  KPI2109: '"{value}" is written with a decimal comma; declare decimal: \',\' for this file if it writes decimals that way',
  'fix.KPI2109': "Add decimal: ',' to the source in the scheme when the file writes 12,5 for twelve and a half.",
  KPI2110: '"{value}" is too large to be a number here (beyond ±9,007,199,254,740,991)',
  'fix.KPI2110': 'Correct the value: it is probably a typo or an id in a number column.',
  KPI2111: '"{value}" is a percentage, not an amount of money',
  'fix.KPI2111': 'Check the column mapping, or declare the column as percent.',
  KPI2112: '"{value}" has more than {scale} decimal places; rounded to {rounded}',
  'fix.KPI2112': "Nothing, if the rounding is right; otherwise round the amounts in the file, or set the currency's minor unit.",
  KPI2113: '"{value}" is too large to keep exact to the cent',
  'fix.KPI2113': 'Correct the amount: it is beyond what can be paid exactly.',
  KPI2114: '"{value}" is in {currency}, not in the scheme\'s currency {code}',
  'fix.KPI2114': "Convert the amount to the scheme's currency in the file, or correct the scheme's currency:.",
  KPI2115: '"{value}" is in {currencyTerm} ({mark}), not in the scheme\'s currency {code}',
  'fix.KPI2115': "Convert the amount to the scheme's currency in the file, or correct the scheme's currency:.",
  KPI2116: 'contains a NUL character (byte 0): the file may be damaged',
  'fix.KPI2116': 'Export the file again from its source; a damaged file may hold other wrong values.',
  KPI2117: 'has an unsupported cell content',
  'fix.KPI2117': 'Type the value into the cell as plain text or a number.',
  KPI2118: '{value} is not {whatTerm}',
  'fix.KPI2118': 'Correct the cell, or check the column mapping.',
  KPI2119: 'a date ({date}) where {whatTerm} is expected',
  'fix.KPI2119': 'Check the column mapping: the cell holds a date.',
  KPI2121: '"{value}" is not a valid date',
  'fix.KPI2121': 'Correct the date: that day does not exist.',
  KPI2122: '"{value}" is not a date',
  'fix.KPI2122': 'Write the date as 2026-11-05, 2026/11/5 or 2026年11月5日, or as a date cell.',
  KPI2123: "{value} is outside Excel's date range",
  'fix.KPI2123': 'Correct the cell: a date is a serial from 1 (1900-01-01) to 2958465 (9999-12-31).',
  KPI2124: 'serial 60 is 1900-02-29, a day that does not exist',
  'fix.KPI2124': 'Correct the date in the workbook.',
  KPI2125: '"{value}" has a two-digit year; write the year in full',
  'fix.KPI2125': 'Write the year with four digits.',
  KPI2126: '"{value}" could be month/day or day/month; set date_order (mdy or dmy) for this source',
  'fix.KPI2126': 'Add date_order: mdy (11/05/2026 is 5 November) or dmy (5 November is 05/11/2026) to the source.',
  KPI2178:
    '"{value}" can only be {orderTerm} (there is no month {month}), but this source has no date_order, so no date of the column written this way is read; set date_order: {order} for this source',
  'fix.KPI2178':
    'Add date_order to the source: dmy when the file writes the day first (13/11/2026 is 13 November), mdy when it writes the month first (11/13/2026).',
  KPI2179: '"{value}" is not a date read either way (month/day/year or day/month/year)',
  'fix.KPI2179': "Correct the date, and set the source's date_order (mdy or dmy).",
  KPI2127: '"{value}" is not a valid date (read as {orderTerm})',
  'fix.KPI2127': "Correct the date, or the source's date_order.",
  KPI2120:
    '"{value}" is not a valid date read as {orderTerm} (date_order: {order}), but it is one read as {otherTerm}, and so is every date of this column ({count} {count|is|are} valid only that way): these read as {otherTerm}: set date_order: {other}',
  'fix.KPI2120':
    'Set date_order: to the order the file is written in (mdy: 11/13/2026 is 13 November; dmy: 13/11/2026 is 13 November) and run again: the dates that read both ways (11/02/2026) were read the wrong way too.',
  KPI2128: '"{value}": the weekday written is not that of the date ({date} is {weekday}); it is not read',
  'fix.KPI2128': 'Correct the date or the weekday written after it.',
  KPI2129:
    '{value} is {date} as an Excel date: a number typed where a date belongs (such as 2026.11 for a month), not a date of this data; a workbook date before 1950 is not read',
  'fix.KPI2129': 'Type the date as a date (2026-11-05) or as text, or check the column mapping.',
  KPI2131: '"{value}" is not a period label; write a month like 2026-11, Nov 2026 or 2026年11月, or a quarter like 2026-Q4',
  'fix.KPI2131': 'Write the period as a month (2026-11), a quarter (2026-Q4) or a year (2026).',
  KPI2132: '"{value}" has a year outside 1900–9999',
  'fix.KPI2132': 'Correct the year.',
  KPI2133: '"{value}" is not a period: there is no month {month}',
  'fix.KPI2133': 'Correct the month (1 to 12).',
  KPI2134: '"{value}" has a two-digit year; write the year in full (Nov 2026, 2026-11)',
  'fix.KPI2134': 'Write the year with four digits.',
  KPI2135: '"{value}" is a fiscal period number, not a calendar month (fiscal years need not start in January); write the month, e.g. 2026-11',
  'fix.KPI2135': 'Write the calendar month the fiscal period stands for.',
  KPI2136:
    '{value} is a number in the workbook: Excel keeps 2026.10 (October) as 2026.1, the same number as 2026.1 (January), so which month it is cannot be told',
  'fix.KPI2136': 'Write the period as text (2026-01 or 2026-10; format the column as Text before typing 2026.10).',
  KPI2137:
    '"{value}" is read as January, but this column also holds "{late}" and no month written like 2026.10: a CSV saved from a workbook where the months were typed as numbers writes October (2026.10) as 2026.1 too, so {count} {count|row|rows} may belong to October',
  'fix.KPI2137':
    'Write the periods so that they read one way (2026-01 and 2026-10, or 2026.01 and 2026.10 typed into a column formatted as Text) and export the file again.',
  KPI2138:
    '"{value}" is read as January, but the other months in this column ({months}) lead up to October, and none is written like 2026.10: a CSV saved from a workbook where the months were typed as numbers writes October (2026.10) as 2026.1, so {count} {count|row|rows} may belong to October',
  'fix.KPI2138':
    'Write the periods so that they read one way (2026-01 and 2026-10, or 2026.01 and 2026.10 typed into a column formatted as Text) and export the file again.',
  KPI2161:
    '"{value}" has {digits} decimal places, more than the currency\'s {minor}: read as {read}, as this column writes decimal points (row {row}: "{example}"); if it means {other}, correct the value',
  'fix.KPI2161': "Check the value: if it means the other number, write it with the column's decimal point.",
  KPI2162:
    '"{value}" is a plain number above 1 in a percent column: read as {percent} (plain numbers are fractions, as elsewhere in this column); if it means {points} %, write {points}%',
  'fix.KPI2162': 'Write percent points with a % sign (15%), or fractions (0.15), the same way in the whole column.',
  KPI2169:
    '"{value}" is a plain number in a number column that also holds percentages (10% is read as 0.1): read as {points} ({n} {n|value|values} above 1 so, first here); if the column gives percent points, {points} means {fraction}: write {points}% or type the column percent',
  'fix.KPI2169': 'Write the column one way: every value with a % sign, or none; or give the column type: percent.',
  KPI2163:
    '"{value}" is a long number as Excel shows it in scientific notation: the digits of the id are lost, so different ids read the same (rows with such ids in this column: {count})',
  'fix.KPI2163':
    'Export the file again without opening it in Excel, or with the column formatted as Text: a distinct count, an order or an invoice read from these ids is not reliable.',
  KPI2181:
    '"{value}" is an error value, as Excel, WPS or LibreOffice shows a formula that failed (a lookup that found nothing), not a value: the rows of this column holding one ({count}) are counted with that text, so a filter, a distinct count or a key reads it as a value',
  'fix.KPI2181':
    'Correct the formula (or the table it looks up) in the workbook the file was saved from, save the file again and run again; or type the right values over the errors.',
  KPI2164:
    '"{value}" has more than 15 digits and ends in zeros: Excel keeps 15 digits of a number, so ids that differ after the 15th read the same (rows with such ids in this column: {count})',
  'fix.KPI2164': 'Keep long ids as text: format the column as Text before the ids are typed or pasted, or export the file again from its system.',
  KPI2166:
    'the header "{header}" gives the amounts in {unit} (×{factor}), but the scheme does not give this column a scale: they are read as written (1.5 is 1.5, not {example}), which is right only if the targets are in {unit} too',
  'fix.KPI2166':
    "Add scale: to the column in the scheme: the header's unit (10000 for 万元, 1000 for 千元, (000) or $K) to read the amounts exactly in the currency, or 1 to read them as written when the targets are in the same unit.",
  KPI2167: 'the header "{header}" gives the amounts in {unit} (×{factor}), but the scheme gives this column scale: {scale}, so 1.5 is read as 1.5 × {scale}',
  'fix.KPI2167': "Correct the column's scale to the header's unit (or to 1 to read the values as written), or correct the header if it is wrong.",
  KPI2168: '"{value}" × {factor} (the column\'s scale) has more than the currency\'s {minor} decimal places; rounded to {rounded}',
  'fix.KPI2168': 'Nothing, if the rounding is right; otherwise round the amounts in the file.',
  KPI2170:
    '{value} in cell {cell} of sheet "{sheet}" is shown as {shown} by its number format {format} (divided by {factor}): the cell holds the amount in the currency, and the column\'s scale: {scale} would count it as {scaled}',
  'fix.KPI2170':
    'Remove scale: from this column: its cells hold the amounts in the currency, and their number format only shows them in 万 or thousands. If a cell does hold an amount in that unit, its number format is misleading: correct it.',
  KPI2171:
    'the header "{header}" gives the amounts in {unit}, but the number format of its cells shows them divided by {factor} (cell {cell}: {value} with {format}; {count} of the column\'s {total} {total|value|values}): those cells hold the amounts in the currency and are read as written, without a scale',
  'fix.KPI2171':
    "Add scale: 1 to the column to say the amounts are read as written (the header's unit is only how the cells are shown); a value without such a format that is in the header's unit must be corrected in the file.",
  KPI2172:
    'cell {ref} of sheet "{sheet}" is written twice in the file (two cells {ref} in the sheet\'s XML, as some programs that write workbooks do by mistake): which value is meant is not known',
  'fix.KPI2172': 'Export the workbook again from its source, or open it in Excel or LibreOffice, check the cell and save it.',
  KPI2165:
    '"{value}" is an amount in scientific notation, as Excel shows a number that does not fit its column: only the digits shown were saved, so the amount itself is lost',
  'fix.KPI2165':
    'Export the file again without opening it in Excel, or give the column a number format with decimals (0.00) before saving it as CSV; an amount in scientific notation is never read, even an exact one (1.5E+3).',

  // Times after a date
  KPI2141: '"{value}" is not a valid date and time: "{time}" is not a time of day',
  'fix.KPI2141': 'Write the time as 14:30, 14:30:00 or 2:30 PM after the date, or leave it out.',
  KPI2142: '"{value}" is not a valid date and time: 24:00 is midnight at the end of the day: write 00:00 of the next day',
  'fix.KPI2142': 'Write 00:00 of the next day: the row may belong to the next period.',
  KPI2143: '"{value}" is not a valid date and time: there is no hour {hour}',
  'fix.KPI2143': 'Correct the time: hours run from 0 to 23 (a duration or two fields run together?).',
  KPI2144: '"{value}" is not a valid date and time: there is no hour {hour} on a 12-hour clock (AM/PM)',
  'fix.KPI2144': 'Correct the time: with AM/PM, hours run from 1 to 12.',
  KPI2145: '"{value}" is not a valid date and time: there is no minute {minute}',
  'fix.KPI2145': 'Correct the time: minutes run from 0 to 59.',
  KPI2146: '"{value}" is not a valid date and time: there is no second {second}',
  'fix.KPI2146': 'Correct the time: seconds run from 0 to 59.',
  KPI2149:
    "{value} and every other date in this column ({count} {count|row|rows}) holds the time {time}, midnight in UTC{offset} saved as UTC: these look like local dates written by a program (a script's Date saved by exceljs or SheetJS), so each is read as the day before the one meant (a date format shows it so too), and a month's first day counts in the month before",
  'fix.KPI2149': 'Write the dates without a time (the local date), or have the program save them as local dates, and run again.',
  KPI2147: '"{value}" is not a valid date and time: {offset} is not a UTC offset',
  'fix.KPI2147': 'Correct the time zone: offsets run from -14:00 to +14:00.',
  KPI2148:
    '"{value}" and every other time in this column ({count} {count|row|rows}) is {time} in UTC, midnight in UTC{offset}: these look like local dates written as UTC timestamps, so each is read as the day before the one meant, and a month\'s first day counts in the month before',
  'fix.KPI2148': 'Export the dates as local dates (2026-11-01), or with their UTC offset (2026-11-01T00:00:00+08:00), and run again.',

  // Amounts in workbooks, by the number format of their cell
  KPI2151: '{value} is formatted as a percentage ({percent}%), not as an amount of money',
  'fix.KPI2151': 'Check the column mapping; if the cell is an amount, give it a number or currency format.',
  KPI2152: "{value} is formatted in {currency}, not in the scheme's currency {code} (the number format of its cell shows {mark})",
  'fix.KPI2152': "Convert the amount to the scheme's currency, or correct the cell's number format if the amount is in it.",
  KPI2153: "{value} is formatted in {currencyTerm} ({mark}), not in the scheme's currency {code} (the number format of its cell shows {mark})",
  'fix.KPI2153': "Convert the amount to the scheme's currency, or correct the cell's number format if the amount is in it.",

  // Reps and periods of rows
  KPI2201: 'rep id "{id}" is not in the roster: {n} {n|row|rows} in {period} (first on row {first}) not counted for anyone',
  'fix.KPI2201': 'Add the rep to the roster, or correct the id in the data (a lost leading zero or scientific notation is pointed out).',
  KPI2202: '{n} {n|row|rows} in {period} have no rep id (first on row {first}); not counted for anyone',
  'fix.KPI2202': 'Fill in the rep id in the data.',
  KPI2203: 'no rep id: the row cannot be credited to anyone',
  'fix.KPI2203': 'Fill in the rep id.',
  KPI2204: 'no date: the row falls in no period',
  'fix.KPI2204': 'Fill in the date, if the row should count.',
  KPI2205: 'no period label: the row falls in no period',
  'fix.KPI2205': 'Fill in the period, if the row should count.',
  KPI2206: 'duplicate {header} "{key}" (first on row {first})',
  'fix.KPI2206': 'Remove the repeated row if it is a copy; both rows are counted.',
  KPI2207: 'rep id "{id}" differs from roster id "{rep}" only by case; {n} {n|row|rows} counted for {rep}',
  'fix.KPI2207': 'Nothing, if it is the same rep; correct the id in the data to be sure.',
  KPI2208: 'rep column "{column}" is not in the data; no row can be attributed',
  'fix.KPI2208': 'Map the rep column of this source in the scheme (rep:) to a column of the file.',
  KPI2209:
    'rep id "{id}" is not in the roster: {n} {n|row|rows} in {period} (first on row {first}) not counted for anyone (the roster has "{roster}": leading zeros were lost on one side; keep ids as text: quote them in YAML (\'{quoted}\'), format the column as Text in Excel)',
  'fix.KPI2209': 'Keep ids as text everywhere: quote them in YAML, format the id column as Text in Excel.',
  KPI2210:
    'rep id "{id}" is not in the roster: {n} {n|row|rows} in {period} (first on row {first}) not counted for anyone (the roster has "{roster}": the id was written as a decimal number; pandas does this to a number column with blanks: write the ids as text)',
  'fix.KPI2210': 'Write the ids as text (pandas: read and write the column as str).',
  KPI2211:
    'rep id "{id}" is not in the roster: {n} {n|row|rows} in {period} (first on row {first}) not counted for anyone (it looks like a long number that a spreadsheet wrote in scientific notation: format the id column as Text)',
  'fix.KPI2211': 'Format the id column as Text in the spreadsheet and export again.',

  // Columns and headers
  KPI2301: 'column {letter} has values but no header; they are not read',
  'fix.KPI2301': 'Give the column a header and map it in the scheme if it matters.',
  KPI2302: 'invisible characters (zero-width space, BOM, direction marks…) removed: read as "{text}"',
  'fix.KPI2302': "Nothing, if the value reads right; clean the source system's data to be sure.",
  KPI2303:
    'invisible characters (zero-width space, BOM, direction marks…) removed: read as "{text}"; {count} values in this column had them, all read the same way',
  'fix.KPI2303': "Nothing, if the values read right; clean the source system's data to be sure.",
  KPI2304: 'column {letters} has no header; its values are not used',
  'fix.KPI2304': 'Give the column a header, and map it in the scheme if it matters.',
  KPI2305: 'header "{header}" appears more than once (columns {letters}); not used',
  'fix.KPI2305': 'Rename one of the columns if either is needed.',
  KPI2306: 'header "{header}" is a reserved word in programs; read as an ordinary name',
  'fix.KPI2306': 'Nothing; rename the column if you can.',
  KPI2307: 'sheet "{sheet}" is hidden in the workbook; it was read because the scheme names it',
  'fix.KPI2307': 'Nothing, if that is the sheet you mean.',
  KPI2308:
    'read the first visible sheet, "{sheet}"; the workbook also has hidden sheets ({hidden}) that were not read. Name the sheet with sheet: in the scheme to be sure',
  'fix.KPI2308': 'Name the sheet with sheet: in the scheme.',
  KPI2309:
    'column {letter} has values but its header is empty (the header row ends in an empty cell); they are not used. A row with a value there may have shifted one cell to the right',
  'fix.KPI2309': "Check that row's values sit under the right headers; give the column a header if its values matter.",
  KPI2310: 'read the first visible sheet, "{sheet}"; the workbook has {n|another sheet|other sheets} with the same columns ({sheets}) whose rows are not read',
  'fix.KPI2310':
    'If only that sheet belongs to this source, name it with sheet: in the scheme; otherwise put every row on one sheet (a source reads one sheet).',

  // Workbook cells
  KPI2401: 'the formula in {ref} shows the error {error}',
  'fix.KPI2401': 'Correct the formula in the workbook (or the cells it uses), save, and run again.',
  KPI2402: 'cell {ref} shows the error {error}',
  'fix.KPI2402': 'Replace the error value in the workbook with the right value.',
  KPI2403: 'cell {ref} is inside the merged cells {merged}, whose value is only in {topLeft}: unmerge them and fill in every row',
  'fix.KPI2403': 'Unmerge the cells and fill in the value on every row.',
  KPI2404:
    'the formula in {ref} has no saved result (the program that wrote the file does not calculate, as openpyxl and pandas do not): open and save the file in Excel or LibreOffice',
  'fix.KPI2404': 'Open the workbook in Excel or LibreOffice and save it, so every formula has its result.',
  KPI2405: 'cell {ref} should hold {whatTerm} but holds "{value}": the file may be damaged',
  'fix.KPI2405': 'Export the workbook again from its source, or open and save it in Excel.',
  KPI2406:
    'the formula in {ref} was never calculated: the program that wrote the workbook (xlsxwriter, a script) left that to Excel when the file is opened, so its saved result ({saved}) is a placeholder: open and save the file in Excel, WPS or LibreOffice',
  'fix.KPI2406': 'Open the workbook in Excel, WPS or LibreOffice and save it, so every formula has its calculated result; or write values instead of formulas.',
  KPI2411:
    '{n} {n|row|rows} of sheet "{sheet}" {n|is|are} hidden in the workbook (by hand, by a filter or in a collapsed group): {n|row|rows} {rows}; {n|it was|they were} read and counted like the others',
  'fix.KPI2411': 'Unhide the rows (or clear the filter) and check them; delete the rows that should not count.',
  KPI2412:
    '{n|column|columns} {columns} of sheet "{sheet}" {n|is|are} hidden in the workbook; the scheme reads {n|it|them}, so {n|it was|they were} read like the others',
  'fix.KPI2412': 'Unhide the column and check it is the one meant.',
  'term.sharedText': 'an entry of the table of texts',
  'term.trueFalse': 'TRUE or FALSE',

  // Targets, deductions and roster files
  KPI2501: '"{value}" is a percentage, but points are percent points off the total score ("{value}" would take off {fraction} of a point): write {points}',
  'fix.KPI2501': 'Write the points as a plain number (5 for five points off), without %.',
  KPI2502: 'the targets file needs rep, metric and target columns; not used',
  'fix.KPI2502': 'Map the rep, metric and target columns of the targets file in the scheme.',
  KPI2503: 'target for unknown rep "{id}" ignored',
  'fix.KPI2503': 'Add the rep to the roster, or correct the id in the targets file.',
  KPI2504: 'rep id "{id}" differs from roster id "{rep}" only by case; target used for {rep}',
  'fix.KPI2504': 'Nothing, if it is the same rep; correct the id to be sure.',
  KPI2505: 'target for unknown metric "{metric}" ignored',
  'fix.KPI2505': 'Correct the metric name in the targets file (the names under metrics: in the scheme).',
  KPI2506: 'target of {id} for {metric} is blank or not a number; row ignored',
  'fix.KPI2506': "Fill in the target; without it the scheme's target applies.",
  KPI2507: '{nameTerm} of {id} for {metric} (a percentage) is {x}, which means {pct}%; write {x}% or {fraction} in the file; row ignored',
  'fix.KPI2507': 'Write percentages with a % sign (80%) or as fractions (0.8).',
  KPI2508: 'second target for {id} / {metric} in {period} (first on row {first}); row ignored',
  'fix.KPI2508': 'Keep one row per rep, metric and period.',
  KPI2511: 'the roster has no rep id column',
  'fix.KPI2511': 'Map the id column of the roster in the scheme.',
  KPI2512: 'rep id is blank; row skipped',
  'fix.KPI2512': 'Fill in the rep id in the roster.',
  KPI2513: 'rep id "{id}" already given on row {first}; row skipped',
  'fix.KPI2513': 'Keep one row per rep in the roster.',
  KPI2514: 'rep id "{id}" differs from "{other}" only by case; given on row {first}; row skipped',
  'fix.KPI2514': 'Give each rep an id that differs from the others by more than case.',
  KPI2515: 'base bonus of {id} is blank; taken as 0',
  'fix.KPI2515': 'Fill in the base bonus, or 0 if the rep has none.',
  KPI2516: 'base bonus of {id} is negative; taken as 0',
  'fix.KPI2516': 'Correct the base bonus.',
  KPI2517: 'base bonus of {id} is not a number; taken as 0',
  'fix.KPI2517': 'Correct the base bonus, or map the base_bonus column as money or number.',
  KPI2521: 'negative {whatTerm} in a deduction ignored',
  'fix.KPI2521': 'Write deductions as positive points or amounts: they are taken off.',
  KPI2522: 'a deduction for {id} with no {whatTerm}: nothing deducted',
  'fix.KPI2522': 'Fill in the points or amount of the deduction.',
} as const;

// Problems writing what kpi writes (the report, scorecards, a targets file, a drafted scheme), by stable code:
// KPI300x an output asked for that cannot be used as given (exit 2, or 1 for an input file), 301x–302x a file that
// cannot be written or replaced, 303x–304x folders and scorecard file names. Each names the file or folder.
// `fix.KPI…`: the "what to do" of docs/problems.md, word for word.
export const problemsOutputEn = {
  // The outputs asked for
  KPI3001: '--xlsx {file} names a folder; give the report a file name, e.g. --xlsx {example}',
  'fix.KPI3001': 'Give the report a file name (--xlsx report.xlsx), not a folder.',
  KPI3002:
    '--xlsx {file} is inside the scorecard folder {dir}, which kpi replaces with the new scorecards on every run; write the report outside it (e.g. --xlsx report.xlsx)',
  'fix.KPI3002': 'Write the report outside the scorecard folder.',
  KPI3003:
    '--scorecards {dir} is the current folder or holds it; kpi replaces the scorecard folder on every run, so give the scorecards a folder of their own (e.g. --scorecards cards)',
  'fix.KPI3003': 'Give the scorecards a folder of their own (--scorecards cards).',
  KPI3004:
    '--scorecards {dir} holds {n} {n|file|files} kpi did not write ({files}); kpi replaces the whole scorecard folder on every run, so give it a new or empty folder (or move those files out)',
  'fix.KPI3004': 'Give the scorecards a new or empty folder, or move the files named out of it.',
  KPI3005: 'refusing to write {file}: it is an input file ({input}); choose another output path',
  'fix.KPI3005': 'Choose another output path: kpi never writes over the scheme or a data file.',

  // Writing and replacing a file
  KPI3011: 'cannot write {file}: it is a folder',
  'fix.KPI3011': 'Give a file name, not a folder.',
  KPI3012: 'cannot write {file}: folder {dir} does not exist',
  'fix.KPI3012': 'Create the folder first, or write to a folder that exists.',
  KPI3013: 'cannot write {file}: folder {dir} no longer exists',
  'fix.KPI3013': 'Check that nothing removes the folder while kpi writes, and run again.',
  KPI3014: 'cannot write to folder {dir}: permission denied ({code}); choose a folder you can write to',
  'fix.KPI3014': 'Write to a folder you may write to, or ask for permission to write to this one.',
  KPI3015: 'cannot write to folder {dir}: the disk is read-only (EROFS); choose a folder on a disk you can write to',
  'fix.KPI3015': 'Write to a folder on a disk you can write to.',
  KPI3016: 'cannot write {file}: the disk is full',
  'fix.KPI3016': 'Free some space on the disk, or write to another disk.',
  KPI3017: 'cannot write {file}: the disk quota is used up',
  'fix.KPI3017': 'Free some of your space on the disk, or write to another disk.',
  KPI3018: 'cannot write {file}: {errorTerm} ({code})',
  'fix.KPI3018': 'Check that the file can be written on this computer (the error says why not).',
  KPI3021: 'cannot replace {file}: it is open in another program; close the file in Excel and run again',
  'fix.KPI3021': 'Close the file in Excel (or the program that holds it) and run again.',
  KPI3022: 'cannot replace {file}: permission denied ({code}); the file may belong to someone else',
  'fix.KPI3022': 'Write to another file name, or ask the owner of the file for permission.',

  // Folders and scorecards
  KPI3031: 'cannot create folder {dir}: it is a file, not a folder',
  'fix.KPI3031': 'Name a folder that does not exist yet, or move the file away.',
  KPI3032: 'cannot create folder {dir}: {part} is a file, not a folder',
  'fix.KPI3032': 'Name a folder whose path holds no file, or move the file away.',
  KPI3033: 'cannot replace the scorecards in {dir}: a scorecard is open in another program ({code}); close the scorecards open in Excel and run again',
  'fix.KPI3033': 'Close the scorecards open in Excel (or the program that holds them) and run again.',
  KPI3041: 'refusing to write {name}: it would land outside {dir}',
  'fix.KPI3041': 'Check the rep ids and names: a scorecard is named after them.',
} as const;

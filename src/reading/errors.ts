// A problem that stops the run (missing header, unreadable file, a bad row under on_bad_row: stop).
// The message is written for the analyst: it names the file and, where known, the row and column.
export class DataError extends Error {
  readonly file: string;
  readonly row?: number;
  readonly column?: string;

  constructor(message: string, where: { file: string; row?: number; column?: string }) {
    super(message);
    this.name = 'DataError';
    this.file = where.file;
    if (where.row !== undefined) this.row = where.row;
    if (where.column !== undefined) this.column = where.column;
  }
}

/** A file that cannot be opened, in words (not ENOENT). */
export function cannotOpen(e: NodeJS.ErrnoException, fileAsWritten: string, folder: string): DataError {
  const file = fileAsWritten;
  const why =
    e.code === 'ENOENT'
      ? `no such file (looked in ${folder})`
      : e.code === 'EACCES' || e.code === 'EPERM'
        ? 'permission denied: this user may not read it'
        : e.code === 'EISDIR'
          ? 'is a folder, not a file'
          : e.code === 'EBUSY'
            ? 'the file is locked (open in Excel?): close it and run again'
            : `cannot be opened (${e.message})`;
  return new DataError(`${file}: ${why}`, { file });
}

/**
 * A path that is not a regular file (a FIFO, /dev/zero, a socket): it has no size to check, may never end and
 * cannot be read twice, so it is refused before it is opened (opening a FIFO would wait for a writer).
 */
export function notRegular(fileAsWritten: string): DataError {
  return new DataError(
    `${fileAsWritten}: is not a regular file (a pipe, device or socket); kpi reads data from files: save the data to a file and point the scheme at it.`,
    { file: fileAsWritten },
  );
}

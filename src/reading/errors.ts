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

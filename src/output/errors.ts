// Errors the shell prints as one clear line (no stack): what went wrong and which file.
export class OutputError extends Error {
  override readonly name = 'OutputError';
  constructor(
    message: string,
    /** The file or folder concerned. */
    readonly path: string,
    /** The output asked for cannot be used as given (choose another path): exit 2, not 1. */
    readonly usage = false,
  ) {
    super(message);
  }
}

// Failures of the shell's own streams. A closed pipe (`kpi score … | head`) ends the printing quietly and the run
// still writes its files; any other failed write to stdout (`> /dev/full`, a full disk, a terminal gone) is one
// line on stderr and exit 1, never a stack trace. A failed write to stderr has nowhere left to be told.

let failed = false;

/** Why a write failed, in words. */
function cause(e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case 'ENOSPC':
      return 'the disk is full (ENOSPC)';
    case 'EDQUOT':
      return 'the disk quota is used up (EDQUOT)';
    case 'EROFS':
      return 'the disk is read-only (EROFS)';
    case 'EIO':
      return 'an input/output error (EIO)';
    case 'EBADF':
      return 'stdout is closed (EBADF)';
    case 'EACCES':
    case 'EPERM':
      return `permission denied (${e.code})`;
    default:
      return e.code ?? e.message;
  }
}

export function guardStdio(): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') return;
    process.exitCode = 1;
    if (failed) return;
    failed = true;
    try {
      process.stderr.write(`kpi: cannot write the output: ${cause(err)}; nothing after that was printed\n`);
    } catch {
      // stderr is gone too
    }
  });
  process.stderr.on('error', () => undefined);
}

/** Whether a write to stdout failed (the run's exit code is then 1, whatever the command returned). */
export function stdoutFailed(): boolean {
  return failed;
}

/** Characters of one write to stdout (writeInPieces). */
const PIECE = 64 * 1024;

/**
 * A long text written to `out` in pieces of up to PIECE characters, never between the two halves of a surrogate
 * pair (each half alone would be written as U+FFFD): the same bytes. Written whole to a pipe, the 1.2 MB JSON of a
 * 500-rep run was first encoded into a buffer of its own, three bytes a character (~350 pages touched for the first
 * time, ~15 µs each on this project's machine, and 10 ms in all against 5); a piece's buffer is freed before the
 * next, which takes the same pages. Each write is synchronous (a file, or a pipe on Linux), in order.
 */
export function writeInPieces(out: { write(text: string): unknown }, text: string, piece = PIECE): void {
  for (let at = 0; at < text.length; ) {
    let end = Math.min(at + piece, text.length);
    const last = text.charCodeAt(end - 1);
    // A pair cut in two: the piece ends before it (or, a piece of one character, takes it whole).
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end += end - 1 > at ? -1 : 1;
    out.write(text.slice(at, end));
    at = end;
  }
}

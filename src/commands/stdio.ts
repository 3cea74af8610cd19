// Failures of the shell's own streams. A closed pipe (`kpi score … | head`) ends the printing quietly and the run
// still writes its files; any other failed write to stdout (`> /dev/full`, a full disk, a terminal gone) is one
// line on stderr and exit 1, never a stack trace. A failed write to stderr has nowhere left to be told.
//
// Node makes process.stdout and process.stderr when they are first read. For a pipe that is a net.Socket: node's
// net and stream modules loaded and set up, 6-8 ms of cpu and ~160 page faults on this project's machine, about a
// tenth of what `kpi --version` costs above node's own start. So the guards wait for the streams to be made, and
// printOut writes to a file, pipe or socket itself (fs.writeSync, as node's stream for a file does) while no stream
// is: a run that prints only to stdout (`kpi --version`, `kpi validate`) makes neither stream.
import { fstatSync, writeSync } from 'node:fs';

let failed = false;
/** The streams node has made so far, once the guards are set (guardStdio). */
const made: { stdout?: NodeJS.WriteStream; stderr?: NodeJS.WriteStream } = {};
/**
 * Whether printOut writes fd 1 itself: the guards watch for node's stream (bin/kpi.js sets them before anything is
 * printed; code run otherwise, as in the tests, prints through the stream), and fd 1 is a regular file, a pipe or a
 * socket (not a terminal, a device, a closed fd).
 */
let direct: boolean | undefined;
let watching = false;
/** A direct write failed (a closed pipe, a full disk): nothing more is printed, as after the stream's failure. */
let stopped = false;

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

function stdoutError(err: NodeJS.ErrnoException): void {
  if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') return;
  process.exitCode = 1;
  if (failed) return;
  failed = true;
  try {
    process.stderr.write(`kpi: cannot write the output: ${cause(err)}; nothing after that was printed\n`);
  } catch {
    // stderr is gone too
  }
}

/** Sets the guards on each stream when node makes it (process.stdout and process.stderr are getters of process). */
export function guardStdio(): void {
  guardWhenMade('stdout', (s) => s.on('error', stdoutError));
  guardWhenMade('stderr', (s) => s.on('error', () => undefined));
}

function guardWhenMade(name: 'stdout' | 'stderr', guard: (s: NodeJS.WriteStream) => void): void {
  const own = Object.getOwnPropertyDescriptor(process, name);
  const get = own?.get;
  if (get === undefined || own?.configurable !== true) {
    // Not the getter this was written for (another Node): the stream now, as before.
    made[name] = process[name];
    guard(made[name]);
    return;
  }
  if (name === 'stdout') watching = true;
  Object.defineProperty(process, name, {
    configurable: true,
    enumerable: own.enumerable === true,
    get(): NodeJS.WriteStream {
      let s = made[name];
      if (s === undefined) {
        s = get.call(process) as NodeJS.WriteStream;
        made[name] = s;
        guard(s);
      }
      return s;
    },
  });
}

/**
 * Writes `text` to stdout: through process.stdout once node has made it (in order after what it holds), else to fd
 * 1 itself when that is a file, a pipe or a socket. A pipe that would block (its reader slow, the fd non-blocking)
 * takes the rest through process.stdout, which waits for it.
 */
export function printOut(text: string): void {
  if (stopped) return;
  if (made.stdout !== undefined || !(direct ??= watching && writesDirectly(1))) {
    process.stdout.write(text);
    return;
  }
  const bytes = Buffer.from(text, 'utf8');
  let at: number;
  try {
    at = writeUntilBlocked(1, bytes);
  } catch (e) {
    stopped = true;
    stdoutError(e as NodeJS.ErrnoException);
    return;
  }
  if (at < bytes.length) process.stdout.write(bytes.subarray(at));
}

/** Writes `bytes` to `fd` until all are written or the fd would block (EAGAIN): how many were written. Other errors throw. */
export function writeUntilBlocked(fd: number, bytes: Uint8Array): number {
  let at = 0;
  try {
    while (at < bytes.length) at += writeSync(fd, bytes, at, bytes.length - at);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
  }
  return at;
}

function writesDirectly(fd: number): boolean {
  if (process.platform === 'win32') return false;
  try {
    const s = fstatSync(fd);
    return s.isFile() || s.isFIFO() || s.isSocket();
  } catch {
    return false;
  }
}

/** Nothing printed is still on its way: no stream was made, or the ones made hold nothing (bin/kpi.js exits then). */
export function outputIdle(): boolean {
  return (made.stdout?.writableLength ?? 0) === 0 && (made.stderr?.writableLength ?? 0) === 0;
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

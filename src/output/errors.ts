// Errors the shell prints as one clear line (no stack): a problem with its stable code (KPI3xxx, docs/problems.md)
// and the file or folder concerned, said in the run's language from the code and its values.
import { problemText, type Problem, type ProblemCode, type ProblemParams, type Translate } from '../messages/index.js';

/** The codes of output problems: an OutputError without one of them does not compile. */
export type OutputCode = Extract<ProblemCode, `KPI3${number}`>;

export class OutputError extends Error {
  override readonly name = 'OutputError';
  readonly code: OutputCode;
  readonly params: ProblemParams;
  constructor(
    /** The problem (problem('KPI30…', { … })); `message` is its English text. */
    p: Problem & { code: OutputCode },
    /** The file or folder concerned. */
    readonly path: string,
    /** The output asked for cannot be used as given (choose another path): exit 2, not 1. */
    readonly usage = false,
  ) {
    super(p.text);
    this.code = p.code;
    this.params = p.params;
  }
}

/** An output problem (an OutputError, or the problem it would carry) for the terminal: its code, then its message in `t`'s language. */
export function outputErrorLine(e: { code: OutputCode; params: ProblemParams }, t: Translate): string {
  return `${e.code} ${problemText(e, '', t)}`;
}

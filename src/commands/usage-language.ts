// The command line in the run's language: commander's usage errors (unknown option or command, a missing or
// invalid argument) and every --help, from the message catalogue (src/messages/en-cli.ts, zh-cli.ts).
// The language is decided before anything is parsed, so a scheme's `locale:` cannot count: --lang on the command
// line, else the environment (LC_ALL, LC_MESSAGES, LANG, as POSIX programs read them), else English.
import { Command, InvalidArgumentError, Option, type Argument, type HelpConfiguration } from 'commander';
import { english, say, type Locale, type Said, type Translate } from '../messages/index.js';
import { parseLang } from '../output/locale.js';
import { closest } from '../scheme/suggest.js';

/**
 * The language of the user's locale: the first of LC_ALL, LC_MESSAGES and LANG that is set (as POSIX programs
 * read them), when it names Chinese or English; undefined for C, POSIX or another language.
 */
export function langFromEnv(env: NodeJS.ProcessEnv = process.env): Locale | undefined {
  const value = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '');
  if (value === undefined) return undefined;
  const lang = value.toLowerCase();
  return lang.startsWith('zh') ? 'zh-CN' : lang.startsWith('en') ? 'en-US' : undefined;
}

/** The language of the command line itself: `--lang X` / `--lang=X` when it names one, else the environment's. */
export function usageLocale(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Locale {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    const value = a === '--lang' ? argv[i + 1] : a.startsWith('--lang=') ? a.slice('--lang='.length) : undefined;
    const lang = value === undefined ? undefined : parseLang(value);
    if (lang) return lang;
  }
  return langFromEnv(env) ?? 'en-US';
}

/** A value an option or argument cannot take, said in the run's language (commander shows it after the flag). */
export class UsageValueError extends InvalidArgumentError {
  constructor(readonly said: Said) {
    super(say(said, english));
  }
}

/** The words of a usage line in brackets, `<scheme>`, `[options]`, in the run's language. */
function bracketWords(s: string, t: Translate): string {
  return s.replace(
    /([<[])([\w=-]+)(\.\.\.)?([>\]])/g,
    (_w, open: string, name: string, dots: string | undefined, close: string) => `${open}${word(name, t)}${dots ?? ''}${close}`,
  );
}
function word(name: string, t: Translate): string {
  const key = `cli.word.${name}`;
  const text = (t as (k: string) => string)(key);
  return text === key ? name : text;
}

/**
 * kpi's commands: commander's own, with its usage errors said from the catalogue. Each override stands for a
 * method of commander 14 (pinned): test/e2e/usage-language.test.ts runs every one of them in both languages.
 */
export class KpiCommand extends Command {
  t: Translate = english;

  override createCommand(name?: string): KpiCommand {
    const c = new KpiCommand(name);
    c.t = this.t;
    return c;
  }

  private usageError(message: string, code: string): never {
    return this.error(this.t('cli.error', { message }), { code, exitCode: 1 });
  }

  unknownCommand(): never {
    const name = String(this.args[0]);
    const names = this.commands.filter((c) => !(c as unknown as { _hidden: boolean })._hidden).map((c) => c.name());
    return this.usageError(this.t('cli.unknownCommand', { name, hint: this.hint(name, names) }), 'commander.unknownCommand');
  }

  unknownOption(flag: string): void {
    if ((this as unknown as { _allowUnknownOption: boolean })._allowUnknownOption) return;
    const flags: string[] = [];
    for (let c: Command | null = this; c; c = c.parent)
      flags.push(
        ...this.createHelp()
          .visibleOptions(c)
          .flatMap((o) => (o.long ? [o.long] : [])),
      );
    this.usageError(this.t('cli.unknownOption', { flag, hint: flag.startsWith('--') ? this.hint(flag, flags) : '' }), 'commander.unknownOption');
  }

  missingArgument(name: string): never {
    return this.usageError(this.t('cli.missingArgument', { name: word(name, this.t) }), 'commander.missingArgument');
  }

  optionMissingArgument(option: Option): never {
    return this.usageError(this.t('cli.optionMissingArgument', { flag: bracketWords(option.flags, this.t) }), 'commander.optionMissingArgument');
  }

  missingMandatoryOptionValue(option: Option): never {
    return this.usageError(this.t('cli.requiredOption', { flag: bracketWords(option.flags, this.t) }), 'commander.missingMandatoryOptionValue');
  }

  _excessArguments(received: string[]): void {
    if ((this as unknown as { _allowExcessArguments: boolean })._allowExcessArguments) return;
    const n = this.registeredArguments.length;
    this.usageError(this.t('cli.excessArguments', { command: this.name(), n, got: received.length }), 'commander.excessArguments');
  }

  _callParseArg(target: Option | Argument, value: string, previous: unknown): unknown {
    try {
      return target.parseArg!(value, previous as never);
    } catch (e) {
      if (!(e instanceof InvalidArgumentError)) throw e;
      const t = this.t;
      const why =
        e instanceof UsageValueError ? say(e.said, t) : target.argChoices ? t('cli.choices', { list: target.argChoices.join(t('list.sep')) }) : e.message;
      const message =
        target instanceof Option
          ? t('cli.invalidOptionValue', { flag: bracketWords(target.flags, t), value, why })
          : t('cli.invalidArgumentValue', { name: word(target.name(), t), value, why });
      return this.usageError(message, 'commander.invalidArgument');
    }
  }

  private hint(given: string, candidates: string[]): string {
    const c = closest(given, candidates);
    return c === undefined ? '' : this.t('cli.didYouMean', { suggestion: c });
  }
}

/**
 * Help in the run's language: the headings, the words in brackets, the choices and defaults commander adds, and
 * Chinese measured as two columns a character (`width`: string-width, loaded only for a Chinese run).
 */
export function helpIn(t: Translate, width?: (s: string) => number): HelpConfiguration {
  const titles: Record<string, string> = {
    'Usage:': t('cli.help.usage'),
    'Arguments:': t('cli.help.arguments'),
    'Options:': t('cli.help.options'),
    'Commands:': t('cli.help.commands'),
  };
  return {
    styleTitle: (s) => titles[s] ?? s,
    styleUsage: (s) => bracketWords(s, t),
    styleSubcommandTerm: (s) => bracketWords(s, t),
    styleOptionTerm: (s) => bracketWords(s, t),
    styleArgumentTerm: (s) => word(s, t),
    optionDescription: (option) => {
      const extra: string[] = [];
      if (option.argChoices) extra.push(t('cli.help.choices', { list: option.argChoices.map((c) => JSON.stringify(c)).join(t('list.sep')) }));
      const shown = option.required || option.optional || (option.isBoolean() && typeof option.defaultValue === 'boolean');
      if (option.defaultValue !== undefined && shown)
        extra.push(t('cli.help.default', { value: option.defaultValueDescription ?? JSON.stringify(option.defaultValue) }));
      if (extra.length === 0) return option.description;
      const more = t('cli.help.extra', { list: extra.join(t('cli.help.extraSep')) });
      return option.description ? `${option.description} ${more}` : more;
    },
    ...(width ? { displayWidth: width } : {}),
  };
}

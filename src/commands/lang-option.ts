// `--lang`: the language of one run, over the scheme's `locale:`.
import { readFileSync } from 'node:fs';
import { said } from '../messages/index.js';
import { langFromEnv, UsageValueError } from './usage-language.js';
import { parseLang, type Locale } from '../output/locale.js';

export function langArg(value: string): Locale {
  const l = parseLang(value);
  if (!l) throw new UsageValueError(said('cli.badLocale'));
  return l;
}

/**
 * The language of a run whose scheme may not load: --lang, else the scheme's `locale:` line read from its text,
 * else English (a scheme without `locale:` is an English one). A scheme that cannot be read at all says nothing:
 * then the environment's language (LC_ALL, LC_MESSAGES, LANG), as for usage errors, else English.
 */
export async function runLocale(schemeFile: string, lang: Locale | undefined, model?: { locale?: Locale | undefined }): Promise<Locale> {
  if (lang) return lang;
  if (model?.locale) return model.locale;
  try {
    // Synchronous, as the scheme's own read: no thread pool for a short run.
    const text = readFileSync(schemeFile, 'utf8').slice(0, 200_000);
    const m = /^locale:\s*["']?(zh-CN|en-US)\b/m.exec(text);
    return (m?.[1] as Locale | undefined) ?? 'en-US';
  } catch {
    return langFromEnv() ?? 'en-US';
  }
}

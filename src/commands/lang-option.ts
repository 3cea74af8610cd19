// `--lang`: the language of one run, over the scheme's `locale:`.
import { readFile } from 'node:fs/promises';
import { InvalidArgumentError } from 'commander';
import { parseLang, type Locale } from '../output/locale.js';

export function langArg(value: string): Locale {
  const l = parseLang(value);
  if (!l) throw new InvalidArgumentError('expected en-US or zh-CN (also: en, zh)');
  return l;
}

/**
 * The language of a run whose scheme may not load: --lang, else the scheme's `locale:` line read from its text,
 * else English. (A scheme with errors still says which language its reader wants.)
 */
export async function runLocale(schemeFile: string, lang: Locale | undefined, model?: { locale?: Locale | undefined }): Promise<Locale> {
  if (lang) return lang;
  if (model?.locale) return model.locale;
  try {
    const text = (await readFile(schemeFile, 'utf8')).slice(0, 200_000);
    const m = /^locale:\s*["']?(zh-CN|en-US)\b/m.exec(text);
    return (m?.[1] as Locale | undefined) ?? 'en-US';
  } catch {
    return 'en-US';
  }
}

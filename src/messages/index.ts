// The message catalogue: every word kpi writes for people, one catalogue per language (en.ts, zh.ts). A message is a
// template with {name} placeholders; {n|rep|reps} picks the singular when n is 1 (English needs it, Chinese not).
// Adding a message is one step: the key and its English in en.ts, its Chinese in zh.ts (the compiler rejects a
// catalogue without it; test/messages checks that both use the same placeholders).
// Pure data and string functions: the core may use it too.
import type { Locale } from '../core/model.js';
import type { Said, SaidValue, Text } from '../core/says.js';
import { en } from './en.js';
import { zh } from './zh.js';

export type { Locale } from '../core/model.js';
export type MessageKey = keyof typeof en;
export type Catalogue = { readonly [K in MessageKey]: string };

/** The placeholder names of a template, at the type level: 'a {x} b {n|one|more}' → 'x' | 'n'. */
type Names<S extends string> = S extends `${string}{${infer P}}${infer R}` ? Name<P extends `${infer N}|${string}` ? N : P> | Names<R> : never;
/** A literal brace in a message (`{ from, to, score }`) is not a placeholder: a name has no space, comma or colon. */
type Name<P extends string> = P extends `${string}${' ' | ',' | ':'}${string}` ? never : P;
export type Params<K extends MessageKey> = { readonly [P in Names<(typeof en)[K]>]: string | number };
/** A message in the run's language; the compiler checks the key and that every placeholder gets a value. */
export type Translate = <K extends MessageKey>(key: K, ...params: Names<(typeof en)[K]> extends never ? [] : [Params<K>]) => string;

let chinese: Catalogue | undefined;
/** Chinese is made at its first use (zh.ts): English runs never make it. */
export const CATALOGUES: Readonly<Record<Locale, Catalogue>> = {
  'en-US': en,
  get 'zh-CN'() {
    chinese ??= zh();
    return chinese;
  },
};

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)(?:\|([^|}]*)\|([^}]*))?\}/g;

/** A template cut at its placeholders: text as it is, and each {name} or {n|one|more}. */
type Part = string | { whole: string; name: string; one: string | undefined; more: string | undefined };

/**
 * Each template cut once, when first filled: a 1M-row JSON says some 20,000 sentences from a few dozen templates,
 * and a regular expression with a function per match cost more than the rest of their making.
 */
const PARTS = new Map<string, readonly Part[]>();

function partsOf(template: string): readonly Part[] {
  const parts: Part[] = [];
  let at = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    if (m.index > at) parts.push(template.slice(at, m.index));
    parts.push({ whole: m[0], name: m[1]!, one: m[2], more: m[3] });
    at = m.index + m[0].length;
  }
  if (at < template.length) parts.push(template.slice(at));
  return parts;
}

/** A template's parts, cut at its first use. */
function partsFor(template: string): readonly Part[] {
  let parts = PARTS.get(template);
  if (parts === undefined) PARTS.set(template, (parts = partsOf(template)));
  return parts;
}

/** Fills a template. A missing value stays visible as {name} (the compiler prevents it in our own code). */
export function fill(template: string, params: Readonly<Record<string, string | number>> = {}): string {
  let out = '';
  for (const p of partsFor(template)) {
    if (typeof p === 'string') {
      out += p;
      continue;
    }
    out += placed(p, params[p.name]);
  }
  return out;
}

/** A placeholder's text for its value: the value, or its singular / plural word ({n|one|more}); kept as written when none. */
function placed(p: Exclude<Part, string>, v: string | number | undefined): string {
  if (v === undefined) return p.whole;
  if (p.one !== undefined) return Number(v) === 1 ? p.one : (p.more ?? '');
  return String(v);
}

/** The placeholder names a template uses (for the catalogue test). */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]!))].sort();
}

/** The messages of one language. */
export function translator(locale: Locale = 'en-US'): Translate {
  let t = TRANSLATORS.get(locale);
  if (t === undefined) {
    const cat = CATALOGUES[locale];
    t = ((key: MessageKey, params?: Record<string, string | number>) => fill(cat[key] ?? key, params)) as Translate;
    TRANSLATORS.set(locale, t);
    CATALOGUE_OF.set(t, cat);
  }
  return t;
}

/** One translator per language, so text made once per language can be kept by it (a report's notes, reused by its cards). */
const TRANSLATORS = new Map<Locale, Translate>();
/** The catalogue each of them fills from, so `say` can fill a sentence's template from its values directly. */
const CATALOGUE_OF = new WeakMap<Translate, Catalogue>();

/** English, for code paths that have no run locale yet. */
export const english: Translate = translator('en-US');

/** A problem's stable code (KPI1001 …): its catalogue key, listed in docs/problems.md. */
export type ProblemCode = Extract<MessageKey, `KPI${number}`>;
export type ProblemParams = Readonly<Record<string, string | number>>;

/** A problem with its code: what a Diagnostic or DataIssue carries, and what the readers hand on (values.ts Note). */
export interface Problem {
  code: ProblemCode;
  params: ProblemParams;
  /** In English: for JSON and for code that has no run language. */
  text: string;
}

/**
 * A problem as a Diagnostic or DataIssue carries it: the code, its values, and the English text (kept for JSON
 * and for code that has no run language). Outputs show it in the run's language with problemText. A message's
 * {hint} is not a value: it is made from the value `suggestion` (a likely meant name) in the run's language,
 * " (did you mean "label"?)", or nothing. A placeholder whose name ends in `Term` takes a catalogue key
 * (`whatTerm: 'term.number'`) and shows that message, so a word inside a problem is in the run's language too.
 */
export function problem<K extends ProblemCode>(
  code: K,
  ...params: Names<(typeof en)[K]> extends never ? [] : [Omit<Params<K>, 'hint' | `${string}Term`> & TermParams<K> & { suggestion?: string | undefined }]
): {
  code: K;
  params: ProblemParams;
  text: string;
} {
  const given = (params[0] ?? {}) as Record<string, string | number | undefined>;
  const p: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(given)) if (v !== undefined) p[k] = v;
  return { code, params: p, text: problemText({ code, params: p }, '', english) };
}

/**
 * The `…Term` placeholders of a problem take the key of a `term.` message (filled with the problem's other values),
 * or a problem's code (that problem, said with the same values: spread its params into the outer problem's).
 */
type TermParams<K extends MessageKey> = { readonly [P in Extract<Names<(typeof en)[K]>, `${string}Term`>]: MessageKey };

/** The text of a problem in the run's language: by its code when it has one, else as it was written. */
export function problemText(p: { code?: ProblemCode | undefined; params?: ProblemParams | undefined }, fallback: string, t: Translate): string {
  if (p.code === undefined) return fallback;
  const given = p.params ?? {};
  const say = t as (key: MessageKey, params?: ProblemParams) => string;
  const isTerm = (k: string, v: string | number): v is string => k.endsWith('Term') && typeof v === 'string' && v in en;
  // A term may take values of its own (the problem's other values); a term that is a problem's code is that
  // problem, said with the same values (a row's problem inside "the run stopped at row 12: …").
  const plain: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(given)) if (!isTerm(k, v)) plain[k] = v;
  const params: Record<string, string | number> = { ...plain };
  for (const [k, v] of Object.entries(given)) {
    if (!isTerm(k, v)) continue;
    if (/^KPI\d{4}$/.test(v)) {
      const inner: Record<string, string | number> = { ...given };
      delete inner[k];
      params[k] = problemText({ code: v as ProblemCode, params: inner }, '', t);
    } else params[k] = say(v as MessageKey, plain);
  }
  const hint = given.suggestion === undefined ? '' : say('hint.didYouMean', { suggestion: given.suggestion });
  return say(p.code, { ...params, hint });
}

/**
 * A sentence not yet in a language: a message key and its values (a value may itself be a sentence or a list).
 * The core builds these with its own keys (src/core/says.ts, no import from here); so can the shell (`said`).
 * `say` renders one with the run's translator; a plain string (the user's own words) is shown as it is.
 */
export type { Said, SaidValue, Text } from '../core/says.js';

/** A sentence in the run's language (a key missing from the catalogue shows as the key: a test keeps it from happening). */
export function say(s: Text, t: Translate): string {
  if (typeof s === 'string') return s;
  // A problem as a sentence (its code and values): said as the problem is, with its terms and hint.
  if (isProblemKey(s.key)) return problemText({ code: s.key as ProblemCode, params: s.values as ProblemParams }, '', t);
  const cat = CATALOGUE_OF.get(t);
  if (cat === undefined) return sayByValues(s, t);
  // The template filled from the sentence's values as each placeholder comes: a 1M-row JSON says ~15,000 sentences,
  // and a record of every value said first (sayByValues, the rule: test/messages/say.test.ts) cost more than the fill.
  const values = s.values ?? NO_VALUES;
  let out = '';
  for (const p of partsFor((cat as Readonly<Record<string, string>>)[s.key] ?? s.key)) {
    if (typeof p === 'string') {
      out += p;
      continue;
    }
    const v = values[p.name];
    out += placed(p, v === undefined ? undefined : sayValue(v, t));
  }
  return out;
}

const NO_VALUES: Readonly<Record<string, SaidValue>> = {};
/** A sentence's value as said: a sentence in it said too, a list joined. */
function sayValue(v: SaidValue, t: Translate): string | number {
  if (Array.isArray(v)) return v.map((x: string | number | Said) => sayValue(x, t)).join(t('list.sep'));
  return typeof v === 'object' ? say(v as Said, t) : (v as string | number);
}

/** KPI and four digits: /^KPI\d{4}$/ without a regular expression per sentence. */
function isProblemKey(key: string): boolean {
  if (key.length !== 7 || !key.startsWith('KPI')) return false;
  for (let i = 3; i < 7; i++) {
    const c = key.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** `say` by a record of every value said, then the translator: for a translator that is not one of `translator`'s. */
export function sayByValues(s: Text, t: Translate): string {
  if (typeof s === 'string') return s;
  if (isProblemKey(s.key)) return problemText({ code: s.key as ProblemCode, params: s.values as ProblemParams }, '', t);
  const values: Record<string, string | number> = {};
  const one = (v: string | number | Said): string | number => (typeof v === 'object' ? sayByValues(v, t) : v);
  for (const [k, v] of Object.entries(s.values ?? {})) values[k] = Array.isArray(v) ? v.map(one).join(t('list.sep')) : one(v as string | number | Said);
  return (t as (key: string, params?: Record<string, string | number>) => string)(s.key, values);
}

/** A shell sentence, checked by the compiler like `t(…)`: said('verify.noFile', { report }). */
export function said<K extends MessageKey>(
  key: K,
  ...params: Names<(typeof en)[K]> extends never ? [] : [{ readonly [P in Names<(typeof en)[K]>]: SaidValue }]
): Said {
  return params[0] === undefined ? { key } : { key, values: params[0] };
}

/** The system errors a file may fail to open with, each said in words (`term.errno.…`); others by their code alone. */
const ERRNO_TERMS = ['ELOOP', 'ENAMETOOLONG', 'ENOTDIR', 'EMFILE', 'ENFILE', 'EIO', 'ETIMEDOUT', 'ENXIO'] as const;

/** The values that say why the system could not open a file: `{errorTerm}` in words and its `{code}` (ELOOP). */
export function systemError(e: { code?: string | undefined }): { errorTerm: MessageKey; code: string } {
  const code = e.code ?? '—';
  const known = (ERRNO_TERMS as readonly string[]).includes(code);
  return { errorTerm: known ? (`term.errno.${code}` as MessageKey) : 'term.errno.other', code };
}

/** What to do about a problem, in the run's language (the catalogue's `fix.KPI…` message, listed in docs/problems.md). */
export function problemFix(code: ProblemCode, t: Translate): string {
  return (t as (key: MessageKey) => string)(`fix.${code}` as MessageKey);
}

/**
 * The reason of a data issue in the run's language: its problem's text, and for a CSV row that spans several
 * lines the line a text editor shows (`line`). Issues without a code keep their English reason, which says it.
 */
export function issueText(
  i: { code?: ProblemCode | undefined; params?: ProblemParams | undefined; reason: string; row?: number | undefined; line?: number | undefined },
  t: Translate,
): string {
  if (i.code === undefined) return i.reason;
  const text = problemText(i, i.reason, t);
  return i.line !== undefined && i.line !== i.row ? text + t('issue.line', { line: i.line }) : text;
}

// Why the `yaml` library could not read a scheme, as a catalogue sentence (term.yaml.…, src/messages/yaml-en.ts):
// its error code says what kind of mistake it is, and for the codes that cover several mistakes (a missing
// quote, colon or comma are all MISSING_CHAR) the library's message says which. Its English never reaches the
// user: a code or message this table does not know (a newer library) gets the general sentence.
import { isScalar, visit, type Document, type ErrorCode } from 'yaml';
import type { MessageKey } from '../messages/index.js';

/** One sentence per error code: the compiler refuses a code of the library without one. */
const BY_CODE = {
  ALIAS_PROPS: 'term.yaml.ALIAS_PROPS',
  BAD_ALIAS: 'term.yaml.BAD_ALIAS',
  BAD_COLLECTION_TYPE: 'term.yaml.BAD_COLLECTION_TYPE',
  BAD_DIRECTIVE: 'term.yaml.BAD_DIRECTIVE',
  BAD_DQ_ESCAPE: 'term.yaml.BAD_DQ_ESCAPE',
  BAD_INDENT: 'term.yaml.BAD_INDENT',
  BAD_PROP_ORDER: 'term.yaml.BAD_PROP_ORDER',
  BAD_SCALAR_START: 'term.yaml.BAD_SCALAR_START',
  BLOCK_AS_IMPLICIT_KEY: 'term.yaml.BLOCK_AS_IMPLICIT_KEY',
  BLOCK_IN_FLOW: 'term.yaml.BLOCK_IN_FLOW',
  // A key written twice is its own problem (KPI5012); said here only if it ever comes another way.
  DUPLICATE_KEY: 'term.yaml.other',
  IMPOSSIBLE: 'term.yaml.IMPOSSIBLE',
  KEY_OVER_1024_CHARS: 'term.yaml.KEY_OVER_1024_CHARS',
  MISSING_CHAR: 'term.yaml.MISSING_CHAR',
  MULTILINE_IMPLICIT_KEY: 'term.yaml.MULTILINE_IMPLICIT_KEY',
  MULTIPLE_ANCHORS: 'term.yaml.MULTIPLE_ANCHORS',
  MULTIPLE_DOCS: 'term.yaml.MULTIPLE_DOCS',
  MULTIPLE_TAGS: 'term.yaml.MULTIPLE_TAGS',
  NON_STRING_KEY: 'term.yaml.NON_STRING_KEY',
  RESOURCE_EXHAUSTION: 'term.yaml.RESOURCE_EXHAUSTION',
  TAB_AS_INDENT: 'term.yaml.TAB_AS_INDENT',
  TAG_RESOLVE_FAILED: 'term.yaml.TAG_RESOLVE_FAILED',
  UNEXPECTED_TOKEN: 'term.yaml.UNEXPECTED_TOKEN',
} as const satisfies Record<ErrorCode, MessageKey>;

/** The mistakes one code covers, told apart by the library's message (yaml 2.x wording; else the code's sentence). */
const BY_MESSAGE: readonly (readonly [ErrorCode, RegExp, MessageKey])[] = [
  ['MISSING_CHAR', /^Missing closing ["']quote/, 'term.yaml.unclosedQuote'],
  ['MISSING_CHAR', /^Implicit map keys need to be followed by map values/, 'term.yaml.keyWithoutValue'],
  ['MISSING_CHAR', /^Missing , (or : )?between/, 'term.yaml.missingComma'],
  ['MISSING_CHAR', /^Comments must be separated from other tokens by white space/, 'term.yaml.commentSpace'],
  ['BAD_INDENT', /^Flow (sequence|map) in block collection must be sufficiently indented and end with a [\]}]/, 'term.yaml.flowNotClosed'],
];

/** The catalogue key that says why, for an error or warning of the yaml library. */
export function yamlReason(e: { code: string; message: string }): MessageKey {
  for (const [code, re, key] of BY_MESSAGE) if (e.code === code && re.test(e.message)) return key;
  return Object.hasOwn(BY_CODE, e.code) ? BY_CODE[e.code as ErrorCode] : 'term.yaml.other';
}

/**
 * Why, and where to look: the library places a quote never closed at the end of the file, where nothing can be
 * seen; the user must be sent to the quote that opens the text it swallowed (the quoted value ending there).
 */
export function yamlProblem(doc: Document, e: { code: string; message: string; pos: [number, number] }): { reasonTerm: MessageKey; offset: number } {
  const reasonTerm = yamlReason(e);
  if (reasonTerm !== 'term.yaml.unclosedQuote') return { reasonTerm, offset: e.pos[0] };
  let opened: number | undefined;
  visit(doc, {
    Scalar(_key, node) {
      if (isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && node.range?.[1] === e.pos[0]) {
        opened = node.range[0];
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return opened === undefined ? { reasonTerm: 'term.yaml.unclosedQuoteBefore', offset: e.pos[0] } : { reasonTerm, offset: opened };
}

// Why a scheme's YAML cannot be read (KPI5011), one sentence per kind of mistake the `yaml` library finds
// (src/scheme/yaml-reasons.ts maps its error codes here), written for someone who edits a scheme, not a parser.
export const yamlEn = {
  KPI5011: 'YAML: {reasonTerm}',
  'fix.KPI5011': 'Correct the YAML at that place: check the indentation, the colons and the quotes.',
  'term.yaml.TAB_AS_INDENT': 'this line is indented with a tab; YAML indents with spaces only (replace the tab with spaces)',
  'term.yaml.BAD_INDENT': 'this line is not indented like the lines it belongs with: the keys of one map, or the items of one list, start at the same column',
  'term.yaml.flowNotClosed': 'a list in [ ] or a map in { } is not closed before this line: a ] or } is missing',
  'term.yaml.MISSING_CHAR': 'a character is missing here: a closing quote, a colon, a comma or a space',
  'term.yaml.unclosedQuote': 'the quote (" or \') that opens this value is never closed: the rest of the file was read as one text',
  'term.yaml.unclosedQuoteBefore': 'a quote (" or \') opened before this point is never closed: everything after it was read as one text',
  'term.yaml.keyWithoutValue': 'a line with a word but no colon: write each setting as key: value',
  'term.yaml.missingComma': 'a comma is missing between the items in [ ] or { }',
  'term.yaml.commentSpace': 'a # starts a note only after a space: put a space before the #, or the value in quotes',
  'term.yaml.MULTILINE_IMPLICIT_KEY':
    'a key must be on one line, followed by a colon and a space: this line (or the one before) has no colon, or no space after it (write key: value)',
  'term.yaml.BLOCK_AS_IMPLICIT_KEY':
    'a second colon on this line: put a value that holds a colon in quotes ("10:30"), or write the keys under it on their own lines, indented',
  'term.yaml.BLOCK_IN_FLOW': 'a dash or a line break inside [ ] or { }: write the items on one line, separated by commas',
  'term.yaml.UNEXPECTED_TOKEN': 'a character that does not belong here (an extra quote, comma, bracket or dash): compare this line with the lines around it',
  'term.yaml.BAD_SCALAR_START': 'a value cannot start with @ or `: put the value in quotes',
  'term.yaml.BAD_DQ_ESCAPE': 'a backslash in double quotes that YAML does not read: use single quotes, or write two backslashes',
  'term.yaml.BAD_ALIAS': 'an anchor (&name) or alias (*name) without a name, or whose name ends in a colon',
  'term.yaml.ALIAS_PROPS': 'an alias (*name) with a tag or an anchor of its own: remove them',
  'term.yaml.MULTIPLE_ANCHORS': 'a value with two anchors (&name): keep one',
  'term.yaml.MULTIPLE_TAGS': 'a value with two tags (!name): keep one',
  'term.yaml.BAD_PROP_ORDER': 'an anchor (&name) or tag (!name) before a dash or a question mark: write it after',
  'term.yaml.MULTIPLE_DOCS':
    'a line --- or ... starts a second document, and a scheme is one: remove the line (and what follows, if another file was pasted in)',
  'term.yaml.KEY_OVER_1024_CHARS': 'a key longer than 1024 characters: is a colon or a line break missing?',
  'term.yaml.NON_STRING_KEY': 'a key that is a list or a map: write the key as plain text',
  'term.yaml.BAD_DIRECTIVE': 'a line starting with % that YAML does not know: remove it, or put the value in quotes',
  'term.yaml.TAG_RESOLVE_FAILED': 'a tag (a word starting with !) that kpi does not know: remove it, or put the value in quotes',
  'term.yaml.BAD_COLLECTION_TYPE': 'a tag (a word starting with !) that does not fit its value: remove it',
  'term.yaml.RESOURCE_EXHAUSTION': 'the aliases (*name) expand into too many copies: write the repeated parts out',
  'term.yaml.IMPOSSIBLE': 'the YAML cannot be read here: check the indentation, the colons and the quotes',
  'term.yaml.other': 'the YAML cannot be read here: check the indentation, the colons and the quotes',
} as const;

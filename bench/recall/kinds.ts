// The bugs bench:recall plants: one row per kind. Each is a few lines put in at
// column 0 of a top-level statement, with the place of the use that must be
// reported (0-based row within the planted lines, 0-based column).
import type { DialectId } from '../../rules';

export interface Kind {
  id: string;
  /** The rule that must report the use. */
  rule: string;
  /** Which files the kind is planted in: the dialect, and the unplanted text. */
  applies: (dialect: DialectId, text: string) => boolean;
  lines: (dialect: DialectId) => string[];
  use: (dialect: DialectId) => { row: number; column: number };
  /** Files the planted lines source, by absolute path: found before any file on disk. */
  files?: Record<string, string>;
}

/** A file of aliases for the kinds that source one; no such path exists on disk. */
const ALIASES = '/aliascope-recall/aliases.sh';
const ALIASES_FILE = { [ALIASES]: "alias zzq='echo planted'\n" };

const ANY = () => true;
/** bash only switches alias expansion on with `shopt -s expand_aliases`; the chain needs it. */
const expanding = (d: DialectId) => (d === 'bash' ? ['shopt -s expand_aliases'] : []);

export const KINDS: Kind[] = [
  {
    id: 'same-unit', rule: 'same-unit', applies: ANY,
    lines: () => ["alias zzq='echo planted'; zzq"],
    use: () => ({ row: 0, column: 26 }),
  },
  {
    id: 'function-read-before-alias', rule: 'function-read-before-alias', applies: ANY,
    lines: () => ['zzq_f() { zzq; }', "alias zzq='echo planted'", 'zzq_f'],
    use: () => ({ row: 0, column: 10 }),
  },
  {
    id: 'alias-in-function', rule: 'alias-in-function', applies: ANY,
    lines: () => ['zzq_f() {', "  alias zzq='echo planted'", '  zzq', '}', 'zzq_f'],
    use: () => ({ row: 2, column: 2 }),
  },
  {
    id: 'subshell-alias', rule: 'subshell-alias', applies: ANY,
    lines: () => ["( alias zzq='echo planted' )", 'zzq'],
    use: () => ({ row: 1, column: 0 }),
  },
  {
    // Only scripts run on their own (a shebang): a sourced file inherits the option from its caller.
    id: 'expand-aliases-off', rule: 'expand-aliases-off',
    applies: (d, text) => d === 'bash' && text.startsWith('#!') && !text.includes('expand_aliases'),
    lines: () => ["alias zzq='echo planted'", 'zzq'],
    use: () => ({ row: 1, column: 0 }),
  },
  {
    id: 'use-before-definition', rule: 'use-before-definition', applies: ANY,
    lines: () => ['zzq', "alias zzq='echo planted'"],
    use: () => ({ row: 0, column: 0 }),
  },
  {
    // `zzq` is an alias use only because the value of `zzs` ends in a blank.
    id: 'trailing-blank', rule: 'same-unit', applies: ANY,
    lines: (d) => [...expanding(d), "alias zzs='sudo '", "alias zzq='echo planted'; zzs zzq"],
    use: (d) => ({ row: expanding(d).length + 1, column: 30 }),
  },
  {
    // A reset before the intended definition does not excuse the same-unit use.
    id: 'unalias-reset', rule: 'same-unit', applies: ANY,
    lines: () => ['unalias zzq 2>/dev/null', "alias zzq='echo planted'; zzq"],
    use: () => ({ row: 1, column: 26 }),
  },
  {
    // The same two bugs with the definition in a file the script sources.
    id: 'sourced-same-unit', rule: 'same-unit', applies: ANY, files: ALIASES_FILE,
    lines: () => [`. ${ALIASES}; zzq`],
    use: () => ({ row: 0, column: ALIASES.length + 4 }),
  },
  {
    id: 'sourced-use-before', rule: 'use-before-definition', applies: ANY, files: ALIASES_FILE,
    lines: () => ['zzq', `. ${ALIASES}`],
    use: () => ({ row: 0, column: 0 }),
  },
  {
    id: 'sourced-in-function', rule: 'alias-in-function', applies: ANY, files: ALIASES_FILE,
    lines: () => ['zzq_f() {', `  . ${ALIASES}`, '  zzq', '}', 'zzq_f'],
    use: () => ({ row: 2, column: 2 }),
  },
  {
    id: 'sourced-in-subshell', rule: 'subshell-alias', applies: ANY, files: ALIASES_FILE,
    lines: () => [`( . ${ALIASES} )`, 'zzq'],
    use: () => ({ row: 1, column: 0 }),
  },
  {
    // A subshell is read whole with its line: the use inside it is read before its `source` runs.
    id: 'sourced-same-subshell', rule: 'same-unit', applies: ANY, files: ALIASES_FILE,
    lines: () => [`( . ${ALIASES}; zzq )`],
    use: () => ({ row: 0, column: ALIASES.length + 6 }),
  },
  {
    id: 'sourced-eval', rule: 'same-unit', applies: ANY, files: ALIASES_FILE,
    lines: () => [`eval '. ${ALIASES}'; zzq`],
    use: () => ({ row: 0, column: ALIASES.length + 11 }),
  },
];

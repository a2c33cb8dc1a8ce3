// Every place where the supported shells differ, in one table. Each row is
// checked against the real shell by test/engine/semantics.test.ts.
import { BYTE_ORDER_MARK } from './blanks';
import { readShebang, type StartOptions } from './shebang';

export type DialectId = 'bash' | 'bash-posix' | 'sh' | 'busybox' | 'zsh' | 'ksh' | 'mksh';

/** What the word `time` starts (see Dialect.time). */
export type TimeWord = 'program' | 'keyword' | 'keyword-p' | 'keyword-unless-option';

/**
 * Whether `time` before a word written as `next` (undefined: none) is the
 * program: always where it is no keyword, and before an option where an
 * option makes it one. The shell decides on the word as written: `"-p"` and
 * `$opt` are no options to it.
 */
export function timeIsProgram(time: TimeWord, next: string | undefined): boolean {
  return time === 'program' || (time === 'keyword-unless-option' && next !== undefined && next.startsWith('-'));
}

/**
 * Where `.` or `source` looks for a name without a slash: 'cwd' in the
 * working directory too (before or after PATH), 'path' in PATH alone, which
 * the model cannot know; 'none' where the shell has no such builtin (dash's
 * `source`), so the word runs a command like any other.
 */
export type SourceSearch = 'cwd' | 'path' | 'none';

/** When the body of a nested command text is read. */
export type ReadTime =
  | 'enclosing'   // read with the command that contains it
  | 'run-lines'   // read when it runs, one line (parse unit) at a time
  | 'run-whole'   // read when it runs, all at once
  | 'unknown';    // measured to vary; claim nothing about uses inside

export interface Dialect {
  id: DialectId;
  label: string;
  /** Non-interactive start: aliases expand without any option (bash: no). */
  expandsByDefault: boolean;
  /** `shopt expand_aliases` and `set -o posix` govern expansion (bash). */
  bashOptions: boolean;
  /** bash started in posix mode (`--posix`): the read-time rows of substitutions hold only while it stays so. */
  startsInPosixMode: boolean;
  /** `setopt`/`unsetopt aliases` govern expansion (zsh). */
  zshOptions: boolean;
  /** `$( )` bodies. */
  comsub: ReadTime;
  /**
   * When a trap's handler string is read: 'set' when the `trap` command runs,
   * with the aliases in effect then (zsh); 'fired' when the trap fires, at a
   * time the model does not know.
   */
  trapRead: 'set' | 'fired';
  /**
   * Where `$0` inside a function names the function, not the script: 'always'
   * (zsh), 'function-keyword' for functions defined with `function name`
   * (ksh93, mksh), 'never'.
   */
  functionArgZero: 'always' | 'function-keyword' | 'never';
  /**
   * Builtins besides `local`, `declare` and `typeset` whose variables belong to
   * the `name()` function they run in: zsh's `readonly`, `integer`, `float`, mksh's `integer`.
   */
  localDeclarations: readonly string[];
  /** What `$0` names in a sourced file: the file itself (zsh), or the script that was started. */
  sourcedArgZero: 'file' | 'script';
  /** Whether `BASH_SOURCE` names the file being read (bash); elsewhere it is unset. */
  bashSource: boolean;
  /**
   * `$( )` bodies read while alias expansion is off, where that differs:
   * bash --posix parses such a body again when it runs, line by line, with
   * expansion off until the body itself switches it on.
   */
  comsubReadWithAliasesOff?: ReadTime;
  /** Backtick bodies. */
  backtick: ReadTime;
  /** Backtick bodies inside a `$( )` that is read with its enclosing command. */
  backtickInEagerComsub: ReadTime;
  /** `$( )` inside an unquoted here-document body; 'never' expands nothing. */
  heredocComsub: ReadTime | 'never';
  /** Backticks inside an unquoted here-document body. */
  heredocBacktick: ReadTime;
  /** `<( )` and `>( )`; null where the shell has none. */
  procsub: ReadTime | null;
  /** `eval` strings. */
  evalRead: 'run-lines' | 'run-whole';
  /** `.`/`source` files, the first time they are read. */
  sourceRead: 'run-lines' | 'run-whole';
  /**
   * The option letters with which `alias name=value` still defines an alias
   * that commands expand (zsh's `-g` global and `-r` regular ones); with any
   * other option a shell may refuse the command or define another kind.
   */
  aliasFlags: string;
  /**
   * `builtin NAME` runs the shell's own NAME (bash, zsh, mksh); elsewhere
   * `builtin` is not found (dash, busybox) or loads builtins (ksh93), and runs nothing.
   */
  builtinRuns: boolean;
  /**
   * Aliases replace reserved words (bash, zsh): an alias named `time` is read
   * where the keyword would be. The model follows this for `time` only, the
   * one keyword whose command tree-sitter-bash parses like any other.
   */
  keywordAliases: boolean;
  /**
   * The builtins that POSIX calls special (of those the model runs): a function
   * of such a name does not replace them as it replaces other builtins.
   */
  specialBuiltins: ReadonlySet<string>;
  /**
   * What defining a function named like a special builtin does. 'replaces':
   * the function runs in its place (zsh, and bash out of posix mode); 'ignored':
   * it is defined, but the builtin still runs (mksh); 'stops': the shell
   * refuses it and stops, as it reads the definition (dash, busybox) or runs
   * it (bash in posix mode, ksh93). bash out of posix mode follows 'replaces'.
   */
  specialFunction: 'replaces' | 'ignored' | 'stops';
  /**
   * A redirection can name its descriptor with a variable (`exec {fd}>file`):
   * bash, zsh and ksh93. Elsewhere `{fd}` is a word: `exec` runs it as a
   * command, is not found, and the shell stops.
   */
  namedDescriptors: boolean;
  /**
   * `&>file` sends both outputs to the file; dash reads it as `&` and then
   * `>file`: the command before it runs in the background.
   */
  ampersandRedirect: boolean;
  /**
   * `$( )` in `$(( ))` or in an array subscript: 'comsub', read as any other
   * (Dialect.comsub); 'unknown' in mksh, which reads it when it runs, and
   * mangles an alias it expands at read time.
   */
  arithmeticComsub: 'comsub' | 'unknown';
  /**
   * Characters ksh93 and mksh refuse in an alias name: the `alias` command
   * fails there and defines none of the names after it; null where a shell
   * goes on to the next name.
   */
  refusedAliasName: RegExp | null;
  /** `() { … } args` runs an anonymous function with its own positional parameters (zsh). */
  anonymousFunctions: boolean;
  /** Here-strings (`<<<`); dash and busybox stop at the syntax error as they read the unit. */
  hereStrings: boolean;
  /**
   * The characters that, ending an alias's value, make the shell read the next word as an alias too: not a tab
   * in zsh; in mksh also a carriage return, form feed or vertical tab, which split no words there.
   */
  aliasBlanks: string;
  /**
   * `function name { … }` defines a function; dash has no such keyword: it runs
   * `function` as a command, the body's lines one by one, and stops at the `}`.
   */
  functionKeyword: boolean;
  /**
   * `function name() { … }`, the keyword with parentheses, defines a function
   * too; ksh93 finds the `(` unexpected and stops as it reads the unit.
   */
  functionKeywordParens: boolean;
  /**
   * What `[[ … ]]` is: 'keyword', which splits no word; 'test', a command
   * like `[`, whose unquoted words split (busybox); 'none', a command that is
   * not found (dash).
   */
  doubleBracket: 'keyword' | 'test' | 'none';
  /** The variable only this shell sets, which scripts test to tell shells apart (`[ -n "$ZSH_VERSION" ]`); null for none. */
  versionVariable: 'BASH_VERSION' | 'ZSH_VERSION' | 'KSH_VERSION' | null;
  /** Where each of `.` and `source` looks for a name without a slash. */
  sourceSearch: Readonly<Record<'.' | 'source', SourceSearch>>;
  /** The last element of a pipeline runs in the current shell. */
  lastPipeInShell: boolean;
  /**
   * Which assignment/redirection prefixes stop alias expansion of the next word:
   * 'assign-then-redir': any redirection after an assignment (bash);
   * 'assign-then-last-redir': a redirection right before the word, after an assignment (ksh93);
   * 'none': every prefix keeps expansion on.
   */
  prefixRule: 'assign-then-redir' | 'assign-then-last-redir' | 'none';
  /** The names a function can be defined with and called by (a wrapper for an alias of another name cannot stand in for it). */
  functionNames: RegExp;
  /**
   * When the name in `name()` is alias-expanded, so that an alias of that name
   * breaks the definition: 'always'; 'after-blank' only when a blank
   * separates the name from `(` (ksh93); 'never' (mksh).
   */
  functionNameExpands: 'always' | 'after-blank' | 'never';
  /**
   * What `time` is. 'program': a command like any other (dash, busybox).
   * 'keyword': the command after it is read and run as one of the shell's own;
   * a word after it that starts with `-` is run as the command (zsh), or taken
   * for an option and the next word run without alias expansion (mksh).
   * 'keyword-p': also past its option `-p` (bash). 'keyword-unless-option': a
   * word after it that starts with `-` makes it the program (bash --posix, ksh93).
   */
  time: TimeWord;
  /**
   * zsh's precommand modifiers: words that run the next word as a command,
   * a function included (`noglob setup`), each with whether that word is
   * read as an alias too (only after `nocorrect`).
   */
  precommandModifiers: Readonly<Record<string, boolean>>;
  /** `coproc` is a keyword: the command after it is read as one of the shell's own and runs in a subshell (bash, zsh). */
  coproc: boolean;
  /** A `return` outside functions in a script run on its own reports an error and the script goes on (bash); elsewhere it ends the script. */
  scriptReturnGoesOn: boolean;
  /**
   * A `$( )` holding a here-document inside a compound command (`if`, `{ }`,
   * a loop, a subshell) may fail when it runs: bash 5.2 prints the body again
   * to run it and drops the `;` after the compound, a syntax error from there on.
   */
  comsubHeredocInCompoundFails: boolean;
  /**
   * A `$( )` or `<( )` body runs from bash's printed form of it, where
   * redirections follow the words: `prefixRule` does not hold there.
   */
  comsubPrinted: boolean;
  /**
   * Arrays whose elements are the shell's aliases (bash's `BASH_ALIASES`,
   * zsh's `aliases` and `galiases`): a write there defines an alias that no
   * `alias` command shows. Unsetting an element removes nothing in either.
   */
  aliasArrays: readonly string[];
  /**
   * Aliases the shell defines before a script starts whose value ends in a
   * blank (mksh's `nohup='nohup '`): the word after one is read as an alias too,
   * unless the script defines or removes that alias itself.
   */
  blankAliases: readonly string[];
  /**
   * The shell's own builtins that `command NAME` does not run (zsh runs only
   * external commands there): a wrapper function that stands in for an alias
   * of a builtin's name reaches it with `builtin NAME` instead.
   */
  commandSkips: ReadonlySet<string>;
  /**
   * Commands that print function definitions as the shell can read them
   * again, with a word the first reading did not expand left as it was:
   * `eval "$(declare -f f)"` reads `f` anew, with the aliases in effect then.
   * mksh's `typeset -f` escapes every command word, so nothing expands there.
   */
  functionPrinters: readonly string[];
  /**
   * Builtins that scripts probe for and alias where a shell lacks them
   * (`has_local 2>/dev/null || alias local=typeset`, for ksh93): those this
   * shell has, where such a probe always succeeds and the alias is never defined.
   */
  probedBuiltins: readonly string[];
}

/** zsh's builtins when no module is loaded: `print -l ${(k)builtins}` in `zsh -f`, without the completion system's. */
const ZSH_BUILTINS: ReadonlySet<string> = new Set(('- . : [ alias autoload bg bindkey break builtin bye cd chdir command continue declare dirs disable '
  + 'disown echo emulate enable eval exec exit export false fc fg float functions getln getopts hash history integer jobs kill '
  + 'let limit local log logout noglob popd print printf private pushd pushln pwd r read readonly rehash return sched set setopt '
  + 'shift source suspend test times trap true ttyctl type typeset ulimit umask unalias unfunction unhash unlimit unset unsetopt '
  + 'vared wait whence where which zcompile zformat zle zmodload zparseopts zregexparse zstyle').split(' '));

/** A portable name: what POSIX shells and ksh93 take for a function. */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** POSIX's special builtins among those the model runs. */
const SPECIAL_BUILTINS = new Set(['.', 'eval', 'exec', 'exit', 'return', 'set', 'trap', 'break', 'continue']);
/** bash in posix mode, and busybox, treat `source` as one too. */
const SPECIAL_WITH_SOURCE = new Set([...SPECIAL_BUILTINS, 'source']);

const base = {
  expandsByDefault: true,
  bashOptions: false,
  startsInPosixMode: false,
  zshOptions: false,
  lastPipeInShell: false,
  prefixRule: 'none',
  // bash takes any word but one where a `[` after the first character opens a subscript; a leading `%` names a job
  functionNames: /^(?!%)[^\s'"\\$`=|&;<>()][^\s'"\\$`=|&;<>()[]*$/,
  functionNameExpands: 'always',
  time: 'keyword',
  coproc: false,
  precommandModifiers: {},
  scriptReturnGoesOn: false,
  comsubHeredocInCompoundFails: false,
  comsubPrinted: false,
  aliasArrays: [],
  blankAliases: [],
  probedBuiltins: ['local'],
  commandSkips: new Set<string>(),
  trapRead: 'fired',
  functionArgZero: 'never',
  sourcedArgZero: 'script',
  bashSource: false,
  localDeclarations: [],
  functionPrinters: [],
  evalRead: 'run-lines',
  sourceRead: 'run-lines',
  sourceSearch: { '.': 'path', source: 'path' },
  versionVariable: null,
  doubleBracket: 'keyword',
  builtinRuns: true,
  aliasFlags: '',
  functionKeyword: true,
  functionKeywordParens: true,
  aliasBlanks: ' \t',
  keywordAliases: false,
  specialBuiltins: SPECIAL_BUILTINS,
  specialFunction: 'stops',
  namedDescriptors: false,
  ampersandRedirect: true,
  hereStrings: true,
  arithmeticComsub: 'comsub',
  refusedAliasName: null,
  anonymousFunctions: false,
} as const;

export const DIALECTS: Record<DialectId, Dialect> = {
  bash: {
    ...base, id: 'bash', bashSource: true, namedDescriptors: true, versionVariable: 'BASH_VERSION', label: 'bash',
    probedBuiltins: ['local', 'typeset', 'declare', 'readarray'],
    expandsByDefault: false, bashOptions: true,
    comsub: 'run-lines', backtick: 'run-lines', backtickInEagerComsub: 'run-lines',
    heredocComsub: 'run-lines', heredocBacktick: 'run-lines',
    procsub: 'run-lines', prefixRule: 'assign-then-redir', comsubHeredocInCompoundFails: true, comsubPrinted: true,
    scriptReturnGoesOn: true, aliasArrays: ['BASH_ALIASES'], time: 'keyword-p', functionPrinters: ['declare -f', 'typeset -f'], coproc: true,
    sourceSearch: { '.': 'cwd', source: 'cwd' }, keywordAliases: true, specialBuiltins: SPECIAL_WITH_SOURCE,
  },
  'bash-posix': {
    ...base, id: 'bash-posix', bashSource: true, namedDescriptors: true, versionVariable: 'BASH_VERSION', label: 'bash --posix',
    probedBuiltins: ['local', 'typeset', 'declare', 'readarray'],
    bashOptions: true, startsInPosixMode: true,
    comsub: 'enclosing', comsubReadWithAliasesOff: 'run-lines', backtick: 'run-lines', backtickInEagerComsub: 'run-lines',
    heredocComsub: 'never', heredocBacktick: 'run-lines',
    // `<( )` is read with its line and read again when it runs: it expands an alias in effect at either time
    procsub: 'unknown', prefixRule: 'assign-then-redir', functionNames: IDENTIFIER, comsubHeredocInCompoundFails: true,
    aliasArrays: ['BASH_ALIASES'], functionPrinters: ['declare -f', 'typeset -f'], coproc: true, specialBuiltins: SPECIAL_WITH_SOURCE,
    time: 'keyword-unless-option',
  },
  sh: {
    ...base, id: 'sh', ampersandRedirect: false, hereStrings: false, label: 'sh (dash)',
    comsub: 'enclosing', backtick: 'enclosing', backtickInEagerComsub: 'enclosing',
    heredocComsub: 'enclosing', heredocBacktick: 'enclosing',
    procsub: null, functionNames: IDENTIFIER, time: 'program', sourceSearch: { '.': 'path', source: 'none' }, doubleBracket: 'none', builtinRuns: false, functionKeyword: false,
  },
  busybox: {
    ...base, id: 'busybox', hereStrings: false, builtinRuns: false, doubleBracket: 'test', label: 'busybox sh', specialBuiltins: SPECIAL_WITH_SOURCE,
    comsub: 'enclosing', backtick: 'enclosing', backtickInEagerComsub: 'enclosing',
    heredocComsub: 'enclosing', heredocBacktick: 'enclosing',
    procsub: null, functionNames: IDENTIFIER, time: 'program',
  },
  zsh: {
    ...base, id: 'zsh', namedDescriptors: true, versionVariable: 'ZSH_VERSION', label: 'zsh', zshOptions: true,
    probedBuiltins: ['local', 'typeset', 'declare', 'print', 'whence'],
    comsub: 'run-whole', backtick: 'run-whole', backtickInEagerComsub: 'run-whole',
    heredocComsub: 'run-whole', heredocBacktick: 'run-whole',
    procsub: 'run-whole', evalRead: 'run-whole', lastPipeInShell: true, aliasArrays: ['aliases', 'galiases'],
    functionPrinters: ['declare -f', 'typeset -f', 'functions'], coproc: true,
    precommandModifiers: { noglob: false, nocorrect: true, '-': false },
    commandSkips: ZSH_BUILTINS, specialFunction: 'replaces', anonymousFunctions: true, aliasFlags: 'gr', aliasBlanks: ' ', keywordAliases: true, trapRead: 'set', functionArgZero: 'always', sourcedArgZero: 'file', localDeclarations: ['readonly', 'integer', 'float'], sourceSearch: { '.': 'path', source: 'cwd' },
    // a name with `?`, `*` or `[` is a pattern that matches no file
    functionNames: /^(?!%)[^\s'"\\$`=|&;<>()[?*]+$/,
  },
  ksh: {
    ...base, id: 'ksh', refusedAliasName: /[*?{}[/]/, functionKeywordParens: false, namedDescriptors: true, builtinRuns: false, versionVariable: 'KSH_VERSION', label: 'ksh93',
    probedBuiltins: ['typeset', 'print', 'whence'],
    comsub: 'run-whole', backtick: 'run-whole', backtickInEagerComsub: 'run-whole',
    heredocComsub: 'run-whole', heredocBacktick: 'run-whole',
    procsub: 'enclosing', evalRead: 'run-whole', sourceRead: 'run-whole',
    lastPipeInShell: true, prefixRule: 'assign-then-last-redir', functionNameExpands: 'after-blank',
    functionPrinters: ['typeset -f', 'functions'], functionNames: IDENTIFIER, functionArgZero: 'function-keyword', time: 'keyword-unless-option',
  },
  mksh: {
    ...base, id: 'mksh', localDeclarations: ['integer'], versionVariable: 'KSH_VERSION', label: 'mksh',
    probedBuiltins: ['local', 'typeset', 'print', 'whence'],
    // backticks nested in `$( )` behave differently with nesting depth
    comsub: 'enclosing', backtick: 'run-whole', backtickInEagerComsub: 'unknown',
    heredocComsub: 'run-whole', heredocBacktick: 'run-whole',
    procsub: null, functionNameExpands: 'never', blankAliases: ['nohup'], aliasBlanks: ' \t\r\f\v', specialFunction: 'ignored', arithmeticComsub: 'unknown', refusedAliasName: /[*?{}^~#/]/,
    functionNames: /^[^\s'"\\$`=|&;<>()[\]{}~#?*/]+$/, functionArgZero: 'function-keyword',
    sourceSearch: { '.': 'path', source: 'cwd' },
  },
};

export const DIALECT_IDS = Object.keys(DIALECTS) as DialectId[];

/** Whether the shell reads a function definition as one: not `function name { … }` where it has no such keyword. */
export function definesFunction(node: { readonly firstChild: { readonly type: string } | null }, dialect: Pick<Dialect, 'functionKeyword'>): boolean {
  return dialect.functionKeyword || node.firstChild?.type !== 'function';
}

/**
 * Whether the word after an alias of this value is read as an alias too: the
 * value ends in one of the dialect's blanks; or it is empty or blanks only,
 * or ends in an operator or a newline, so that the next word starts a command.
 */
export function chainsNextWord(value: string, dialect: Pick<Dialect, 'aliasBlanks'>): boolean {
  return ENDS_COMMAND.test(value) || dialect.aliasBlanks.includes(value[value.length - 1]);
}

/** A value after which the next word starts a command: nothing but blanks, or an operator or newline at the end. */
const ENDS_COMMAND = /^[ \t]*$|(^|[^\\])[;&|\n][ \t]*$/;

const SHELL_NAMES: Record<string, DialectId> = {
  bash: 'bash', rbash: 'bash', sh: 'sh', dash: 'sh', ash: 'busybox', busybox: 'busybox',
  zsh: 'zsh', ksh: 'ksh', ksh93: 'ksh', rksh: 'ksh', rksh93: 'ksh', mksh: 'mksh', lksh: 'mksh', rmksh: 'mksh', 'mksh-static': 'mksh',
  posix: 'sh', 'bash-posix': 'bash-posix',
};

const EXTENSIONS: Record<string, DialectId> = {
  bash: 'bash', sh: 'sh', dash: 'sh', ash: 'busybox', ksh: 'ksh', mksh: 'mksh', zsh: 'zsh', bats: 'bash',
};

export interface DialectChoice {
  dialect: Dialect;
  /** What decided it, for messages and hover. */
  source: 'option' | 'directive' | 'shebang' | 'extension' | 'syntax' | 'default';
  /** For a dialect inferred from the text: what in it is bash-only (`` `[[` on line 3 ``). */
  evidence?: string;
  /** What the shebang's options set at the start (`#!/bin/bash -O expand_aliases`). */
  start?: StartOptions;
}

/** Syntax no POSIX shell accepts but bash does, each with how to name it; first found wins. */
const BASH_ONLY: [RegExp, string][] = [
  [/(^|[\s;&|(!])\[\[[ \t]/m, '`[[`'],
  [/^[ \t]*function[ \t]+[\w:.@-]+/m, '`function`'],
  [/^[ \t]*[\w.-]*::[\w:.-]*[ \t]*\(\)/m, '`::` in a function name'],
  [/(^|[\s;&|])[A-Za-z_]\w*(\[[^\]\s]*\])?\+?=\(/m, 'an array'],
  [/\$\{[!#]?[A-Za-z_]\w*\[/, 'an array'],
  [/(^|[\s;&|])(declare|typeset|local)[ \t]+-[a-zA-Z]*[aA]/m, 'an array'],
];

/** What in a text with no shebang shows it is written for bash, or undefined; comment lines are skipped. */
function bashOnlySyntax(text: string): string | undefined {
  const code = text.replace(/^[ \t]*#.*$/gm, '');
  let best: { at: number; what: string } | undefined;
  for (const [re, what] of BASH_ONLY) {
    const m = re.exec(code);
    if (!m) continue;
    const at = m.index + (m[1]?.length ?? 0);
    if (!best || at < best.at) best = { at, what };
  }
  if (!best) return undefined;
  const line = code.slice(0, best.at).split('\n').length;
  return `${best.what} on line ${line}`;
}

/** How a dialect choice reads in a message: bash (inferred from `[[` on line 3). */
export function dialectLabel(choice: DialectChoice): string {
  return choice.source === 'syntax' && choice.evidence ? `${choice.dialect.label} (inferred from ${choice.evidence})` : choice.dialect.label;
}

export function dialectByName(name: string): Dialect | undefined {
  const id = SHELL_NAMES[name.toLowerCase()];
  return id ? DIALECTS[id] : undefined;
}

/** The dialect a shebang names, with what its options set at the start; undefined for none or another program. */
function fromShebang(line: string): { id: DialectId; start: StartOptions } | undefined {
  const bang = readShebang(line);
  const named = bang && SHELL_NAMES[bang.program];
  if (!bang || !named) return undefined;
  const { posix, ...start } = bang.start;
  return { id: named === 'bash' && posix ? 'bash-posix' : named, start };
}

/** Picks the dialect: explicit option, then directive, shebang, extension. */
export function detectDialect(text: string, filename?: string, option?: DialectId): DialectChoice {
  if (option) return { dialect: DIALECTS[option], source: 'option' };
  const head = text.slice(0, 4096);
  // The substring test first: the multi-line pattern costs more, and most files carry no directive.
  const directive = head.includes('shell=')
    ? /^[ \t]*#[ \t]*(?:shellcheck|aliascope)[ \t]+(?:[a-z-]+=\S*[ \t]+)*shell=([A-Za-z0-9-]+)/m.exec(head) : null;
  if (directive) {
    const d = dialectByName(directive[1]);
    if (d) return { dialect: d, source: 'directive' };
  }
  const first = (head.startsWith(BYTE_ORDER_MARK) ? head.slice(BYTE_ORDER_MARK.length) : head).split(/\r?\n/, 1)[0];
  const bang = fromShebang(first);
  if (bang) return { dialect: DIALECTS[bang.id], source: 'shebang', start: bang.start };
  const ext = filename ? /\.([A-Za-z0-9]+)$/.exec(filename)?.[1]?.toLowerCase() : undefined;
  // a `.sh` library that uses bash-only syntax is read by bash
  const inferred = (): DialectChoice | undefined => {
    const evidence = first.startsWith('#!') ? undefined : bashOnlySyntax(text);
    return evidence ? { dialect: DIALECTS.bash, source: 'syntax', evidence } : undefined;
  };
  if (ext === 'sh') {
    const bash = inferred();
    if (bash) return bash;
  }
  if (ext && EXTENSIONS[ext]) return { dialect: DIALECTS[EXTENSIONS[ext]], source: 'extension' };
  // start-up files and zsh's autoloaded functions carry no shebang
  const path = filename?.replace(/\\/g, '/') ?? '';
  if (/(^|\/)\.?kshrc$/.test(path)) return { dialect: DIALECTS.ksh, source: 'extension' };
  if (/(^|\/)\.?mkshrc$/.test(path)) return { dialect: DIALECTS.mksh, source: 'extension' };
  if (/(^|\/)\.?z(shenv|shrc|profile|login|logout)$/.test(path) || /\/zsh\/(functions|site-functions)\//.test(path)) {
    return { dialect: DIALECTS.zsh, source: 'extension' };
  }
  return inferred() ?? { dialect: DIALECTS.bash, source: 'default' };
}

/** Start-up files that interactive bash reads with aliases on. */
export function isInteractiveStartupFile(filename: string | undefined): boolean {
  if (!filename) return false;
  const norm = filename.replace(/\\/g, '/');
  const base = norm.split('/').pop() ?? '';
  return /^\.?(bashrc|bash_profile|bash_login|profile|bash_aliases|bash_logout)$/.test(base)
    || base === 'bash.bashrc'
    || /(^|\/)profile\.d\/[^/]+$/.test(norm)
    || /(^|\/)bashrc\.d\/[^/]+$/.test(norm);
}

// Every gate and fast path of the engine, in one place. A gate answers "can
// this text matter?" from the text alone, so the engine can skip reading or
// running it; a wrong "no" is a wrong analysis. With `exhaustive` every gate
// answers "yes" and every fast path is off: the plain, slow model, which a
// test compares with the gated one on whole corpora.
import { chainsNextWord } from '../dialects';
import type { SyntaxNode } from '../parse';
import { MAX_SOURCE_DEPTH } from './budget';
import { ALIAS_ARRAY_WRITE, CONSTANT_STATUS, DISCOVERY_WORDS, OPTION_VARIABLES, PREFIX_WORDS, RUN_WORDS } from './builtins';
import { roughWords, sourcedPaths } from './rough-text';
import { CHANGES_DIRECTORY, inScriptFolder } from '../source-path';
import type { Analysis, Names, SourceResolver } from './types';

/**
 * Text that may define an alias (`alias name=…`, also inside eval strings,
 * and spelled `\alias` or `'alias'`, which bypass an alias of that name).
 * After options (zsh's `alias -g`) only a name without expansions counts:
 * autoconf's `alias -g '${1+"$@"}'=…` names nothing a command can use.
 */
const ALIAS_DEFINITION = /(^|[\s;&|({'"`])\\?alias['"]?\s+(?:(--\s+)?['"]?[^\s=-][^\s=]*|(?:-\w+\s+)+(--\s+)?['"]?[^\s=$'"-][^\s=$]*)=/m;
/** Text that may open a command, backtick or process substitution. */
const SUBSTITUTION_START = /\$\(|`|[<>]\(/;
/** Text that may define a function (`f()`, `f ( )`, `function f`). */
const FUNCTION_DEFINITION = /\(\s*\)|\bfunction\b/;
/**
 * Statements up to this long are checked by their text before they are run;
 * longer ones are walked. Checking every level of deep nesting would take time
 * quadratic in its depth.
 */
const GATED_LENGTH = 4096;
/** Characters that end a word as roughWords splits them (a backslash-newline does not). */
const SEPARATORS = String.raw`\s;&|()<>\``;
/** What a shell removes inside a word: a backslash-newline, a quote, any other backslash. */
const REMOVED = String.raw`(?:\\\n|['"]|\\(?!\n))*`;
/** A name no word can spell once its quotes are removed. */
const UNSPELLABLE = /[\s;&|()<>`'"\\]/;

/** True if the text itself may define an alias: only then is it sure to be modelled. */
export function mayDefineAlias(text: string): boolean {
  return ALIAS_DEFINITION.test(text);
}

/**
 * False only when neither the text nor any file it can source holds text that
 * may define an alias. Every `source`-like word is tried, in strings and
 * comments too; sourcing nested deeper than the model follows answers true.
 */
function mayReachAliasText(text: string, resolve: SourceResolver | undefined, depth: number, seen: Set<string>, from?: string): boolean {
  if (mayDefineAlias(text)) return true;
  if (!resolve) return false;
  const moves = CHANGES_DIRECTORY.test(text);
  for (const arg of sourcedPaths(text)) {
    if (depth >= MAX_SOURCE_DEPTH) return true;
    // after `cd "$(dirname "$0")"` a relative path names a file in the script's folder
    const there = moves ? inScriptFolder(arg) : null;
    for (const path of there ? [arg, there] : [arg]) {
      const file = resolve(path, from);
      if (!file || seen.has(file.name)) continue;
      seen.add(file.name);
      if (mayReachAliasText(file.text, resolve, depth + 1, seen, file.name)) return true;
    }
  }
  return false;
}

/** The names some word can spell. */
function spellable(names: Iterable<string>): string[] {
  return [...names].filter((n) => n !== '' && !UNSPELLABLE.test(n));
}

/**
 * Words that spell a name in `names`, or null when there is none. A word runs
 * between separators and goes on across backslash-newlines; it starts after
 * any it opens with, and spells what is left of it once quotes and
 * backslashes are removed: the words of roughWords. Group 1 is the word
 * without its leading backslash-newlines. One regular expression finds them
 * all, rather than a look at every word of the text.
 */
function spelling(names: string[], flags: string): RegExp | null {
  const spellings = names.map((n) => [...n].map((c) => c.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&')).join(REMOVED));
  if (spellings.length === 0) return null;
  // after a separator (or at the start) that no backslash escapes, past leading
  // backslash-newlines, and up to a separator (or the end)
  return new RegExp(String.raw`(?<![^${SEPARATORS}])(?<!\\\n)(?:\\\n)*(${REMOVED}(?:${spellings.join('|')})${REMOVED})(?![^${SEPARATORS}])`, flags);
}

/** The last names asked for, and their expression: an analysis asks with the same names for every text it reads. */
let lastSpelling: { key: string; word: RegExp | null } | undefined;

/** Beyond this many names, one regular expression of them all costs more than a look at every word. */
const MANY_NAMES = 32;

const SEPARATOR = new RegExp(`[${SEPARATORS}]`);

/** Offsets where the words that spell a name in `names` start, in order. */
export function knownNameOffsets(text: string, names: ReadonlySet<string>): number[] {
  if (names.size > MANY_NAMES) return spelledWordOffsets(text, new Set(spellable(names)));
  const spelled = spellable(names);
  // no spellable name holds a newline, so the key stands for one list only
  const key = spelled.join('\n');
  if (lastSpelling?.key !== key) lastSpelling = { key, word: spelling(spelled, 'g') };
  const word = lastSpelling.word;
  const at: number[] = [];
  if (!word) return at;
  for (let m = word.exec(text); m; m = word.exec(text)) at.push(m.index + m[0].length - m[1].length);
  return at;
}

/**
 * What `spelling` finds, word by word: each word's start past leading
 * backslash-newlines, where what is left of the word once quotes and
 * backslashes are removed is in `names`.
 */
function spelledWordOffsets(text: string, names: ReadonlySet<string>): number[] {
  const at: number[] = [];
  const sep = (i: number) => SEPARATOR.test(text[i]);
  for (let i = 0; i < text.length; i++) {
    if (sep(i) || (i > 0 && !sep(i - 1)) || (i > 1 && text[i - 1] === '\n' && text[i - 2] === '\\')) continue;
    let start = i;
    while (text[start] === '\\' && text[start + 1] === '\n') start += 2;
    let word = '';
    let k = start;
    while (k < text.length) {
      const c = text[k];
      if (c === '\\') k += text[k + 1] === '\n' ? 2 : 1;
      else if (c === "'" || c === '"') k++;
      else if (sep(k)) break;
      else {
        word += c;
        k++;
      }
    }
    if (names.has(word)) at.push(start);
    i = Math.max(i, k - 1);
  }
  return at;
}

const RUN_WORD = spelling(spellable(RUN_WORDS), '')!;

/** True if a word of the text names a builtin the runner acts on: some word of roughWords is in RUN_WORDS. */
export function namesRunWord(text: string): boolean {
  return RUN_WORD.test(text);
}

/**
 * True if the text holds a command the runner acts on, a function
 * definition, or a write to a variable that changes aliases or options; else
 * its words, any of which may call a function. A substitution's words are
 * among them: it runs in a subshell, which changes nothing here unless it
 * calls, sources or reads something.
 */
function callableWords(text: string): string[] | true {
  return FUNCTION_DEFINITION.test(text) || namesRunWord(text) || OPTION_VARIABLES.test(text) || ALIAS_ARRAY_WRITE.test(text) || roughWords(text);
}

/**
 * True if a statement with this text is invisible to the model: reading it
 * records nothing and running it changes nothing, with the names an analysis
 * found. An editor may then change the statement's words without a new analysis.
 */
export function isInertStatement(text: string, names: Names): boolean {
  if (knownNameOffsets(text, names.aliases).length > 0) return false;
  const words = callableWords(text);
  return words !== true && !words.some((w) => names.functions.has(w));
}

/**
 * True if the arguments of a simple command named `name`, with these texts
 * before and after an edit, are invisible to the model: only the name is in
 * command position (it is not `command` or `builtin`, and no alias of that
 * name has a value ending in a blank, or one known only at run time), running
 * it depends on the name alone (no builtin the runner acts on), and no
 * substitution or function definition is there to read or run.
 */
export function argumentsAreInert(name: string, texts: string[], analysis: Analysis): boolean {
  if (!/^[\w.,:/+@%^-]+$/.test(name) || RUN_WORDS.has(name) || PREFIX_WORDS.has(name)) return false;
  if (texts.some((t) => SUBSTITUTION_START.test(t) || FUNCTION_DEFINITION.test(t))) return false;
  return analysis.defs.every((d) => d.name !== name || (d.value !== null && !chainsNextWord(d.value, analysis.dialect)));
}

/** The gates one analysis asks, all open when exhaustive. */
export class Gates {
  /** Per statement node, the words that may call a function, or true when it must run anyway. */
  private readonly callable = new WeakMap<SyntaxNode, string[] | true>();

  constructor(readonly exhaustive: boolean) {}

  /** Can anything in this text, or in what it sources, be modelled? */
  worthModelling(text: string, resolve: SourceResolver | undefined): boolean {
    return this.exhaustive || mayReachAliasText(text, resolve, 0, new Set());
  }

  /** May a statement with this text name aliases before anything runs? */
  mayDiscover(text: string): boolean {
    return this.exhaustive || DISCOVERY_WORDS.test(text);
  }

  /** May this text hold a command, backtick or process substitution? */
  maySubstitute(text: string): boolean {
    return this.exhaustive || SUBSTITUTION_START.test(text);
  }

  /**
   * May a statement with no substitution, function definition or error be
   * read through its words that name aliases, without a walk?
   */
  readsByNames(text: string): boolean {
    return !this.exhaustive && !SUBSTITUTION_START.test(text) && !FUNCTION_DEFINITION.test(text);
  }

  /** Is there a known alias name among these name offsets in [from, to)? Always when exhaustive. */
  mentions(offsets: readonly number[], first: number, to: number): boolean {
    return this.exhaustive || (first < offsets.length && offsets[first] < to);
  }

  /**
   * May running this statement change the state or the flow: does it name a
   * builtin the runner acts on, a defined function, or a known alias (whose
   * runs are recorded), or hold a function definition?
   */
  mayRun(node: SyntaxNode, text: string, isFunction: (name: string) => boolean, mentionsAlias: () => boolean): boolean {
    if (this.exhaustive) return true;
    const words = this.callableOf(node, text);
    return words === true || words.some(isFunction) || mentionsAlias();
  }

  /**
   * May a statement that mayRun let through be run by noting the runs of the
   * alias uses in it, found by name, without a walk? Only when nothing in it
   * can change the state or the flow: no builtin the runner acts on, no
   * function, no substitution or function definition, no error, no
   * `command`/`builtin` (whose argument is read but never run as a use) and no
   * `true`, `:` or `false` (whose known status decides what else runs).
   */
  runsByNames(node: SyntaxNode, text: string, isFunction: (name: string) => boolean): boolean {
    if (this.exhaustive) return false;
    const words = this.callableOf(node, text);
    return words !== true && !SUBSTITUTION_START.test(text) && !words.some((w) => isFunction(w) || PREFIX_WORDS.has(w) || CONSTANT_STATUS.has(w)) && !node.hasError;
  }

  /** A body is run at every call: what its statements could call is worked out once. */
  private callableOf(node: SyntaxNode, text: string): string[] | true {
    let words = this.callable.get(node);
    if (words === undefined) {
      words = text.length > GATED_LENGTH ? true : callableWords(text);
      this.callable.set(node, words);
    }
    return words;
  }

  /** Is a loop's state after a round the one it began with, so the next round would only repeat it? */
  loopSettled(before: string, after: string | undefined): boolean {
    return !this.exhaustive && before === after;
  }

  /** May a call or a source reuse what the same body did from the same state? */
  get memoize(): boolean {
    return !this.exhaustive;
  }
}

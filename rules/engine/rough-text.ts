// Reading shell text without a parse: what a gate needs to decide, and what
// a unit the parser got wrong may source or call. Each answer is a superset
// of what the shell would see.

import { directivePaths, folderPath, folderVariables, SEARCH_ONLY, searchPaths, strippedPath } from '../source-path';

/** Where the first word after each `source` or `.` starts. */
const SOURCE_ARGUMENT = /(?:source|\.)[ \t]+(?=[^\s;&|()<>])/g;
/**
 * What may stand before `source`/`.` as a command word, also the quote that
 * opens an eval string (`eval '. ./lib.sh'`); checked apart, as a leading
 * alternation makes the scan slow.
 */
const BEFORE_COMMAND = /[\s;&|(){}`'"]/;

/**
 * The value of the shell word at `i` after quote removal, or null when it
 * holds an expansion, a glob or an unclosed quote: words the model cannot
 * follow as a `source` path either. In an eval string, the quote that closes
 * the string (`closing`) ends the word too.
 */
function literalWordAt(text: string, i: number, closing = ''): string | null {
  let out = '';
  let quote = '';
  for (; i < text.length; i++) {
    const c = text[i];
    if (quote === "'") {
      if (c === "'") quote = '';
      else out += c;
    } else if (c === '\\') {
      const next = text[++i] ?? '';
      if (next !== '\n') out += quote === '"' && !'$`"\\'.includes(next) ? c + next : next;
    } else if (c === '$' || c === '`' || (!quote && '*?['.includes(c))) {
      return null;
    } else if (quote === '"') {
      if (c === '"') quote = '';
      else out += c;
    } else if (c === closing) {
      break;
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if (/[\s;&|()<>]/.test(c)) {
      break;
    } else {
      out += c;
    }
  }
  return quote ? null : out;
}

/** Where the first argument of each `source` or `.` in command position starts, in strings and comments too. */
function* sourceArguments(text: string): Generator<number> {
  for (const m of text.matchAll(SOURCE_ARGUMENT)) {
    if (m.index! === 0 || BEFORE_COMMAND.test(text[m.index! - 1])) yield m.index! + m[0].length;
  }
}

function restOfLine(text: string, at: number): string {
  const end = text.indexOf('\n', at);
  return text.slice(at, end === -1 ? text.length : end);
}

/**
 * The paths a text may `source`, in strings and comments too: literal ones
 * (a name without a slash also in the source paths, where most shells look
 * for it), those in the script's folder (rules/source-path.ts) and
 * directives' ones; any other path with an expansion is left out.
 */
export function sourcedPaths(text: string): string[] {
  const out = directivePaths(text);
  let vars: Set<string> | undefined;
  for (const at of sourceArguments(text)) {
    // the quote after the path may close the eval string the command is in (`eval 'x=1; . ./lib.sh'`),
    // or open a quoted part of the path: both readings
    const args = [literalWordAt(text, at), literalWordAt(text, at, "'"), literalWordAt(text, at, '"')].filter((a): a is string => !!a);
    if (args.length > 0) {
      for (const a of new Set(args)) out.push(...(a.includes('/') ? [a] : [a, `${SEARCH_ONLY}/${a}`]));
    } else {
      // the folder variables are looked for only once a path has an expansion
      const word = restOfLine(text, at);
      const p = folderPath(word, (vars ??= folderVariables(text))) ?? (searchPaths(text).length ? strippedPath(word) : null);
      if (p) out.push(p);
    }
  }
  return out;
}

/**
 * A `source` word whose folder is known only at run time and whose file name
 * is literal: an expansion (`"$OS/bash_colors"`, `"$HOME"/lib/aliases`) or an
 * unquoted tilde (`~/scripts/aliases`) in the folder.
 */
const NAMED_IN_RUNTIME_FOLDER = /^(?=~|[^\s;&|()<>']*\$)[^\s;&|()<>']*\/([\w.+-]+)"?(?=[\s;&|)]|$)/;

/**
 * The file names of the `source` paths that `sourcedPaths` leaves out because
 * their folder is known only at run time (`. "$OS/bash_colors"` names
 * `bash_colors`): a file of that name may be the one sourced.
 */
export function sourcedNames(text: string): string[] {
  const out: string[] = [];
  for (const at of sourceArguments(text)) {
    const word = restOfLine(text, at);
    const named = NAMED_IN_RUNTIME_FOLDER.exec(word);
    // a quote the word opens must close in it (`"$HOME/my aliases"` names no file `my`)
    if (named && (named[0].split('"').length - 1) % 2 === 0) out.push(named[1]);
    else out.push(...loopedNames(text, at, word));
  }
  return out;
}

/** A `source` word that is a loop variable, after a literal folder if any: `"$f"`, `./"$f"`, `"${dir}/$f"`. */
const LOOP_VARIABLE = /^"?(?:[^\s;&|()<>'"$]*\/|\$\{?\w+\}?\/)?"?\$\{?([A-Za-z_]\w*)\}?"?(?=[\s;&|)]|$)/;

/** A `for` loop's head: its variable and its words. */
const FOR_HEAD = /(?:^|[\s;&|({])for\s+([A-Za-z_]\w*)\s+in\s+([^;\n]*)/g;

/**
 * The file names a `source` of a `for` loop's variable may name: the last part
 * of each of the loop's words, a glob such as `*.sh` where it has one
 * (`for f in "$dir"/*.sh; do . "$f"; done`).
 */
function loopedNames(text: string, at: number, word: string): string[] {
  const variable = LOOP_VARIABLE.exec(word)?.[1];
  if (!variable) return [];
  let words: string | undefined;
  for (const m of text.slice(0, at).matchAll(FOR_HEAD)) if (m[1] === variable) words = m[2];
  if (words === undefined) return [];
  return words.trim().split(/\s+/).map((w) => w.replace(/["']/g, '').replace(/^.*\//, ''))
    .filter((n) => /^[\w.+*?-]+$/.test(n) && /[\w]/.test(n));
}

/**
 * The words of a text as the shell would see them once quotes and escapes are
 * removed, split at every operator: a superset of its literal command words.
 */
export function roughWords(text: string): string[] {
  return text.replace(/\\\n/g, '').replace(/['"\\]/g, '').split(/[\s;&|()<>`]+/);
}


// Uses that miss a definition on purpose: a probe, another branch of an `if`,
// a decorating alias, a definition that changes nothing, an `unalias`.
import type { AliasDef, Analysis, Unalias, Use } from '../engine';
import type { SyntaxNode } from '../parse';
import { roughWords } from '../engine/rough-text';
import { within } from './places';

/** Whether an `unalias` may remove `name`: by name, with `-a`, or with a name known only at run time. */
export const removes = (u: Unalias, name: string): boolean => u.name === name || u.name === '-a' || u.name === null;

/** An `unalias` of the use's name between an offset and the use says the author wanted the alias gone. */
export function unaliasedBetween(analysis: Analysis, use: Use, from: number): boolean {
  return analysis.unaliases.some((u) => u.at > from && u.at < use.start && removes(u, use.name));
}

/**
 * Words that run the next word as a plain command: `alias ls='command ls -F'` still decorates `ls`,
 * as zsh's `alias mkdir='nocorrect mkdir'` does.
 */
const PLAIN_COMMAND_PREFIXES = new Set(['command', 'builtin', '\\command', 'nocorrect', 'noglob']);

/**
 * The command an alias value runs, as written, past `command`/`builtin`.
 * Without a value known before run time (`alias ls="ls $flags"`), the text
 * of the definition's word is read instead.
 */
export function commandWord(def: AliasDef): string | undefined {
  const value = def.value ?? def.arg?.text.replace(/^[^=]*=/, '').replace(/^['"]/, '');
  const words = (value ?? '').trim().split(/\s+/);
  while (words.length > 1 && PLAIN_COMMAND_PREFIXES.has(words[0])) words.shift();
  return words[0]?.replace(/^\\/, '') || undefined;
}

/** The shells' own commands: a use before an alias of such a name (`alias echo='printf …'`) means the builtin. */
const SHELL_BUILTINS: ReadonlySet<string> = new Set(('. : [ alias bg break builtin cd command continue declare echo eval exec exit '
  + 'export false fc fg getopts hash jobs kill let local print printf pwd read readonly return set shift shopt source test '
  + 'times trap true type typeset ulimit umask unalias unset wait').split(' '));

/**
 * Whether a use read before any definition of its alias means the plain
 * command: the one the alias decorates (`ls` before `alias ls='ls --color'`),
 * a function the script defines, or a shell builtin.
 */
export function meansPlainCommand(def: AliasDef, name: string, functions: ReadonlySet<string>): boolean {
  return commandWord(def) === name || functions.has(name) || SHELL_BUILTINS.has(name);
}

/** A value that is one variable: `"$sed_path"`, `${p}`. */
const ONE_VARIABLE = /^(["']?)\$\{?(\w+)\}?\1$/;

/**
 * An alias that runs the command of its own name, expanded or not: `alias x=x`,
 * or `alias sed="$sed_path"` where every assignment of the variable is a
 * command substitution that ends in the name (`sed_path=$(command -v sed)`,
 * `$(which sed)`), the command by its path.
 */
export function changesNothing(def: AliasDef, analysis: Analysis): boolean {
  if (def.value !== null) return def.value.trim() === def.name;
  let known = namesOwnPath.get(def);
  if (known === undefined) namesOwnPath.set(def, (known = variableNamesOwnPath(def, analysis.sources.get(def.file) ?? '')));
  return known;
}

/** Per definition with a run-time value: whether changesNothing finds it names its own command's path (a scan of its file). */
const namesOwnPath = new WeakMap<AliasDef, boolean>();

function variableNamesOwnPath(def: AliasDef, text: string): boolean {
  const variable = ONE_VARIABLE.exec(def.arg?.text.slice(def.arg.text.indexOf('=') + 1) ?? '')?.[2];
  if (!variable) return false;
  const assignments = [...text.matchAll(new RegExp(`(?:^|[\\s;&|(])${variable}="?(.*)`, 'gm'))];
  return assignments.length > 0 && assignments.every(([, value]) => {
    const command = /^(?:\$\(|`)([^)`]*)[)`]/.exec(value)?.[1].trim().split(/\s+/);
    return command !== undefined && command.length > 1 && command[command.length - 1] === def.name;
  });
}

/**
 * A probe runs the real command to decide whether to define the alias:
 * `docker-compose >/dev/null 2>&1 || alias docker-compose='docker compose'`,
 * or the same with `if [ $? -ne 0 ]; then alias …; fi` on the next line. Its
 * use is meant to run the command, not the alias. So is a use in the body of
 * a function the probe calls (`has_local() { local x; }`, then
 * `has_local 2>/dev/null || alias local=typeset`): `caller` names that function.
 */
export function isProbe(useStart: number, command: SyntaxNode, base: number, caller?: string): boolean {
  const inside = (n: SyntaxNode | null): boolean => !!n && (within(n, useStart, base) || (caller !== undefined && runsCommand(n, caller)));
  for (let child: SyntaxNode = command, p = child.parent; p; child = p, p = p.parent) {
    // (a body or the whole script has many children: asked for only where needed)
    if (p.type === 'list') {
      const [left, op] = p.children;
      if ((op?.type === '&&' || op?.type === '||') && left.startIndex !== child.startIndex && inside(left)) return true;
    }
    if (p.type === 'if_statement' || p.type === 'elif_clause' || p.type === 'while_statement') {
      const kids = p.children;
      const thenAt = kids.findIndex((k) => k.type === 'then' || k.type === 'do_group');
      const cond = kids.slice(0, thenAt === -1 ? kids.length : thenAt);
      if (cond.some((c) => c.isNamed && inside(c))) return true;
    }
    // `probe`, then a statement that tests `$?` and defines the alias
    if (p.type === 'program' || p.type === 'compound_statement' || p.type === 'do_group' || p.type === 'function_definition') {
      const text = child.text.slice(0, Math.max(0, command.startIndex - child.startIndex));
      if (!/\$\?/.test(text)) continue;
      let prev = child.previousNamedSibling;
      while (prev && prev.type === 'comment') prev = prev.previousNamedSibling;
      if (inside(prev)) return true;
    }
  }
  return false;
}

/** Whether a command in `node` is named `name`: `has_local 2>/dev/null`, `! has_local`, `local _x`; not `[ "$1" = has_local ]`. */
function runsCommand(node: SyntaxNode, name: string): boolean {
  // only where the text names it at all: most probes are asked about other functions
  return roughWords(node.text).includes(name) && node.descendantsOfType(['command', 'declaration_command']).some((c) =>
    (c.type === 'declaration_command' ? c.firstChild?.text : c.childForFieldName('name')?.text) === name);
}

/** Per tree, the bodies of its functions by name: a probe may call one. Built once, as every definition may ask. */
const bodies = new WeakMap<SyntaxNode, Map<string, SyntaxNode>>();

function bodyOf(root: SyntaxNode, name: string): SyntaxNode | undefined {
  let byName = bodies.get(root);
  if (!byName) {
    byName = new Map();
    for (const f of root.descendantsOfType('function_definition')) {
      const fname = f.childForFieldName('name')?.text;
      const body = f.childForFieldName('body');
      if (fname && body && !byName.has(fname)) byName.set(fname, body);
    }
    bodies.set(root, byName);
  }
  return byName.get(name);
}

/** The one command a probe is, past its redirections (`has_local 2>/dev/null`); null for a list, a pipeline or a test. */
function soleCommand(node: SyntaxNode): SyntaxNode | null {
  const n = node.type === 'redirected_statement' ? node.childForFieldName('body') : node;
  return n?.type === 'command' ? n : null;
}

/**
 * Whether `node` is a probe that succeeds wherever `name` is a builtin:
 * `command -v name`, `type name`, `whence name`, or a call of a function
 * whose body runs it (`has_local() { local _x; }`: in a function, `local`
 * succeeds). Not `local _x` itself, which fails outside a function.
 */
function probesBuiltin(node: SyntaxNode, name: string, root: SyntaxNode): boolean {
  const command = soleCommand(node);
  const word = command?.childForFieldName('name')?.text;
  if (!command || !word) return false;
  const args = command.childrenForFieldName('argument').map((a) => a.text);
  if (word === 'command') return args.length === 2 && (args[0] === '-v' || args[0] === '-V') && args[1] === name;
  if (word === 'type' || word === 'whence') return args.length === 1 && args[0] === name;
  const body = bodyOf(root, word);
  return body !== undefined && runsCommand(body, name);
}

/** Per definition, whether it never runs here: every use of the name asks. */
const neverHere = new WeakMap<AliasDef, boolean>();

/**
 * A fallback for a builtin this shell has: the definition runs only where a
 * probe of it failed (`has_local 2>/dev/null || alias local=typeset`,
 * `if command -v local >/dev/null; then :; else alias local=typeset; fi`),
 * and here that probe always succeeds, so the alias is never defined and no
 * use is meant to get it. The probe must be the whole condition.
 */
export function neverDefinedHere(def: AliasDef, analysis: Analysis): boolean {
  let never = neverHere.get(def);
  if (never === undefined) {
    never = def.command !== null && analysis.dialect.probedBuiltins.includes(def.name) && guardedByProbe(def.command, def.name);
    neverHere.set(def, never);
  }
  return never;
}

function guardedByProbe(command: SyntaxNode, name: string): boolean {
  let root = command;
  while (root.parent) root = root.parent;
  for (let child: SyntaxNode = command, p = child.parent; p; child = p, p = p.parent) {
    if (p.type === 'list') {
      const [left, op] = p.children;
      if (op?.type === '||' && left.startIndex !== child.startIndex && probesBuiltin(left, name, root)) return true;
    }
    if (p.type === 'if_statement') {
      const kids = p.children;
      const thenAt = kids.findIndex((k) => k.type === 'then');
      if (thenAt < 0 || kids.indexOf(child) < thenAt) continue;
      const condition = kids.slice(1, thenAt).filter((k) => k.isNamed);
      if (condition.length !== 1) continue;
      const negated = condition[0].type === 'negated_command';
      const probe = negated ? condition[0].namedChildren[0] : condition[0];
      // the first body runs when the condition succeeds; the `elif`s and the `else` when it failed
      const inFirstBody = child.type !== 'elif_clause' && child.type !== 'else_clause';
      if (inFirstBody === negated && probe && probesBuiltin(probe, name, root)) return true;
    }
  }
  return false;
}

/** Nodes whose body may run again after it was read: a use there may run after a definition an earlier round made. */
const RUN_AGAIN = new Set(['while_statement', 'for_statement', 'c_style_for_statement', 'function_definition']);

/**
 * A use in another branch of an `if` (or item of a `case`) that defines the alias in one branch:
 * `if good; then alias let='let --'; elif let 1; then …; fi`. Where the `if`
 * runs once, the use runs only when the definition did not, so it is meant to
 * run the plain command. A definition in a condition has run before every
 * later clause, so it does not count there.
 */
export function onOtherBranch(useStart: number, command: SyntaxNode, base: number): boolean {
  const defAt = command.startIndex + base;
  for (let p = command.parent; p; p = p.parent) {
    if (p.type === 'case_statement' && within(p, useStart, base)) return onOtherItem(p, useStart, defAt, base);
    if (p.type !== 'if_statement' || !within(p, useStart, base)) continue;
    const clauses = p.namedChildren.filter((c) => c.type === 'elif_clause' || c.type === 'else_clause');
    // the clause holding an offset: -1 for the if's own condition and body
    const clauseOf = (at: number) => clauses.findIndex((c) => within(c, at, base));
    const d = clauseOf(defAt);
    const u = clauseOf(useStart);
    if (d === u || (u > d && inCondition(d === -1 ? p : clauses[d], defAt, base))) return false;
    for (let q = p.parent; q; q = q.parent) if (RUN_AGAIN.has(q.type)) return false;
    return true;
  }
  return false;
}

/**
 * The same for the items of a `case` that runs once: the use in another item
 * than the definition runs only where the definition did not, unless an item
 * falls through to the next (`;&`, `;;&`).
 */
function onOtherItem(c: SyntaxNode, useStart: number, defAt: number, base: number): boolean {
  const items = c.namedChildren.filter((x) => x.type === 'case_item');
  const d = items.findIndex((x) => within(x, defAt, base));
  const u = items.findIndex((x) => within(x, useStart, base));
  if (d === -1 || u === -1 || d === u) return false;
  if (items.some((x) => x.children.some((t) => t.type === ';&' || t.type === ';;&'))) return false;
  for (let q = c.parent; q; q = q.parent) if (RUN_AGAIN.has(q.type)) return false;
  return true;
}

/** Whether an offset lies in the condition of an `if` or `elif`: before its `then`. */
function inCondition(clause: SyntaxNode, at: number, base: number): boolean {
  const then = clause.children.find((c) => c.type === 'then');
  return !!then && at < then.startIndex + base;
}

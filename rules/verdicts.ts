// Why a use does not get the definition its author meant. Two questions are
// kept apart:
// - which definitions can the use get? "Not this one" is certain whenever the
//   use is read before that definition runs, whatever code the engine could
//   not follow did: such code can at most have left an older definition;
// - does the use expand at all? That can depend on such code, and on bash's
//   expand_aliases.
// Each failing use gets exactly one reason, so the rules never overlap.
import type { AliasDef, Analysis, FunctionDef, Unalias, UnknownCode, Use } from './engine';
import { inDocument, isDefinition, isUnknown, Tri, unknownIndex } from './engine';
import { roughWords } from './engine/rough-text';
import type { SyntaxNode } from './parse';
import type { Unit } from './units';

export type Reason =
  | 'expand-aliases-off'
  | 'subshell-alias'
  | 'alias-in-function'
  | 'function-read-before-alias'
  | 'same-unit'
  | 'use-before-definition';

export interface Verdict {
  use: Use;
  reason: Reason;
  /** The definition the author most likely meant. */
  def: AliasDef;
  /** Other definitions of the name the use may get instead (earlier ones still in effect). */
  olderDefs: AliasDef[];
  /** Code the engine could not follow that may have left a definition of the name in effect. */
  unknowns: UnknownCode[];
  /** For a definition in another file: the document's `source` command the use was judged against. */
  source?: SourceCommand;
}

/** The `source` command (or the `eval` whose string holds it) a verdict names, and where it runs. */
export interface SourceCommand {
  start: number;
  end: number;
  /** The function whose body holds the command, when that is not the use's own. */
  inFunction?: string;
  /** The definition runs in a subshell of the sourced files, not of this one. */
  subshellThere?: true;
}

/** Per analysis, its uses and its document's definitions by name. */
const usesByName = new WeakMap<Analysis, Map<string, Use[]>>();
const defsByName = new WeakMap<Analysis, Map<string, AliasDef[]>>();

/** The items of an analysis grouped by name, worked out once per analysis. */
function byName<T extends { name: string }>(memo: WeakMap<Analysis, Map<string, T[]>>, analysis: Analysis, items: () => T[]): Map<string, T[]> {
  let map = memo.get(analysis);
  if (!map) {
    map = new Map();
    for (const x of items()) {
      const list = map.get(x.name);
      if (list) list.push(x);
      else map.set(x.name, [x]);
    }
    memo.set(analysis, map);
  }
  return map;
}

/** The uses of one alias name, in any file: every definition's fix asks. */
export function usesNamed(analysis: Analysis, name: string): Use[] {
  return byName(usesByName, analysis, () => analysis.uses).get(name) ?? [];
}

/** The definitions of one alias name in this document, in text order. */
export function defsNamed(analysis: Analysis, name: string): AliasDef[] {
  const inText = () => analysis.defs.filter((d) => inDocument(analysis, d)).sort((a, b) => a.start - b.start);
  return byName(defsByName, analysis, inText).get(name) ?? [];
}

/** The nearest definition above the use, or the first below it; else one from a sourced file the use can get, or any there. */
function intendedDef(use: Use, analysis: Analysis): AliasDef | undefined {
  const mine = defsNamed(analysis, use.name);
  let best: AliasDef | undefined;
  for (const d of mine) if (d.start < use.start) best = d;
  return best ?? mine[0] ?? use.resolutions.flatMap((r) => r.values).filter(isDefinition).map((v) => analysis.defs[v]).find((d) => d.name === use.name)
    ?? analysis.defs.find((d) => d.name === use.name && !inDocument(analysis, d) && !d.inFunction)
    ?? analysis.defs.find((d) => d.name === use.name && !inDocument(analysis, d));
}

/** Why a use misses a definition in another file, and the `source` command it is judged against; null when that is no bug. */
type SourcedVerdict = { reason: Reason; source?: Placed; inFunction?: string; subshellThere?: true } | null;

/** A node and the document offset of the text its offsets count from (a unit parsed again on its own). */
interface Placed {
  node: SyntaxNode;
  base: number;
}

const startOf = (c: Placed): number => c.node.startIndex + c.base;
const earliest = (list: Placed[]): Placed => list.reduce((a, b) => (startOf(b) < startOf(a) ? b : a));

/** Subshells whose text some shells read only when they run. */
const READ_LATER = new Set(['command_substitution', 'process_substitution']);

/**
 * Why a use of this document misses a definition in a file it sources.
 * Offsets of the two files cannot be compared; the `source` commands that run
 * the file (itself or through the files it sources) can:
 * - a function read before every one of them was read before the definition
 *   ran, as `f() { ll; }; source lib.sh` is;
 * - otherwise a use is judged as it would be against the definition written
 *   in the place of those commands: in the use's own function body, in
 *   subshells, or outside functions, before the use or in its unit.
 */
function sourcedReason(use: Use, def: AliasDef, analysis: Analysis): SourcedVerdict {
  if (changesNothing(def, analysis)) return null;
  if (def.inFunction) return readBeforeCalled(use, def, analysis) ? { reason: 'alias-in-function' } : null;
  const leads = sourcersOf(analysis, def.file);
  const sites = analysis.sourceSites.filter((s) => s.from === analysis.file && leads.has(s.file)).map((s) => s.at);
  if (sites.length === 0) return null;
  const fn = use.inFunction;
  if (fn && (fn.src.file !== analysis.file || fn.src.base === null)) return null;
  if (fn && def.shellRuns > 0 && sites.every((at) => at >= fn.node.endIndex + fn.src.base!)) return { reason: 'function-read-before-alias' };
  const commands: Placed[] = [];
  for (const at of sites) {
    const command = sourceCommandAt(analysis, at);
    if (!command) return null;
    if (within(command.node, use.start, command.base)) {
      // a use after the `source` on its line of the eval string that holds both: read with it
      const between = analysis.text.slice(at, use.start);
      const read = sites.length === 1 && !fn && isEval(command.node) && use.start > at && !/[\n(){}|&`]/.test(between);
      return read && !unaliasedBetween(analysis, use, at) ? { reason: 'same-unit', source: command } : null;
    }
    if (isProbe(use.start, command.node, command.base) || onOtherBranch(use.start, command.node, command.base)) return null;
    commands.push(command);
  }
  // a subshell's `source` reaches only the uses inside it
  const lastInShell = lastPipeMayBeInShell(analysis);
  const shellOf = (c: Placed) => subshellOf(c.node, lastInShell);
  const reaching = commands.filter((c) => {
    const sh = shellOf(c);
    return sh === null || within(sh, use.start, c.base);
  });
  if (reaching.length === 0) {
    // as where the definition is written: one in a command substitution is for the commands it runs
    if (def.shellRuns > 0 || def.subshellRuns === 0 || commands.some((c) => shellOf(c)?.type === 'command_substitution')) return null;
    const first = earliest(commands);
    // a function read before the subshell and called in it ran after the file there, but was read before it
    if (fn && commands.some((c) => calledIn(shellOf(c)!, c.base, fn))) {
      return analysis.names.functions.has(use.name) ? null : { reason: 'function-read-before-alias', source: first };
    }
    return { reason: 'subshell-alias', source: first };
  }
  if (!reaching.every((c) => readWithUse(analysis, c, use, shellOf(c)))) return null;
  // the definition runs only in a subshell of the files sourced here (not one a call opened)
  if (def.shellRuns === 0 && def.subshellRuns > 0 && reaching.every((c) => shellOf(c) === null && !functionOf(c.node))
    && subshellInSourced(analysis, def, leads)) {
    return { reason: 'subshell-alias', source: earliest(reaching), subshellThere: true };
  }
  const functionStart = (c: Placed): number | undefined => {
    const f = functionOf(c.node);
    return f ? f.startIndex + c.base : undefined;
  };
  if (fn) {
    const own = fn.node.startIndex + fn.src.base!;
    // sourced by the body that holds the use, which was read whole before it ran
    const mine = reaching.filter((c) => functionStart(c) === own);
    if (mine.length > 0) return { reason: 'alias-in-function', source: earliest(mine) };
    // sourced by other code only, and still not in effect when the body was read: it was read before
    // the file ran (no unalias explains it; a function of the alias's name is its fallback)
    const explained = analysis.unaliases.some((u) => removes(u, use.name)) || analysis.names.functions.has(use.name);
    return explained ? null : { reason: 'function-read-before-alias', source: earliest(reaching) };
  }
  // sourced only in function bodies, none of which is named before the use (a call, maybe an indirect
  // one the model cannot follow), and no unalias explains it; a use of the command an alias decorates
  // is meant to run the plain command, as before a definition
  const outside = reaching.filter((c) => functionStart(c) === undefined);
  if (outside.length === 0) {
    if (commandWord(def) === use.name || analysis.names.functions.has(use.name) || analysis.unaliases.some((u) => removes(u, use.name))) return null;
    const holders = reaching.map((c) => ({ fn: functionOf(c.node)!, base: c.base }));
    const skip = holders.map((h) => ({ start: h.fn.startIndex + h.base, end: h.fn.endIndex + h.base }));
    const names = holders.map((h) => h.fn.childForFieldName('name')?.text ?? '');
    const readFrom = unitAt(analysis, use.start)?.start ?? use.start;
    if (names.some((n) => n === '' || mentionedBefore(analysis.text, readFrom, n, skip))) return null;
    return { reason: 'alias-in-function', source: earliest(reaching), inFunction: names[reaching.indexOf(earliest(reaching))] };
  }
  const first = earliest(outside);
  if (startOf(first) > use.start) {
    const meant = commandWord(def) === use.name || analysis.names.functions.has(use.name);
    return meant ? null : { reason: 'use-before-definition', source: first };
  }
  // in the use's unit, before it; any other one after it
  const unit = unitAt(analysis, use.start);
  if (!unit || startOf(first) < unit.start) return null;
  if (unaliasedBetween(analysis, use, startOf(first))) return null;
  return { reason: 'same-unit', source: first };
}

/**
 * Whether a `source` command in a substitution that holds the use is read
 * with the use: substitutions some shells read only when they run, and bash a
 * line at a time, hold them together only on one line.
 */
function readWithUse(analysis: Analysis, c: Placed, use: Use, sh: SyntaxNode | null): boolean {
  if (!sh || !READ_LATER.has(sh.type)) return true;
  if (subshellOf(sh) && READ_LATER.has(subshellOf(sh)!.type)) return false;
  const { dialect } = analysis;
  const time = sh.type === 'process_substitution' ? dialect.procsub
    : sh.firstChild?.type === '`' ? dialect.backtick : dialect.comsubReadWithAliasesOff ?? dialect.comsub;
  if (time === 'enclosing' || time === 'run-whole') return true;
  return time === 'run-lines' && !analysis.text.slice(startOf(c), use.start).includes('\n');
}

/**
 * Whether a use outside functions is read before any call of the function of
 * a sourced file that defines its alias: no word before its unit names the
 * function (nor another function that may call it), yet the function ran in
 * this shell.
 */
function readBeforeCalled(use: Use, def: AliasDef, analysis: Analysis): boolean {
  if (use.inFunction || def.shellRuns === 0 || commandWord(def) === use.name || analysis.names.functions.has(use.name)) return false;
  if (analysis.unaliases.some((u) => removes(u, use.name))) return false;
  return !mentionedBefore(analysis.text, unitAt(analysis, use.start)?.start ?? use.start, def.inFunction!.name);
}

/** Whether the definition, or a `source` in another file on the way to it, is written in a subshell. */
function subshellInSourced(analysis: Analysis, def: AliasDef, leads: Set<string>): boolean {
  if (def.command && subshellOf(def.command)) return true;
  return analysis.sourceSites.some((s) => {
    if (s.from === analysis.file || !leads.has(s.file)) return false;
    const site = sourceCommandAt(analysis, s.at, s.from);
    return site !== null && subshellOf(site.node) !== null;
  });
}

/** Whether a function defined before a subshell may be called in it: a word of the subshell names it. */
function calledIn(subshell: SyntaxNode, base: number, fn: FunctionDef): boolean {
  return fn.src.base !== null && fn.node.endIndex + fn.src.base <= subshell.startIndex + base && roughWords(subshell.text).includes(fn.name);
}

/** Whether `from` runs `file` through `source`, directly or through other files. */
function runsThrough(analysis: Analysis, from: string, file: string): boolean {
  return from !== file && sourcersOf(analysis, file).has(from);
}

/** `file` and every file that runs it through `source`, directly or through other files. */
function sourcersOf(analysis: Analysis, file: string): Set<string> {
  const files = new Set([file]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const s of analysis.sourceSites) {
      if (files.has(s.file) && !files.has(s.from)) {
        files.add(s.from);
        grew = true;
      }
    }
  }
  return files;
}

/**
 * Why a use in a sourced file (this document, judged where a script sources
 * it) misses a definition that script makes after sourcing it: the file was
 * read when the script's `source` commands ran, each written before the
 * definition, outside functions, as `. ./lib.sh; alias ll='ls -l'` is.
 */
function sourcerReason(use: Use, def: AliasDef, analysis: Analysis): Reason | null {
  if (def.inFunction || def.shellRuns === 0 || !def.command || changesNothing(def, analysis)) return null;
  const leads = sourcersOf(analysis, analysis.file);
  const sites = analysis.sourceSites.filter((s) => s.from === def.file && leads.has(s.file)).map((s) => s.at);
  if (sites.length === 0) return null;
  const command = def.command;
  const before = (at: number) => {
    const site = sourceCommandAt(analysis, at, def.file);
    return site !== null && !functionOf(site.node) && at < def.start && !isProbe(at, command, def.base) && !onOtherBranch(at, command, def.base);
  };
  if (!sites.every(before)) return null;
  if (analysis.names.functions.has(use.name)) return null;
  if (use.inFunction) return 'function-read-before-alias';
  return commandWord(def) === use.name ? null : 'use-before-definition';
}

/**
 * The `source` command at an offset of the document, in a unit read with
 * certainty: from the unit's own tree where it was parsed again on its own.
 */
function sourceCommandAt(analysis: Analysis, at: number, file = analysis.file): Placed | null {
  const unit = unitIn(file === analysis.file ? analysis.units : analysis.unitsOf(file) ?? [], at);
  if (!unit || unit.uncertain) return null;
  const base = unit.src?.base ?? 0;
  const holder = unit.statements.find((st) => within(st.node, at, base))?.node;
  let command: SyntaxNode | null = holder ? holder.descendantForIndex(at - base) : null;
  while (command && !(command.type === 'command' && command.startIndex + base === at)) {
    if (isEval(command)) return evalRunsDirectly(command, at - base) ? { node: command, base } : null;
    command = command.parent;
  }
  return command ? { node: command, base } : null;
}

function isEval(node: SyntaxNode): boolean {
  return node.type === 'command' && node.childForFieldName('name')?.text === 'eval';
}

/**
 * Whether the `source` at an offset in an eval string runs as the `eval`
 * runs, so that the `eval` stands in its place: no function, subshell,
 * pipeline or background job the string opens before it holds it.
 */
function evalRunsDirectly(evalCommand: SyntaxNode, at: number): boolean {
  return !/[(){}|&`]|\bfunction\b/.test(evalCommand.text.slice(0, at - evalCommand.startIndex));
}

/** The innermost function definition around a node. */
function functionOf(node: SyntaxNode): SyntaxNode | null {
  for (let p = node.parent; p; p = p.parent) if (p.type === 'function_definition') return p;
  return null;
}

/** Whether an `unalias` may remove `name`: by name, with `-a`, or with a name known only at run time. */
const removes = (u: Unalias, name: string): boolean => u.name === name || u.name === '-a' || u.name === null;

/** An `unalias` of the use's name between an offset and the use says the author wanted the alias gone. */
function unaliasedBetween(analysis: Analysis, use: Use, from: number): boolean {
  return analysis.unaliases.some((u) => u.at > from && u.at < use.start && removes(u, use.name));
}

/**
 * The innermost node that runs its content in a subshell; with `lastInShell`
 * a pipeline's last element is not one (zsh, ksh, bash's lastpipe).
 */
function subshellOf(node: SyntaxNode | null, lastInShell = false): SyntaxNode | null {
  for (let n = node; n && n.parent; n = n.parent) {
    const p: SyntaxNode = n.parent;
    if (p.type === 'subshell' || p.type === 'command_substitution' || p.type === 'process_substitution') return p;
    if (p.type === 'pipeline' && !(lastInShell && p.namedChildren.filter((c) => c.type !== 'comment').at(-1)?.startIndex === n.startIndex)) return n;
    if (n.nextSibling?.type === '&') return n;
  }
  return null;
}

/** Whether a pipeline's last element may run in the shell itself: always in some shells, in bash once `lastpipe` may be set. */
function lastPipeMayBeInShell(analysis: Analysis): boolean {
  return analysis.dialect.lastPipeInShell || (analysis.dialect.bashOptions && [...analysis.sources.values()].some((t) => /\blastpipe\b/.test(t)));
}

/**
 * Whether a word of the text before `end` (the start of the use's unit: a call
 * in the unit runs only once all of it was read), outside the given ranges,
 * names `name`: a call, or an indirect one (`f=load; $f`, `trap load USR1`).
 */
function mentionedBefore(text: string, end: number, name: string, skip: { start: number; end: number }[] = []): boolean {
  let before = text.slice(0, end);
  for (const r of skip) if (r.start < end) before = before.slice(0, r.start) + ' '.repeat(Math.min(r.end, end) - r.start) + before.slice(Math.min(r.end, end));
  return new RegExp(`(?<![\\w.:-])${name.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&')}(?![\\w.:-])`).test(before);
}

function within(node: SyntaxNode, start: number, base = 0): boolean {
  return node.startIndex + base <= start && start < node.endIndex + base;
}

/** The document's parse unit holding an offset. */
function unitAt(analysis: Analysis, offset: number): Unit | undefined {
  return unitIn(analysis.units, offset);
}

/** The parse unit holding an offset (units are in text order). */
function unitIn(units: Unit[], offset: number): Unit | undefined {
  let lo = 0;
  let hi = units.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (units[mid].end <= offset) lo = mid + 1;
    else if (units[mid].start > offset) hi = mid - 1;
    else return units[mid];
  }
  return undefined;
}

/** Words that run the next word as a plain command: `alias ls='command ls -F'` still decorates `ls`. */
const PLAIN_COMMAND_PREFIXES = new Set(['command', 'builtin', '\\command']);

/**
 * The command an alias value runs, as written, past `command`/`builtin`.
 * Without a value known before run time (`alias ls="ls $flags"`), the text
 * of the definition's word is read instead.
 */
function commandWord(def: AliasDef): string | undefined {
  const value = def.value ?? def.arg?.text.replace(/^[^=]*=/, '').replace(/^['"]/, '');
  const words = (value ?? '').trim().split(/\s+/);
  while (words.length > 1 && PLAIN_COMMAND_PREFIXES.has(words[0])) words.shift();
  return words[0]?.replace(/^\\/, '') || undefined;
}

/** A value that is one variable: `"$sed_path"`, `${p}`. */
const ONE_VARIABLE = /^(["']?)\$\{?(\w+)\}?\1$/;

/**
 * An alias that runs the command of its own name, expanded or not: `alias x=x`,
 * or `alias sed="$sed_path"` where every assignment of the variable is a
 * command substitution that ends in the name (`sed_path=$(command -v sed)`,
 * `$(which sed)`), the command by its path.
 */
function changesNothing(def: AliasDef, analysis: Analysis): boolean {
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
 * use is meant to run the command, not the alias.
 */
function isProbe(useStart: number, command: SyntaxNode, base: number): boolean {
  const inside = (n: SyntaxNode | null): boolean => !!n && within(n, useStart, base);
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

/** Nodes whose body may run again after it was read: a use there may run after a definition an earlier round made. */
const RUN_AGAIN = new Set(['while_statement', 'for_statement', 'c_style_for_statement', 'function_definition']);

/**
 * A use in another branch of an `if` that defines the alias in one branch:
 * `if good; then alias let='let --'; elif let 1; then …; fi`. Where the `if`
 * runs once, the use runs only when the definition did not, so it is meant to
 * run the plain command. A definition in a condition has run before every
 * later clause, so it does not count there.
 */
function onOtherBranch(useStart: number, command: SyntaxNode, base: number): boolean {
  const defAt = command.startIndex + base;
  for (let p = command.parent; p; p = p.parent) {
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

/** Whether an offset lies in the condition of an `if` or `elif`: before its `then`. */
function inCondition(clause: SyntaxNode, at: number, base: number): boolean {
  const then = clause.children.find((c) => c.type === 'then');
  return !!then && at < then.startIndex + base;
}

/** Why a use that certainly does not get `def` misses it, or null when that is no bug. */
function timingReason(use: Use, def: AliasDef, analysis: Analysis): Reason | null {
  if (changesNothing(def, analysis)) return null;
  if (def.command && (isProbe(use.start, def.command, def.base) || onOtherBranch(use.start, def.command, def.base))) return null;
  const fn = def.inFunction;
  const shell = subshellOf(def.command);
  // a definition that runs only inside a command substitution is for the commands
  // it runs, whose output is captured (`got=$(alias cat=false; whence -a cat)`):
  // uses outside it are meant to run the plain command
  if (shell?.type === 'command_substitution' && !within(shell, use.start, def.base)) return null;
  // a use written before the definition, outside functions: only a bug when
  // the plain command is not what the alias decorates (`k` vs `alias k=kubectl`),
  // nor a function of the same name that the script defines
  if (use.start < def.start && !use.inFunction && !fn) {
    const meant = commandWord(def) === use.name || analysis.names.functions.has(use.name);
    return meant ? null : 'use-before-definition';
  }
  if (def.subshellRuns > 0 && def.shellRuns === 0 && shell && !within(shell, use.start, def.base)) {
    // a function read before the subshell and called in it ran after the definition there, but was read before it
    if (use.inFunction && use.inFunction !== fn && calledIn(shell, def.base, use.inFunction)) {
      return analysis.names.functions.has(use.name) ? null : 'function-read-before-alias';
    }
    return 'subshell-alias';
  }
  if (fn && within(fn.body, use.start, fn.src.base ?? 0)) return 'alias-in-function';
  // a function read early that runs a function of the alias's name, which the
  // script defines as the alias's fallback (`f() { _f "$@"; }`, `alias f='_f "$LINENO" '`)
  if (use.inFunction && use.inFunction !== fn) return analysis.names.functions.has(use.name) ? null : 'function-read-before-alias';
  if (fn) return 'alias-in-function';
  // an unalias between the definition and a later use says the author wanted it gone
  if (unaliasedBetween(analysis, use, def.start)) return null;
  const unit = unitAt(analysis, use.start);
  if (unit && def.start >= unit.start && def.start < use.start) return 'same-unit';
  return null;
}

export function verdicts(analysis: Analysis): Verdict[] {
  if (analysis.aborted) return [];
  const out: Verdict[] = [];
  for (const use of analysis.uses) {
    if (use.uncertain || !inDocument(analysis, use) || use.resolutions.length === 0 || use.resolutions.some((r) => r.quirk)) continue;
    const def = intendedDef(use, analysis);
    if (!def) continue;
    const gets = new Set(use.resolutions.flatMap((r) => r.values));
    let reason: Reason | null = null;
    let sourced: SourcedVerdict = null;
    // offsets of a sourced file's definition say nothing about timing in this one
    if (gets.has(def.id)) reason = use.resolutions.every((r) => r.flag === Tri.No) ? 'expand-aliases-off' : null;
    else if (inDocument(analysis, def)) reason = timingReason(use, def, analysis);
    else if (runsThrough(analysis, def.file, analysis.file)) reason = sourcerReason(use, def, analysis);
    else reason = (sourced = sourcedReason(use, def, analysis))?.reason ?? null;
    if (!reason) continue;
    const source = sourced?.source;
    out.push({
      use, reason, def,
      ...(source ? {
        source: {
          start: startOf(source), end: source.node.endIndex + source.base,
          ...(sourced?.inFunction !== undefined ? { inFunction: sourced.inFunction } : {}), ...(sourced?.subshellThere ? { subshellThere: true as const } : {}),
        },
      } : {}),
      olderDefs: [...gets].filter((v) => isDefinition(v) && v !== def.id).map((v) => analysis.defs[v]),
      unknowns: [...gets].filter(isUnknown).map((v) => analysis.unknowns[unknownIndex(v)]),
    });
  }
  return out;
}

// Why a use misses a definition in another file: one the document sources,
// judged at the `source` commands that run it, and one a script that sources
// the document makes after its `source` line. Each is judged as the one-file
// reasons (timing.ts) judge the same code written in one file.
import type { AliasDef, Analysis, Use } from '../engine';
import type { SyntaxNode } from '../parse';
import { changesNothing, commandWord, isProbe, onOtherBranch, removes, unaliasedBetween } from './exemptions';
import { calledIn, functionOf, subshellOf, unitAt, unitIn, unknownIn, within } from './places';
import type { Reason } from '.';

/** Why a use misses a definition in another file, and the `source` command it is judged against; null when that is no bug. */
export type SourcedVerdict = { reason: Reason; source?: Placed; inFunction?: string; functionAt?: Place; subshellThere?: true } | null;

/** An offset of a file the analysis read. */
export interface Place {
  file: string;
  start: number;
}

/** A node and the document offset of the text its offsets count from (a unit parsed again on its own). */
interface Placed {
  node: SyntaxNode;
  base: number;
}

export const startOf = (c: Placed): number => c.node.startIndex + c.base;

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
export function sourcedReason(use: Use, def: AliasDef, analysis: Analysis): SourcedVerdict {
  if (changesNothing(def, analysis)) return null;
  if (def.inFunction) return readBeforeCalled(use, def, analysis) ? { reason: 'alias-in-function' } : null;
  const leads = sourcersOf(analysis, def.file);
  const sites = analysis.sourceSites.filter((s) => s.from === analysis.file && leads.has(s.file)).map((s) => s.at);
  if (sites.length === 0) return null;
  const fn = use.inFunction;
  if (fn && (fn.src.file !== analysis.file || fn.src.base === null)) return null;
  const placed = sites.map((at) => ({ at, command: sourceCommandAt(analysis, at) }));
  // `has_local 2>/dev/null || . ./compat.sh`: a use in the function the probe calls is part of the probe
  if (fn && placed.some(({ command }) => command && isProbe(use.start, command.node, command.base, fn.name))) return null;
  if (fn && def.shellRuns > 0 && sites.every((at) => at >= fn.node.endIndex + fn.src.base!)) return { reason: 'function-read-before-alias' };
  const commands: Placed[] = [];
  for (const { at, command } of placed) {
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
      const redefined = commands.some((c) => unknownIn(analysis, shellOf(c)!, c.base));
      return redefined || analysis.names.functions.has(use.name) ? null : { reason: 'function-read-before-alias', source: first };
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
  // the functions that source it ran only in subshells (`load() { . ./lib.sh; }; ( load )`)
  if (outside.length === 0 && def.shellRuns === 0 && def.subshellRuns > 0) return { reason: 'subshell-alias', source: earliest(reaching) };
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
  const through = functionsThere(analysis, use, def, outside, leads);
  if (through) return { reason: 'alias-in-function', source: first, inFunction: through.name, functionAt: through.at };
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
 * The function of a sourced file that runs the definition, where every
 * `source` command that reaches it runs only such functions, as
 * `mid.sh: load() { . ./lib.sh; }` does: the use, after those commands and
 * outside functions, is read before that function runs when no word names it
 * before the use's unit (a call the model followed gave the use the
 * definition). Null where that is not so, or where the use may mean the plain
 * command.
 */
function functionsThere(analysis: Analysis, use: Use, def: AliasDef, commands: Placed[], leads: Set<string>): { name: string; at: Place } | null {
  if (use.inFunction || commandWord(def) === use.name || analysis.names.functions.has(use.name) || analysis.unaliases.some((u) => removes(u, use.name))) return null;
  const holders: { name: string; file: string; start: number }[] = [];
  for (const c of commands) {
    if (isEval(c.node)) return null;
    const files = analysis.sourceSites.filter((s) => s.from === analysis.file && s.at === startOf(c) && leads.has(s.file)).map((s) => s.file);
    if (files.length === 0) return null;
    for (const file of files) {
      const toward = analysis.sourceSites.filter((s) => s.from === file && leads.has(s.file));
      if (toward.length === 0) return null;
      for (const s of toward) {
        const site = sourceCommandAt(analysis, s.at, file);
        const fn = site && functionOf(site.node);
        const name = fn?.childForFieldName('name')?.text;
        if (!site || !fn || !name) return null;
        holders.push({ name, file, start: fn.startIndex + site.base });
      }
    }
  }
  const readFrom = unitAt(analysis, use.start)?.start ?? use.start;
  if (holders.some((h) => mentionedBefore(analysis.text, readFrom, h.name))) return null;
  return { name: holders[0].name, at: { file: holders[0].file, start: holders[0].start } };
}

/**
 * Whether a `source` command in a substitution that holds the use is read
 * with the use: substitutions some shells read only when they run, and bash a
 * line at a time, hold them together only on one line.
 */
function readWithUse(analysis: Analysis, c: Placed, use: Use, sh: SyntaxNode | null): boolean {
  if (!sh || !READ_LATER.has(sh.type)) return true;
  if (READ_LATER.has(subshellOf(sh)?.type ?? '')) return false;
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

/** Whether `from` runs `file` through `source`, directly or through other files. */
export function runsThrough(analysis: Analysis, from: string, file: string): boolean {
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
 * definition, outside functions or in the function body that holds it, as
 * `. ./lib.sh; alias ll='ls -l'` is.
 */
export function sourcerReason(use: Use, def: AliasDef, analysis: Analysis): Reason | null {
  if (def.shellRuns + def.subshellRuns === 0 || !def.command || changesNothing(def, analysis)) return null;
  const leads = sourcersOf(analysis, analysis.file);
  const sites = analysis.sourceSites.filter((s) => s.from === def.file && leads.has(s.file)).map((s) => s.at);
  if (sites.length === 0) return null;
  const command = def.command;
  // the same function body and subshell hold both, or none does: `main() { . ./lib.sh; alias ll=…; lib_main; }`
  const bodyAt = (node: SyntaxNode, base: number) => {
    const fn = functionOf(node);
    const sh = subshellOf(node);
    return `${fn ? fn.startIndex + base : -1} ${sh ? sh.startIndex + base : -1}`;
  };
  const body = bodyAt(command, def.base);
  const before = (at: number) => {
    const site = sourceCommandAt(analysis, at, def.file);
    return site !== null && bodyAt(site.node, site.base) === body && at < def.start && !isProbe(at, command, def.base) && !onOtherBranch(at, command, def.base);
  };
  if (!sites.every(before)) return null;
  if (analysis.names.functions.has(use.name)) return null;
  if (use.inFunction) return 'function-read-before-alias';
  return commandWord(def) === use.name ? null : 'use-before-definition';
}

/**
 * The `source` command at an offset of a file the analysis read (the document
 * by default), or the `eval` whose string holds it, in a unit read with
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

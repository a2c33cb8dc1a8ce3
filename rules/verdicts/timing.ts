// Why a use misses a definition written in the same document: the one-file
// reasons, each with the exemptions a definition written there has.
import { UNDEF } from '../engine';
import type { AliasDef, Analysis, FunctionDef, Use } from '../engine';
import type { SyntaxNode } from '../parse';
import { changesNothing, isProbe, meansPlainCommand, onOtherBranch, unaliasedBetween } from './exemptions';
import { calledIn, subshellOf, unitAt, unknownIn, within } from './places';
import { roughWords } from '../engine/rough-text';
import type { Reason } from '.';

/** The read times that put off reading a body until it runs. */
const AT_RUN = new Set(['run-lines', 'run-whole']);

/** The `$( )`, backticks or `<( )` holding a use of the document that the dialect reads only when it runs, or null. */
function deferringSubstitution(use: Use, analysis: Analysis): SyntaxNode | null {
  if (use.file !== analysis.file || use.start < 0) return null;
  const { comsub, backtick, procsub } = analysis.dialect;
  for (let n = analysis.tree.rootNode.descendantForIndex(use.start, use.end).parent; n; n = n.parent) {
    if (n.type === 'function_definition') return null;
    if (n.type === 'command_substitution') return AT_RUN.has(n.firstChild?.type === '`' ? backtick : comsub) ? n : null;
    if (n.type === 'process_substitution') return procsub !== null && AT_RUN.has(procsub) ? n : null;
  }
  return null;
}

/**
 * For a use in a function body's substitution that the dialect reads when it
 * runs: the substitution's opening (`$(`, a backtick, `<(`) and the start of
 * the top-level unit that was running when the use was first read with no
 * definition in effect. Null for any other use.
 */
export function readAtRun(use: Use, analysis: Analysis): { opener: string; ranFrom: number } | null {
  const substitution = use.inFunction ? deferringSubstitution(use, analysis) : null;
  const run = substitution && use.runs.find((r) => r.unit >= 0 && r.values.includes(UNDEF));
  const unit = run && analysis.units[run.unit];
  return unit ? { opener: substitution.firstChild?.type ?? '$(', ranFrom: unit.start } : null;
}

/** Whether a use of the document lies in a subshell that calls the function itself. */
function inCallingSubshell(use: Use, fn: FunctionDef, analysis: Analysis): boolean {
  if (use.file !== analysis.file || use.start < 0) return false;
  const shell = subshellOf(analysis.tree.rootNode.descendantForIndex(use.start, use.end));
  return shell !== null && calledIn(shell, 0, fn);
}

/** Whether the text of `node` after the definition's command names the alias. */
function namedAfter(node: SyntaxNode, def: AliasDef): boolean {
  const after = node.text.slice(def.command!.endIndex - node.startIndex);
  return roughWords(after).includes(def.name);
}

/** Node types that run their content in a subshell, or hold elements that do (a pipeline's). */
const SUBSHELL_TYPES = ['subshell', 'command_substitution', 'process_substitution', 'pipeline'];

/** Whether a subshell of the document names both functions: one may call the other there. */
function subshellCallingBoth(analysis: Analysis, a: FunctionDef, b: FunctionDef): boolean {
  return analysis.tree.rootNode.descendantsOfType(SUBSHELL_TYPES).some((n) => {
    const words = roughWords(n.text);
    return words.includes(a.name) && words.includes(b.name);
  });
}

/** Why a use that certainly does not get `def` misses it, or null when that is no bug. */
export function timingReason(use: Use, def: AliasDef, analysis: Analysis): Reason | null {
  if (changesNothing(def, analysis)) return null;
  if (def.command && (isProbe(use.start, def.command, def.base, use.inFunction?.name) || onOtherBranch(use.start, def.command, def.base))) return null;
  const fn = def.inFunction;
  const shell = subshellOf(def.command, false, analysis.dialect.ampersandRedirect);
  // a definition that runs only inside a command substitution whose later text names
  // the alias is for the commands it runs there, whose output is captured
  // (`got=$(alias cat=false; whence -a cat)`): uses outside it are meant to run the plain command
  if (shell?.type === 'command_substitution' && !within(shell, use.start, def.base) && namedAfter(shell, def)) return null;
  // a use written before the definition, outside functions: only a bug when
  // the plain command is not what the alias decorates (`k` vs `alias k=kubectl`),
  // nor a function of the same name that the script defines
  if (use.start < def.start && !use.inFunction && !fn) {
    return meansPlainCommand(def, use.name, analysis.names.functions) ? null : 'use-before-definition';
  }
  if (def.subshellRuns > 0 && def.shellRuns === 0 && shell && !within(shell, use.start, def.base)) {
    // a function read before the subshell and called in it ran after the definition there, but was read before it
    if (use.inFunction && use.inFunction !== fn && calledIn(shell, def.base, use.inFunction)) {
      return unknownIn(analysis, shell, def.base) || analysis.names.functions.has(use.name) ? null : 'function-read-before-alias';
    }
    return 'subshell-alias';
  }
  if (fn && within(fn.body, use.start, fn.src.base ?? 0)) return 'alias-in-function';
  // a use in a substitution that the shell reads only when it runs: read with the alias defined
  // (and then removed or replaced by later code, which the author wrote), not before it
  if (use.inFunction && deferringSubstitution(use, analysis)) {
    if (use.resolutions.every((r) => !r.values.includes(UNDEF))) return null;
    // read when the function ran, before the alias was defined: a use before the definition, as at top level
    return meansPlainCommand(def, use.name, analysis.names.functions) ? null : 'use-before-definition';
  }
  // a function read early that runs a function of the alias's name, which the
  // script defines as the alias's fallback (`f() { _f "$@"; }`, `alias f='_f "$LINENO" '`)
  if (use.inFunction && use.inFunction !== fn) {
    if (analysis.names.functions.has(use.name)) return null;
    // the function that defines it ran only in subshells, none of which calls this one: it never got there
    return fn && def.shellRuns === 0 && def.subshellRuns > 0 && !subshellCallingBoth(analysis, fn, use.inFunction) ? 'subshell-alias' : 'function-read-before-alias';
  }
  // the function ran, only in subshells (`( init )`, `init | cat`, `$(init)`): unless the use is in
  // one of them (`x=$(init; k)`), where it was read before the call ran
  if (fn && def.shellRuns === 0 && def.subshellRuns > 0) return inCallingSubshell(use, fn, analysis) ? 'alias-in-function' : 'subshell-alias';
  if (fn) return 'alias-in-function';
  // an unalias between the definition and a later use says the author wanted it gone
  if (unaliasedBetween(analysis, use, def.start)) return null;
  const unit = unitAt(analysis, use.start);
  if (unit && def.start >= unit.start && def.start < use.start) return 'same-unit';
  return null;
}

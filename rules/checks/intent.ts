// What a file's name and idioms say about how it is meant to reach a shell:
// run as a script of its own, or sourced into a shell that lives on after it.
import { isInteractiveStartupFile } from '../dialects';
import type { Analysis } from '../engine';
import { unitIn } from '../verdicts/places';

/** Startup files of the other shells: sourced by an interactive shell, never run. */
const OTHER_STARTUP_FILES = /(^|\/)\.?(zshrc|zshenv|zprofile|zlogin|kshrc|mkshrc|shrc)$/;

/** Idioms of a file written to be sourced as well as run: it then keeps its aliases. */
const SOURCEABLE_MARKS = [
  /\bBASH_SOURCE\b[^\n]*\$\{?0\b|\$\{?0\}?[^\n]*\bBASH_SOURCE\b/, // [[ ${BASH_SOURCE[0]} != "$0" ]]
  /\(\s*return\b/, // (return 0 2>/dev/null) && sourced=1
  /\bZSH_EVAL_CONTEXT\b/,
  /^return\b/m, // a top-level return: only a sourced file may return
  // a test of being interactive, which a script run as a command never is: `[[ $- == *i* ]] || return`
  /\$\{?-\}?[^\n]*\*i\*|\[\[?\s+-o\s+interactive\b|\[\[?\s+-[nz]\s+"?\$\{?PS1\b/,
];

/**
 * A `return` outside any function: `[ -n "$PS1" ] || return`, `if …; then
 * return; fi`. Not in a statement with a parse error, where a function's
 * body may have been cut off from it.
 */
function returnsAtTopLevel(analysis: Pick<Analysis, 'tree' | 'text' | 'units'>): boolean {
  if (!/\breturn\b/.test(analysis.text)) return false;
  return analysis.tree.rootNode.descendantsOfType('command').some((c) => {
    if (c.childForFieldName('name')?.text !== 'return') return false;
    for (let p = c.parent; p; p = p.parent) if (p.type === 'function_definition') return false;
    // the lexer agrees with the tree about the unit, and tree-sitter read it without help
    const unit = unitIn(analysis.units, c.startIndex);
    return unit !== undefined && !unit.uncertain && !unit.src && !unit.parts;
  });
}

/**
 * A startup file, or a file written to be sourced (it tells being sourced from
 * being run, tests for an interactive shell, or returns at top level): its
 * aliases outlive it, in the shell that sources it.
 */
export function writtenToBeSourced(analysis: Pick<Analysis, 'file' | 'text' | 'tree' | 'units'>): boolean {
  const name = analysis.file;
  if (isInteractiveStartupFile(name) || OTHER_STARTUP_FILES.test(name.replace(/\\/g, '/'))) return true;
  return SOURCEABLE_MARKS.some((m) => m.test(analysis.text)) || returnsAtTopLevel(analysis);
}

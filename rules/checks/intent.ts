// What a file's name and idioms say about how it is meant to reach a shell:
// run as a script of its own, or sourced into a shell that lives on after it.
import { isInteractiveStartupFile } from '../dialects';
import type { Analysis } from '../engine';

/** Startup files of the other shells: sourced by an interactive shell, never run. */
const OTHER_STARTUP_FILES = /(^|\/)\.?(zshrc|zshenv|zprofile|zlogin|kshrc|mkshrc|shrc)$/;

/** Idioms of a file written to be sourced as well as run: it then keeps its aliases. */
const SOURCEABLE_MARKS = [
  /\bBASH_SOURCE\b[^\n]*\$\{?0\b|\$\{?0\}?[^\n]*\bBASH_SOURCE\b/, // [[ ${BASH_SOURCE[0]} != "$0" ]]
  /\(\s*return\b/, // (return 0 2>/dev/null) && sourced=1
  /\bZSH_EVAL_CONTEXT\b/,
  /^return\b/m, // a top-level return: only a sourced file may return
];

/**
 * A startup file, or a file written to be sourced (it tells being sourced from
 * being run, or returns at top level): its aliases outlive it, in the shell
 * that sources it.
 */
export function writtenToBeSourced(analysis: Pick<Analysis, 'file' | 'text'>): boolean {
  const name = analysis.file;
  if (isInteractiveStartupFile(name) || OTHER_STARTUP_FILES.test(name.replace(/\\/g, '/'))) return true;
  return SOURCEABLE_MARKS.some((m) => m.test(analysis.text));
}

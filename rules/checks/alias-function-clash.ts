import { inDocument, Tri } from '../engine';
import type { Analysis, Clash } from '../engine';
import type { SyntaxNode } from '../parse';
import type { Rule } from '../rule';
import { code } from '../report';

/** A value that is plainly a name of its own, which the shell then defines (a path or pattern is not judged). */
const PLAIN_NAME = /^[\w.:@+-]+$/;

/**
 * Whether an offset lies in a `$( )` or `<( )`, whose body bash runs from its
 * printed form, where the name of a function it defines is not alias-expanded.
 */
function inPrintedSubstitution(analysis: Analysis, at: number): boolean {
  for (let n: SyntaxNode | null = analysis.tree.rootNode.descendantForIndex(at); n; n = n.parent) {
    if (n.type === 'process_substitution' || (n.type === 'command_substitution' && n.firstChild?.type !== '`')) return true;
  }
  return false;
}

export const aliasFunctionClash: Rule = {
  meta: {
    id: 'alias-function-clash',
    severity: 'error',
    shellcheck: [],
    fixable: false,
    summary: 'A function is defined under the name of an alias in effect',
    docs: `## What it does
Finds a function definition \`name() …\` read while an alias of the same name is in effect. Not in mksh, which does not alias-expand the name of a function it defines, nor in ksh93 unless a blank separates the name from \`(\`, nor in bash's \`$( )\` and \`<( )\`, whose bodies bash runs from their printed form.

## Why is this bad
The function name is in command position, so the shell replaces it with the alias value. In most shells the definition is then a syntax error (\`ls -l() {\`) or defines a function under another name.

## Example
\`\`\`sh
alias ll='ls -l'
ll() { ls -la "$@"; }
\`\`\`

## Fix
Remove the alias (\`unalias ll\` on an earlier line), write \`function ll { … }\` in shells that have it, or pick another name.`,
  },
  check(ctx) {
    // mksh, and ksh93 for `name()` with no blank before `(`, define the function under its own name
    // (the alias still shadows it at each use, which fixes check)
    const expands = ctx.analysis.dialect.functionNameExpands;
    if (expands === 'never') return [];
    const read = (c: Clash) => (expands === 'always' || /^[ \t]/.test(ctx.analysis.text.slice(c.end, c.end + 1)))
      && !(ctx.analysis.dialect.comsubPrinted && inPrintedSubstitution(ctx.analysis, c.start));
    return ctx.analysis.clashes.filter((c) => !c.uncertain && inDocument(ctx.analysis, c) && c.resolution.outcome === Tri.Yes && read(c)).map((c) => {
      const def = c.resolution.values.map((v) => ctx.analysis.defs[v]).find((d) => d && inDocument(ctx.analysis, d));
      // a value that is a function name of its own is defined in its place (zsh refuses any alias there)
      const dialect = ctx.analysis.dialect;
      const instead = !dialect.zshOptions && def?.value && PLAIN_NAME.test(def.value) && dialect.functionNames.test(def.value) ? def.value : null;
      const outcome = instead ? `defines ${code(instead)} instead of ${code(c.name)}` : 'the definition breaks';
      return {
        ruleId: this.meta.id, severity: this.meta.severity,
        message: `${code(c.name)} is an alias when this function definition is read${def ? ` (defined at ${ctx.place(def)})` : ''}, so the shell replaces the name with the alias value and ${outcome}.`,
        start: c.start, end: c.end,
        related: def ? [{ start: def.start, end: def.end, message: `alias \`${c.name}\` is defined here` }] : [],
      };
    });
  },
};

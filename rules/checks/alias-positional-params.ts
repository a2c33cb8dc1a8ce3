import { inDocument } from '../engine';
import { positionalExpansions } from '../alias-value';
import type { Rule } from '../rule';
import { code } from '../report';

/** Statements that only make sense pasted into a function body: the alias is a macro over its parameters. */
const MACRO_COMMANDS = /(^|[;&|{(\s])(return|shift|set\s+--|local)(\s|;|$)|(^|[;&|{(\s])eval\s+["']?set\s+--/;

/** A use with no arguments: `guard;` or `guard` alone at the end of its line. */
function bare(text: string, end: number): boolean {
  return /^[ \t]*($|[;&|)}\n#])/.test(text.slice(end, end + 80));
}

/**
 * The alias is a macro over the parameters of the functions it is pasted
 * into, on purpose: it returns from or shifts them, or every use is a bare
 * word inside a function body.
 */
function isMacro(ctx: Parameters<Rule['check']>[0], name: string, value: string): boolean {
  if (MACRO_COMMANDS.test(value)) return true;
  const uses = ctx.analysis.uses.filter((u) => u.name === name && inDocument(ctx.analysis, u));
  return uses.length > 0 && uses.every((u) => u.inFunction && bare(ctx.analysis.text, u.end));
}

export const aliasPositionalParams: Rule = {
  meta: {
    id: 'alias-positional-params',
    severity: 'warning',
    shellcheck: ['SC2142'],
    fixable: false,
    summary: 'An alias value refers to positional parameters',
    docs: `## What it does
Finds alias values whose own command expands \`$1\`, \`$@\`, \`$*\` or \`$#\`. The value is read as shell code: parameters inside a function the alias defines (in zsh an anonymous one too, \`() { … }\`), or inside single quotes handed to another program (\`awk '{print $1}'\`, \`bash -c '…'\`), are not the alias's and are not reported. Neither is a macro meant to be pasted into function bodies: one that runs \`return\`, \`shift\`, \`set --\` (also through \`eval\`) or \`local\`, or whose every use is a bare word inside a function.

## Why is this bad
Aliases take no arguments. An alias is replaced by its text, and the words after it stay where they are; \`$1\` in the value is the *script's* (or enclosing function's) first argument.

## Example
\`\`\`sh
alias greet='echo "hello $1"'
\`\`\`

## Fix
Use a function:
\`\`\`sh
greet() { echo "hello $1"; }
\`\`\``,
  },
  check(ctx) {
    const out = [];
    for (const d of ctx.analysis.defs) {
      if (!inDocument(ctx.analysis, d) || d.value === null || !d.value.includes('$')) continue;
      const found = positionalExpansions(d.value, ctx.analysis.dialect.anonymousFunctions);
      if (found.length === 0 || isMacro(ctx, d.name, d.value)) continue;
      out.push({
        ruleId: this.meta.id, severity: this.meta.severity,
        message: `Alias ${code(d.name)} uses ${code(found[0])}, a positional parameter, but aliases take no arguments: it is the caller's. Use a function.`,
        start: d.start, end: d.end, related: [],
      });
    }
    return out;
  },
};

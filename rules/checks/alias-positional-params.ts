import type { Rule } from '../rule';
import { code } from '../report';

export const aliasPositionalParams: Rule = {
  meta: {
    id: 'alias-positional-params',
    severity: 'warning',
    shellcheck: ['SC2142'],
    fixable: false,
    summary: 'An alias value refers to positional parameters',
    docs: `## What it does
Finds alias values that use \`$1\`, \`$@\`, \`$*\` or \`$#\`.

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
    return ctx.analysis.defs
      .filter((d) => d.start >= 0 && d.value !== null && /(^|[^\\])\$(\{#?)?[1-9@*#]/.test(d.value))
      .map((d) => ({
        ruleId: this.meta.id, severity: this.meta.severity,
        message: `Alias ${code(d.name)} uses positional parameters, but aliases take no arguments; use a function.`,
        start: d.start, end: d.end, related: [],
      }));
  },
};

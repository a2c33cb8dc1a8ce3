import { inDocument } from '../engine';
import type { Rule } from '../rule';
import { code } from '../report';

export const aliasDefinitionExpansion: Rule = {
  meta: {
    id: 'alias-definition-expansion',
    severity: 'info',
    shellcheck: ['SC2139'],
    fixable: false,
    summary: 'An alias value is expanded when the alias is defined',
    docs: `## What it does
Finds alias definitions whose value contains an unquoted or double-quoted expansion.

## Why is this bad
\`alias d="cd $PWD"\` fixes the value of \`$PWD\` when the alias is defined, not when it is used. That is sometimes intended, but often a surprise.

## Example
\`\`\`sh
alias here="echo $PWD"
\`\`\`

## Fix
Quote with single quotes to expand at each use (\`alias here='echo $PWD'\`), or keep double quotes if the definition-time value is what you want.`,
  },
  check(ctx) {
    return ctx.analysis.defs
      .filter((d) => inDocument(ctx.analysis, d) && d.definitionTimeExpansion)
      .map((d) => ({
        ruleId: this.meta.id, severity: this.meta.severity,
        message: `The value of alias ${code(d.name)} is expanded when the alias is defined, not when it is used.`,
        start: d.start, end: d.end, related: [],
      }));
  },
};

import type { Rule } from '../rule';
import { code, reportUses, runs, sourceCommand } from '../report';

export const useBeforeDefinition: Rule = {
  meta: {
    id: 'use-before-definition',
    severity: 'warning',
    shellcheck: [],
    fixable: true,
    summary: 'An alias is used before any definition of it',
    docs: `## What it does
Finds a use of an alias name read before any definition of that alias has run, where the script defines it later, itself or in a file it sources later.

## Why is this bad
Aliases exist from the moment their \`alias\` command runs. A use read earlier runs the plain command, which is rarely what a script that defines the alias meant.

## Example
\`\`\`sh
k get pods
alias k='kubectl'
\`\`\`

## Fix
Define a function before the first use. The quick fix does that, and deletes the alias, when the definition is a plain top-level command and nothing else that runs in between changes:
\`\`\`sh
k() { kubectl "$@"; }
k get pods
\`\`\``,
  },
  check(ctx) {
    return reportUses(ctx, this.meta, 'use-before-definition', (v) => {
      const via = v.source ? `, which ${sourceCommand(ctx, v)} on line ${ctx.line(v.source.start)} runs` : '';
      return `${code(v.use.name)} on line ${ctx.line(v.use.start)} is read before the alias is defined at ${ctx.place(v.def)}${via}; ${runs(ctx, v)}.`;
    }, true);
  },
};

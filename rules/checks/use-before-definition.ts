import type { Rule } from '../rule';
import { code, reportUses, runs, sourceCommand } from '../report';
import { trapAround } from '../verdicts/places';
import { readAtRun } from '../verdicts/timing';

/** How a message names a substitution, by its opening token. */
const SUBSTITUTIONS: Record<string, string> = { '$(': 'a `$( )`', '`': 'backticks', '<(': 'a `<( )`', '>(': 'a `>( )`' };

export const useBeforeDefinition: Rule = {
  meta: {
    id: 'use-before-definition',
    severity: 'warning',
    shellcheck: [],
    fixable: true,
    summary: 'An alias is used before any definition of it',
    docs: `## What it does
Finds a use of an alias name read before any definition of that alias has run, where the script defines it later, itself or in a file it sources later. That includes a use in a \`$( )\` or backticks in a function body, which bash, zsh and ksh93 read only when the function runs, where the function ran before the definition; and a use in a trap's handler, which zsh reads as the \`trap\` command runs. Not reported where the earlier use means the plain command: the one the alias decorates (\`ls\` before \`alias ls='ls -F'\`), a function the script defines, or a shell builtin (\`echo\` before \`alias echo='printf …'\`).

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
      const deferred = v.source ? null : readAtRun(v.use, ctx.analysis);
      const trap = v.source || deferred ? null : trapAround(ctx.analysis, v.use.start);
      const where = trap
        ? `is in a trap's handler, which ${ctx.dialectLabel} reads as the \`trap\` command on line ${ctx.line(trap.startIndex)} runs, before the alias is defined at ${ctx.place(v.def)}`
        : deferred
        ? `is in ${SUBSTITUTIONS[deferred.opener] ?? 'a substitution'} that ${ctx.dialectLabel} reads only when ${code(v.use.inFunction!.name)} runs, and ${code(v.use.inFunction!.name)} ran from line ${ctx.line(deferred.ranFrom)}, before the alias is defined at ${ctx.place(v.def)}`
        : `is read before the alias is defined at ${ctx.place(v.def)}${via}`;
      return `${code(v.use.name)} on line ${ctx.line(v.use.start)} ${where}; ${runs(ctx, v)}.`;
    }, true);
  },
};

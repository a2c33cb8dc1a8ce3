import type { Rule } from '../rule';
import { code, reportUses } from '../report';

export const aliasInHeredocSubstitution: Rule = {
  meta: {
    id: 'alias-in-heredoc-substitution',
    severity: 'error',
    shellcheck: [],
    fixable: true,
    summary: 'An alias is used in a `$( )` inside a here-document, where bash --posix never expands it',
    docs: `## What it does
Finds an alias used in a command substitution \`$( … )\` inside an unquoted here-document, in bash's posix mode (\`bash --posix\`, or bash run as \`sh\`), which never expands aliases there. Other shells, and bash outside posix mode, do.

## Why is this bad
The command runs without the alias, whatever was defined before: a \`#!/bin/sh\` script that works with dash breaks where \`sh\` is bash.

## Example
\`\`\`sh
alias today='date +%F'
cat <<EOF
Report generated on $(today)
EOF
\`\`\`

## Fix
Define a function instead of the alias; bash looks functions up in a here-document's \`$( )\` too:
\`\`\`sh
today() { date +%F "$@"; }
\`\`\``,
  },
  check(ctx) {
    return reportUses(ctx, this.meta, 'heredoc-substitution', (v) =>
      `${code(v.use.name)} on line ${ctx.line(v.use.start)} is in a \`$( )\` inside a here-document, where ${ctx.dialectLabel} never expands aliases; it runs the command, not the alias defined at ${ctx.place(v.def)}.`, true);
  },
};

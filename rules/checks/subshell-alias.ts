import type { Rule } from '../rule';
import { code, reportUses, runs, sourceCommand } from '../report';
import { subshellOf } from '../verdicts/places';

export const subshellAlias: Rule = {
  meta: {
    id: 'subshell-alias',
    severity: 'error',
    shellcheck: [],
    fixable: false,
    summary: 'An alias defined in a subshell is used outside it',
    docs: `## What it does
Finds uses of an alias whose definition runs only in a subshell: \`( … )\`, \`$( … )\`, a pipeline element that the shell runs in a subshell, or a background job; also a definition in a file that only a subshell sources. Not reported for a \`$( … )\` that runs or names the alias after defining it (\`got=$(alias cat=false; whence -a cat)\`): that definition is for its own commands, whose output is captured.

## Why is this bad
A subshell is a copy of the shell. Aliases it defines vanish when it ends, so the parent shell never sees them.

## Example
\`\`\`sh
( alias ll='ls -l' )
ll /tmp
\`\`\`

## Fix
Define the alias (or, better, a function) in the shell that uses it:
\`\`\`sh
ll() { ls -l "$@"; }
ll /tmp
\`\`\``,
  },
  check(ctx) {
    return reportUses(ctx, this.meta, 'subshell-alias', (v) => {
      const fn = v.def.inFunction;
      const shell = subshellOf(v.def.command, false, ctx.analysis.dialect.ampersandRedirect);
      // dash reads `cmd &>file` as `cmd &` and `>file`
      const background = shell && shell.parent?.type === 'redirected_statement' && !subshellOf(v.def.command);
      const via = !v.source ? (fn && !shell ? ` inside ${code(fn.name)}, which runs only in a subshell`
        : background ? ` in a background job (${ctx.dialectLabel} reads \`&>\` as \`&\` and then \`>\`)` : ' in a subshell')
        : v.source.subshellThere ? ` in a subshell there (the file is run by ${sourceCommand(ctx, v)} on line ${ctx.line(v.source.start)})`
        : `, which ${sourceCommand(ctx, v)} on line ${ctx.line(v.source.start)} runs in a subshell`;
      // a use that gets an earlier definition, or may get one that code aliascope cannot follow made, may still expand, only not to this one
      if (v.olderDefs.length || v.unknowns.length) return `${code(v.use.name)} on line ${ctx.line(v.use.start)} does not get the alias defined at ${ctx.place(v.def)}${via}: a subshell's aliases never reach the shell that started it; ${runs(ctx, v)}.`;
      return `${code(v.use.name)} on line ${ctx.line(v.use.start)} does not expand: the alias is defined at ${ctx.place(v.def)}${via}, and a subshell's aliases never reach the shell that started it.`;
    }, false);
  },
};

import type { Diagnostic, Rule } from '../rule';
import { code, lines, reportUses, runs, sourceCommand } from '../report';

export const sameUnit: Rule = {
  meta: {
    id: 'same-unit',
    severity: 'error',
    shellcheck: ['SC2262', 'SC2263'],
    fixable: true,
    summary: 'An alias is used in the same parse unit that defines it',
    docs: `## What it does
Finds an alias that is used in the same parse unit (one line with its \`;\`, \`&&\`, \`|\`, backslash continuations and here-documents, or one whole compound command) that defines it, or that sources the file defining it (\`. ./aliases.sh; ll\`).

Not reported: a use that runs the command to decide whether to define the alias (\`cmd >/dev/null || alias cmd=…\`), and a use on another branch of the \`if\` (or item of the \`case\`) that defines it (\`if …; then alias let='let --'; else let …; fi\`). Such a use runs only where the alias is not defined, so it is meant to run the plain command.

## Why is this bad
A shell reads a whole parse unit before it runs any of it, and expands aliases while reading. When the use is read, the \`alias\` command has not run yet, so the shell runs the plain command.

## Example
\`\`\`sh
alias k='kubectl --context=prod'; k get pods
\`\`\`

## Fix
Define a function instead; functions are looked up when the command runs:
\`\`\`sh
k() { kubectl --context=prod "$@"; }; k get pods
\`\`\`
Or move the use to a later line.`,
  },
  check(ctx) {
    const uses = reportUses(ctx, this.meta, 'same-unit', (v) => {
      const r = v.use.resolutions[0];
      const span = lines(ctx, r.readStart, r.readEnd);
      if (v.source) {
        return `${code(v.use.name)} is read together with ${sourceCommand(ctx, v)} on ${span}, which defines the alias at ${ctx.place(v.def)}, before that command has run; ${runs(ctx, v, true)}.`;
      }
      return `${code(v.use.name)} is read together with its definition on ${span}, before \`alias ${v.def.name}\` has run; ${runs(ctx, v, true)}.`;
    }, true);
    const seen = new Set<number>();
    const defs: Diagnostic[] = [];
    for (const v of ctx.verdicts) {
      // a definition in another file is no place in this one: its use is reported alone
      if (v.reason !== 'same-unit' || v.source || seen.has(v.def.id)) continue;
      seen.add(v.def.id);
      const use = uses.find((d) => d.start === v.use.start);
      defs.push({
        ruleId: this.meta.id, severity: this.meta.severity,
        message: `Alias ${code(v.def.name)} is used later in the same parse unit (line ${ctx.line(v.use.start)}), which the shell reads before this definition runs.`,
        start: v.def.start, end: v.def.end,
        definition: { start: v.def.start, end: v.def.end },
        related: [{ start: v.use.start, end: v.use.end, message: 'the use, read before this definition runs' }],
        fix: use?.fix, fixRefusal: use?.fixRefusal,
      });
    }
    return [...uses, ...defs];
  },
};

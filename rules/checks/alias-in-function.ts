import type { Rule } from '../rule';
import { code, reportUses, runs, sourceCommand } from '../report';

export const aliasInFunction: Rule = {
  meta: {
    id: 'alias-in-function',
    severity: 'error',
    shellcheck: [],
    fixable: true,
    summary: 'An alias defined inside a function is used where it does not exist yet',
    docs: `## What it does
Finds uses of an alias that is defined inside a function: in that function's own body, and in code read before the function runs. A function body that sources the file defining the alias (\`setup() { . ./aliases.sh; ll; }\`) is the same case, and so is a use read before such a function runs.

## Why is this bad
An \`alias\` command inside a function runs only when the function is called. The function's whole body, including any use after the \`alias\` line, was read earlier, when the function was defined, so those uses run the plain command.

## Example
\`\`\`bash
main() {
  alias kubectl='kubectl --insecure-skip-tls-verify=True'
  kubectl get ns
}
main
\`\`\`

## Fix
Define a function where the alias was defined:
\`\`\`bash
main() {
  kubectl() { command kubectl --insecure-skip-tls-verify=True "$@"; }
  kubectl get ns
}
\`\`\``,
  },
  check(ctx) {
    return reportUses(ctx, this.meta, 'alias-in-function', (v) => {
      if (v.source?.functionAt) {
        const fn = code(v.source.inFunction!);
        return `${code(v.use.name)} on line ${ctx.line(v.use.start)} is read before ${fn} runs, but the alias is defined at ${ctx.place(v.def)}, which ${fn} (defined at ${ctx.place(v.source.functionAt)}, which ${sourceCommand(ctx, v)} on line ${ctx.line(v.source.start)} runs) sources, and exists only after ${fn} has run; ${runs(ctx, v)}.`;
      }
      if (v.source?.inFunction !== undefined) {
        const fn = code(v.source.inFunction);
        return `${code(v.use.name)} on line ${ctx.line(v.use.start)} is read before ${fn} runs, but the alias is defined at ${ctx.place(v.def)}, which ${sourceCommand(ctx, v)} on line ${ctx.line(v.source.start)} inside ${fn} runs, and exists only after ${fn} has run; ${runs(ctx, v)}.`;
      }
      if (v.source) {
        const fn = v.use.inFunction!;
        return `${code(v.use.name)} on line ${ctx.line(v.use.start)} is inside ${code(fn.name)}, whose body was read before ${sourceCommand(ctx, v)} on line ${ctx.line(v.source.start)} in it defined the alias (at ${ctx.place(v.def)}); ${runs(ctx, v)}.`;
      }
      const fn = v.def.inFunction!;
      // a function the script never calls (a library's, or one handed to a program such as `nohup`) never runs here
      const ran = v.def.shellRuns + v.def.subshellRuns > 0;
      if (!ran && v.use.inFunction !== fn && ctx.analysis.called(fn)) {
        // it ran, but returned (or failed) before the definition
        return `${code(v.use.name)} on line ${ctx.line(v.use.start)} is read where the alias has never been defined: its definition at ${ctx.place(v.def)} is inside ${code(fn.name)}, which runs but never reaches it; ${runs(ctx, v)}.`;
      }
      const where = v.use.inFunction === fn ? `inside ${code(fn.name)} itself` : ran ? `read before ${code(fn.name)} runs` : `read where ${code(fn.name)} has not run (this script never calls it)`;
      return `${code(v.use.name)} on line ${ctx.line(v.use.start)} is ${where}, but the alias is defined at ${ctx.place(v.def)} inside ${code(fn.name)} and exists only after ${code(fn.name)} has run; ${runs(ctx, v)}.`;
    }, true);
  },
};

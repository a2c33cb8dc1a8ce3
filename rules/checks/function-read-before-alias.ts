import type { Rule } from '../rule';
import { code, reportUses, runs } from '../report';

export const functionReadBeforeAlias: Rule = {
  meta: {
    id: 'function-read-before-alias',
    severity: 'error',
    shellcheck: [],
    fixable: true,
    summary: 'A function body was read before the alias it uses was defined',
    docs: `## What it does
Finds an alias used inside a function whose definition was read before the alias existed, even when the function is called after the alias is defined.

## Why is this bad
The shell expands aliases in a function body once, when it reads the function definition. Defining the alias later, even before the call, does not change the body that was already read.

## Example
\`\`\`bash
func1() { kubectl get ns; }
main() {
  alias kubectl='kubectl --insecure-skip-tls-verify=True'
  func1
}
main
\`\`\`

## Fix
Define a wrapper function instead of the alias; it is looked up when \`func1\` runs:
\`\`\`bash
kubectl() { command kubectl --insecure-skip-tls-verify=True "$@"; }
\`\`\``,
  },
  check(ctx) {
    return reportUses(ctx, this.meta, 'function-read-before-alias', (v) => {
      const fn = v.use.inFunction!;
      // a definition in another function's body runs only when that function does
      const definer = v.def.inFunction && v.def.inFunction !== fn ? v.def.inFunction.name : null;
      const defined = definer ? `${code(definer)} ran the alias definition at ${ctx.place(v.def)}` : `the alias was defined at ${ctx.place(v.def)}`;
      // ksh93 reads a sourced file whole before it runs any of it: a definition above the function still comes after
      const fnAt = fn.node.startIndex + (fn.src.base ?? 0);
      const whole = ctx.analysis.dialect.sourceRead === 'run-whole' && !definer && fn.src.name === fn.src.file && v.def.file === fn.src.file && v.def.start < fnAt;
      const when = whole ? ` together with the rest of its file, which ${ctx.analysis.dialect.label} reads whole before running any of it, so` : ',';
      return `${code(v.use.name)} on line ${ctx.line(v.use.start)} is inside ${code(fn.name)}, which was read at line ${ctx.line(fnAt)}${when} before ${defined}; ${runs(ctx, v)}.`;
    }, true);
  },
};

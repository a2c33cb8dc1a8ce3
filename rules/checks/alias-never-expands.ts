import type { Diagnostic, Rule } from '../rule';
import { code } from '../report';

export const aliasNeverExpands: Rule = {
  meta: {
    id: 'alias-never-expands',
    severity: 'warning',
    shellcheck: [],
    fixable: false,
    summary: 'An alias is defined, but none of its uses expand',
    docs: `## What it does
Reports an alias definition when the script uses the alias but no use ever gets it.

## Why is this bad
The definition has no effect. Each failing use is reported on its own with the reason; this report marks the definition that cannot take effect.

## Example
\`\`\`bash
f() { ll; }
alias ll='ls -l'
f
\`\`\`

## Fix
Fix the reported uses (usually by turning the alias into a function), or remove the alias.`,
  },
  check(ctx) {
    const { analysis } = ctx;
    const out: Diagnostic[] = [];
    for (const def of analysis.defs) {
      if (def.start < 0) continue;
      const uses = analysis.uses.filter((u) => u.name === def.name);
      const failing = ctx.verdicts.filter((v) => v.def === def);
      if (failing.length === 0 || failing.length !== uses.length) continue;
      if (failing.every((v) => v.reason === 'same-unit')) continue;
      out.push({
        ruleId: this.meta.id, severity: this.meta.severity,
        message: `Alias ${code(def.name)} never expands: ${failing.length === 1 ? 'its only use is' : `all ${failing.length} uses are`} read when the alias is not in effect.`,
        start: def.start, end: def.end,
        related: failing.map((v) => ({ start: v.use.start, end: v.use.end, message: `use on line ${ctx.line(v.use.start)} (${v.reason})` })),
      });
    }
    return out;
  },
};

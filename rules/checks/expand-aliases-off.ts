import { isAbsent, isDefinition } from '../engine';
import { shoptFix } from '../fixes';
import type { UnknownCode } from '../engine';
import type { Rule } from '../rule';
import { code, related } from '../report';

/** The script switches expand_aliases or posix mode itself (`shopt -u`, posix mode toggled): a line at the top would not decide it. */
const SWITCHES = /shopt\s+-u[^\n;&|]*expand_aliases|[-+]o\s+posix/;
/**
 * Commands, at the start of a line or after `;`, `&&`, `||`, `{`, `then`, `do` (not in a
 * subshell, a comment or a string), that switch expand_aliases: group 2 on (`shopt -s`,
 * `set -o posix`), group 3 off (`shopt -u`, `set +o posix`).
 */
const SWITCH = /(^|[;&|{]|\b(?:then|do|else))[ \t]*(?:(shopt[ \t]+-[a-z]*s[a-z]*[ \t][^\n;&|]*expand_aliases|set[ \t]+-o[ \t]+posix)|(shopt[ \t]+-[a-z]*u[a-z]*[ \t][^\n;&|]*expand_aliases|set[ \t]+\+o[ \t]+posix))/gm;

/** Code aliascope cannot follow that may define aliases of any name: a file it cannot read, a dynamic eval or alias name. */
const DEFINES_ANY_NAME = new Set<UnknownCode['what']>(['source', 'eval', 'depth', 'misparsed', 'startup', 'alias', 'alias-array']);

/** The offset of the last switch before `at` that turned expand_aliases off after a switch turned it on, or null. */
function switchedOffBefore(text: string, at: number): number | null {
  let on = false;
  let off: number | null = null;
  for (const m of text.slice(0, at).matchAll(SWITCH)) {
    if (m[2]) on = true;
    else if (on) off = m.index! + m[1].length;
  }
  return off;
}

export const expandAliasesOff: Rule = {
  meta: {
    id: 'expand-aliases-off',
    severity: 'error',
    shellcheck: [],
    fixable: true,
    summary: 'bash does not expand aliases in scripts without `shopt -s expand_aliases`',
    docs: `## What it does
Finds alias uses in a bash script that are read while \`expand_aliases\` is off. Interactive start-up files (\`.bashrc\`, \`.bash_profile\`, \`.profile\`, \`.bash_aliases\`, \`bash.bashrc\`, \`profile.d/*\`) are exempt. In zsh, the same for uses read after the script switched its \`aliases\` option off (\`unsetopt aliases\`, \`set +o aliases\`).

Not reported: uses of a fallback alias for a builtin the shell has, defined only where a probe of it fails (\`has_local 2>/dev/null || alias local=typeset\`, for ksh93, which has no \`local\`): in bash the probe always succeeds, so the alias is never defined.

## Why is this bad
Non-interactive bash does not expand aliases at all unless \`shopt -s expand_aliases\` (or \`set -o posix\`, or setting \`POSIXLY_CORRECT\`) has run before the line with the use is read. A \`shopt\` on the same line, in the same block, or in a function not yet called is too late.

## Example
\`\`\`bash
#!/bin/bash
alias k='kubectl'
k get pods
\`\`\`

## Fix
Switch the option on in a line of its own, before the uses are read, or use a function instead of the alias. The option is for the whole script: where it would also expand another alias that does not expand now, or aliases that a file aliascope cannot read may define, \`--fix\` leaves it to you (an editor still offers it):
\`\`\`bash
#!/bin/bash
shopt -s expand_aliases
alias k='kubectl'
k get pods
\`\`\``,
  },
  check(ctx) {
    const uses = ctx.verdicts.filter((v) => v.reason === 'expand-aliases-off');
    // Most scripts have no such use: skip the text scans below for them.
    if (uses.length === 0) return [];
    const fix = shoptFix(ctx.analysis);
    // Not where the script switches the option off itself (`shopt -u`, posix
    // mode toggled): a line at the top would not decide it.
    const canFix = ctx.analysis.dialect.id === 'bash' && !SWITCHES.test(ctx.analysis.text);
    // The option is for the whole script: it also expands every other use of an
    // alias that may be in effect, and aliases that code aliascope cannot follow defines.
    const reported = new Set(uses.map((v) => v.use));
    const other = ctx.analysis.uses.find((u) => !reported.has(u) && u.resolutions.some((r) => r.values.some((x) => !isAbsent(x))));
    const widens = other ? `the option also makes ${code(other.name)} on line ${ctx.line(other.start)} run its alias, which it does not now`
      : ctx.analysis.unknowns.some((u) => DEFINES_ANY_NAME.has(u.what)) ? 'the option also expands any alias that code aliascope cannot follow defines' : null;
    return uses.map((v) => {
      // The option alone makes the use expand only where an alias is defined
      // every time it is read and runs (a loop's first pass may come before the
      // definition, or read it in the same line of an eval string).
      const defined = v.use.runs.length > 0 && v.use.runs.every((r) => r.values.every(isDefinition))
        && v.use.resolutions.every((r) => r.values.length > 0 && r.values.every(isDefinition));
      const offered = canFix && fix;
      const which = `${code(v.use.name)} on line ${ctx.line(v.use.start)}${v.def.file === ctx.analysis.file ? '' : ` (an alias defined at ${ctx.place(v.def)})`}`;
      // zsh's own option, switched off by the script itself
      if (ctx.analysis.dialect.zshOptions) {
        return {
          ruleId: this.meta.id, severity: this.meta.severity,
          message: `${which} is read while zsh's \`aliases\` option is off, so zsh runs the command, not the alias; zsh expands aliases again only after \`setopt aliases\` has run on an earlier line.`,
          start: v.use.start, end: v.use.end, related: related(ctx, v),
          fixRefusal: 'the script switches the aliases option itself; decide where it should be on',
        };
      }
      // bash --posix expands aliases from the start: only the script's own `shopt -u` turned it off
      const off = ctx.analysis.dialect.id === 'bash' ? switchedOffBefore(ctx.analysis.text, v.use.start) : null;
      const why = ctx.analysis.dialect.id === 'bash-posix'
        ? 'the script switched it off, and bash expands aliases again only after `shopt -s expand_aliases` has run on an earlier line'
        : off !== null
          ? `non-interactive bash expands aliases only while \`shopt -s expand_aliases\` is in effect, and the script switches it off again on line ${ctx.line(off)}`
          : 'non-interactive bash expands aliases only after `shopt -s expand_aliases` has run on an earlier line';
      return {
        ruleId: this.meta.id, severity: this.meta.severity,
        message: `${which} is read while \`expand_aliases\` is off, so bash runs the command, not the alias; ${why}.`,
        start: v.use.start, end: v.use.end, related: related(ctx, v),
        fix: offered && defined && !widens ? fix : undefined,
        suggestions: offered && (!defined || widens) ? [fix] : undefined,
        fixRefusal: !offered ? 'the script switches expand_aliases or posix mode itself; decide where it should be on'
          : !defined ? 'the use also runs where the alias is not defined, which the option does not change' : widens ?? undefined,
      };
    });
  },
};

import { inDocument } from '../engine';
import type { Rule } from '../rule';
import { code } from '../report';

/**
 * Whether a variable the value expands is unset later in the text
 * (`alias ls="$_ls_cmd --color"`, then `unset _ls_cmd`): it was set to build
 * the value, and expanding it at each use would find it gone.
 */
function unsetAfter(text: string, start: number, end: number): boolean {
  const names = [...text.slice(start, end).matchAll(/\$\{?([A-Za-z_]\w*)/g)].map((m) => m[1]);
  if (names.length === 0) return false;
  const unset = new RegExp(`\\bunset\\b[^\\n;&|]*\\s(?:${names.join('|')})\\b`);
  return unset.test(text.slice(end));
}

/**
 * A value built from the alias table itself (`alias ls="${aliases[ls]:-ls} -G"`,
 * `${BASH_ALIASES[ls]}`): it extends the alias in effect now, which only
 * expanding at definition can do.
 */
const READS_ALIAS_TABLE = /\$\{(?:aliases|BASH_ALIASES)\[/;

export const aliasDefinitionExpansion: Rule = {
  meta: {
    id: 'alias-definition-expansion',
    severity: 'info',
    shellcheck: ['SC2139'],
    fixable: false,
    summary: 'An alias value is expanded when the alias is defined',
    docs: `## What it does
Finds alias definitions whose value contains an unquoted or double-quoted expansion. Not reported where the script unsets a variable the value expands later on (\`unset _ls_cmd\`): it was set to build the value; nor where the value reads the alias table (\`alias ls="\${aliases[ls]:-ls} -G"\`), to extend the alias in effect.

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
    const { text } = ctx.analysis;
    return ctx.analysis.defs
      .filter((d) => inDocument(ctx.analysis, d) && d.definitionTimeExpansion && !unsetAfter(text, d.start, d.end)
        && !READS_ALIAS_TABLE.test(text.slice(d.start, d.end)))
      .map((d) => ({
        ruleId: this.meta.id, severity: this.meta.severity,
        message: `The value of alias ${code(d.name)} is expanded when the alias is defined, not when it is used.`,
        start: d.start, end: d.end, related: [],
      }));
  },
};

import { inDocument } from '../engine';
import { isGlobalOrSuffix } from '../engine/builtins';
import { roughWords } from '../engine/rough-text';
import type { UnknownCode } from '../engine';
import type { Diagnostic, Rule } from '../rule';
import { code } from '../report';
import { writtenToBeSourced } from './intent';

/** bash's option for a script's own aliases: a script that sets it writes aliases for itself. */
const OWN_ALIASES = /\bshopt\s+(?:-\w+\s+)*-s\b[^\n;&|]*\bexpand_aliases\b/;

/** The script reads its alias table (zsh's `aliases`, bash's `BASH_ALIASES`, `alias` alone or `alias -p`): it looks at every alias. */
const READS_ALIAS_TABLE = /\$\{\([^)]*\)aliases\b|\$\{!?aliases\[|\$\{!?BASH_ALIASES\b|(?:^|[;&|(]|(?<!\$)\{)\s*alias(?:\s+-p)?\s*(?:$|[;&|)}])/m;

/** Code aliascope could not follow that may have run any command: a file it could not read, a dynamic eval. */
const FOLLOWS_NOTHING = new Set<UnknownCode['what']>(['source', 'eval', 'depth']);

export const aliasDiesWithScript: Rule = {
  meta: {
    id: 'alias-dies-with-script',
    severity: 'warning',
    shellcheck: [],
    fixable: false,
    summary: 'An executable script defines an alias it never uses',
    docs: `## What it does
Finds aliases defined by an executable script (a shebang and the exec bit) that the script itself never uses.

Not reported: files without the exec bit, shell startup files such as \`.bashrc\`, files another linted file sources (also by name from a folder known only at run time, as in \`. "$OS/colors"\`, or through a loop over names or a glob, as in \`for f in "$dir"/*.sh; do . "$f"; done\`), files written to be sourced too (they test \`BASH_SOURCE\` against \`$0\`, test for an interactive shell as in \`[[ $- == *i* ]]\`, or \`return\` outside a function), scripts that write aliases for themselves (they run \`shopt -s expand_aliases\`, or in bash a \`source\` or \`eval\` aliascope cannot follow that may run it comes first, or they use one of their aliases: an unused one is dead code there), definitions that code aliascope cannot follow may use, aliases whose name the script mentions as a word of its own (\`alias foo\`, \`type foo\`), which looks at them, scripts that read their whole alias table (\`alias\` alone, \`\${(k)aliases}\`, \`BASH_ALIASES\`), and zsh's global and suffix aliases (\`alias -g\`, \`alias -s\`), whose uses are not command names.

## Why is this bad
A script runs in a shell of its own. Its aliases die with that shell when the script exits, so running it never defines them in the shell that started it. Authors usually meant them for their interactive shell.

## Example
\`\`\`bash
#!/bin/bash
alias k='kubectl'
alias kgp='kubectl get pods'
\`\`\`
run as \`./aliases.sh\`.

## Fix
Source the file from your shell, or from its startup file, instead of running it:
\`\`\`bash
. ~/aliases.sh   # in ~/.bashrc
\`\`\`
and remove its exec bit, so that it is not run by mistake.`,
  },
  check(ctx) {
    const { analysis, file } = ctx;
    if (file.executable !== true || file.sourced || !analysis.text.startsWith('#!')) return [];
    const name = analysis.file;
    // before anything that may need the tree: most scripts define no alias, and are never parsed
    if (!analysis.defs.some((d) => inDocument(analysis, d) && d.shellRuns > 0)) return [];
    if (writtenToBeSourced(analysis)) return [];
    // a script that switches its own expansion on, or uses its aliases, writes them for
    // itself: one it never uses is dead code, not an alias meant for the calling shell
    if (OWN_ALIASES.test(analysis.text) || READS_ALIAS_TABLE.test(analysis.text)) return [];
    // in bash, code aliascope cannot follow (`source "$dir/bootstrap.sh"`) may have run that shopt
    const mayOwn = (at: number) => !analysis.dialect.expandsByDefault
      && analysis.unknowns.some((u) => u.file === analysis.file && u.start < at && FOLLOWS_NOTHING.has(u.what));
    const used = new Set(analysis.uses.map((u) => u.name));
    if (analysis.defs.some((d) => inDocument(analysis, d) && used.has(d.name))) return [];
    // a name the script mentions as a word of its own (`alias foo`, `type foo`, `is_alias foo`) is looked at
    const mentioned = new Set(roughWords(analysis.text));
    const out: Diagnostic[] = [];
    for (const d of analysis.defs) {
      if (!inDocument(analysis, d) || used.has(d.name) || mentioned.has(d.name) || d.shellRuns === 0 || d.seenByUnknown || mayOwn(d.start) || isGlobalOrSuffix(d)) continue;
      out.push({
        ruleId: this.meta.id, severity: this.meta.severity,
        message: `Alias ${code(d.name)} is defined by an executable script that never uses it: it dies when the script exits, and the shell that ran the script never gets it. To define it in your shell, source this file (\`. ${name}\`) or move the alias to your shell's startup file.`,
        start: d.start, end: d.end, related: [],
      });
    }
    return out;
  },
};

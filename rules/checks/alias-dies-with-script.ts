import { isInteractiveStartupFile } from '../dialects';
import { inDocument } from '../engine';
import type { Diagnostic, Rule } from '../rule';
import { code } from '../report';

/** Startup files of the other shells: sourced by an interactive shell, never run. */
const OTHER_STARTUP_FILES = /(^|\/)\.?(zshrc|zshenv|zprofile|zlogin|kshrc|mkshrc|shrc)$/;

/** Idioms of a file written to be sourced as well as run: it then keeps its aliases. */
const SOURCEABLE_MARKS = [
  /\bBASH_SOURCE\b[^\n]*\$\{?0\b|\$\{?0\}?[^\n]*\bBASH_SOURCE\b/, // [[ ${BASH_SOURCE[0]} != "$0" ]]
  /\(\s*return\b/, // (return 0 2>/dev/null) && sourced=1
  /\bZSH_EVAL_CONTEXT\b/,
  /^return\b/m, // a top-level return: only a sourced file may return
];

export const aliasDiesWithScript: Rule = {
  meta: {
    id: 'alias-dies-with-script',
    severity: 'warning',
    shellcheck: [],
    fixable: false,
    summary: 'An executable script defines an alias it never uses',
    docs: `## What it does
Finds aliases defined by an executable script (a shebang and the exec bit) that the script itself never uses.

Not reported: files without the exec bit, shell startup files such as \`.bashrc\`, files another linted file sources, files written to be sourced too (they test \`BASH_SOURCE\` against \`$0\`, or \`return\` at top level), and definitions that code aliascope cannot follow may use.

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
    if (isInteractiveStartupFile(name) || OTHER_STARTUP_FILES.test(name.replace(/\\/g, '/'))) return [];
    if (SOURCEABLE_MARKS.some((m) => m.test(analysis.text))) return [];
    const used = new Set(analysis.uses.map((u) => u.name));
    const out: Diagnostic[] = [];
    for (const d of analysis.defs) {
      if (!inDocument(analysis, d) || used.has(d.name) || d.shellRuns === 0 || d.seenByUnknown) continue;
      out.push({
        ruleId: this.meta.id, severity: this.meta.severity,
        message: `Alias ${code(d.name)} is defined by an executable script that never uses it: it dies when the script exits, and the shell that ran the script never gets it. To define it in your shell, source this file (\`. ${name}\`) or move the alias to your shell's startup file.`,
        start: d.start, end: d.end, related: [],
      });
    }
    return out;
  },
};

import { inDocument } from '../engine';
import type { SyntaxNode } from '../parse';
import type { Diagnostic, Rule } from '../rule';
import { code } from '../report';

/** The option names whose state the model follows (engine/builtins.ts), as zsh compares them: lower case, no underscores. */
const ALIAS_OPTIONS = new Set(['expandaliases', 'posix', 'aliases', 'noaliases']);
/** The builtins that set those options. */
const OPTION_COMMANDS = new Set(['shopt', 'set', 'setopt', 'unsetopt']);

/** Why a word ends in `\r`, and the remedy: every message ends so. */
const CR_IN_WORD = 'this line ends in a carriage return (a Windows line ending), which the shell reads as part of the line\'s last word';
const CONVERT = 'Save the file with Unix line endings (`dos2unix FILE`, or `sed -i \'s/\\r$//\' FILE`).';

/** The word without the carriage return that ends it, or null when none does. */
function beforeReturn(word: SyntaxNode): string | null {
  const t = word.text;
  return t.length > 1 && t.endsWith('\r') ? t.slice(0, -1) : null;
}

export const carriageReturn: Rule = {
  meta: {
    id: 'carriage-return',
    severity: 'error',
    shellcheck: ['SC1017'],
    fixable: false,
    summary: 'A carriage return becomes part of an alias value, alias name or option name',
    docs: `## What it does
Finds, in a file with Windows (CRLF) line endings, an alias value that ends in the carriage return, a command word that would name an alias but for the carriage return after it, and an option that governs aliases (\`shopt -s expand_aliases\`, \`set -o posix\`, zsh's \`setopt aliases\`) spelt the same way.

## Why is this bad
Every shell reads a carriage return as an ordinary character. On a line that ends in CRLF it is the last character of the line's last word, so \`alias ll='ls -l'\` gives \`ll\` the value \`ls -l\\r\` (and \`ls\` rejects the option), \`ll\` alone on a line runs a command named \`ll\\r\`, which is no alias ("command not found"), and bash rejects \`expand_aliases\\r\` as an invalid option name, so expansion stays off. A use with arguments after it still expands, because the carriage return goes to the last argument instead.

## Example
A file saved with CRLF line endings:
\`\`\`bash
#!/bin/bash
shopt -s expand_aliases
alias ll='ls -l'
ll
\`\`\`

## Fix
Save the file with Unix (LF) line endings: \`dos2unix script.sh\`, or \`sed -i 's/\\r$//' script.sh\`. Editors show the line ending in their status bar; a \`.gitattributes\` line such as \`*.sh text eol=lf\` keeps Git from checking scripts out with CRLF.`,
  },
  check(ctx) {
    const { analysis } = ctx;
    if (!analysis.text.includes('\r') || analysis.names.aliases.size === 0) return [];
    const out: Diagnostic[] = [];
    const report = (word: SyntaxNode, message: string) => out.push({
      ruleId: this.meta.id, severity: this.meta.severity, message, start: word.startIndex, end: word.endIndex - 1, related: [],
    });
    for (const d of analysis.defs) {
      // the line's carriage return, unquoted at the end of the `name=value` word (one inside quotes is meant)
      if (!inDocument(analysis, d) || d.start < 0 || analysis.text[d.end - 1] !== '\r' || !d.value?.endsWith('\r')) continue;
      const value = d.value.slice(0, -1);
      const last = value.split(/[ \t]/).pop()!;
      out.push({
        ruleId: this.meta.id, severity: this.meta.severity, start: d.start, end: d.end - 1, related: [],
        message: `The value of alias ${code(d.name)} is read as \`${value}\\r\`: ${CR_IN_WORD}, so its last word is ${code(`${last}\\r`)}, not ${code(last)}. ${CONVERT}`,
      });
    }
    for (const command of analysis.tree.rootNode.descendantsOfType('command')) {
      const name = command.childForFieldName('name');
      if (!name) continue;
      const bare = beforeReturn(name);
      if (bare !== null && analysis.names.aliases.has(bare)) {
        report(name, `${code(bare)} is read as \`${bare}\\r\`: ${CR_IN_WORD}, so the command runs no alias. ${CONVERT}`);
      }
      if (!OPTION_COMMANDS.has(name.text)) continue;
      for (const arg of command.childrenForFieldName('argument')) {
        const option = beforeReturn(arg);
        if (option !== null && ALIAS_OPTIONS.has(option.toLowerCase().replace(/_/g, ''))) {
          report(arg, `The option is read as \`${option}\\r\`: ${CR_IN_WORD}, so \`${name.text}\` rejects the name and the option is not changed. ${CONVERT}`);
        }
      }
    }
    return out;
  },
};

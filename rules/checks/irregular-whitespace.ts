import { BYTE_ORDER_MARK, EVERY_IRREGULAR, IRREGULAR_WHITESPACE } from '../blanks';
import { inDocument, mayDefineAlias } from '../engine';
import type { SyntaxNode } from '../parse';
import type { Diagnostic, Rule } from '../rule';
import { code } from '../report';
import { zshOption } from '../shebang';

/** The option names whose state the model follows (engine/builtins.ts), as zsh compares them: lower case, no underscores. */
const ALIAS_OPTIONS = new Set(['expandaliases', 'posix', 'aliases', 'noaliases']);
/** The builtins that set those options. */
const OPTION_COMMANDS = new Set(['shopt', 'set', 'setopt', 'unsetopt']);
/** Builtins that define or remove aliases: joined to their next word, they never run. */
const ALIAS_COMMANDS = new Set(['alias', 'unalias']);

/** The characters that look like blanks most often, by name; any other by code point. */
const NAMED: Record<string, { name: string; escape: string }> = {
  '\r': { name: 'a carriage return (a Windows line ending)', escape: '\\r' },
  '\f': { name: 'a form feed', escape: '\\f' },
  '\v': { name: 'a vertical tab', escape: '\\v' },
  '\u00a0': { name: 'a no-break space (U+00A0)', escape: '\\u00a0' },
  '\ufeff': { name: 'a byte order mark (U+FEFF)', escape: '\\ufeff' },
};
const hex = (c: string) => c.charCodeAt(0).toString(16).padStart(4, '0');
const named = (c: string) => NAMED[c] ?? { name: `the Unicode space U+${hex(c).toUpperCase()}`, escape: `\\u${hex(c)}` };

/** The word as a message shows it, each such character escaped. */
const shown = (word: string) => code(word.replace(EVERY_IRREGULAR, (c) => named(c).escape));

/** What to do about the character: carriage returns come with the whole file's line endings. */
const remedy = (c: string) => (c === '\r'
  ? 'Save the file with Unix line endings (`dos2unix FILE`, or `sed -i \'s/\\r$//\' FILE`).'
  : 'Replace it with a plain space, or delete it.');

/** The part of a word before its first such character, and that character; null when it has none. */
function split(word: string): { before: string; char: string } | null {
  const m = IRREGULAR_WHITESPACE.exec(word);
  return m ? { before: word.slice(0, m.index), char: m[0] } : null;
}

export const irregularWhitespace: Rule = {
  meta: {
    id: 'irregular-whitespace',
    severity: 'error',
    shellcheck: ['SC1017', 'SC1018'],
    fixable: false,
    summary: 'A character that looks like a blank joins an alias name, alias value or option to the text around it',
    docs: `## What it does
Finds characters that look like blanks but are part of a word to every shell, where they change what an alias does: a carriage return (from Windows line endings), a form feed, a vertical tab, a no-break space or another Unicode space, in
- a command word that would name an alias but for such a character in it or after it (\`ll\\r\`);
- an \`alias\` or \`unalias\` command joined to its next word;
- an alias value that ends in one;
- an option that governs aliases (\`shopt -s expand_aliases\`, \`set -o posix\`, zsh's \`setopt aliases\`) spelt with one;
- a byte order mark that starts the file, joined to a first word that defines, removes or uses an alias or sets an option (editors hide the mark, and shells do not).

## Why is this bad
Shells separate words only at spaces and tabs. On a line that ends CRLF the carriage return is the last character of the line's last word, so \`alias ll='ls -l'\` gives \`ll\` the value \`ls -l\\r\` (and \`ls\` rejects the option), \`ll\` alone on a line runs a command named \`ll\\r\`, which is no alias ("command not found"), and bash rejects \`expand_aliases\\r\` as an invalid option name, so expansion stays off. A use with arguments after it still expands, because the carriage return goes to the last argument instead. A no-break space pasted from a web page joins \`ll\` and its argument into one word the same way.

## Example
A file saved with CRLF line endings:
\`\`\`bash
#!/bin/bash
shopt -s expand_aliases
alias ll='ls -l'
ll
\`\`\`

## Fix
Save the file with Unix (LF) line endings: \`dos2unix script.sh\`, or \`sed -i 's/\\r$//' script.sh\`. Editors show the line ending in their status bar; a \`.gitattributes\` line such as \`*.sh text eol=lf\` keeps Git from checking scripts out with CRLF. Retype any other such character as a plain space.`,
  },
  check(ctx) {
    const { analysis } = ctx;
    const { text } = analysis;
    // before anything that may need the tree: only a text that can have aliases is read
    if (!IRREGULAR_WHITESPACE.test(text) || (analysis.names.aliases.size === 0 && !mayDefineAlias(text))) return [];
    const out: Diagnostic[] = [];
    const report = (start: number, end: number, message: string) => out.push({ ruleId: this.meta.id, severity: this.meta.severity, message, start, end, related: [] });
    const partOf = (c: string) => `${named(c).name} is part of the word, not a blank`;
    for (const d of analysis.defs) {
      // the character unquoted at the end of the `name=value` word (one inside quotes is meant)
      const last = text[d.end - 1];
      if (!inDocument(analysis, d) || d.start < 0 || !d.value?.endsWith(last) || !IRREGULAR_WHITESPACE.test(last)) continue;
      const value = d.value.slice(0, -1);
      const word = value.split(/[ \t]/).pop()!;
      const so = word ? `its last word is ${shown(word + last)}, not ${code(word)}` : `it ends in ${shown(last)}, not in the blank before it`;
      report(d.start, d.end - 1, `The value of alias ${code(d.name)} is read as ${shown(d.value)}: ${partOf(last)}, so ${so}. ${remedy(last)}`);
    }
    const first = markedFirstWord(text);
    if (first && (analysis.names.aliases.has(first) || ALIAS_COMMANDS.has(first) || OPTION_COMMANDS.has(first))) {
      const so = analysis.names.aliases.has(first) ? 'the command runs no alias' : `no ${code(first)} command runs`;
      report(0, BYTE_ORDER_MARK.length + first.length, `The file starts with a byte order mark, which editors hide: ${code(first)} is read as ${shown(BYTE_ORDER_MARK + first)}, so ${so}. Save the file as UTF-8 without a byte order mark.`);
    }
    for (const at of joinedWords(text, analysis.names.aliases)) {
      // the command, or the option command, whose word starts there
      let node: SyntaxNode | null = analysis.tree.rootNode.descendantForIndex(at);
      while (node && node.startIndex === at && node.parent && node.type !== 'command') node = node.parent;
      const command = node?.type === 'command' ? node : null;
      const name = command?.childForFieldName('name');
      if (!command || !name) continue;
      const s = name.startIndex === at ? split(name.text) : null;
      if (s && analysis.names.aliases.has(s.before)) {
        report(at, at + s.before.length, `${code(s.before)} is read as ${shown(name.text)}: ${partOf(s.char)}, so the command runs no alias. ${remedy(s.char)}`);
      } else if (s && ALIAS_COMMANDS.has(s.before)) {
        report(at, at + s.before.length, `${code(s.before)} is read as ${shown(name.text)}: ${partOf(s.char)}, so no \`${s.before}\` command runs. ${remedy(s.char)}`);
      }
      if (!OPTION_COMMANDS.has(name.text)) continue;
      const arg = command.childrenForFieldName('argument').find((a) => a.startIndex === at);
      const o = arg && split(arg.text);
      if (arg && o && ALIAS_OPTIONS.has(zshOption(o.before))) {
        report(at, at + o.before.length, `The option is read as ${shown(arg.text)}: ${partOf(o.char)}, so \`${name.text}\` rejects the name and the option is not changed. ${remedy(o.char)}`);
      }
    }
    return out;
  },
};

/** Characters that end a word in every shell. */
const WORD_END = new Set([' ', '\t', '\n', ';', '&', '|', '(', ')', '<', '>', '`', '"', "'"]);

/** The first word of a text that starts with a byte order mark, without the mark; null when it does not. */
function markedFirstWord(text: string): string | null {
  if (!text.startsWith(BYTE_ORDER_MARK)) return null;
  let end = BYTE_ORDER_MARK.length;
  while (end < text.length && !WORD_END.has(text[end]) && !IRREGULAR_WHITESPACE.test(text[end])) end++;
  return text.slice(BYTE_ORDER_MARK.length, end) || null;
}

/**
 * Where a word starts whose text before such a character is an alias name,
 * `alias`, `unalias` or an option that governs aliases: the only words the
 * tree is asked about, since a CRLF file has one such character a line.
 */
function joinedWords(text: string, aliases: ReadonlySet<string>): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(EVERY_IRREGULAR)) {
    let start = m.index!;
    while (start > 0 && !WORD_END.has(text[start - 1]) && !IRREGULAR_WHITESPACE.test(text[start - 1])) start--;
    const before = text.slice(start, m.index);
    if (before && (aliases.has(before) || ALIAS_COMMANDS.has(before) || ALIAS_OPTIONS.has(zshOption(before)))) out.push(start);
  }
  return out;
}

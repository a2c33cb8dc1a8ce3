// Carriage returns, as shells read them. To every shell a `\r` is an ordinary
// character: on a line that ends CRLF it is the last character of the line's
// last word, so `ll\r` names no alias and `shopt -s expand_aliases\r` names no
// option. tree-sitter-bash and the lexer's character classes (`\s`) take it for
// a blank instead, so both are given the text with each `\r` replaced by a
// character they read as part of a word. The replacement has the same length,
// so every offset holds, and node texts are still cut from the real text.

/** A private-use character: part of a word to tree-sitter-bash, and no blank to `\s`. */
const WORD_CHARACTER = '\uE000';

/** The text with each carriage return made a word character, as the shells read it. */
export function asShellReads(text: string): string {
  return text.includes('\r') ? text.replace(/\r/g, WORD_CHARACTER) : text;
}

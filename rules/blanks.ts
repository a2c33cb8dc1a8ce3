// Blanks, as shells read them. To every shell only a space and a tab separate
// words (and a newline ends a line): a carriage return, form feed, vertical
// tab, no-break space or any other Unicode space is an ordinary character. On
// a line that ends CRLF the carriage return is the last character of the
// line's last word, so `ll\r` names no alias and `shopt -s expand_aliases\r`
// names no option; a no-break space pasted from a web page joins `ll` and its
// argument into one word. tree-sitter-bash and the lexer's character classes
// (`\s`) take all of these for blanks, so both are given the text with each
// replaced by a character they read as part of a word. The replacement has
// the same length, so every offset holds, and node texts are still cut from
// the real text.

/** A character `\s` matches and no shell takes for a blank: each is one UTF-16 unit. */
export const IRREGULAR_WHITESPACE = /[^\S \t\n]/;
/** The same, for `replace`. */
export const EVERY_IRREGULAR = new RegExp(IRREGULAR_WHITESPACE.source, 'g');

/**
 * Part of a word to tree-sitter-bash and the lexer, and no blank to `\s`. ASCII, since
 * tree-sitter-bash's here-document scanner matches a delimiter such as `EOF\r` only
 * when its characters are; and a comma, which unlike a letter or `_` cannot extend a
 * parameter name (`$x\r`).
 */
const WORD_CHARACTER = ',';

/** The text with each character that only looks like a blank made a word character, as the shells read it. */
export function asShellReads(text: string): string {
  return IRREGULAR_WHITESPACE.test(text) ? text.replace(EVERY_IRREGULAR, WORD_CHARACTER) : text;
}

/** A byte order mark: at the start of a file every shell reads it as part of the first word, and editors hide it. */
export const BYTE_ORDER_MARK = '\ufeff';

// An independent, deliberately small shell lexer that finds where each
// top-level parse unit ends: quotes, nesting, keywords, case patterns and
// here-documents are tracked, nothing else. The engine trusts a tree-sitter
// unit only when it lines up with one of these segments, so a misparse can
// never move text from one parse unit to another unnoticed. While it scans,
// it also notes where tree-sitter-bash needs one of the named rewrites of
// workarounds.ts, which `masked` applies.

import { asShellReads } from './blanks';
import type { WorkaroundId } from './workarounds';

export interface Segment {
  start: number;
  /** End of the unit's last token, or of its last here-document line. */
  end: number;
}

type Frame =
  | { kind: 'paren' | 'brace' | 'if' | 'do' | 'head' }
  | { kind: 'case'; mode: 'word' | 'in' | 'pattern' | 'body' };

interface Heredoc {
  delim: string;
  strip: boolean;
  quoted: boolean;
  /** Where its operator starts and its word ends. */
  op: { at: number; wordEnd: number };
  /** With no command (`<<'E'` as a block comment). */
  bare: boolean;
}

/** A same-length replacement: `fill` repeated, newlines kept, `lead` first. */
interface Mask {
  kind: WorkaroundId;
  start: number;
  end: number;
  fill: string;
  lead?: string;
}

const BLANK = /[ \t]/;
/** Outcomes of scanning a word: a dead end, nothing there, or a word. */
type Scan = -1 | 0 | 1;
const FAIL: Scan = -1;
const EMPTY: Scan = 0;
const OK: Scan = 1;
const META = /[\s;&|<>()`'"\\$]/;
/** Word characters that are neither quoting, nor metacharacters, nor the start of an extglob group or an array. */
const PLAIN_RUN = /[^\s;&|<>()`'"\\$@!+*?=]+/y;

class Lexer {
  i = 0;
  stack: Frame[] = [];
  pending: Heredoc[] = [];
  commandPosition = true;
  /** The last token was `&&`, `||` or `|`: a newline does not end the unit. */
  continued = false;
  lastEnd = 0;
  forWord = false;
  /** End of the loop variable after `for`: -1 until it is read. */
  forNameEnd = 0;
  /** After `function`: the next word is the name, then the body. */
  functionName = false;
  /** The last word closed a compound command, so `}` may follow at once. */
  afterCloser = false;
  /** Just after `function name`: `()` may follow. */
  namedFunction = false;
  /** Inert regions tree-sitter-bash often misparses; see `masked`. */
  readonly masks: Mask[] = [];
  /** Where an and-or list resumes after a here-document whose operator was masked. */
  readonly resumes: number[] = [];
  /** Offset of the last `&&`/`||`, or -1. */
  lastAndOr = -1;
  /** Inside the arguments of a `[` command, before its `]`. */
  bracket = false;
  /** A `;` or `&` ended a command after a here-document operator on this line. */
  afterHeredoc = false;

  constructor(readonly s: string) {}

  segments(): Lexed {
    const out: Segment[] = [];
    const n = this.s.length;
    while (true) {
      this.skipSpace(true);
      if (this.i >= n) break;
      const start = this.i;
      this.commandPosition = true;
      const ok = this.unit();
      out.push({ start, end: this.lastEnd });
      if (!ok) return { segments: out, complete: false };
    }
    return { segments: out, complete: true };
  }

  /** Blanks, continuations, comments; newlines too when `newlines`. */
  private skipSpace(newlines: boolean): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s[this.i];
      if (c === ' ' || c === '\t') this.i++;
      else if (c === '\\' && s[this.i + 1] === '\n') this.i += 2;
      else if (c === '#') while (this.i < s.length && s[this.i] !== '\n') this.i++;
      else if (c === '\n' && newlines) this.newline();
      else break;
    }
  }

  private newline(): void {
    // `cat <<E &&` + newline: the list goes on after the here-document, which
    // tree-sitter-bash cannot parse; drop the operator and mark where it resumes
    const andOr = this.pending.length && this.continued && this.lastAndOr >= 0
      && /^[ \t]*(#.*)?$/.test(this.s.slice(this.lastAndOr + 2, this.i)) ? this.lastAndOr : -1;
    this.i++;
    this.commandPosition = true;
    this.bracket = false;
    if (this.pending.length) this.heredocBodies();
    if (andOr >= 0) {
      this.mask('andor-after-heredoc', andOr, andOr + 2, ' ');
      this.resumes.push(this.i);
    }
  }

  private heredocBodies(): void {
    const s = this.s;
    const docs = this.pending.splice(0);
    // each body starts on the line after the one before ends
    const bodies: { body: number; lineStart: number; eol: number }[] = [];
    for (let at = this.i; bodies.length < docs.length;) {
      const end = terminator(s, docs[bodies.length], at);
      bodies.push({ body: at, ...end });
      at = Math.min(end.eol + 1, s.length);
    }
    // an operator right after a delimiter word (`<<EOF&&`): tree-sitter-bash takes it into the word
    const separated = this.afterHeredoc || docs.length > 1 || docs.some((h) => /[;&|<>()]/.test(s[h.op.wordEnd] ?? ''));
    this.afterHeredoc = false;
    if (separated && this.inertHeredocs(docs, bodies)) {
      this.i = Math.min(bodies[bodies.length - 1].eol + 1, s.length);
      return;
    }
    const merge = docs.length > 1 && this.mergeable(docs, bodies);
    docs.forEach((h, k) => {
      const { body, lineStart, eol } = bodies[k];
      this.lastEnd = eol;
      const found = lineStart < s.length;
      if (found && h.quoted) this.mask('quoted-heredoc-body', body, lineStart, ' ');
      if (found && h.bare) this.maskBareHeredoc(h.op, body, eol, h.quoted);
      if (found && !h.quoted) this.maskBody(body, lineStart);
      // the body becomes the first part of the last one's: its operator and delimiter line go
      if (merge && k < docs.length - 1) {
        this.mask('heredocs-on-one-line', h.op.at, h.op.wordEnd, ' ');
        this.mask('heredocs-on-one-line', lineStart, eol, '_');
      }
    });
    this.i = Math.min(bodies[bodies.length - 1].eol + 1, s.length);
  }

  /**
   * Commands after a here-document on its line, past a `;` or `&` or another
   * here-document, are beyond tree-sitter-bash (it reads them as words of the
   * redirect, and the rest of the text as the body). Where no body can run a
   * substitution, the bodies are only input: each operator with its word, and
   * each body with its delimiter line, is blanked, and the line reads as the
   * commands it holds. False, masking nothing, where that cannot be done.
   */
  private inertHeredocs(docs: Heredoc[], bodies: { body: number; lineStart: number; eol: number }[]): boolean {
    const s = this.s;
    const found = bodies.every((b) => b.lineStart < s.length);
    if (!found || docs.some((h, k) => h.bare || (!h.quoted && /\$\(|`/.test(s.slice(bodies[k].body, bodies[k].lineStart))))) return false;
    docs.forEach((h, k) => {
      this.mask('heredoc-then-command', h.op.at, h.op.wordEnd, ' ');
      this.mask('heredoc-then-command', bodies[k].body, bodies[k].eol, ' ');
      this.lastEnd = bodies[k].eol;
    });
    return true;
  }

  /**
   * An unquoted body: blanks that start a line before a substitution or the
   * line's end hide the substitutions after them; backticks are never read.
   */
  private maskBody(from: number, to: number): void {
    const body = this.s.slice(from, to);
    // a backslash that starts the body, with what it escapes, becomes plain text
    if (body.startsWith('\\')) this.mask('heredoc-leading-backslash', from, from + (/[$`\\]/.test(body[1] ?? '') ? 2 : 1), '_');
    const indent = /^[ \t]+(?=$|[$`])/gm;
    for (let m = indent.exec(body); m; m = indent.exec(body)) this.mask('heredoc-indent', from + m.index, from + m.index + m[0].length, '_');
    // `cmd` becomes $(cmd) over the character before it, the command keeping its place
    const tick = /(?<=[\w:=,./@%+ \t-])`([^`\\\n$]*)`/g;
    for (let m = tick.exec(body); m; m = tick.exec(body)) {
      const at = from + m.index;
      if (at - 2 >= from && /[\\$]/.test(this.s[at - 2])) continue;
      this.mask('heredoc-backtick', at - 1, at + 1, '(', '$');
      this.mask('heredoc-backtick', at + m[0].length - 1, at + m[0].length, ')');
    }
  }

  /**
   * Several here-documents started on one line are beyond tree-sitter-bash.
   * Read as one body of the last command, each substitution in them is read
   * in the same state as the shell reads it, provided nothing between the
   * first operator's command and the last operator can change an alias or an
   * option: only commands the script neither defines as functions or aliases
   * nor are builtins that act on either. And no earlier body may hold a line
   * that would end the last one.
   */
  private mergeable(docs: Heredoc[], bodies: { body: number; lineStart: number }[]): boolean {
    const s = this.s;
    if (docs.some((h) => h.bare)) return false;
    const last = docs[docs.length - 1];
    for (let k = 0; k < docs.length - 1; k++) {
      if (terminator(s, last, bodies[k].body).lineStart < bodies[k].lineStart) return false;
    }
    const from = s.lastIndexOf('\n', docs[0].op.at) + 1;
    const words = s.slice(from, last.op.at).split(/[\s;&|()"'`$]+/).filter((w) => w && !w.startsWith('<<') && !docs.some((h) => h.delim === w.replace(/['"\\]/g, '')));
    return words.every((w) => /^[\w./:=,+@%-]+$/.test(w) && !STATE_WORDS.has(w) && !definesName(s, w));
  }

  /**
   * A here-document with no command, alone on its line, is text the shell
   * never runs (a block comment), unless it is unquoted and holds a
   * substitution: blanked from its operator to its delimiter, it reads as
   * the nothing it is.
   */
  private maskBareHeredoc(bare: { at: number; wordEnd: number }, body: number, end: number, quoted: boolean): void {
    const s = this.s;
    if (!/^[ \t]*(#[^\n]*)?\n$/.test(s.slice(bare.wordEnd, body))) return;
    if (!quoted && /\$\(|`/.test(s.slice(body, end))) return;
    this.mask('heredoc-comment', bare.at, end, ' ');
  }

  /** One top-level unit; false when the text ended inside a construct. */
  private unit(): boolean {
    const s = this.s;
    while (this.i < s.length) {
      this.skipSpace(this.stack.length > 0 || this.continued);
      if (this.i >= s.length) break;
      const c = s[this.i];
      if (c === '\n') {
        this.newline();
        return true;
      }
      if (!this.token()) return false;
    }
    return this.stack.length === 0 && !this.continued && this.pending.length === 0;
  }

  private top(): Frame | undefined {
    return this.stack[this.stack.length - 1];
  }

  /** Scans one token at the current position; false on a dead end. */
  private token(): boolean {
    const s = this.s;
    const c = s[this.i];
    // the two-character operators all start with one of these
    const two = c === '&' || c === '|' || c === ';' ? s.slice(this.i, this.i + 2) : '';
    const frame = this.top();
    if (frame?.kind === 'case' && (frame.mode === 'pattern' || frame.mode === 'in')) return this.casePattern(frame);
    this.continued = false;
    if (two === '&&' || two === '||' || two === '|&') {
      this.lastAndOr = two === '|&' ? -1 : this.i;
      this.op(2, true);
      return true;
    }
    if (two === ';;') {
      const n = s[this.i + 2] === '&' ? 3 : 2;
      // bash's `;;&` (test the next pattern too): tree-sitter-bash reads only `;;`
      if (n === 3) this.mask('case-test-next', this.i + 2, this.i + 3, ' ');
      if (frame?.kind === 'case') frame.mode = 'pattern';
      this.op(n, false);
      return true;
    }
    if (two === ';&' && frame?.kind === 'case') {
      frame.mode = 'pattern';
      this.op(2, false);
      return true;
    }
    if (c === ';' || c === '&') {
      if (this.pending.length) this.afterHeredoc = true;
      this.op(1, false);
      return true;
    }
    if (c === '|') {
      this.op(1, true);
      return true;
    }
    if (c === '(') {
      if (s.startsWith('((', this.i) && (this.commandPosition || this.forWord)) return this.arithmetic(this.i + 2);
      const close = /^\([ \t]*\)/.exec(s.slice(this.i, this.i + 16));
      if (close && (!this.commandPosition || this.namedFunction)) {
        this.namedFunction = false;
        // `name()`: a function definition; its body follows in command position
        this.i += close[0].length;
        this.lastEnd = this.i;
        this.commandPosition = true;
        this.continued = true;
        return true;
      }
      this.stack.push({ kind: 'paren' });
      this.i++;
      this.lastEnd = this.i;
      this.commandPosition = true;
      return true;
    }
    if (c === ')') {
      if (frame?.kind !== 'paren') return false;
      this.stack.pop();
      this.i++;
      this.lastEnd = this.i;
      this.commandPosition = false;
      return true;
    }
    if (c === '<' || c === '>') return this.redirect();
    return this.word();
  }

  private op(len: number, continues: boolean): void {
    if (len !== 2 || !continues) this.lastAndOr = -1;
    this.bracket = false;
    this.i += len;
    this.lastEnd = this.i;
    this.commandPosition = true;
    this.continued = continues;
  }

  private redirect(): boolean {
    const s = this.s;
    if ((s[this.i] === '<' || s[this.i] === '>') && s[this.i + 1] === '(') {
      this.i += 2;
      return this.nested(')');
    }
    if (s.startsWith('<<<', this.i)) {
      // after a brace group's `}` the grammar has no here-string; a redirection from a file reads the same
      let b = this.i;
      while (b > 0 && BLANK.test(s[b - 1])) b--;
      if (s[b - 1] === '}' && (b === 1 || /[\s;&]/.test(s[b - 2]))) this.mask('herestring-after-group', this.i + 1, this.i + 3, ' ');
      this.i += 3;
    } else if (s.startsWith('<<', this.i)) {
      const at = this.i;
      const strip = s[this.i + 2] === '-';
      this.i += strip ? 3 : 2;
      this.skipSpace(false);
      const from = this.i;
      if (this.wordChars() !== OK) return false;
      const word = s.slice(from, this.i);
      const quoted = /['"\\]/.test(word);
      if (word.startsWith('\\')) this.mask('escaped-heredoc-word', from, from + 1, ' ');
      // a here-document with no command (`<<\E` as a block comment): tree-sitter-bash
      // wants a command; `:<<E` does the same, the character after `<<` making room
      let b = at;
      while (b > 0 && BLANK.test(s[b - 1])) b--;
      const bare = b === 0 || /[\n;&|(]/.test(s[b - 1]);
      if (bare && /[ \t\\]/.test(s[at + (strip ? 3 : 2)])) {
        this.mask('heredoc-without-command', at, at + (strip ? 4 : 3), ' ', strip ? ':<<-' : ':<<');
      }
      this.pending.push({ delim: word.replace(/['"\\]/g, ''), strip, quoted, op: { at, wordEnd: this.i }, bare });
      this.lastEnd = this.i;
      return true;
    } else {
      // `<>` (read and write) is missing from tree-sitter-bash; `>>` keeps the file and descriptor
      if (s.startsWith('<>', this.i)) this.mask('read-write-redirect', this.i, this.i + 1, '>');
      this.i++;
      if (/[>&|]/.test(s[this.i] ?? '')) this.i++;
    }
    this.lastEnd = this.i;
    return true;
  }

  /** `((…))` or `$((…))`: arithmetic when the parens close as `))`, else a nested subshell. */
  private arithmetic(from: number): boolean {
    const s = this.s;
    let depth = 2;
    let j = from;
    for (; j < s.length && depth > 0; j++) {
      if (s[j] === '(') depth++;
      else if (s[j] === ')') depth--;
      if (depth === 1 && s[j] === ')' && s[j + 1] !== ')') break;
    }
    if (depth === 0 && s[j - 2] === ')') {
      // not a C-style `for ((…;…;…))`, whose semicolons tree-sitter needs
      if (!this.forWord) this.maskInert('arithmetic', from, j - 2, ' ', '1');
      this.i = j;
      this.lastEnd = j;
      this.commandPosition = false;
      return true;
    }
    // `$((cmd) …)` or `((cmd) …)`: a subshell inside
    this.stack.push({ kind: 'paren' });
    if (s[from - 3] !== '$') {
      this.stack.push({ kind: 'paren' });
      // tree-sitter-bash reads `((` as arithmetic only; moving the first `(`
      // into the blank before it gives the `( (` it can parse
      // (not after `!` or a keyword, which the `(` would join)
      if (from >= 3 && BLANK.test(s[from - 3]) && /^[\s;&|({]?$/.test(s[from - 4] ?? '')) {
        this.mask('subshell-in-double-paren', from - 3, from - 1, ' ', '(');
      }
    }
    this.i = from;
    this.commandPosition = true;
    return true;
  }

  /** A nested command list ending at `close` (`$(`, `<(`): scanned as a unit of its own. */
  private nested(close: ')'): boolean {
    const saved = { stack: this.stack, continued: this.continued };
    this.stack = [{ kind: 'paren' }];
    this.commandPosition = true;
    while (this.stack.length && this.i < this.s.length) {
      this.skipSpace(true);
      if (this.i >= this.s.length) break;
      if (!this.token()) return false;
    }
    const ok = this.stack.length === 0 && this.s[this.i - 1] === close;
    this.stack = saved.stack;
    this.continued = saved.continued;
    this.commandPosition = false;
    this.lastEnd = this.i;
    return ok;
  }

  /** Characters of one shell word, with quotes and expansions. */
  private wordChars(): Scan {
    const s = this.s;
    const from = this.i;
    while (this.i < s.length) {
      // a run of characters that need none of the checks below, in one step
      PLAIN_RUN.lastIndex = this.i;
      if (PLAIN_RUN.test(s)) {
        this.i = PLAIN_RUN.lastIndex;
        continue;
      }
      const c = s[this.i];
      const quoted = this.quoting();
      if (quoted === false) return FAIL;
      if (quoted) continue;
      if (/[@!+*?]/.test(c) && s[this.i + 1] === '(') {
        // an extglob group: a pattern, never a command
        const start = this.i;
        this.i += 1;
        if (!this.balanced()) return FAIL;
        this.maskInert('extglob', start, this.i, '_');
      } else if (c === '=' && s[this.i + 1] === '(' && this.i > from) {
        this.i += 1;
        const start = this.i + 1;
        if (!this.balanced()) return FAIL;
        if (/[@!+*?]\(/.test(s.slice(start, this.i - 1))) this.maskInert('array-extglob', start, this.i - 1, ' ', '_');
      } else if (META.test(c)) {
        break;
      } else {
        this.i++;
      }
    }
    return this.i > from ? OK : EMPTY;
  }

  /** Skips `( … )` as plain text with nesting and quotes (arrays, extglob). */
  private balanced(): boolean {
    const s = this.s;
    let depth = 0;
    while (this.i < s.length) {
      const c = s[this.i];
      const quoted = this.quoting();
      if (quoted === false) return false;
      if (quoted) continue;
      if (c === '(') depth++;
      if (c === ')') depth--;
      this.i++;
      if (depth === 0) return true;
    }
    return false;
  }

  /**
   * Skips an escape, a quoted string, a backtick substitution or a `$`
   * expansion at the cursor: true when it did, false at a dead end, null
   * when the cursor is on plain text.
   */
  private quoting(): boolean | null {
    const s = this.s;
    switch (s[this.i]) {
      case '\\':
        // `\(` and `\)` are plain words; tree-sitter-bash wants a letter there, and
        // inside `[ … ]` a bare parenthesis, which its test grammar reads as grouping
        if (s[this.i + 1] === '(' || s[this.i + 1] === ')') {
          if (this.bracket) this.mask('escaped-paren', this.i, this.i + 1, ' ');
          else this.mask('escaped-paren', this.i + 1, this.i + 2, 'x');
        }
        this.i += 2;
        return true;
      case "'": {
        const e = s.indexOf("'", this.i + 1);
        if (e === -1) return false;
        this.i = e + 1;
        return true;
      }
      case '"':
        return this.doubleQuoted();
      case '`':
        return this.backtick();
      case '$':
        return this.dollar();
      default:
        return null;
    }
  }

  private doubleQuoted(): boolean {
    const s = this.s;
    this.i++;
    while (this.i < s.length) {
      const c = s[this.i];
      if (c === '\\') this.i += 2;
      else if (c === '"') {
        this.i++;
        return true;
      } else if (c === '`') {
        if (!this.backtick()) return false;
      } else if (c === '$') {
        if (!this.dollar()) return false;
      } else this.i++;
    }
    return false;
  }

  private backtick(): boolean {
    const s = this.s;
    // tree-sitter-bash takes a closing backtick for an opening one when the next
    // backtick is followed by whitespace (its scanner's `a\`b\`` rule); a body that
    // starts with a newline and a blank reads the same with the newline escaped one later
    if (s[this.i + 1] === '\n' && BLANK.test(s[this.i + 2] ?? '')) this.mask('backtick-leading-newline', this.i + 1, this.i + 3, ' ', '\\\n');
    this.i++;
    while (this.i < s.length) {
      if (s[this.i] === '\\') this.i += 2;
      else if (s[this.i] === '`') {
        this.i++;
        return true;
      } else {
        // a `$` that starts no expansion, as in `sed s/.$//`
        if (s[this.i] === '$' && !/[A-Za-z0-9_{(@*#?$!'"\\-]/.test(s[this.i + 1] ?? '')) {
          this.mask('plain-dollar', this.i, this.i + 1, '_');
        }
        this.i++;
      }
    }
    return false;
  }

  private dollar(): boolean {
    const s = this.s;
    const next = s[this.i + 1];
    if (next === "'") {
      this.i += 2;
      while (this.i < s.length && s[this.i] !== "'") this.i += s[this.i] === '\\' ? 2 : 1;
      this.i++;
      return this.i <= s.length;
    }
    if (next === '(') {
      // `$(< file)`: tree-sitter-bash has no rule for it; `$(: file)` reads the same for us
      if (s[this.i + 2] === '<' && s[this.i + 3] !== '<') this.mask('substitution-of-file', this.i + 2, this.i + 3, ':');
      if (s[this.i + 2] === '(') {
        const saved = this.stack;
        this.stack = [];
        const before = this.i;
        this.arithmetic(this.i + 3);
        if (this.stack.length === 0) {
          this.stack = saved;
          return true;
        }
        // not arithmetic: a command substitution that starts with a subshell
        this.stack = saved;
        this.i = before + 2;
        return this.nested(')');
      }
      this.i += 2;
      return this.nested(')');
    }
    if (next === '{') {
      this.i += 2;
      const open = this.i;
      let depth = 1;
      while (this.i < s.length && depth > 0) {
        const c = s[this.i];
        const quoted = this.quoting();
        if (quoted === false) return false;
        if (quoted) continue;
        if (c === '{') depth++;
        if (c === '}') depth--;
        this.i++;
      }
      // `${ cmd; }` and `${|cmd;}` run commands (ksh93, mksh): not inert
      if (depth === 0 && /[/)('"\s]/.test(s.slice(open, this.i - 1)) && !/[\s|]/.test(s[open])) this.maskInert('parameter-pattern', open, this.i - 1, '_', 'x');
      return depth === 0;
    }
    // a `$` that starts no expansion (`sed s/.$//`) is a plain character
    if (next === undefined || !/[A-Za-z0-9_{(@*#?$!'"-]/.test(next)) this.mask('plain-dollar', this.i, this.i + 1, '_');
    this.i++;
    return true;
  }

  private word(): boolean {
    const s = this.s;
    const from = this.i;
    const scan = this.wordChars();
    if (scan === FAIL) return false;
    if (scan === EMPTY) {
      // a lone metacharacter we do not model
      this.i++;
      this.lastEnd = this.i;
      return true;
    }
    const w = s.slice(from, this.i);
    this.lastEnd = this.i;
    const frame = this.top();
    if (this.forWord && w === 'do') {
      // `for i do` (no `in`): tree-sitter-bash reads `for i;do` only
      if (this.forNameEnd > 0 && /^[ \t]+$/.test(s.slice(this.forNameEnd, from))) {
        this.mask('for-without-in', from - 1, from, ';');
      }
      this.forWord = false;
      this.forNameEnd = 0;
      this.enterDo();
      return true;
    }
    if (this.forWord && this.forNameEnd === -1) this.forNameEnd = this.i;
    this.namedFunction = false;
    if (this.functionName) {
      this.functionName = false;
      this.namedFunction = true;
      this.commandPosition = true;
      return true;
    }
    if (this.bracket) {
      if (w === ']') this.bracket = false;
      // a lone `-` or `~` operand (`[ "$1" = - ]`): tree-sitter-bash's test grammar has no rule for it
      else if (w === '-' || w === '~') this.mask('test-lone-operand', from, this.i, '_');
    }
    const closer = this.afterCloser;
    this.afterCloser = w === 'done' || w === 'fi' || w === 'esac' || w === '}';
    if (w === '}' && closer && !this.commandPosition && frame?.kind === 'brace') {
      // `done }`: a reserved word may follow another; tree-sitter-bash wants `done;}`
      if (/[ \t]/.test(s[from - 1])) this.mask('brace-after-reserved-word', from - 1, from, ';');
      this.stack.pop();
      return true;
    }
    if (!this.commandPosition) return true;
    switch (w) {
      case '{':
        this.stack.push({ kind: 'brace' });
        return true;
      case '}':
        if (frame?.kind !== 'brace') return false;
        this.stack.pop();
        this.commandPosition = false;
        return true;
      case 'if':
        this.stack.push({ kind: 'if' });
        return true;
      case 'fi':
        if (frame?.kind !== 'if') return false;
        this.stack.pop();
        this.commandPosition = false;
        return true;
      case 'do':
        this.forWord = false;
        this.enterDo();
        return true;
      case 'done':
        if (frame?.kind !== 'do') return false;
        this.stack.pop();
        this.commandPosition = false;
        return true;
      case 'case':
        this.stack.push({ kind: 'case', mode: 'word' });
        this.commandPosition = false;
        this.caseWord();
        return true;
      case 'esac':
        if (frame?.kind !== 'case') return false;
        this.stack.pop();
        this.commandPosition = false;
        return true;
      case 'function':
        this.functionName = true;
        this.commandPosition = false;
        return true;
      case 'for':
      case 'select':
        this.stack.push({ kind: 'head' });
        this.forWord = true;
        this.forNameEnd = -1;
        this.commandPosition = false;
        return true;
      case 'while':
      case 'until':
        this.stack.push({ kind: 'head' });
        return true;
      case '[[': {
        const open = this.i;
        if (!this.skipUntilWord(']]')) return false;
        this.maskInert('double-bracket-test', open, this.i - 2, ' ', ' x');
        return true;
      }
      case 'then': case 'else': case 'elif': case '!': case 'time':
        return true;
      case '[':
        this.bracket = true;
        this.commandPosition = false;
        return true;
      default:
        this.commandPosition = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/.test(w);
        return true;
    }
  }

  /** Masks text that holds no command (no `$(` or backtick inside). */
  private maskInert(kind: WorkaroundId, start: number, end: number, fill: string, lead?: string): void {
    if (end <= start || /\$\(|`/.test(this.s.slice(start, end))) return;
    this.mask(kind, start, end, fill, lead);
  }

  /** Applies workaround `kind` (rules/workarounds.ts) to `start`–`end`. */
  private mask(kind: WorkaroundId, start: number, end: number, fill: string, lead?: string): void {
    this.masks.push({ kind, start, end, fill, lead });
  }

  /** `do` ends a loop head (`while …`, `for … in …`) and opens the body. */
  private enterDo(): void {
    if (this.top()?.kind === 'head') this.stack.pop();
    this.stack.push({ kind: 'do' });
    this.commandPosition = true;
  }

  /** After `case`: the subject word, then `in`, then patterns. */
  private caseWord(): void {
    const frame = this.top() as { kind: 'case'; mode: string };
    this.skipSpace(true);
    this.wordChars();
    this.skipSpace(true);
    if (this.s.startsWith('in', this.i) && !/[^\s;]/.test(this.s[this.i + 2] ?? ' ')) this.i += 2;
    frame.mode = 'pattern';
    this.lastEnd = this.i;
  }

  private casePattern(frame: { kind: 'case'; mode: string }): boolean {
    const s = this.s;
    this.skipSpace(true);
    if (/^esac(?![^\s;&|)])/.test(s.slice(this.i, this.i + 5))) {
      this.i += 4;
      this.stack.pop();
      this.lastEnd = this.i;
      this.commandPosition = false;
      return true;
    }
    if (s[this.i] === '(') this.i++;
    while (this.i < s.length && s[this.i] !== ')') {
      if (/[\s|]/.test(s[this.i])) this.i++;
      else if (s.startsWith('\\\n', this.i)) this.i += 2;
      else {
        const from = this.i;
        if (this.wordChars() !== OK) return false;
        // a pattern is never a command, and tree-sitter-bash often misreads quotes
        // and extglob in one (`*"$t"*`, `*" -t"?( *)`); a same-length word reads the same
        if (!s.slice(from, this.i).includes('\n')) this.maskInert('case-pattern', from, this.i, '_');
      }
    }
    if (this.i >= s.length) return false;
    this.i++;
    frame.mode = 'body';
    this.commandPosition = true;
    this.lastEnd = this.i;
    return true;
  }

  private skipUntilWord(end: string): boolean {
    const s = this.s;
    while (this.i < s.length) {
      this.skipSpace(true);
      const from = this.i;
      const scan = this.wordChars();
      if (scan === FAIL) return false;
      if (scan === EMPTY) this.i++;
      if (s.slice(from, this.i) === end) {
        this.lastEnd = this.i;
        this.commandPosition = false;
        return true;
      }
    }
    return false;
  }
}

/** Where a here-document's delimiter line starts and ends, scanning from `from`; the text's end when it has none. */
function terminator(s: string, h: Heredoc, from: number): { lineStart: number; eol: number } {
  let i = from;
  while (i < s.length) {
    let eol = s.indexOf('\n', i);
    if (eol === -1) eol = s.length;
    let line = s.slice(i, eol);
    if (h.strip) line = line.replace(/^\t+/, '');
    if (line === h.delim) return { lineStart: i, eol };
    i = eol + 1;
  }
  return { lineStart: s.length, eol: s.length };
}

/** Builtins that change aliases or the options that govern them, or run text as code. */
const STATE_WORDS = new Set(['alias', 'unalias', 'shopt', 'set', 'setopt', 'unsetopt', 'emulate', 'eval', 'source', '.',
  'exec', 'enable', 'builtin', 'command', 'trap', 'typeset', 'autoload', 'functions']);

/** Whether the script defines this name as a function or an alias anywhere. */
function definesName(s: string, name: string): boolean {
  const n = name.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
  return new RegExp(`(^|[\\s;&|(])(function[ \\t]+${n}\\b|${n}[ \\t]*\\([ \\t]*\\))|alias[ \\t][^\\n]*\\b${n}=`).test(s);
}

export interface Lexed {
  segments: Segment[];
  /** False when nesting ran deeper than the stack: no unit can be trusted. */
  complete: boolean;
}

/** The top-level parse units of a script, as a shell would read them. */
export function segments(text: string): Lexed {
  try {
    return new Lexer(asShellReads(text)).segments();
  } catch (e) {
    // nesting deeper than the stack: no unit can be trusted
    if (!(e instanceof RangeError)) throw e;
    return { segments: [], complete: false };
  }
}

/** Whether the `((` at `open` (after any `$`) closes as arithmetic, as the shells decide. */
export function isArithmetic(text: string, open: number): boolean {
  let depth = 0;
  for (let j = open; j < text.length; j++) {
    if (text[j] === '(') depth++;
    else if (text[j] === ')') {
      depth--;
      if (depth === 1 && text[j + 1] !== ')') return false;
      if (depth === 0) return true;
    }
  }
  return false;
}

/**
 * The text with the workarounds of rules/workarounds.ts applied: regions
 * tree-sitter-bash misparses, replaced by text of the same length that it
 * reads as the shell does. `resumes` lists where an and-or list goes on after
 * a here-document whose operator was dropped; `applied` names each
 * workaround used. Offsets stay exact.
 */
export function masked(text: string): { text: string; resumes: number[]; applied: WorkaroundId[] } {
  const lexer = new Lexer(asShellReads(text));
  try {
    lexer.segments();
  } catch (e) {
    if (e instanceof RangeError) return { text, resumes: [], applied: [] };
    throw e;
  }
  if (lexer.masks.length === 0) return { text, resumes: [], applied: [] };
  const chars = text.split('');
  for (const m of lexer.masks) {
    for (let i = m.start; i < m.end; i++) if (chars[i] !== '\n') chars[i] = m.fill;
    if (m.lead) for (let k = 0; k < m.lead.length && m.start + k < m.end; k++) chars[m.start + k] = m.lead[k];
  }
  return { text: chars.join(''), resumes: lexer.resumes, applied: [...new Set(lexer.masks.map((m) => m.kind))] };
}

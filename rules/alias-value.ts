// An alias value read as shell code: what its own command would expand and
// run once it is pasted in place of the alias word.
import { parse, SyntaxNode } from './parse';
import { segments } from './segments';
import { literal } from './words';

/**
 * Values longer than this are not read as code: no real alias comes near it,
 * and a fuzzer's megabyte value would cost seconds per reading. Such a value
 * has no positional parameters found, is never simple, and is scope-sensitive.
 */
const MAX_READ_VALUE = 16 * 1024;

/** Whether the functions below read the value as code, rather than answer for any value. */
export const readable = (value: string): boolean => value.length <= MAX_READ_VALUE;

/** The last value read, reused: a definition's value is asked about several times in a row. */
let lastRead: { value: string; root: SyntaxNode } | undefined;

function read(value: string): SyntaxNode {
  if (lastRead?.value !== value) lastRead = { value, root: parse(value).rootNode };
  return lastRead.root;
}

/** How a value reads into the text around its use (see readsAroundUse). */
interface Shape {
  /** Not whole commands even with a word after it on the line: it opens a here-document, a compound command, a quote. */
  opens: boolean;
  /** Not whole commands alone: it also ends in an operator or a backslash, which takes the next line where the use ends its line. */
  opensAtLineEnd: boolean;
  /** It holds a comment, which takes the rest of its use's line. */
  comment: boolean;
  /** What it opens is here-documents alone: the lines after its use, up to their delimiters, are bodies no shell runs. */
  onlyHeredocs: boolean;
}

/** A here-document operator and its delimiter word (`<<E`, `<<-'EOF'`, `<<\E`). */
const HEREDOC_OPERATOR = /<<-?[ \t]*(?:'(\w+)'|"(\w+)"|\\?(\w+))/g;

/** Values already asked about: an analysis asks for each use it reads, and alternates between aliases. */
const shapes = new Map<string, Shape>();
/** Entries kept at most: a fuzzer's thousands of distinct values must not grow the map without end. */
const MAX_SHAPES = 4096;

/** An unescaped backslash at the end of a value: at the end of its line, the use joins the next line. */
const TRAILING_BACKSLASH = /(^|[^\\])(\\\\)*\\$/;

function shapeOf(value: string): Shape {
  let shape = shapes.get(value);
  if (!shape) {
    const whole = (text: string) => readable(text) && segments(text).complete;
    const opens = !whole(`${value} :`);
    const comment = readable(value) && read(value).descendantsOfType('comment').length > 0;
    const delimiters = opens && !comment ? [...value.matchAll(HEREDOC_OPERATOR)].map((m) => m[1] ?? m[2] ?? m[3]) : [];
    shape = {
      opens,
      opensAtLineEnd: opens || !whole(value) || TRAILING_BACKSLASH.test(value),
      comment,
      // closed by its delimiters alone, it opened nothing else
      onlyHeredocs: delimiters.length > 0 && whole(`${value} :\n${delimiters.join('\n')}\n`),
    };
    if (shapes.size >= MAX_SHAPES) shapes.clear();
    shapes.set(value, shape);
  }
  return shape;
}

/**
 * Whether the shell reads the text around a use of this value otherwise than it
 * is written: the value opens a here-document, a compound command, a quote or a
 * substitution, or closes what it did not open (`cat <<E`, `{`, `case x in `,
 * `}`), so what follows the use, or what came before it, becomes part of what
 * the value starts; or it holds a comment, which takes the rest of the line. A
 * value that only ends in an operator or a backslash (`ls |`, `true &&`) takes
 * the rest of its line, as the model reads it, unless the use ends the line
 * (`endsLine`): then it takes the next line too.
 */
export function readsAroundUse(value: string, endsLine: boolean): boolean {
  const shape = shapeOf(value);
  return shape.comment || (endsLine ? shape.opensAtLineEnd : shape.opens);
}

/** Whether all a value opens is here-documents: the text after its use, up to where they close, is their bodies. */
export function opensOnlyHeredocs(value: string): boolean {
  return shapeOf(value).onlyHeredocs;
}

/** The first window past a use in which the end of what its value opened is looked for; it doubles until that end is in it. */
const FIRST_WINDOW = 1024;
/** Past this, the end is not looked for: the rest of the text is taken, so a value that never closes costs no more per use. */
const LAST_WINDOW = 64 * 1024;

/**
 * Where the shell stops reading into what a value opened at a use that ends at
 * `useEnd` of `text`: the end of the line for a comment; else the end of the
 * first unit of the value followed by the rest of the text, as the segment
 * lexer finds it, or the end of the text when that unit never ends (the lexer
 * knows no alias, so `}` from an alias never closes a `{`).
 */
export function readAroundEnd(value: string, text: string, useEnd: number): number {
  if (shapeOf(value).comment) {
    const eol = text.indexOf('\n', useEnd);
    return eol < 0 ? text.length : eol;
  }
  for (let window = FIRST_WINDOW; ; window *= 2) {
    const rest = text.slice(useEnd, useEnd + window);
    const lexed = segments(value + rest);
    const first = lexed.segments[0];
    const cut = useEnd + rest.length < text.length;
    // one unit that reaches the window's end may go on past it: look further
    if (first !== undefined && (lexed.segments.length > 1 || (lexed.complete && !cut))) return Math.max(useEnd, useEnd + first.end - value.length);
    if (!cut || window >= LAST_WINDOW) return text.length;
  }
}

/** Parameters that an alias's command would take from the script or function it is pasted into. */
const POSITIONAL = /^([1-9]\d*|[@*#])$/;

/** Node types whose text the alias's own command never expands: function bodies it defines, single quotes. */
const NOT_EXPANDED = new Set(['function_definition', 'raw_string']);

/** zsh's anonymous function `() { … }`, which tree-sitter-bash does not read: named, its parameters are its own. */
const ANONYMOUS_FUNCTION = /(^|[\s;&|({])\(\)(?=\s*\{)/g;

/**
 * The positional parameters the alias's own command expands, as written
 * (`$1`, `"$@"`, `${#}`); with `anonymousFunctions` (Dialect.anonymousFunctions),
 * those of a `() { … }` in the value are its own.
 */
export function positionalExpansions(value: string, anonymousFunctions = false): string[] {
  const out: string[] = [];
  if (!readable(value)) return out;
  const walk = (n: SyntaxNode): void => {
    if (NOT_EXPANDED.has(n.type)) return;
    if (n.type === 'simple_expansion' || n.type === 'expansion') {
      // `${#x}` is a length and `${x[1]}` an element: only the parameter's own name counts
      const name = n.namedChildren.find((c) => c.type === 'special_variable_name' || c.type === 'variable_name' || c.type === 'number');
      // tree-sitter-bash reads `${#}` as an expansion with no name
      const count = n.text === '${#}';
      if (count || (name && POSITIONAL.test(name.text) && !/^\$\{#[A-Za-z_]/.test(n.text))) out.push(n.text);
    }
    for (const c of n.namedChildren) walk(c);
  };
  if (!anonymousFunctions) {
    walk(read(value));
    return out;
  }
  // zsh reads a body whose `{` touches its first word, or whose `}` follows a word with no `;`
  // (`(){echo $1}`, `f(){ echo $1 }; f`), which tree-sitter-bash does not: the parameters past
  // such a function's opening are its own
  const opening = ZSH_FUNCTION_OPENING.exec(value);
  walk(read((opening ? value.slice(0, opening.index) : value).replace(ANONYMOUS_FUNCTION, '$1_()')));
  return out;
}

/** Where a zsh function definition's body opens: `() {`, `name() {`, `function name {`, with or without a blank before the word. */
const ZSH_FUNCTION_OPENING = /(?:^|[\s;&|({])(?:function\s+[^\s;&|(){}]+(?:\s*\(\))?|[^\s;&|(){}]*\(\))\s*\{/;

/**
 * Commands that act on the function or loop they run in: pasted in by an
 * alias they act on the caller, inside a wrapper function on the wrapper.
 */
const SCOPED_COMMANDS = new Set(['local', 'declare', 'typeset', 'return', 'break', 'continue', 'shift', 'getopts', 'source', '.', 'eval']);

/** `set` with operands replaces the positional parameters. */
function setsParameters(cmd: SyntaxNode): boolean {
  return cmd.childrenForFieldName('argument').some((a) => a.text === '--' || !/^[-+]/.test(a.text));
}

/**
 * The first thing in the value that behaves differently inside a function
 * than pasted where the alias is used, as written; null when there is none.
 * `localDeclarations` are the dialect's other builtins that declare a
 * function's own variables (Dialect.localDeclarations).
 */
export function scopeSensitive(value: string, localDeclarations: readonly string[] = []): string | null {
  if (!readable(value)) return 'the value';
  const root = read(value);
  const params = positionalExpansions(value);
  if (params.length) return params[0];
  if (/\$(0\b|\{0\})/.test(value)) return '$0';
  let found: string | null = null;
  const walk = (n: SyntaxNode): void => {
    if (found || n.type === 'function_definition') return;
    const name = n.type === 'command' ? n.childForFieldName('name') : null;
    const word = name ? literal(name) : n.type === 'declaration_command' ? n.firstChild?.text ?? null : null;
    if (word && (SCOPED_COMMANDS.has(word) || localDeclarations.includes(word) || (word === 'set' && setsParameters(n)))) found = word;
    for (const c of n.namedChildren) walk(c);
  };
  walk(root);
  return found;
}

/** Whether the value's command has a redirection of its own (`echo x >&2`). */
export function hasRedirection(value: string): boolean {
  return readable(value) && read(value).namedChildren.some((c) => c.type === 'redirected_statement');
}

/**
 * The value is one simple command (with its own redirections): a function
 * running it takes the words, pipes and `&` written around a use as the
 * pasted text does (redirections at a use apply before its own: hasRedirection).
 */
export function isSimpleCommand(value: string): boolean {
  if (!readable(value)) return false;
  const statements = read(value).namedChildren.filter((c) => c.type !== 'comment');
  if (statements.length !== 1) return false;
  const s = statements[0];
  const body = s.type === 'redirected_statement' ? s.childForFieldName('body') : s;
  return !!body && (body.type === 'command' || body.type === 'declaration_command' || body.type === 'variable_assignment'
    || body.type === 'unset_command' || body.type === 'test_command');
}

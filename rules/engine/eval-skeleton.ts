// `eval` of a string that holds expansions: what the shell will parse is
// known except for the expanded values. When the literal parts put every
// expansion in argument or assignment position (`eval set -- "$opts"`,
// `eval "$name=\$value"`), and name no builtin that changes aliases or
// options, the values are data: the eval defines no alias and changes no
// option. Its literal commands (a call of a script function, say) still run.
// The output of a program that prints only assignments (engine/emitters.ts)
// is code of a known shape, read in its place.
import { parse, SyntaxNode } from '../parse';
import { literal } from '../words';
import { ALIAS_ARRAY_WRITE, CommandPrefixes, pastPrefixes, PREFIX_WORDS } from './builtins';
import { Assigned, printedCode } from './emitters';

/** Stands for one expansion: underscores, an identifier, so an assignment's name parses as one. */
const FILL = '_';

/** An eval string's text is taken in no dialect: only `command` and `builtin` prefix a command everywhere. */
const NO_KEYWORDS: CommandPrefixes = { time: 'program', precommandModifiers: {} };

/** Words that make an eval string unknown when its literal text names them. */
const EFFECT_NAMES = new Set(['alias', 'unalias', 'shopt', 'emulate', 'source', '.', 'eval', 'setopt', 'unsetopt', 'trap']);

const EXPANSIONS = new Set(['simple_expansion', 'expansion', 'command_substitution', 'process_substitution', 'arithmetic_expansion']);

/** What the shell parses, with where each expansion's placeholder lies. */
export interface Skeleton {
  text: string;
  holes: { start: number; end: number }[];
  /** Offset of the text in the eval's own text when it is the argument's text between quotes, same length; else null. */
  offset: number | null;
  /** Programs whose output stands in the text as code of its shape (which moves what follows): each must run as itself. */
  programs: string[];
}

/** The variable of this name when it holds a program's output of a known shape, else null. */
type KnownVariable = (name: string) => Assigned | null;

/** `$NAME` or `${NAME}`: the name. */
const PLAIN_VARIABLE = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/;

/** Appends the string `eval` receives from one argument word, each expansion as a placeholder of its own length; false when not modelled. */
function append(node: SyntaxNode, sk: Skeleton, knownVariable: KnownVariable): boolean {
  const type = node.type;
  const hole = (n: SyntaxNode): void => {
    const length = n.endIndex - n.startIndex;
    sk.holes.push({ start: sk.text.length, end: sk.text.length + length });
    sk.text += FILL.repeat(length);
  };
  // a program's output of a known shape is read as that code, directly or
  // through the variable just assigned it; other expansions are values
  const expansion = (n: SyntaxNode): void => {
    const variable = n.type === 'command_substitution' || n.type === 'arithmetic_expansion' ? undefined : PLAIN_VARIABLE.exec(n.text)?.[1];
    const printed = n.type === 'command_substitution' ? printedCode(n) : variable ? knownVariable(variable) : null;
    if (printed === null) hole(n);
    else {
      sk.text += printed.code;
      sk.programs.push(printed.program);
    }
  };
  if (EXPANSIONS.has(type)) {
    expansion(node);
    return true;
  }
  switch (type) {
    case 'word':
    case 'number':
      sk.text += node.text.replace(/\\\n/g, '').replace(/\\(.)/gs, '$1');
      return true;
    case 'raw_string':
      sk.text += node.text.slice(1, -1);
      return true;
    case 'string': {
      // the text between the quotes, escapes removed and expansions replaced
      const text = node.text;
      const base = node.startIndex;
      let cursor = base + 1;
      for (const c of node.namedChildren) {
        sk.text += unescapeDouble(text.slice(cursor - base, c.startIndex - base));
        if (c.type === 'string_content') sk.text += unescapeDouble(c.text);
        else if (EXPANSIONS.has(c.type)) expansion(c);
        else return false;
        cursor = c.endIndex;
      }
      sk.text += unescapeDouble(text.slice(cursor - base, text.length - 1));
      return true;
    }
    case 'concatenation':
      return node.children.every((c) => append(c, sk, knownVariable));
    default:
      return false;
  }
}

function unescapeDouble(s: string): string {
  return s.replace(/\\\n/g, '').replace(/\\([$`"\\])/g, '$1');
}

/**
 * The text an eval with these arguments parses, expansions as placeholders;
 * null when not modelled. `assigned`: the variable that may hold a program's
 * output (engine/emitters.ts assignedBefore), asked only for an eval of a variable.
 */
export function evalSkeleton(args: SyntaxNode[], assigned: () => Assigned | null = () => null): Skeleton | null {
  const sk: Skeleton = { text: '', holes: [], offset: null, programs: [] };
  let known: Assigned | null | undefined;
  const knownVariable = (name: string): Assigned | null => {
    if (known === undefined) known = assigned();
    return known?.name === name ? known : null;
  };
  for (const a of args) {
    if (sk.text) sk.text += ' ';
    if (!append(a, sk, knownVariable)) return null;
  }
  // one double-quoted argument without escapes reads at the same offsets as its text
  if (args.length === 1 && args[0].type === 'string' && !args[0].text.includes('\\') && sk.programs.length === 0) sk.offset = args[0].startIndex + 1;
  return sk;
}

/** True if the node lies where a word can become a command: a command's name, or what `command`/`builtin` runs. */
function inCommandPosition(node: SyntaxNode): boolean {
  for (let p: SyntaxNode | null = node; p; p = p.parent) {
    const t = p.type;
    if (t === 'command_name' || t === 'function_definition') return true;
    if (t === 'command') {
      const name = p.childForFieldName('name');
      const first = p.childrenForFieldName('argument')[0];
      return !!name && PREFIX_WORDS.has(literal(name) ?? '') && !!first && first.startIndex <= node.startIndex && node.endIndex <= first.endIndex;
    }
    // a substitution's body is code of its own: the placeholder is a word in it
    if (t === 'command_substitution' || t === 'process_substitution') return true;
  }
  return false;
}

/**
 * True if running an eval of this skeleton cannot define an alias or change
 * an option: it parses cleanly, no placeholder can become a command word, and
 * its literal words name no builtin that changes aliases or options (`set`
 * with an option word, or with a placeholder before any `--`, counts) and
 * write no alias array (`BASH_ALIASES[$k]=$v`).
 */
export function isInertSkeleton({ text, holes }: Skeleton): boolean {
  if (ALIAS_ARRAY_WRITE.test(text)) return false;
  const tree = parse(text);
  if (tree.rootNode.hasError) return false;
  for (const h of holes) {
    if (inCommandPosition(tree.rootNode.descendantForIndex(h.start, h.end))) return false;
  }
  for (const cmd of tree.rootNode.descendantsOfType('command')) {
    const name = cmd.childForFieldName('name');
    // past `command`/`builtin`, which run the builtin after them all the same
    const args = cmd.childrenForFieldName('argument');
    const { name: word, rest } = pastPrefixes(name ? literal(name) : null, () => args, NO_KEYWORDS);
    if (word === null || EFFECT_NAMES.has(word)) return false;
    if (word === 'set') {
      for (const a of rest ?? args) {
        const v = a.text;
        if (v === '--') break;
        if (/^[-+]o$/.test(v) || holes.some((h) => h.start < a.endIndex && a.startIndex < h.end)) return false;
      }
    }
  }
  return true;
}

/** Besides those, builtins whose run at a use decides whether the code after it runs. */
const CONTROL_NAMES = new Set(['return', 'exit', 'break', 'continue', 'exec']);

/** Text that may name one of them, or `set`, as a command: the cheap look before a parse. */
const MAY_NAME_EFFECT = new RegExp(String.raw`(?:^|[\s;&|(\x60])(?:${[...EFFECT_NAMES, ...CONTROL_NAMES, 'set'].map((w) => w.replace('.', '\\.')).join('|')})(?=$|[\s;&|()\x60])`);

/**
 * Whether an alias value, run in place of its use, may change aliases or
 * options or end the code it runs in (`alias load=.`, `alias ret=return`):
 * only its command words count, so `alias say='echo alias'` does not; a
 * value that does not parse on its own may.
 */
export function valueMayChangeShell(value: string): boolean {
  if (ALIAS_ARRAY_WRITE.test(value)) return true;
  if (!MAY_NAME_EFFECT.test(value)) return false;
  const tree = parse(value);
  if (tree.rootNode.hasError) return true;
  for (const cmd of tree.rootNode.descendantsOfType('command')) {
    const name = cmd.childForFieldName('name');
    const args = cmd.childrenForFieldName('argument');
    const { name: word, rest } = pastPrefixes(name ? literal(name) : null, () => args, NO_KEYWORDS);
    if (word !== null && (EFFECT_NAMES.has(word) || CONTROL_NAMES.has(word))) return true;
    // `set -e` or `set -o vi` leave aliases alone
    if (word === 'set' && (rest ?? args).some((a, i, all) => /^[-+][a-zA-Z]*o$/.test(a.text) && /^(posix|no_?aliases|aliases)$/i.test(all[i + 1]?.text ?? ''))) return true;
  }
  return false;
}

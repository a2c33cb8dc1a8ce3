// The builtins the model runs, one entry each with its effect. The gates'
// word lists (what makes a statement worth running, or worth a prescan, and
// which words make misparsed text unknown) are derived from this table.
import { Dialect, DIALECTS, TimeWord, timeIsProgram } from '../dialects';
import { parse, SyntaxNode } from '../parse';
import { zshOption } from '../shebang';
import { literal } from '../words';
import { Cwd, State } from './state';
import { joinTri, REMOVED, Tri } from './values';

/** What a builtin's effect may ask of the runner. */
export interface BuiltinHost {
  readonly bashOptions: boolean;
  readonly zshOptions: boolean;
  readonly namedDescriptors: boolean;
  /** Reads a trap's handler string now, with the aliases in effect, where the dialect reads it as the trap is set. */
  readHandler(handler: SyntaxNode, st: State): void;
  runAlias(call: BuiltinCall): State;
  runEval(call: BuiltinCall): State | null;
  runSource(call: BuiltinCall, builtin: '.' | 'source'): State | null;
  /** Code the engine cannot follow ran at `node`; with `names`, code that may define those aliases and change nothing else. */
  unknown(st: State, node: SyntaxNode, what: 'unalias' | 'trap', names?: string[]): void;
  /** Whether a word of the text names a function defined now whose body may change aliases or options. */
  namesChangingFunction(st: State, text: string): boolean;
  /** Removes the functions these words name (zsh's `unfunction`). */
  removeFunctions(st: State, words: (string | null)[]): void;
  /** Text read and run at a time the model does not know may use the aliases its words name. */
  usedLater(text: string): void;
  /** The statement returns from a function or a sourced file, with this state; true when the shell goes on past it instead. */
  returns(st: State): boolean;
  /** The statement breaks out of (or continues) this many loops, null for a count known only at run time; false outside a loop. */
  breaks(st: State, levels: number | null): boolean;
  /** Whether a word names the folder of the script itself (`"$(dirname "$0")"`). */
  namesScriptFolder(word: SyntaxNode): boolean;
}

export interface BuiltinCall {
  node: SyntaxNode;
  /** The words after the builtin's name (after any `command`/`builtin` prefix). */
  args: SyntaxNode[];
  st: State;
  host: BuiltinHost;
}

export interface Builtin {
  /** The state after it runs; null when control never gets past it. */
  run(call: BuiltinCall): State | null;
  /** Its arguments may name aliases to know before anything is read (a definition, an `unalias`, text read later). */
  discovers?: boolean;
  /** It may change aliases or options: text misparsed around it runs as unknown code. */
  effect?: boolean;
}

/** zsh's global (`-g`) and suffix (`-s`) aliases: their uses are not commands the model lists. */
export function isGlobalOrSuffix(d: { command: SyntaxNode | null }): boolean {
  return !!d.command && leadingOptions(d.command.childrenForFieldName('argument')).some((o) => /[gs]/.test(o.slice(1)));
}

/** The options before a command's operands: its leading words that start with `-`, up to `--`. */
export function leadingOptions(args: SyntaxNode[]): string[] {
  const out: string[] = [];
  for (const a of args) {
    const v = literal(a);
    if (v === null || v === '--' || !v.startsWith('-') || v === '-') break;
    out.push(v);
  }
  return out;
}

/**
 * A command the model does not follow may have changed the aliases its
 * operands name: every alias where they are patterns (an option with `m`) or
 * known only at run time.
 */
function mayChangeNamed({ node, args, st, host }: BuiltinCall, options: string[]): State {
  const operands = args.slice(options.length).map(literal);
  host.unknown(st, node, 'unalias', options.some((o) => o.includes('m')) || operands.some((o) => o === null) ? undefined : operands.filter((o): o is string => o !== '--'));
  return st;
}

function runUnalias(call: BuiltinCall): State {
  const { node, args, st, host } = call;
  const options = leadingOptions(args);
  // zsh's `-m` takes patterns and `-s` names suffix aliases; other shells refuse such options
  if (options.some((o) => o !== '-a')) return mayChangeNamed(call, options);
  for (const a of args) {
    const v = literal(a);
    if (v === null) host.unknown(st, node, 'unalias');
    else if (v === '-a') st.removeAll();
    else if (!v.startsWith('-')) st.setAlias(v, new Set([REMOVED]));
  }
  return st;
}

function runShopt({ args, st, host }: BuiltinCall): State {
  if (!host.bashOptions) return st;
  const vals = args.map(literal);
  if (vals.some((v) => v === null)) {
    st.expandAliases = Tri.Maybe;
    st.lastPipe = Tri.Maybe;
    // only `-o` reaches posix mode
    if (vals.some((v) => v !== null && /^-\w*o/.test(v))) st.posix = Tri.Maybe;
    return st;
  }
  // option letters may be grouped: `shopt -qs expand_aliases`
  const flags = vals.filter((v) => /^-[a-z]+$/.test(v!)).join('');
  // bash refuses `-s` and `-u` together, and changes nothing
  if (flags.includes('s') && flags.includes('u')) return st;
  const on = flags.includes('s') ? Tri.Yes : flags.includes('u') ? Tri.No : null;
  // `-o`: the options of `set -o`, of which posix mode switches expand_aliases
  if (flags.includes('o')) {
    if (on !== null && vals.includes('posix')) setPosix(st, on);
    return st;
  }
  if (on !== null && vals.includes('expand_aliases')) st.expandAliases = on;
  if (on !== null && vals.includes('lastpipe')) st.lastPipe = on;
  return st;
}

/** The `-o name` and `+o name` words of a `set` command, in order; null for a word known only at run time. */
function namedOptions(args: SyntaxNode[]): ({ on: boolean; name: string } | null)[] {
  const vals = args.map(literal);
  const out: ({ on: boolean; name: string } | null)[] = [];
  for (let i = 0; i < vals.length; i++) {
    const v = vals[i];
    // a word that may be `-o posix` (or `+o`) once expanded
    if (v === null) {
      out.push(null);
      continue;
    }
    // `--`, `-` and the first word that is not an option start the positional parameters
    if (v === '--' || v === '-' || !/^[-+]/.test(v)) break;
    if (/^[-+][a-zA-Z]*o$/.test(v) && i + 1 < vals.length) {
      const name = vals[++i];
      out.push(name === null ? null : { on: v.startsWith('-'), name });
    }
  }
  return out;
}

/**
 * `set -o posix` or `set +o posix` (also through `shopt -o`, or `local -` as
 * a function returns): bash switches expand_aliases on when posix mode starts
 * and off when it ends, and leaves it alone when the mode was already so.
 */
export function setPosix(st: State, to: Tri): void {
  const was = st.posix;
  if (was !== to) st.expandAliases = to === Tri.Maybe ? Tri.Maybe : was === Tri.Maybe ? joinTri(st.expandAliases, to) : to;
  st.posix = to;
}

/**
 * bash's posix mode switches expand_aliases on when it starts and off when it
 * ends; zsh's `set -o aliases` and `set +o aliases` (or `noaliases`) act as
 * `setopt` spells them.
 */
function runSet({ args, st, host }: BuiltinCall): State {
  if (!host.bashOptions && !host.zshOptions) return st;
  for (const o of namedOptions(args)) {
    if (host.zshOptions) {
      const name = o && zshOption(o.name);
      if (!o) st.zshAliases = Tri.Maybe;
      else if (name === 'aliases' || name === 'noaliases') st.zshAliases = o.on === (name === 'aliases') ? Tri.Yes : Tri.No;
    } else if (!o) st.expandAliases = st.posix = Tri.Maybe;
    else if (o.name === 'posix') setPosix(st, o.on ? Tri.Yes : Tri.No);
  }
  return st;
}

function setopt(on: boolean) {
  return ({ args, st, host }: BuiltinCall): State => {
    if (!host.zshOptions) return st;
    // `+o`/`-o` before a name invert or keep it, and `-m` takes patterns: not followed
    if (args.some((a) => /^[-+]/.test(a.text))) {
      if (args.some((a) => /alias|^-\w*m/i.test(a.text) || literal(a) === null)) st.zshAliases = Tri.Maybe;
      return st;
    }
    for (const a of args) {
      const v = literal(a);
      if (v === null) st.zshAliases = Tri.Maybe;
      else if (zshOption(v) === 'aliases') st.zshAliases = on ? Tri.Yes : Tri.No;
      else if (zshOption(v) === 'noaliases') st.zshAliases = on ? Tri.No : Tri.Yes;
    }
    return st;
  };
}

/** zsh's emulations, each of which sets the `aliases` option. */
const EMULATIONS = new Set(['zsh', 'sh', 'ksh', 'csh']);

/**
 * zsh's `emulate MODE` (also with `-L` or `-R`) resets the options, `aliases`
 * on; bare `emulate` only prints the mode, and other forms (`-c`, options
 * after the mode) are not followed.
 */
function runEmulate({ args, st, host }: BuiltinCall): State {
  if (!host.zshOptions || args.length === 0) return st;
  const words = args.map(literal);
  const options = leadingOptions(args);
  const rest = words.slice(options.length);
  const plain = options.every((o) => /^-[LR]+$/.test(o)) && rest.length === 1 && EMULATIONS.has(rest[0] ?? '');
  st.zshAliases = plain ? Tri.Yes : Tri.Maybe;
  return st;
}

/**
 * zsh's `disable -a`, `enable -a` and `unhash -a` switch aliases off, on
 * again, or remove them: the names given may now expand or not (every name,
 * with `-m` patterns). Other options act on other kinds of names.
 */
function runAliasSwitch(call: BuiltinCall): State {
  if (!call.host.zshOptions) return call.st;
  const options = leadingOptions(call.args);
  return options.some((o) => o.includes('a')) ? mayChangeNamed(call, options) : call.st;
}

function runTrap({ node, args, st, host }: BuiltinCall): State {
  // the handler is the first word, unless it resets the trap; zsh reads it now
  if (args.length > 1 && literal(args[0]) !== '-') host.readHandler(args[0], st);
  // the handler runs at a time the model does not know
  if (args.some((a) => host.namesChangingFunction(st, a.text))) host.unknown(st, node, 'trap');
  else if (args.some((a) => HANDLER_EFFECT_WORDS.test(handlerText(a)))) {
    // a body runs its traps at every call: parse the handlers once
    if (!handlerNames.has(node)) handlerNames.set(node, handlerAliasNames(args));
    host.unknown(st, node, 'trap', handlerNames.get(node) ?? undefined);
  }
  for (const a of args) host.usedLater(a.text);
  return st;
}

/** A handler's text as the shell will read it: quotes removed where the word is literal (`'. ./lib.sh'`). */
const handlerText = (a: SyntaxNode): string => literal(a) ?? a.text;

/** Per `trap` command, what handlerAliasNames found. */
const handlerNames = new WeakMap<SyntaxNode, string[] | null>();

/**
 * The aliases a trap's handlers define, when that is all they may change:
 * each handler that may change anything is literal text that parses, whose
 * commands are `alias name=value` with literal words, or commands that change
 * no alias or option. Null when a handler may do more.
 */
function handlerAliasNames(args: SyntaxNode[]): string[] | null {
  const names: string[] = [];
  for (const a of args) {
    if (!HANDLER_EFFECT_WORDS.test(handlerText(a))) continue;
    const text = literal(a);
    if (text === null || ALIAS_ARRAY_WRITE.test(text)) return null;
    const root = parse(text).rootNode;
    if (root.hasError || root.descendantsOfType('function_definition').length > 0) return null;
    for (const cmd of root.descendantsOfType('command')) {
      const nameNode = cmd.childForFieldName('name');
      const name = nameNode ? literal(nameNode) : null;
      if (name === null) return null;
      if (name !== 'alias') {
        if (HANDLER_EFFECT_WORDS.test(cmd.text)) return null;
        continue;
      }
      for (const w of cmd.childrenForFieldName('argument')) {
        const value = literal(w);
        const eq = value?.indexOf('=') ?? -1;
        if (value === null || eq <= 0) return null;
        names.push(value.slice(0, eq));
      }
    }
  }
  return names;
}

/** `cd`: into the script's own folder, or anywhere else; `pushd` and `popd` go where the model does not follow. */
function runCd({ args, st, host }: BuiltinCall): State {
  const dirs = args.filter((a) => !/^-[LPe@]*$|^--$/.test(a.text));
  st.cwd = dirs.length === 1 && host.namesScriptFolder(dirs[0]) ? Cwd.ScriptFolder : Cwd.Moved;
  return st;
}

/** How many loops `break N` or `continue N` leaves: 1 without N; null where N is known only at run time. */
function loopLevels(args: SyntaxNode[]): number | null {
  if (args.length === 0) return 1;
  const n = literal(args[0]);
  return n !== null && /^[1-9]\d*$/.test(n) ? Number(n) : null;
}

/** `exec bash "$0" "$@"`: the script runs again from the start in another shell, where what follows is read too. */
const REEXEC = /^exec\s+(?:\S*\/)?(?:ba|z|k|mk|da)?sh\s+(?:-\S+\s+)*"?\$(?:0|\{0\}|BASH_SOURCE)\b/;

/** A word that names a redirection's descriptor (`{fd}` in `exec {fd}>file`), where the dialect has them. */
const DESCRIPTOR_NAME = /^\{[A-Za-z_]\w*\}$/;

/** `exec` with a command replaces the shell; with redirections only, it goes on. */
function runExec({ node, args, st, host }: BuiltinCall): State | null {
  // the redirection right after the word: the next argument, or the statement's first redirect
  const names = (a: SyntaxNode, i: number): boolean => {
    if (!host.namedDescriptors || !DESCRIPTOR_NAME.test(a.text)) return false;
    const after = i + 1 < args.length ? args[i + 1] : node.nextSibling;
    return after !== null && after.type.endsWith('redirect') && after.startIndex === a.endIndex;
  };
  if (args.every((a, i) => a.type.endsWith('redirect') || names(a, i))) return st;
  return REEXEC.test(node.text) ? st : null;
}

export const BUILTINS: Readonly<Record<string, Builtin>> = {
  alias: { run: (c) => c.host.runAlias(c), discovers: true, effect: true },
  unalias: { run: runUnalias, discovers: true, effect: true },
  shopt: { run: runShopt, effect: true },
  set: { run: runSet, effect: true },
  setopt: { run: setopt(true), effect: true },
  unsetopt: { run: setopt(false), effect: true },
  // zsh only, and common words elsewhere (`systemctl enable`): misparsed text holding them is not made unknown
  disable: { run: runAliasSwitch },
  enable: { run: runAliasSwitch },
  unhash: { run: runAliasSwitch },
  emulate: { run: runEmulate, effect: true },
  eval: { run: (c) => c.host.runEval(c), discovers: true, effect: true },
  source: { run: (c) => c.host.runSource(c, 'source'), discovers: true, effect: true },
  '.': { run: (c) => c.host.runSource(c, '.'), discovers: true, effect: true },
  trap: { run: runTrap },
  // zsh's `unset -f`; a command other shells do not find
  unfunction: { run: ({ args, st, host }) => (host.zshOptions && host.removeFunctions(st, args.map(literal)), st) },
  exit: { run: () => null },
  return: { run: ({ st, host }) => (host.returns(st) ? st : null) },
  break: { run: ({ args, st, host }) => (host.breaks(st, loopLevels(args)) ? null : st) },
  continue: { run: ({ args, st, host }) => (host.breaks(st, loopLevels(args)) ? null : st) },
  exec: { run: runExec },
  cd: { run: runCd },
  pushd: { run: ({ st }) => ((st.cwd = Cwd.Moved), st) },
  popd: { run: ({ st }) => ((st.cwd = Cwd.Moved), st) },
};

/** Commands whose status is known without running anything. */
export const CONSTANT_STATUS: ReadonlyMap<string, Tri> = new Map([['true', Tri.Yes], [':', Tri.Yes], ['false', Tri.No]]);

/** Words that run the next word as a command without alias or function lookup. */
export const PREFIX_WORDS: ReadonlySet<string> = new Set(['command', 'builtin']);

/** What a dialect's words before a command are: the `time` keyword, zsh's precommand modifiers. */
export type CommandPrefixes = Pick<Dialect, 'time' | 'precommandModifiers'>;

/**
 * The command a simple command runs past `command`/`builtin` (`builtin source
 * ./lib.sh` runs `source`), past the `time` keyword where the dialect has one
 * (Dialect.time) and past zsh's precommand modifiers; the words after it when
 * a prefix was passed (the arguments are asked for only then), whether it
 * may be a function (not past `command` or `builtin`), and those two it was
 * reached through, in order.
 */
export function pastPrefixes(name: string | null, args: () => SyntaxNode[], dialect: CommandPrefixes): { name: string | null; rest?: SyntaxNode[]; functions: boolean; via: string[] } {
  let rest: SyntaxNode[] | undefined;
  let functions = true;
  const via: string[] = [];
  const { time, precommandModifiers } = dialect;
  while (name !== null && (PREFIX_WORDS.has(name) || (time !== 'program' && name === 'time') || Object.hasOwn(precommandModifiers, name))) {
    let after = rest ?? args();
    if (name === 'time') {
      after = afterTime(after, time);
      // the program `time` (bash --posix, ksh93 before an option): a command like any other
      if (timeIsProgram(time, after[0]?.text)) return { name, rest: after, functions, via };
      const next = after[0] ? literal(after[0]) : undefined;
      // elsewhere a word that starts with `-` is run as the command, or taken for an option: the command is not known
      if (next !== undefined && next?.startsWith('-') !== false) return { name: null, rest: after, functions, via };
    }
    if (PREFIX_WORDS.has(name)) {
      functions = false;
      via.push(name);
      // `command -p alias …` and `builtin -- alias …` still run it
      while (after.length > 1 && (literal(after[0]) === '--' || (name === 'command' && literal(after[0]) === '-p'))) after = after.slice(1);
    }
    if (after.length === 0) break;
    name = literal(after[0]);
    rest = after.slice(1);
  }
  return { name, rest, functions, via };
}

/** The words after the `time` keyword and its options: bash's `-p` is one. */
export function afterTime<T extends SyntaxNode>(args: T[], time: TimeWord): T[] {
  return time === 'keyword-p' && args[0]?.text === '-p' ? args.slice(1) : args;
}

const names = (pick: (b: Builtin) => boolean | undefined): string[] => Object.keys(BUILTINS).filter((k) => pick(BUILTINS[k]));
const wordsPattern = (words: string[]): RegExp => {
  const plain = words.filter((w) => /^\w+$/.test(w));
  const dot = words.includes('.') ? '|(^|[\\s;&|(])\\.[ \\t]' : '';
  return new RegExp(`\\b(${plain.join('|')})\\b${dot}`);
};

/** bash's variable that switches posix mode, and with it alias expansion, on when it is set. */
export const POSIXLY_CORRECT = /\bPOSIXLY_CORRECT\b/;
/** The variable written, not read: named other than after `$`, or assigned in `${POSIXLY_CORRECT:=…}`. */
export const POSIXLY_CORRECT_WRITE = /(^|[^$\w{])POSIXLY_CORRECT\b|\$\{POSIXLY_CORRECT:?=/;
/** Variables whose writes switch alias expansion: bash's POSIXLY_CORRECT, zsh's `options` array. */
export const OPTION_VARIABLES = /\bPOSIXLY_CORRECT\b|\boptions\[/;

/**
 * Text that may write one of these alias arrays: the name not read through
 * `$`, `${`, `${!`, `${#` or zsh's `${+`, and followed by a subscript or an
 * assignment (`BASH_ALIASES[k]=v`, `BASH_ALIASES+=(…)`, `read 'BASH_ALIASES[k]'`,
 * `printf -v 'aliases[k]'`). Null for none.
 */
export function aliasArrayWrite(names: readonly string[]): RegExp | null {
  return names.length ? new RegExp(`(?:^|[^\\w\${!#+])(?:${names.join('|')})(?:\\[|\\+?=)`) : null;
}

/** The same for the arrays of every dialect: what the gates and eval strings look for. */
export const ALIAS_ARRAY_WRITE = aliasArrayWrite([...new Set(Object.values(DIALECTS).flatMap((d) => d.aliasArrays))])!;

/** Every word the runner acts on by name. */
export const RUN_WORDS: ReadonlySet<string> = new Set(Object.keys(BUILTINS));
/** Statements that may name aliases before anything runs (definitions, `unalias`, text read later). */
export const DISCOVERY_WORDS = wordsPattern(names((b) => b.discovers));
/** Text that may change aliases or options when we cannot model it exactly. */
export const EFFECT_WORDS = wordsPattern(names((b) => b.effect));
/**
 * The same for code that runs at a time the model does not know (a trap's
 * handler): its `set` counts only where it names an option that switches
 * aliases (`set -o posix`, zsh's `set +o aliases`), not `set -e` or `set +e`,
 * which a cleanup handler often holds; a write to any shell's alias array counts.
 */
export const HANDLER_EFFECT_WORDS = new RegExp(`${wordsPattern(names((b) => b.effect).filter((w) => w !== 'set')).source}|${ALIAS_ARRAY_WRITE.source}|\\bset[ \\t]+[-+][a-zA-Z]*o[ \\t]+(posix|no_?aliases|aliases)\\b`, 'i');

// Read time: resolves every word in command position that names a known
// alias, against the state the shell has when it reads the text. Text read
// later (deferred `$( )` and backticks) is left to the runner.
import { opensOnlyHeredocs, readAroundEnd, readsAroundUse } from '../alias-value';
import { chainsNextWord, definesFunction, type Dialect, type ReadTime } from '../dialects';
import type { SyntaxNode } from '../parse';
import { firstAtLeast } from '../sorted';
import type { Unit } from '../units';
import { isAliasName, literal } from '../words';
import type { Budget } from './budget';
import { afterTime, PREFIX_WORDS } from './builtins';
import type { Catalogue } from './catalogue';
import { Gates, knownNameOffsets } from './gates';
import { forAnotherShell } from './shell-guards';
import type { FunctionDef, Source, State } from './state';
import type { Resolution } from './types';
import { isAbsent, isDefinition, Tri } from './values';

/** Whether only blanks, or a comment, follow `at` on its line. */
function endsLine(text: string, at: number): boolean {
  return /^[ \t]*(?:#.*)?(?:\n|$)/.test(text.slice(at, at + 256));
}

export interface ReadCtx {
  src: Source;
  /** Where `src.text` starts in the text the runner's units index: a unit parsed again on its own has its own text. */
  partBase: number;
  unit: Unit;
  /** Where the unit's own offsets land in the document. */
  unitBase: number;
  /** The innermost function whose body holds what is read. */
  fn: FunctionDef | null;
  uncertain: boolean;
  heredoc: boolean;
  /** A dialect quirk: nothing read here expands. */
  forceNo: boolean;
  /** Inside a substitution read with its enclosing command. */
  eager: boolean;
  /** Read from the shell's printed form of a `$( )` body (Dialect.comsubPrinted). */
  printed: boolean;
}

/**
 * Node types that never hold a command: tokens, named or not. Walks stop at
 * them without asking the binding for their (empty) children.
 */
const LEAF_TYPES = new Set([
  'word', 'number', 'variable_name', 'special_variable_name', 'string_content', 'raw_string', 'ansi_c_string',
  'comment', 'file_descriptor', 'heredoc_start', 'heredoc_end', 'test_operator', 'regex', 'extglob_pattern',
  '{', '}', '(', ')', '((', '))', '[', ']', '[[', ']]', ';', ';;', ';&', ';;&', '&', '&&', '|', '|&', '||', '!', '=', '"',
  'if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'in', 'for', 'select', 'while', 'until', 'do', 'done', 'function',
]);

const STATEMENT_TYPES = new Set([
  'command', 'redirected_statement', 'list', 'pipeline', 'subshell', 'compound_statement',
  'if_statement', 'while_statement', 'for_statement', 'c_style_for_statement', 'case_statement',
  'function_definition', 'negated_command', 'test_command', 'declaration_command',
  'unset_command', 'variable_assignment', 'variable_assignments',
]);

export function isStatementType(type: string): boolean {
  return STATEMENT_TYPES.has(type);
}

/** Parts of a word: quotes and strings, as descendantForIndex finds them at its start. */
const WORD_PARTS = new Set(['word', '"', 'string', 'raw_string', 'concatenation']);

/** Statements that tree-sitter-bash starts with a keyword token (`local x=1`, `unset x`) where the shell reads a command name. */
const DECLARATION_TYPES = new Set(['declaration_command', 'unset_command']);

/** The command whose name or argument holds the token at a word's start, if any; or the declaration it starts. */
function commandOfWord(token: SyntaxNode): SyntaxNode | null {
  if (!token.isNamed && token.parent && DECLARATION_TYPES.has(token.parent.type)) return token.parent;
  let x: SyntaxNode | null = token;
  while (x && WORD_PARTS.has(x.type)) x = x.parent;
  if (x && x.type === 'command_name') x = x.parent;
  return x && x.type === 'command' ? x : null;
}

/** Text that may switch bash's posix mode. */
const POSIX_SWITCH = /\bposix\b|POSIXLY_CORRECT/;

function inFunctionBody(node: SyntaxNode): boolean {
  for (let p = node.parent; p; p = p.parent) if (p.type === 'function_definition') return true;
  return false;
}

/** Whether a substitution lies in an arithmetic expansion or an array subscript of its command. */
function inArithmetic(node: SyntaxNode): boolean {
  for (let p = node.parent; p && !isStatementType(p.type); p = p.parent) if (p.type === 'arithmetic_expansion' || p.type === 'subscript') return true;
  return false;
}

export function isSubstitution(node: SyntaxNode): boolean {
  const t = node.type;
  return t === 'command_substitution' || t === 'process_substitution';
}

export class Reader {
  /** Per text: the known names it was searched for, and where words that spell them start. */
  private readonly nameIndex = new Map<string, { names: Set<string>; at: number[] }>();
  /** Per substitution node, when its body is read. */
  private readonly readTimes = new Map<string, ReadTime | 'never'>();
  /** Per text read, whether it may switch bash's posix mode: asked once, not at every substitution. */
  private readonly posixSwitches = new Map<string, boolean>();

  constructor(
    private readonly dialect: Dialect,
    private readonly catalogue: Catalogue,
    private readonly gates: Gates,
    private readonly budget: Budget,
  ) {}

  /**
   * Where the text ends that the uses read since `startUnit` make the shell
   * read otherwise than it is written (readsAroundUse: an alias that opens a
   * here-document or a brace group), as an offset of the text the runner's
   * units index; -1 when there is none. Later uses before it, and units that
   * start before it, are read as uncertain.
   */
  private around = -1;
  /** How far the runner already takes the text as read around: no use need look for its end again. */
  private covered = -1;
  /** Every value behind `around` opens only here-documents, whose end was found: the text up to it is their bodies. */
  private bodies = true;

  get aroundUntil(): number {
    return this.around;
  }

  /** Whether the text up to `aroundUntil`, past the unit read, is here-document bodies, which no shell runs. */
  get aroundIsBodies(): boolean {
    return this.around >= 0 && this.bodies;
  }

  /** A unit is about to be read, with the text up to `covered` already read around. */
  startUnit(covered: number): void {
    this.around = -1;
    this.covered = covered;
    this.bodies = true;
  }

  /**
   * Notes a use's resolution for `aroundUntil`: `endsLine` says whether the use
   * is the last word of its line. Values known only at run time, or from
   * unknown code, are not looked at. In a unit the parser got wrong, parsed
   * again on its own, the end is looked for in that unit's text; where it is
   * not found, the rest of the text is taken (Infinity).
   */
  private noteValues(res: Resolution, word: SyntaxNode, endsLine: boolean, rc: ReadCtx): void {
    if (res.outcome === Tri.No || this.covered === Infinity) return;
    for (const v of res.values) {
      const value = isDefinition(v) ? this.catalogue.defs[v].value : null;
      if (value === null || !readsAroundUse(value, endsLine)) continue;
      const end = readAroundEnd(value, rc.src.text, word.endIndex);
      // an end not found is no end of bodies: the text after is only uncertain
      this.bodies &&= end < rc.src.text.length && opensOnlyHeredocs(value);
      this.around = Math.max(this.around, end >= rc.src.text.length ? Infinity : rc.partBase + end);
    }
  }

  /** A use before the end of what an earlier use of its unit opened is read otherwise than written. */
  private isReadAround(word: SyntaxNode, rc: ReadCtx): boolean {
    return rc.partBase + word.startIndex < this.around || this.uncertainAt(word, rc);
  }

  /** The flag that switches alias expansion on in this dialect. */
  flag(st: State): Tri {
    if (this.dialect.bashOptions) return st.expandAliases;
    if (this.dialect.zshOptions) return st.zshAliases;
    return Tri.Yes;
  }

  /**
   * bash left the posix mode it started in, or entered it (`set -o posix`,
   * POSIXLY_CORRECT): when it reads a substitution's body is then not what
   * the dialect's rows say, so nothing read there is certain.
   */
  posixMoved(st: State): boolean {
    return this.dialect.bashOptions && st.posix !== (this.dialect.startsInPosixMode ? Tri.Yes : Tri.No);
  }

  /** Nothing is claimed of a use read where its text is uncertain, or in a branch for another shell, which this one never runs. */
  private uncertainAt(word: SyntaxNode, rc: ReadCtx): boolean {
    return rc.uncertain || forAnotherShell(word, this.dialect, rc.src.text);
  }

  resolve(name: string, st: State, rc: ReadCtx): Resolution {
    const values = [...st.valuesOf(name)];
    const flag: Tri = this.flag(st);
    const timing: Tri = values.every(isDefinition) ? Tri.Yes : values.every(isAbsent) ? Tri.No : Tri.Maybe;
    const outcome: Tri = rc.forceNo || flag === Tri.No || timing === Tri.No ? Tri.No
      : flag === Tri.Yes && timing === Tri.Yes ? Tri.Yes : Tri.Maybe;
    return {
      values, flag, outcome, quirk: false, neverHere: rc.forceNo,
      readStart: rc.unit.start + rc.unitBase, readEnd: rc.unit.end + rc.unitBase,
    };
  }

  /**
   * When a substitution's body is read, by the state the shell had when it
   * read the command: decided once per node (a function body runs long after
   * it was read), and kept for the runner.
   */
  readTimeOf(node: SyntaxNode, src: Source, heredoc: boolean, eager: boolean, st: State): ReadTime | 'never' {
    const key = this.catalogue.key(src, node.startIndex);
    const before = this.readTimes.get(key);
    const now = this.decideReadTime(node, src, heredoc, eager, st);
    // read again in another state (a file sourced twice): no one answer
    const when = before === undefined || before === now ? now : 'unknown';
    this.readTimes.set(key, when);
    return when;
  }

  /** The read time the reader decided for a substitution, or undefined when it never read it. */
  decidedReadTime(node: SyntaxNode, src: Source): ReadTime | 'never' | undefined {
    return this.readTimes.get(this.catalogue.key(src, node.startIndex));
  }

  /** Whether a text may switch bash's posix mode at all: asked once per text. */
  maySwitchPosix(text: string): boolean {
    let may = this.posixSwitches.get(text);
    if (may === undefined) this.posixSwitches.set(text, (may = POSIX_SWITCH.test(text)));
    return may;
  }

  private decideReadTime(node: SyntaxNode, src: Source, heredoc: boolean, eager: boolean, st: State): ReadTime | 'never' {
    const d = this.dialect;
    if (this.posixMoved(st)) return 'unknown';
    // a function body may run in the other mode, which reads its substitutions by other rows
    if (d.bashOptions && this.maySwitchPosix(src.text) && inFunctionBody(node)) return 'unknown';
    if (node.type === 'process_substitution') return d.procsub ?? 'enclosing';
    // or a here-document's backticks, which the workaround heredoc-backtick wrote as `$(`
    const backtick = isBacktick(node, src, heredoc);
    if (backtick && eager) return d.backtickInEagerComsub;
    if (heredoc) return backtick ? d.heredocBacktick : d.heredocComsub;
    if (backtick) return d.backtick;
    if (d.comsubHeredocInCompoundFails && heredocInCompound(node)) return 'unknown';
    if (d.arithmeticComsub === 'unknown' && inArithmetic(node)) return 'unknown';
    if (d.comsubReadWithAliasesOff) {
      const flag = this.flag(st);
      if (flag === Tri.No) return d.comsubReadWithAliasesOff;
      if (flag === Tri.Maybe) return 'unknown';
    }
    return d.comsub;
  }

  /** Where the words of a text that could be known alias names start, in order. */
  nameOffsets(text: string): number[] {
    const names = this.catalogue.knownNames;
    let index = this.nameIndex.get(text);
    if (!index) {
      index = { names: new Set(names), at: knownNameOffsets(text, names) };
      this.nameIndex.set(text, index);
    } else if (index.names.size !== names.size) {
      // names are only ever added: look for the new ones alone, as a file with many aliases learns them one by one
      const fresh = new Set([...names].filter((n) => !index!.names.has(n)));
      for (const n of fresh) index.names.add(n);
      const more = knownNameOffsets(text, fresh);
      if (more.length) index.at = [...new Set([...index.at, ...more])].sort((a, b) => a - b);
    }
    return index.at;
  }

  /** True if a word starting in text[from, to) could be a known alias name (always when exhaustive). */
  mentionsKnownName(text: string, from: number, to: number): boolean {
    const at = this.nameOffsets(text);
    return this.gates.mentions(at, firstAtLeast(at, from), to);
  }

  /** The offsets of nameOffsets in [from, to). */
  nameOffsetsIn(text: string, from: number, to: number): number[] {
    const at = this.nameOffsets(text);
    const out: number[] = [];
    for (let i = firstAtLeast(at, from); i < at.length && at[i] < to; i++) out.push(at[i]);
    return out;
  }

  /** Resolves every use read now: the node minus what is read later. */
  read(node: SyntaxNode, st: State, rc: ReadCtx): void {
    this.budget.tick();
    const type = node.type;
    // comments, strings in single quotes and other tokens hold no command
    if (LEAF_TYPES.has(type)) return;
    const statement = isStatementType(type);
    // each offset is a call into the binding: ask once
    const start = statement ? node.startIndex : 0;
    const end = statement ? node.endIndex : 0;
    // every use and clash names a known alias: a statement that mentions none needs no walk
    if (statement && !this.mentionsKnownName(rc.src.text, start, end)) return;
    // (error recovery can nest statements inside a command, which the walk below does not read)
    if (statement && type !== 'command' && type !== 'function_definition' && !node.hasError
      && this.gates.readsByNames(rc.src.text.slice(start, end))) {
      this.readNamedCommands(node, start, end, st, rc);
      return;
    }
    // named children only: the anonymous ones are tokens, and the binding need not build them
    switch (type) {
      case 'command_substitution':
      case 'process_substitution': {
        const when = this.readTimeOf(node, rc.src, rc.heredoc, rc.eager, st);
        const printed = this.dialect.comsubPrinted && !isBacktick(node, rc.src, rc.heredoc);
        if (when === 'never') {
          for (const c of node.namedChildren) this.read(c, st, { ...rc, forceNo: true, heredoc: false, printed });
          return;
        }
        if (when === 'unknown') {
          for (const c of node.namedChildren) this.read(c, st, { ...rc, heredoc: false, uncertain: true, printed });
          return;
        }
        if (when !== 'enclosing') return;
        for (const c of node.namedChildren) this.read(c, st, { ...rc, heredoc: false, eager: true, printed });
        return;
      }
      case 'heredoc_body':
        for (const c of node.namedChildren) this.read(c, st, { ...rc, heredoc: true });
        return;
      case 'command':
        this.readCommand(node, st, rc);
        // its words hold more commands only inside substitutions
        if (!this.gates.maySubstitute(rc.src.text.slice(start, end))) return;
        break;
      case 'declaration_command':
      case 'unset_command':
        this.readDeclaration(node, st, rc);
        break;
      case 'function_definition': {
        this.readFunctionName(node, st, rc);
        // without the keyword, the shell runs the body's lines one by one: nothing there is certain
        const fn = definesFunction(node, this.dialect) ? { ...rc, fn: this.catalogue.functionDef(node, rc.src) } : { ...rc, uncertain: true };
        for (const c of node.namedChildren) this.read(c, st, fn);
        return;
      }
    }
    for (const c of node.namedChildren) this.read(c, st, rc);
  }

  /**
   * Reads a statement with no substitution, no function definition and no
   * error inside. readCommand records a use only through a known name in the
   * command's name or among its arguments, so the commands to read are found
   * from the name index, without walking the rest. Commands do not nest here,
   * so one command's words are consecutive in the index.
   */
  private readNamedCommands(node: SyntaxNode, from: number, to: number, st: State, rc: ReadCtx): void {
    const at = this.nameOffsets(rc.src.text);
    let last = -1;
    for (let i = firstAtLeast(at, from); i < at.length && at[i] < to; i++) {
      this.budget.tick();
      const cmd = commandOfWord(node.descendantForIndex(at[i]));
      if (!cmd) continue;
      const start = cmd.startIndex;
      if (start === last) continue;
      last = start;
      this.readCommand(cmd, st, rc);
    }
  }

  /**
   * The keyword of a declaration (`local`, `export`, `unset`…) is the word an
   * alias of that name replaces (`alias local=typeset`). No word after it is
   * read as an alias: tree-sitter-bash reads the arguments as names.
   */
  private readDeclaration(node: SyntaxNode, st: State, rc: ReadCtx): void {
    const keyword = node.firstChild;
    if (!keyword || keyword.isNamed) return;
    const name = keyword.text;
    if (!this.catalogue.knownNames.has(name)) return;
    const res = this.resolve(name, st, rc);
    this.catalogue.recordUse(keyword, name, res, rc.src, rc.fn, this.isReadAround(keyword, rc), false);
    this.noteValues(res, keyword, false, rc);
  }

  private readCommand(node: SyntaxNode, st: State, rc: ReadCtx): void {
    if (node.type !== 'command') return this.readDeclaration(node, st, rc);
    const nameNode = node.childForFieldName('name');
    if (!nameNode) return;
    if (this.readUnexpandable(node, nameNode, st, rc)) return;
    let word: SyntaxNode | null = nameNode.firstChild;
    let carry: Tri = Tri.Yes; // whether the previous alias left this word in alias position
    let chained = false;
    // the arguments are needed only after an alias whose value ends in a blank, or the `time` keyword
    let args: SyntaxNode[] | undefined;
    let next = 0;
    // the `time` keyword: the next word is in command position, past bash's `-p` (see pastPrefixes)
    // (where aliases replace reserved words, an alias named `time` is read first)
    const aliasedTime = this.dialect.keywordAliases && this.catalogue.knownNames.has('time');
    if (this.dialect.time !== 'program' && !aliasedTime && word?.type === 'word' && word.text === 'time' && nameNode.childCount === 1) {
      args = node.childrenForFieldName('argument');
      next = args.length - afterTime(args, this.dialect.time).length;
      word = args[next]?.text.startsWith('-') ? null : args[next] ?? null;
      next++;
    } else if (word?.type === 'word' && nameNode.childCount === 1 && this.readsNextWord(word.text)) {
      // so is the word after `coproc`, and after zsh's `nocorrect`
      args = node.childrenForFieldName('argument');
      word = args[0] ?? null;
      next = 1;
    }
    // the shell's own aliases whose value ends in a blank (mksh's `nohup`), which the script left alone
    while (word?.type === 'word' && this.predefinedBlank(word.text)) word = (args ??= node.childrenForFieldName('argument'))[next++] ?? null;
    while (word && word.type === 'word' && carry !== Tri.No) {
      const name = word.text;
      // `alias`/`unalias` redefined as aliases are deliberate kludges, not uses
      if (!isAliasName(name) || !this.catalogue.knownNames.has(name) || name === 'alias' || name === 'unalias') return;
      const res = this.resolve(name, st, rc);
      if (carry === Tri.Maybe) res.outcome = res.outcome === Tri.No ? Tri.No : Tri.Maybe;
      // a word chained after a value that is not whole commands is part of what it opened (`case x in `)
      this.catalogue.recordUse(word, name, res, rc.src, rc.fn, this.isReadAround(word, rc), chained);
      if (res.outcome === Tri.No) return;
      this.noteValues(res, word, word.endIndex === node.endIndex && endsLine(rc.src.text, node.endIndex), rc);
      const blanks = res.values.map((v) => {
        const value = isDefinition(v) ? this.catalogue.defs[v].value : null;
        return value !== null && chainsNextWord(value, this.dialect);
      });
      carry = blanks.every(Boolean) ? res.outcome : blanks.some(Boolean) ? Tri.Maybe : Tri.No;
      chained = true;
      word = carry === Tri.No ? null : (args ??= node.childrenForFieldName('argument'))[next++] ?? null;
    }
  }

  /** Is the word after this one read as a command, alias included: `coproc`, zsh's `nocorrect`? */
  private readsNextWord(word: string): boolean {
    return (this.dialect.coproc && word === 'coproc') || this.dialect.precommandModifiers[word] === true;
  }

  /** An alias the shell defines at start with a value that ends in a blank, not one the script defines or removes. */
  predefinedBlank(word: string): boolean {
    return this.dialect.blankAliases.includes(word) && !this.catalogue.knownNames.has(word)
      && !this.catalogue.unaliases.some((u) => u.name === word || u.name === '-a' || u.name === null);
  }

  /**
   * Words that name an alias but are never expanded: quoted or escaped names,
   * the argument of `command`/`builtin`, and names after prefixes that stop
   * expansion. Recorded as certain misses that no rule reports.
   */
  private readUnexpandable(node: SyntaxNode, nameNode: SyntaxNode, st: State, rc: ReadCtx): boolean {
    const first = nameNode.firstChild;
    const plain = first?.type === 'word' && !first.text.includes('\\');
    let target: SyntaxNode | null = null;
    if (!plain) target = nameNode;
    else if (!this.prefixAllowsAlias(node, nameNode, rc.printed)) target = nameNode;
    else if (first && PREFIX_WORDS.has(first.text)) target = node.childrenForFieldName('argument')[0] ?? null;
    if (!target) return false;
    const name = literal(target);
    if (name !== null && this.catalogue.knownNames.has(name)) {
      this.catalogue.recordUse(target, name, { ...this.resolve(name, st, rc), outcome: Tri.No, quirk: true }, rc.src, rc.fn, this.uncertainAt(target, rc), false);
    }
    return target === nameNode;
  }

  /** Assignment/redirection prefixes that stop alias expansion (see Dialect.prefixRule). */
  private prefixAllowsAlias(cmd: SyntaxNode, nameNode: SyntaxNode, printed: boolean): boolean {
    const rule = printed ? 'none' : this.dialect.prefixRule;
    // most commands start with their name: no prefix to look at
    if (rule === 'none' || nameNode.startIndex === cmd.startIndex) return true;
    let assigned = false;
    let blocked = false;
    const nameStart = nameNode.startIndex;
    for (const c of cmd.children) {
      if (c.startIndex >= nameStart) break;
      if (c.type === 'variable_assignment') {
        assigned = true;
        if (rule === 'assign-then-last-redir') blocked = false;
      } else if (c.type.endsWith('redirect') && assigned) {
        blocked = true;
      }
    }
    return !blocked;
  }

  private readFunctionName(node: SyntaxNode, st: State, rc: ReadCtx): void {
    if (node.firstChild?.type === 'function') return;
    const name = node.childForFieldName('name');
    if (!name || !this.catalogue.knownNames.has(name.text)) return;
    const [start, end] = this.catalogue.range(rc.src, name);
    this.catalogue.recordClash({
      name: name.text, file: rc.src.file, start, end,
      resolution: this.resolve(name.text, st, rc),
      uncertain: rc.uncertain || start < 0,
    });
  }
}

/** Compound commands, whose here-documents bash 5.2 may print back wrong inside `$( )`. */
const COMPOUND = new Set(['if_statement', 'while_statement', 'for_statement', 'c_style_for_statement', 'case_statement',
  'compound_statement', 'subshell', 'function_definition']);

/** Whether a here-document in this substitution lies inside a compound command of its body. */
function heredocInCompound(sub: SyntaxNode): boolean {
  if (!sub.text.includes('<<')) return false;
  const size = sub.endIndex - sub.startIndex;
  return sub.descendantsOfType('heredoc_redirect').some((h) => {
    // the nodes between the here-document and the substitution are the shorter ones
    for (let p = h.parent; p && p.endIndex - p.startIndex < size; p = p.parent) if (COMPOUND.has(p.type)) return true;
    return false;
  });
}

/** A backtick substitution, or a here-document's backticks, which the workaround heredoc-backtick wrote as `$(`. */
export function isBacktick(node: SyntaxNode, src: Source, heredoc: boolean): boolean {
  return node.firstChild?.type === '`' || (heredoc && src.original?.[node.startIndex + 1] === '`');
}

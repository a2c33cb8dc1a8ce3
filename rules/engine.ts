// The read-time model: reads each parse unit with the state the shell has at
// that moment, resolving every alias use in it, then runs the unit to update
// that state. Text read later (deferred `$( )`, eval strings, sourced files,
// function calls reaching deferred text) is read when the run reaches it.
import { Dialect, ReadTime, isInteractiveStartupFile } from './dialects';
import { kids, parse, SyntaxNode, Tree, typeOf } from './parse';
import { firstAtLeast } from './sorted';
import { FunctionDef, functionKey, join, REMOVED, Source, State, Tri, UNDEF, UNKNOWN } from './state';
import { programUnits, splitUnits, statementsOf, Statement, Unit } from './units';
import { hasExpansion, isAliasName, literal, quotedBody } from './words';

/** Reads another file for `source`; undefined when it cannot be found. */
export type SourceResolver = (path: string) => { text: string; name: string } | undefined;

export interface AnalyzeOptions {
  dialect: Dialect;
  /**
   * The file runs as a script of its own (a shebang, or a dialect the user
   * chose). Otherwise it is sourced by a shell whose options are unknown.
   */
  standalone?: boolean;
  filename?: string;
  resolveSource?: SourceResolver;
}

export interface AliasDef {
  id: number;
  name: string;
  /** The value after quote removal; null when it is only known at run time. */
  value: string | null;
  /** The `name=value` word, in document offsets (-1 when not in this document). */
  start: number;
  end: number;
  command: SyntaxNode | null;
  arg: SyntaxNode | null;
  /** Offset of the nodes' text in the document. */
  base: number;
  /** The innermost function whose body holds it. */
  inFunction: FunctionDef | null;
  /** Its value expands when the alias is defined (`alias a="$x"`). */
  definitionTimeExpansion: boolean;
  /** Runs in the current shell, and in subshells that end. */
  shellRuns: number;
  subshellRuns: number;
}

export interface Resolution {
  /** Definition ids and UNDEF/REMOVED/UNKNOWN the name could have had. */
  values: number[];
  /** Alias expansion switched on (bash: expand_aliases, which posix mode sets). */
  flag: Tri;
  /** 1 expands, 0 does not, 2 cannot tell. */
  outcome: Tri;
  /** The text read together with this use, in document offsets. */
  readStart: number;
  readEnd: number;
  /** A dialect quirk decided it (bash --posix here-document `$( )`). */
  quirk: boolean;
}

export interface Use {
  name: string;
  start: number;
  end: number;
  inFunction: FunctionDef | null;
  /** Inside text the parser may have got wrong, or text we cannot map. */
  uncertain: boolean;
  resolutions: Resolution[];
}

export interface Clash {
  name: string;
  start: number;
  end: number;
  resolution: Resolution;
  uncertain: boolean;
}

export interface Analysis {
  text: string;
  /** Offsets of `unalias` commands in this document; name '-a' removes all, null is unknown. */
  unaliases: { name: string | null; at: number }[];
  tree: Tree;
  dialect: Dialect;
  units: Unit[];
  defs: AliasDef[];
  uses: Use[];
  clashes: Clash[];
  /** The model ran out of budget: nothing it found is certain. */
  aborted: boolean;
  /** Every alias name a definition may make, and every function defined, in any text the model read. */
  names: Names;
}

export interface Names {
  aliases: ReadonlySet<string>;
  functions: ReadonlySet<string>;
}

const STEP_BUDGET = 400_000;
const TIME_BUDGET_MS = 1500;
const MAX_TOP_LEVEL_NODES = 40_000;
/** Text that may define an alias (`alias name=…`, also inside eval strings). */
const ALIAS_DEFINITION = /(^|[\s;&|({'"`])alias\s+(--\s+)?['"]?[^\s=-][^\s=]*=/m;
/** Statements that may define or pull in aliases; others need no prescan. */
const PRESCAN_WORDS = /\b(alias|unalias|eval|source)\b|(^|[\s;&|(])\.[ \t]/;
/**
 * Statements up to this long are checked by their text before they are run;
 * longer ones are walked. Checking every level of deep nesting would take time
 * quadratic in its depth.
 */
const GATED_LENGTH = 4096;
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
/** Command names runCommand acts on. */
const RUN_WORDS = new Set([
  'alias', 'unalias', 'shopt', 'set', 'setopt', 'unsetopt', 'eval', 'source', '.', 'trap',
  'exit', 'return', 'break', 'continue', 'exec',
]);
/** Text that may define a function (`f()`, `f ( )`, `function f`). */
const FUNCTION_DEFINITION = /\(\s*\)|\bfunction\b/;
/** Text that may open a command, backtick or process substitution. */
const SUBSTITUTION_START = /\$\(|`|[<>]\(/;
const MAX_CALL_DEPTH = 16;
const MAX_SOURCE_DEPTH = 8;
const LOOP_ROUNDS = 3;
/** Text that may change aliases or options when we cannot model it exactly. */
const EFFECT_WORDS = /\b(alias|unalias|shopt|set|setopt|unsetopt|source|eval|emulate)\b|(^|[\s;&|])\.\s/;

interface ReadCtx {
  src: Source;
  unit: Unit;
  /** Where the unit's own offsets land in the document. */
  unitBase: number;
  /** The innermost function whose body holds what is read. */
  fn: FunctionDef | null;
  uncertain: boolean;
  heredoc: boolean;
  forceNo: boolean;
  /** Inside a substitution read with its enclosing command. */
  eager: boolean;
}

interface RunCtx {
  src: Source;
  depth: number;
  sourceDepth: number;
  subshell: boolean;
  returns: State[] | null;
  breaks: State[] | null;
  /** Inside a substitution read with its enclosing command. */
  eager: boolean;
  /** Running text from a unit the parser may have got wrong. */
  uncertain: boolean;
  /** The function whose body is running. */
  fn: FunctionDef | null;
}

class AbortAnalysis extends Error {}

class Engine {
  readonly defs: AliasDef[] = [];
  private readonly defByKey = new Map<string, AliasDef>();
  readonly uses = new Map<string, Use>();
  readonly clashes: Clash[] = [];
  private readonly functionByNode = new Map<string, FunctionDef>();
  readonly knownNames = new Set<string>();
  /** `unalias` commands in this document; name null when not literal. */
  readonly unaliases: { name: string | null; at: number }[] = [];
  private readonly parsed = new Map<string, { tree: Tree; units: Unit[] }>();
  private readonly prescanned = new Set<string>();
  /** State key → body or file run from it → the state after (see runsFrom). */
  private readonly calls = new Map<string, Map<string, State | null>>();
  /** Per text read: where its words that could be known alias names start, for as many names as were known. */
  private readonly nameIndex = new Map<string, { names: number; at: number[] }>();
  private readonly callCounts = new Map<string, number>();
  private steps = 0;
  private readonly deadline = Date.now() + TIME_BUDGET_MS;

  constructor(private readonly opts: AnalyzeOptions) {}

  private key(src: Source, offset: number): string {
    return `${src.name}\u0000${src.base ?? 'x'}\u0000${offset}`;
  }

  private docRange(src: Source, node: SyntaxNode): [number, number] {
    if (!src.local || src.base === null) return [-1, -1];
    return [node.startIndex + src.base, node.endIndex + src.base];
  }

  private tick(): void {
    if (++this.steps > STEP_BUDGET) throw new AbortAnalysis();
    // pathological inputs can be slow per step (the native binding): bound the time too
    if ((this.steps & 1023) === 0 && Date.now() > this.deadline) throw new AbortAnalysis();
  }

  // ---- discovery: names and definitions, before anything runs ----

  prescan(root: SyntaxNode, src: Source, text: string): void {
    // a command holds other commands only inside substitutions
    const commands = typeOf(root) === 'command' && !SUBSTITUTION_START.test(text) ? [root] : root.descendantsOfType('command');
    for (const cmd of commands) {
      const name = cmd.childForFieldName('name');
      const word = name ? literal(name) : null;
      if (word === 'alias') {
        for (const arg of this.args(cmd)) this.defFor(arg, cmd, src);
      } else if (word === 'unalias' && src.local) {
        for (const arg of this.args(cmd)) this.unaliases.push({ name: literal(arg), at: cmd.startIndex + (src.base ?? 0) });
      } else if (word === 'eval') {
        for (const arg of this.args(cmd)) {
          for (const m of arg.text.matchAll(/\balias\s+(?:--\s+)?['"]?([^\s='"]+)=/g)) this.knownNames.add(m[1]);
        }
      } else if (word === 'source' || word === '.') {
        // names a sourced file defines must be known before any use is read
        const file = this.sourced(this.args(cmd)[0]);
        if (file && !this.prescanned.has(file.src.name)) {
          this.prescanned.add(file.src.name);
          this.prescanUnits(file.units, file.src);
        }
      }
    }
  }

  /** Prescans each unit in the text its nodes belong to. */
  prescanUnits(units: Unit[], src: Source): void {
    for (const u of units) {
      const usrc = unitSource(u, src);
      for (const s of u.statements) {
        const text = usrc.text.slice(s.node.startIndex, s.node.endIndex);
        if (PRESCAN_WORDS.test(text)) this.prescan(s.node, usrc, text);
      }
    }
  }

  /** A file named by a literal `source` argument, parsed once. */
  private sourced(arg: SyntaxNode | undefined): { src: Source; units: Unit[] } | undefined {
    const path = arg ? literal(arg) : null;
    const found = path ? this.opts.resolveSource?.(path) : undefined;
    if (!found) return undefined;
    const src: Source = { text: found.text, base: null, local: false, name: found.name };
    return { src, units: this.parsedText(src.name, found.text, this.opts.dialect.sourceRead === 'run-whole') };
  }

  private args(cmd: SyntaxNode): SyntaxNode[] {
    return cmd.childrenForFieldName('argument');
  }

  private enclosingFunction(node: SyntaxNode, src: Source): FunctionDef | null {
    for (let p = node.parent; p; p = p.parent) {
      if (typeOf(p) === 'function_definition') return this.functionDef(p, src);
    }
    return null;
  }

  functionNames(): Set<string> {
    return new Set([...this.functionByNode.values()].map((f) => f.name));
  }

  private functionDef(node: SyntaxNode, src: Source): FunctionDef | null {
    const k = this.key(src, node.startIndex);
    let f = this.functionByNode.get(k);
    if (!f) {
      const name = node.childForFieldName('name');
      const body = node.childForFieldName('body');
      if (!name || !body) return null;
      f = { name: name.text, node, body, src, uncertain: false };
      this.functionByNode.set(k, f);
    }
    return f;
  }

  /** The definition an `alias` argument makes, or null for options and queries. */
  private defFor(arg: SyntaxNode, cmd: SyntaxNode, src: Source): AliasDef | null | 'unknown' {
    const k = this.key(src, arg.startIndex);
    const known = this.defByKey.get(k);
    if (known) return known;
    const lit = literal(arg);
    let name: string;
    let value: string | null;
    if (lit !== null) {
      if (lit.startsWith('-')) return null;
      const eq = lit.indexOf('=');
      if (eq <= 0) return null;
      name = lit.slice(0, eq);
      value = lit.slice(eq + 1);
    } else {
      const m = /^([^\s='"\\$`]+)=/.exec(arg.text);
      if (!m) return 'unknown';
      name = m[1];
      value = null;
    }
    if (!isAliasName(name)) return null;
    // a value that was masked for re-parsing is not the real one
    if (src.original !== undefined && src.original.slice(arg.startIndex, arg.endIndex) !== arg.text) value = null;
    const [start, end] = this.docRange(src, arg);
    const def: AliasDef = {
      id: this.defs.length, name, value, start, end, base: src.base ?? 0,
      command: src.local ? cmd : null, arg: src.local ? arg : null,
      inFunction: this.enclosingFunction(cmd, src),
      definitionTimeExpansion: hasExpansion(arg),
      shellRuns: 0, subshellRuns: 0,
    };
    this.defs.push(def);
    this.defByKey.set(k, def);
    this.knownNames.add(name);
    return def;
  }

  // ---- reading ----

  private flag(st: State): Tri {
    const d = this.opts.dialect;
    if (d.bashOptions) return st.expandAliases;
    if (d.zshOptions) return st.zshAliases;
    return 1;
  }

  private resolve(name: string, st: State, rc: ReadCtx): Resolution {
    const values = [...st.valuesOf(name)];
    const flag: Tri = rc.forceNo ? 0 : this.flag(st);
    const defined = values.every((v) => v >= 0);
    const absent = values.every((v) => v === UNDEF || v === REMOVED);
    const timing: Tri = defined ? 1 : absent ? 0 : 2;
    const outcome: Tri = flag === 0 || timing === 0 ? 0 : flag === 1 && timing === 1 ? 1 : 2;
    return {
      values, flag, outcome, quirk: rc.forceNo,
      readStart: rc.unit.start + rc.unitBase, readEnd: rc.unit.end + rc.unitBase,
    };
  }

  private recordUse(word: SyntaxNode, name: string, res: Resolution, rc: ReadCtx): void {
    const k = this.key(rc.src, word.startIndex);
    let use = this.uses.get(k);
    if (!use) {
      const [start, end] = this.docRange(rc.src, word);
      use = {
        name, start, end,
        inFunction: rc.fn,
        // a word of masked text is not the word the shell reads
        uncertain: rc.uncertain || !rc.src.local || rc.src.base === null
          || (rc.src.original !== undefined && rc.src.original.slice(word.startIndex, word.endIndex) !== word.text),
        resolutions: [],
      };
      this.uses.set(k, use);
    }
    if (rc.uncertain) use.uncertain = true;
    use.resolutions.push(res);
  }

  private readTimeOf(node: SyntaxNode, heredoc: boolean, eager: boolean): ReadTime | 'never' {
    const d = this.opts.dialect;
    if (typeOf(node) === 'process_substitution') return d.procsub ?? 'enclosing';
    const backtick = node.firstChild?.type === '`';
    if (backtick && eager) return d.backtickInEagerComsub;
    if (heredoc) return backtick ? d.heredocBacktick : d.heredocComsub;
    return backtick ? d.backtick : d.comsub;
  }

  private isSubstitution(node: SyntaxNode): boolean {
    return typeOf(node) === 'command_substitution' || typeOf(node) === 'process_substitution';
  }

  /** Resolves every use read now: the unit minus what is read later. */
  private read(node: SyntaxNode, st: State, rc: ReadCtx): void {
    this.tick();
    const type = typeOf(node);
    // comments, strings in single quotes and other tokens hold no command
    if (LEAF_TYPES.has(type)) return;
    const statement = isStatementType(type);
    // each offset is a call into the binding: ask once
    const start = statement ? node.startIndex : 0;
    const end = statement ? node.endIndex : 0;
    // every use and clash names a known alias: a statement that mentions none needs no walk
    if (statement && !this.mentionsKnownName(rc.src.text, start, end)) return;
    // (error recovery can nest statements inside a command, which the walk below does not read)
    if (statement && type !== 'command' && type !== 'function_definition' && !node.hasError) {
      const text = rc.src.text.slice(start, end);
      if (!SUBSTITUTION_START.test(text) && !FUNCTION_DEFINITION.test(text)) {
        this.readNamedCommands(node, start, end, st, rc);
        return;
      }
    }
    // named children only: the anonymous ones are tokens, and the binding need not build them
    switch (type) {
      case 'command_substitution':
      case 'process_substitution': {
        const when = this.readTimeOf(node, rc.heredoc, rc.eager);
        if (when === 'never') {
          for (const c of node.namedChildren) this.read(c, st, { ...rc, forceNo: true, heredoc: false });
          return;
        }
        if (when === 'unknown') {
          for (const c of node.namedChildren) this.read(c, st, { ...rc, heredoc: false, uncertain: true });
          return;
        }
        if (when !== 'enclosing') return;
        for (const c of node.namedChildren) this.read(c, st, { ...rc, heredoc: false, eager: true });
        return;
      }
      case 'heredoc_body':
        for (const c of node.namedChildren) this.read(c, st, { ...rc, heredoc: true });
        return;
      case 'command':
        this.readCommand(node, st, rc);
        // its words hold more commands only inside substitutions
        if (!SUBSTITUTION_START.test(rc.src.text.slice(start, end))) return;
        break;
      case 'function_definition': {
        this.readFunctionName(node, st, rc);
        const fn = { ...rc, fn: this.functionDef(node, rc.src) };
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
    let last: SyntaxNode | null = null;
    for (let i = firstAtLeast(at, from); i < at.length && at[i] < to; i++) {
      this.tick();
      const cmd = commandOfWord(node.descendantForIndex(at[i]));
      if (!cmd || cmd === last) continue;
      last = cmd;
      this.readCommand(cmd, st, rc);
    }
  }

  /** Where the words of a text read with this engine that could be known alias names start, in order. */
  private nameOffsets(text: string): number[] {
    let index = this.nameIndex.get(text);
    if (!index || index.names !== this.knownNames.size) {
      index = { names: this.knownNames.size, at: knownNameOffsets(text, this.knownNames) };
      this.nameIndex.set(text, index);
    }
    return index.at;
  }

  /** True if a word starting in text[from, to) could be a known alias name. */
  private mentionsKnownName(text: string, from: number, to: number): boolean {
    const at = this.nameOffsets(text);
    const first = firstAtLeast(at, from);
    return first < at.length && at[first] < to;
  }

  private readCommand(node: SyntaxNode, st: State, rc: ReadCtx): void {
    const nameNode = node.childForFieldName('name');
    if (!nameNode) return;
    if (this.readUnexpandable(node, nameNode, st, rc)) return;
    let word: SyntaxNode | null = nameNode.firstChild;
    let carry: Tri = 1; // whether the previous alias left this word in alias position
    // the arguments are needed only after an alias whose value ends in a blank
    let args: SyntaxNode[] | undefined;
    let next = 0;
    while (word && typeOf(word) === 'word' && carry !== 0) {
      const name = word.text;
      // `alias`/`unalias` redefined as aliases are deliberate kludges, not uses
      if (!isAliasName(name) || !this.knownNames.has(name) || name === 'alias' || name === 'unalias') return;
      const res = this.resolve(name, st, rc);
      if (carry === 2) res.outcome = res.outcome === 0 ? 0 : 2;
      this.recordUse(word, name, res, rc);
      if (res.outcome === 0) return;
      const blanks = res.values.map((v) => (v >= 0 ? /[ \t]$/.test(this.defs[v].value ?? '') : false));
      carry = blanks.every(Boolean) ? res.outcome : blanks.some(Boolean) ? 2 : 0;
      word = carry === 0 ? null : (args ??= this.args(node))[next++] ?? null;
    }
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
    else if (!this.prefixAllowsAlias(node, nameNode)) target = nameNode;
    else if (first && (first.text === 'command' || first.text === 'builtin')) target = this.args(node)[0] ?? null;
    if (!target) return false;
    const name = literal(target);
    if (name !== null && this.knownNames.has(name)) {
      this.recordUse(target, name, { ...this.resolve(name, st, rc), outcome: 0, quirk: true }, rc);
    }
    return target === nameNode;
  }

  /** Assignment/redirection prefixes that stop alias expansion (see Dialect.prefixRule). */
  private prefixAllowsAlias(cmd: SyntaxNode, nameNode: SyntaxNode): boolean {
    const rule = this.opts.dialect.prefixRule;
    // most commands start with their name: no prefix to look at
    if (rule === 'none' || nameNode.startIndex === cmd.startIndex) return true;
    let assigned = false;
    let blocked = false;
    for (const c of kids(cmd)) {
      if (c.id === nameNode.id) break;
      if (typeOf(c) === 'variable_assignment') {
        assigned = true;
        if (rule === 'assign-then-last-redir') blocked = false;
      } else if (typeOf(c).endsWith('redirect') && assigned) {
        blocked = true;
      }
    }
    return !blocked;
  }

  private readFunctionName(node: SyntaxNode, st: State, rc: ReadCtx): void {
    if (node.firstChild?.type === 'function') return;
    const name = node.childForFieldName('name');
    if (!name || !this.knownNames.has(name.text)) return;
    const [start, end] = this.docRange(rc.src, name);
    this.clashes.push({
      name: name.text, start, end,
      resolution: this.resolve(name.text, st, rc),
      uncertain: rc.uncertain || start < 0,
    });
  }

  // ---- running ----

  /** Reads then runs each unit of a text, as the shell does. */
  runUnits(units: Unit[], st: State | null, rc: RunCtx): State | null {
    for (const unit of units) {
      if (!st) return null;
      const uncertain = unit.uncertain || rc.uncertain;
      const src = unitSource(unit, rc.src);
      const read: ReadCtx = {
        src, unit, unitBase: rc.src.base ?? 0, uncertain, heredoc: false, forceNo: false, eager: false, fn: rc.fn,
      };
      for (const s of unit.statements) this.read(s.node, st, read);
      st = this.runSeq(unit.statements, st, { ...rc, src, uncertain });
      if (st && unit.uncertain && EFFECT_WORDS.test(rc.src.text.slice(unit.start, unit.end))) st.forgetAll();
    }
    return st;
  }

  /**
   * Only the commands runCommand acts on, calls of defined functions, function
   * definitions and substitutions change the state or the flow: a statement
   * whose text holds none of them needs no walk.
   */
  private mayChangeState(node: SyntaxNode, st: State, rc: RunCtx): boolean {
    // a body is run at every call: what its statements could call is worked out once
    let words = callable.get(node);
    if (words === undefined) {
      const start = node.startIndex;
      const end = node.endIndex;
      words = end - start > GATED_LENGTH ? true : callableWords(rc.src.text.slice(start, end));
      callable.set(node, words);
    }
    return words === true || words.some((w) => st.functions.get(w) !== undefined);
  }

  private runSeq(stmts: readonly Statement[], st: State | null, rc: RunCtx): State | null {
    for (const s of stmts) {
      if (!st) return null;
      if (s.background) this.run(s.node, st.clone(), { ...rc, subshell: true });
      else if (s.conditional) st = join([st, this.run(s.node, st.clone(), rc)]);
      else st = this.run(s.node, st, rc);
    }
    return st;
  }

  private run(node: SyntaxNode, st: State, rc: RunCtx): State | null {
    this.tick();
    if (!this.mayChangeState(node, st, rc)) return st;
    switch (typeOf(node)) {
      case 'command':
        return this.runCommand(node, st, rc);
      case 'comment':
        return st;
      case 'function_definition': {
        const f = this.functionDef(node, rc.src);
        if (f && rc.uncertain) f.uncertain = true;
        if (f) st.functions.set(f.name, new Set([f]));
        return st;
      }
      case 'compound_statement':
      case 'do_group':
        return this.runSeq(statementsOf(node), st, rc);
      case 'subshell':
        this.runSeq(statementsOf(node), st.clone(), { ...rc, subshell: true, returns: null, breaks: null });
        return st;
      case 'redirected_statement': {
        const body = node.childForFieldName('body');
        for (const c of node.namedChildren) if (c.id !== body?.id) this.runSubs(c, st, rc);
        return body ? this.run(body, st, rc) : st;
      }
      case 'list': {
        const [left, op, right] = kids(node);
        const after = this.run(left, st, rc);
        if (!after || !right) return after;
        if (typeOf(op) !== '&&' && typeOf(op) !== '||') return this.run(right, after, rc);
        return join([after, this.run(right, after.clone(), rc)]);
      }
      case 'pipeline':
        return this.runPipeline(node, st, rc);
      case 'negated_command':
        return node.lastChild ? this.run(node.lastChild, st, rc) : st;
      case 'if_statement':
        return this.runIf(node, st, rc);
      case 'while_statement':
      case 'for_statement':
      case 'c_style_for_statement':
        return this.runLoop(node, st, rc);
      case 'case_statement':
        return this.runCase(node, st, rc);
      default:
        this.runSubs(node, st, rc);
        for (const s of statementsInside(node)) {
          const out = this.run(s, st, rc);
          if (!out) return null;
          st = out;
        }
        return st;
    }
  }

  private runPipeline(node: SyntaxNode, st: State, rc: RunCtx): State | null {
    const parts = node.namedChildren.filter((c) => typeOf(c) !== 'comment');
    parts.forEach((p, i) => {
      if (i < parts.length - 1 || !this.opts.dialect.lastPipeInShell) {
        this.run(p, st.clone(), { ...rc, subshell: true, returns: null, breaks: null });
      }
    });
    const last = parts[parts.length - 1];
    return last && this.opts.dialect.lastPipeInShell ? this.run(last, st, rc) : st;
  }

  private runIf(node: SyntaxNode, st: State, rc: RunCtx): State | null {
    const outs: (State | null)[] = [];
    let rest: State | null = st;
    const clause = (n: SyntaxNode): void => {
      const { cond, body } = conditionAndBody(n);
      rest = this.runSeq(cond, rest, rc);
      if (rest) outs.push(this.runSeq(body, rest.clone(), rc));
    };
    clause(node);
    let sawElse = false;
    for (const c of kids(node)) {
      if (typeOf(c) === 'elif_clause') clause(c);
      if (typeOf(c) === 'else_clause') {
        sawElse = true;
        outs.push(this.runSeq(statementsOf(c), rest ? (rest as State).clone() : null, rc));
      }
    }
    if (!sawElse) outs.push(rest);
    return join(outs);
  }

  private runLoop(node: SyntaxNode, st: State, rc: RunCtx): State | null {
    const body = node.childForFieldName('body');
    const cond = typeOf(node) === 'while_statement' ? statementsOf(node).filter((s) => s.node.id !== body?.id) : [];
    if (typeOf(node) !== 'while_statement') {
      for (const c of node.namedChildren) if (c.id !== body?.id) this.runSubs(c, st, rc);
    }
    const breaks: State[] = [];
    const exits: (State | null)[] = [];
    let cur: State | null = st;
    for (let i = 0; i < LOOP_ROUNDS && cur; i++) {
      const start = cur.key();
      cur = this.runSeq(cond, cur, rc);
      if (!cur) break;
      exits.push(cur.clone());
      const lrc = { ...rc, breaks };
      cur = body ? this.run(body, cur, lrc) : cur;
      cur = join([cur, ...breaks.splice(0)]);
      // a round that ends where it began: the next would only repeat it
      if (cur?.key() === start) break;
    }
    if (cur) exits.push(this.runSeq(cond, cur, rc));
    const out = join(exits);
    // Rounds past the ones modelled may differ: any name still changing is unknown.
    const prev = exits[exits.length - 2];
    if (out && cur && prev) {
      for (const name of prev.aliases.keysDifferingFrom(cur.aliases)) {
        const vals = out.aliases.get(name);
        if (vals && !sameSet(prev.valuesOf(name), cur.valuesOf(name))) out.setAlias(name, new Set([...vals, UNKNOWN]));
      }
    }
    return out;
  }

  private runCase(node: SyntaxNode, st: State, rc: RunCtx): State | null {
    const outs: (State | null)[] = [st];
    for (const c of node.namedChildren) {
      if (typeOf(c) === 'case_item') outs.push(this.runSeq(statementsOf(c).filter((s) => isStatement(s.node)), st.clone(), rc));
      else this.runSubs(c, st, rc);
    }
    return join(outs);
  }

  /** Runs the command, process and backtick substitutions inside a word or redirect. */
  private runSubs(node: SyntaxNode, st: State, rc: RunCtx): void {
    // a command in a body runs at every call: find its substitutions once
    let found = substitutions.get(node);
    if (!found) {
      found = [];
      // most words hold no substitution: test the text before walking the nodes
      if (SUBSTITUTION_START.test(rc.src.text.slice(node.startIndex, node.endIndex))) this.findSubs(node, false, found);
      substitutions.set(node, found);
    }
    for (const sub of found) this.runSubBody(sub.node, st, rc, sub.heredoc);
  }

  private findSubs(node: SyntaxNode, heredoc: boolean, found: { node: SyntaxNode; heredoc: boolean }[]): void {
    if (this.isSubstitution(node)) {
      found.push({ node, heredoc });
      return;
    }
    const inHeredoc = heredoc || typeOf(node) === 'heredoc_body';
    for (const c of node.namedChildren) {
      if (!LEAF_TYPES.has(typeOf(c)) && !isStatement(c)) this.findSubs(c, inHeredoc, found);
    }
  }

  private runSubBody(node: SyntaxNode, parent: State, rc: RunCtx, heredoc: boolean): void {
    const when = this.readTimeOf(node, heredoc, rc.eager);
    const st = parent.clone();
    const sub: RunCtx = {
      ...rc, subshell: true, returns: null, breaks: null,
      eager: when === 'enclosing' || when === 'never', uncertain: rc.uncertain || when === 'unknown',
    };
    if (when === 'run-lines' || when === 'run-whole') {
      this.runUnits(splitUnits(node, rc.src.text, when === 'run-whole'), st, { ...sub, eager: false });
    } else {
      this.runSeq(statementsOf(node), st, sub);
    }
  }

  private runCommand(node: SyntaxNode, st: State, rc: RunCtx): State | null {
    this.runSubs(node, st, rc);
    const nameNode = node.childForFieldName('name');
    let words = nameNode ? [nameNode, ...this.args(node)] : [];
    let name = nameNode ? literal(nameNode) : null;
    while ((name === 'command' || name === 'builtin') && words.length > 1) {
      words = words.slice(1);
      name = literal(words[0]);
    }
    if (name === null) return st;
    const args = words.slice(1);
    const d = this.opts.dialect;
    switch (name) {
      case 'alias':
        return this.runAlias(node, args, st, rc);
      case 'unalias':
        for (const a of args) {
          const v = literal(a);
          if (v === null) st.forgetAll();
          else if (v === '-a') st.removeAll();
          else if (!v.startsWith('-')) st.setAlias(v, new Set([REMOVED]));
        }
        return st;
      case 'shopt':
        if (d.bashOptions) this.runShopt(args, st);
        return st;
      case 'set':
        if (d.bashOptions) this.runSetPosix(args, st);
        return st;
      case 'setopt':
      case 'unsetopt':
        if (d.zshOptions) this.runSetopt(name === 'setopt', args, st);
        return st;
      case 'eval':
        return this.runEval(args, st, rc);
      case 'source':
      case '.':
        return this.runSource(args, st, rc);
      case 'trap':
        if (args.some((a) => EFFECT_WORDS.test(a.text))) st.forgetAll();
        return st;
      case 'exit':
        return null;
      case 'return':
        // outside a function, `return` ends a file meant to be sourced
        if (rc.returns) rc.returns.push(st);
        return null;
      case 'break':
      case 'continue':
        if (rc.breaks) rc.breaks.push(st);
        return rc.breaks ? null : st;
      case 'exec':
        return args.some((a) => !typeOf(a).endsWith('redirect')) ? null : st;
      default:
        return this.runCall(name, st, rc);
    }
  }

  private runAlias(cmd: SyntaxNode, args: SyntaxNode[], st: State, rc: RunCtx): State {
    for (const a of args) {
      const def = this.defFor(a, cmd, rc.src);
      if (def === 'unknown') {
        st.forgetAll();
        continue;
      }
      if (!def) continue;
      st.setAlias(def.name, new Set([def.id]));
      if (rc.subshell) def.subshellRuns++;
      else def.shellRuns++;
    }
    return st;
  }

  private runShopt(args: SyntaxNode[], st: State): void {
    const vals = args.map(literal);
    if (vals.some((v) => v === null)) {
      st.expandAliases = 2;
      return;
    }
    if (vals.includes('-o')) return;
    const on = vals.includes('-s') ? 1 : vals.includes('-u') ? 0 : null;
    if (on !== null && vals.includes('expand_aliases')) st.expandAliases = on;
  }

  private runSetPosix(args: SyntaxNode[], st: State): void {
    const vals = args.map(literal);
    vals.forEach((v, i) => {
      // bash's posix mode switches expand_aliases on when it starts and off when it ends
      if ((v === '-o' || v === '+o') && vals[i + 1] === 'posix') st.expandAliases = v === '-o' ? 1 : 0;
      if (v === null) st.expandAliases = 2;
    });
  }

  private runSetopt(on: boolean, args: SyntaxNode[], st: State): void {
    for (const a of args) {
      const v = literal(a)?.toLowerCase().replace(/_/g, '');
      if (v === undefined) st.zshAliases = 2;
      else if (v === 'aliases') st.zshAliases = on ? 1 : 0;
      else if (v === 'noaliases') st.zshAliases = on ? 0 : 1;
    }
  }

  private parsedText(key: string, text: string, whole: boolean): Unit[] {
    let p = this.parsed.get(key);
    if (!p) {
      const tree = parse(text);
      p = { tree, units: programUnits(tree.rootNode, text, whole) };
      this.parsed.set(key, p);
    }
    return p.units;
  }

  private runEval(args: SyntaxNode[], st: State, rc: RunCtx): State | null {
    const vals = args.map(literal);
    if (args.length === 0) return st;
    if (vals.some((v) => v === null)) {
      st.forgetAll();
      return st;
    }
    const body = args.length === 1 ? quotedBody(args[0]) : null;
    const plainWord = args.length === 1 && typeOf(args[0]) === 'word' && !args[0].text.includes('\\');
    const text = body ? body.text : vals.join(' ');
    const base = rc.src.base === null ? null
      : body ? body.offset + rc.src.base
      : plainWord ? args[0].startIndex + rc.src.base : null;
    const src: Source = { text, base, local: rc.src.local, name: `${rc.src.name}#eval@${args[0].startIndex}` };
    const units = this.parsedText(src.name, text, this.opts.dialect.evalRead === 'run-whole');
    this.prescanUnits(units, src);
    return this.runUnits(units, st, { ...rc, src, eager: false });
  }

  private runSource(args: SyntaxNode[], st: State, rc: RunCtx): State | null {
    const file = rc.sourceDepth < MAX_SOURCE_DEPTH ? this.sourced(args[0]) : undefined;
    if (!file) {
      st.forgetAll();
      return st;
    }
    if (!this.prescanned.has(file.src.name)) {
      this.prescanned.add(file.src.name);
      this.prescanUnits(file.units, file.src);
    }
    // as with functions: the same file read from the same state does the same things
    const memo = this.runsFrom(st);
    const what = `source:${file.src.name}|${rc.subshell}|${rc.uncertain}`;
    if (memo.has(what)) return memo.get(what)?.clone() ?? null;
    const returns: State[] = [];
    const out = this.runUnits(file.units, st, { ...rc, src: file.src, sourceDepth: rc.sourceDepth + 1, returns, eager: false });
    const joined = join([out, ...returns]);
    memo.set(what, joined?.clone() ?? null);
    return joined;
  }

  /** What running each body or file from this state led to, by what ran and how. */
  private runsFrom(st: State): Map<string, State | null> {
    const key = st.key();
    let memo = this.calls.get(key);
    if (!memo) this.calls.set(key, (memo = new Map()));
    return memo;
  }

  private runCall(name: string, st: State, rc: RunCtx): State | null {
    const fns = st.functions.get(name);
    if (!fns) return st;
    if (rc.depth >= MAX_CALL_DEPTH) {
      st.forgetAll();
      return st;
    }
    const outs: (State | null)[] = [];
    // one certain definition: run on the state itself, no copy to join
    const only = fns.size === 1 && !fns.has(null);
    for (const f of fns) {
      if (!f) {
        outs.push(st.clone());
        continue;
      }
      // The same body run from the same state reads and does the same things;
      // keys are worth building only for functions called more than once.
      const uncertain = rc.uncertain || f.uncertain;
      const fkey = functionKey(f);
      const seen = (this.callCounts.get(fkey) ?? 0) + 1;
      this.callCounts.set(fkey, seen);
      const memo = seen > 1 ? this.runsFrom(st) : undefined;
      const what = `${fkey}|${rc.subshell}|${uncertain}`;
      if (memo?.has(what)) {
        outs.push(memo.get(what)?.clone() ?? null);
        continue;
      }
      const returns: State[] = [];
      const out = this.run(f.body, only ? st : st.clone(), {
        ...rc, src: f.src, depth: rc.depth + 1, returns, breaks: null, eager: false, uncertain, fn: f,
      });
      const joined = join([out, ...returns]);
      memo?.set(what, joined?.clone() ?? null);
      outs.push(joined);
    }
    return join(outs);
  }
}

const STATEMENT_TYPES = new Set([
  'command', 'redirected_statement', 'list', 'pipeline', 'subshell', 'compound_statement',
  'if_statement', 'while_statement', 'for_statement', 'c_style_for_statement', 'case_statement',
  'function_definition', 'negated_command', 'test_command', 'declaration_command',
  'unset_command', 'variable_assignment', 'variable_assignments',
]);

/** Where the first word after each `source` or `.` starts. */
const SOURCE_ARGUMENT = /(?:^|[\s;&|(){}`])(?:source|\.)[ \t]+(?=[^\s;&|()<>])/g;

/**
 * The value of the shell word at `i` after quote removal, or null when it
 * holds an expansion, a glob or an unclosed quote: words the model cannot
 * follow as a `source` path either.
 */
function literalWordAt(text: string, i: number): string | null {
  let out = '';
  let quote = '';
  for (; i < text.length; i++) {
    const c = text[i];
    if (quote === "'") {
      if (c === "'") quote = '';
      else out += c;
    } else if (c === '\\') {
      const next = text[++i] ?? '';
      if (next !== '\n') out += quote === '"' && !'$`"\\'.includes(next) ? c + next : next;
    } else if (c === '$' || c === '`' || (!quote && '*?['.includes(c))) {
      return null;
    } else if (quote === '"') {
      if (c === '"') quote = '';
      else out += c;
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if (/[\s;&|()<>]/.test(c)) {
      break;
    } else {
      out += c;
    }
  }
  return quote ? null : out;
}

/** True if the text itself may define an alias: only then is it sure to be modelled. */
export function mayDefineAlias(text: string): boolean {
  return ALIAS_DEFINITION.test(text);
}

/**
 * False only when neither the text nor any file it can source holds text that
 * may define an alias. Every `source`-like word is tried, in strings and
 * comments too; sourcing nested deeper than the model follows answers true.
 */
function mayReachAliasText(text: string, resolve: SourceResolver | undefined, depth: number, seen: Set<string>): boolean {
  if (mayDefineAlias(text)) return true;
  if (!resolve) return false;
  for (const m of text.matchAll(SOURCE_ARGUMENT)) {
    const arg = literalWordAt(text, m.index! + m[0].length);
    if (arg === null) continue;
    if (depth >= MAX_SOURCE_DEPTH) return true;
    const file = resolve(arg);
    if (!file || seen.has(file.name)) continue;
    seen.add(file.name);
    if (mayReachAliasText(file.text, resolve, depth + 1, seen)) return true;
  }
  return false;
}

/** A word as roughWords splits them, kept whole across backslash-newlines. */
const ROUGH_WORD = /(?:\\\n|[^\s;&|()<>`])+/g;

/** Offsets where roughWords-style words that are in `names` start, in order. */
function knownNameOffsets(text: string, names: ReadonlySet<string>): number[] {
  const at: number[] = [];
  for (const m of text.matchAll(ROUGH_WORD)) {
    const w = /['"\\]/.test(m[0]) ? m[0].replace(/\\\n/g, '').replace(/['"\\]/g, '') : m[0];
    if (names.has(w)) at.push(m.index!);
  }
  return at;
}

/** True if the text holds a command runCommand acts on, a call of a function, a function definition or a substitution. */
function mayRun(text: string, isFunction: (name: string) => boolean): boolean {
  const words = callableWords(text);
  return words === true || words.some(isFunction);
}

/** True if the text holds a command runCommand acts on, a function definition or a substitution; else its words, any of which may call a function. */
function callableWords(text: string): string[] | true {
  if (SUBSTITUTION_START.test(text) || FUNCTION_DEFINITION.test(text)) return true;
  const words = roughWords(text);
  return words.some((w) => RUN_WORDS.has(w)) || words;
}

/** Per statement node, its callableWords. */
const callable = new WeakMap<SyntaxNode, string[] | true>();
/** Per node, the substitutions in its words, and whether each is in a here-document. */
const substitutions = new WeakMap<SyntaxNode, { node: SyntaxNode; heredoc: boolean }[]>();

/**
 * True if a statement with this text is invisible to the model: reading it
 * records nothing and running it changes nothing, with the names an analysis
 * found. An editor may then change the statement's words without a new analysis.
 */
export function isInertStatement(text: string, names: Names): boolean {
  return knownNameOffsets(text, names.aliases).length === 0 && !mayRun(text, (w) => names.functions.has(w));
}

/**
 * True if the arguments of a simple command named `name`, with these texts
 * before and after an edit, are invisible to the model: only the name is in
 * command position (it is not `command` or `builtin`, and no alias of that
 * name has a value ending in a blank, or one known only at run time), running
 * it depends on the name alone (no alias builtin), and no substitution or
 * function definition is there to read or run.
 */
export function argumentsAreInert(name: string, texts: string[], analysis: Analysis): boolean {
  if (!/^[\w.,:/+@%^-]+$/.test(name) || RUN_WORDS.has(name) || name === 'command' || name === 'builtin') return false;
  if (texts.some((t) => SUBSTITUTION_START.test(t) || FUNCTION_DEFINITION.test(t))) return false;
  return analysis.defs.every((d) => d.name !== name || (d.value !== null && !/[ \t]$/.test(d.value)));
}

export function isStatementType(type: string): boolean {
  return STATEMENT_TYPES.has(type);
}

/**
 * The words of a text as the shell would see them once quotes and escapes are
 * removed, split at every operator: a superset of its literal command words.
 */
function roughWords(text: string): string[] {
  return text.replace(/\\\n/g, '').replace(/['"\\]/g, '').split(/[\s;&|()<>`]+/);
}

/** Parts of a word: quotes and strings, as descendantForIndex finds them at its start. */
const WORD_PARTS = new Set(['word', '"', 'string', 'raw_string', 'concatenation']);

/** The command whose name or argument holds the token at a word's start, if any. */
function commandOfWord(token: SyntaxNode): SyntaxNode | null {
  let x: SyntaxNode | null = token;
  while (x && WORD_PARTS.has(typeOf(x))) x = x.parent;
  if (x && typeOf(x) === 'command_name') x = x.parent;
  return x && typeOf(x) === 'command' ? x : null;
}

const clauses = new WeakMap<SyntaxNode, { cond: Statement[]; body: Statement[] }>();

/** The statements of an `if` or `elif` clause before its `then`, and after; listed once per node. */
function conditionAndBody(n: SyntaxNode): { cond: Statement[]; body: Statement[] } {
  let parts = clauses.get(n);
  if (parts) return parts;
  parts = { cond: [], body: [] };
  let inBody = false;
  const list = kids(n);
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    const type = typeOf(c);
    if (type === 'then') inBody = true;
    else if (c.isNamed && type !== 'comment' && type !== 'elif_clause' && type !== 'else_clause') {
      const next = list[i + 1];
      (inBody ? parts.body : parts.cond).push({ node: c, background: next !== undefined && typeOf(next) === '&' });
    }
  }
  clauses.set(n, parts);
  return parts;
}

function isStatement(node: SyntaxNode): boolean {
  return isStatementType(typeOf(node));
}

/** Statements nested in a node the runner has no special case for (ERROR and the like). */
function statementsInside(node: SyntaxNode): SyntaxNode[] {
  if (typeOf(node) !== 'ERROR') return [];
  return node.namedChildren.filter((c) => isStatement(c) && typeOf(c) !== 'variable_assignment');
}

const byName = new WeakMap<Analysis, Map<string, AliasDef[]>>();

/** The definitions of one alias name in this document, in text order. */
export function defsNamed(analysis: Analysis, name: string): AliasDef[] {
  let map = byName.get(analysis);
  if (!map) {
    map = new Map();
    for (const d of analysis.defs) {
      if (d.start < 0) continue;
      if (!map.has(d.name)) map.set(d.name, []);
      map.get(d.name)!.push(d);
    }
    for (const list of map.values()) list.sort((a, b) => a.start - b.start);
    byName.set(analysis, map);
  }
  return map.get(name) ?? [];
}

/** The source a unit's nodes belong to: its own text when it was parsed again. */
function unitSource(unit: Unit, outer: Source): Source {
  if (!unit.src) return outer;
  return {
    text: unit.src.text, original: unit.src.original, local: outer.local, name: `${outer.name}#${unit.src.base}`,
    base: outer.base === null ? null : outer.base + unit.src.base,
  };
}

function sameSet(a: Set<number>, b: Set<number>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

/** The analysis of a text no alias text can reach: nothing, and a tree parsed only when asked for. */
function emptyAnalysis(text: string, dialect: Dialect, treeOf: () => Tree): Analysis {
  let tree: Tree | undefined;
  return {
    text, dialect, units: [], aborted: false, unaliases: [], defs: [], uses: [], clashes: [],
    names: { aliases: new Set(), functions: new Set() },
    get tree() {
      return (tree ??= treeOf());
    },
  };
}

/**
 * Runs the read-time model over a document, given its tree or a way to parse
 * it. With a way to parse it, a text that neither holds nor can source text
 * that may define an alias (most scripts) is not parsed at all, as nothing in
 * it can be modelled or reported.
 */
export function analyze(text: string, treeOrParse: Tree | (() => Tree), opts: AnalyzeOptions): Analysis {
  const parse = typeof treeOrParse === 'function' ? treeOrParse : () => treeOrParse;
  if (!mayReachAliasText(text, opts.resolveSource, 0, new Set())) return emptyAnalysis(text, opts.dialect, parse);
  const tree = parse();
  const engine = new Engine(opts);
  const src: Source = { text, base: 0, local: true, name: opts.filename ?? '<input>' };
  let units: Unit[] = [];
  const result = (aborted: boolean): Analysis => ({
    text, tree, dialect: opts.dialect, units, aborted, unaliases: engine.unaliases,
    defs: engine.defs, uses: [...engine.uses.values()], clashes: engine.clashes,
    names: { aliases: engine.knownNames, functions: engine.functionNames() },
  });
  // Tens of thousands of top-level commands is generated text, not a script
  // anyone reads; modelling it would take seconds for nothing.
  if (tree.rootNode.childCount > MAX_TOP_LEVEL_NODES) return result(true);
  try {
    units = programUnits(tree.rootNode, text, false);
    engine.prescanUnits(units, src);
    // No alias name anywhere this text can reach: no use can be recorded.
    if (engine.knownNames.size === 0) return result(false);
    const st = new State();
    if (opts.dialect.bashOptions) {
      st.expandAliases = isInteractiveStartupFile(opts.filename) || opts.dialect.id === 'bash-posix' ? 1
        : opts.standalone ? 0 : 2;
    }
    engine.runUnits(units, st, { src, depth: 0, sourceDepth: 0, subshell: false, returns: null, breaks: null, eager: false, uncertain: false, fn: null,
    });
  } catch (e) {
    // Out of budget, or nesting deeper than the stack: nothing found is certain.
    if (e instanceof AbortAnalysis || e instanceof RangeError) return result(true);
    throw e;
  }
  return result(false);
}

export { UNDEF, REMOVED, UNKNOWN };

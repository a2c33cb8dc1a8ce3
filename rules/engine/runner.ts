// Run time: reads each parse unit, then runs it to update the state, as the
// shell does. Subshells run on copies; branches and loops join their states;
// functions run their bodies (read when they were defined); eval strings and
// sourced files are read when the run reaches them; builtins act through the
// table in builtins.ts.
import { definesFunction, type Dialect, type SourceSearch } from '../dialects';
import type { SyntaxNode } from '../parse';
import { conditionAndBody, splitUnits, statementsOf, Statement, Unit } from '../units';
import { literal, quotedBody } from '../words';
import { Budget, LOOP_ROUNDS, MAX_CALL_DEPTH, MAX_SOURCE_DEPTH } from './budget';
import { aliasArrayWrite, BUILTINS, RUN_WORDS, BuiltinCall, BuiltinHost, CONSTANT_STATUS, EFFECT_WORDS, HANDLER_EFFECT_WORDS, pastPrefixes, leadingOptions, POSIXLY_CORRECT, POSIXLY_CORRECT_WRITE, setPosix } from './builtins';
import { versionTestStatus } from './shell-guards';
import { braceOnFirstLine, unreadable } from './syntax-errors';
import type { Catalogue } from './catalogue';
import { Discovery, unitSource } from './discovery';
import { assignedBefore } from './emitters';
import { evalSkeleton, isInertSkeleton, Skeleton, valueMayChangeShell } from './eval-skeleton';
import type { Gates } from './gates';
import { isBacktick, isStatementType, isSubstitution, ReadCtx, Reader } from './reader';
import { Cwd, FunctionDef, functionKey, join, Source, State } from './state';
import { SourcedText, Texts } from './texts';
import { roughWords, sourcedPaths } from './rough-text';
import type { UnknownCode } from './types';
import { isDefinition, joinTri, notTri, Tri } from './values';

export interface RunCtx {
  src: Source;
  depth: number;
  sourceDepth: number;
  subshell: boolean;
  returns: State[] | null;
  /** The loops the statement is in, innermost last: where each `break` or `continue` leaves its state. */
  breaks: State[][] | null;
  /** Inside a substitution read with its enclosing command. */
  eager: boolean;
  /** Running text from a unit the parser may have got wrong. */
  uncertain: boolean;
  /** The function whose body is running. */
  fn: FunctionDef | null;
  /** The document's top-level unit running now; -1 outside the document's top level. */
  unit: number;
  /** Running a `$( )` body from the shell's printed form of it (Dialect.comsubPrinted). */
  printed: boolean;
  /** Running the document's own text as a script of its own, not a file something sources. */
  script: boolean;
}

/** A simple or declaration command's words (`declare -f f`), null where one is not literal; null for other statements. */
function commandWords(cmd: SyntaxNode): (string | null)[] | null {
  if (cmd.type === 'command') {
    const name = cmd.childForFieldName('name');
    if (!name || cmd.namedChildren.some((c) => c.type !== 'command_name' && c.type !== 'word')) return null;
    return [literal(name), ...cmd.childrenForFieldName('argument').map(literal)];
  }
  if (cmd.type !== 'declaration_command') return null;
  // the keyword, then words and names
  return cmd.children.map((c, i) => (i === 0 ? c.type : c.type === 'word' || c.type === 'variable_name' ? literal(c) ?? c.text : null));
}

/** `"$@"` (or `$@`, `"${@}"`) where a command starts: a body that runs its arguments. */
const FORWARDS_ARGUMENTS = /(?:^|[;&|{(]|\b(?:then|do|else)\b)[ \t]*(?:"\$@"|\$@|"\$\{@\}")(?=[\s;&|)}]|$)/m;

/**
 * Text that may run one of these function printers (`declare -fp` too), or `type`/`which`,
 * which print a function's definition in bash and zsh; null for none.
 */
function printersPattern(printers: readonly string[]): RegExp | null {
  if (!printers.length) return null;
  const each = printers.map((p) => {
    const [program, option] = p.split(' ');
    return option ? String.raw`\b${program}\s+-\w*${option.slice(1)}` : String.raw`\b${program}\b`;
  });
  return new RegExp([...each, String.raw`\b(?:type|which)\b`].join('|'));
}

/** An alias value that starts with `return` or `break` (`alias ret=return`). */
const LEAVING_VALUE = /^\s*(return|break)(?=$|[\s;&|)])/;

/** A write to zsh's `options` array at its `aliases` entry (any spelling zsh accepts). */
const ZSH_ALIASES_OPTION_WRITE = /(?:^|[^\w${!#+])options\[\s*['"]?(?:no_?)?aliases['"]?\s*\]/i;

/** Commands that write the variable they are given: `read 'BASH_ALIASES[k]'`, `printf -v 'BASH_ALIASES[k]' …`. */
const VARIABLE_WRITERS = new Set(['read', 'printf']);

/** May this statement write an array: an assignment, a declaration, `read` or `printf -v` (not a command's prefix, which bash refuses for an element). */
function writesArrays(node: SyntaxNode): boolean {
  switch (node.type) {
    case 'variable_assignment':
    case 'variable_assignments':
    case 'declaration_command':
      return true;
    case 'command': {
      const name = node.childForFieldName('name');
      return VARIABLE_WRITERS.has(name ? literal(name) ?? '' : '');
    }
    default:
      return false;
  }
}

export class Runner {
  /** State key → body or file run from it → the state after (see runsFrom). */
  private readonly calls = new Map<string, Map<string, State | null>>();
  private readonly callCounts = new Map<string, number>();
  /** Per node, the substitutions in its words, and whether each is in a here-document. */
  private readonly substitutions = new WeakMap<SyntaxNode, { node: SyntaxNode; heredoc: boolean }[]>();
  /** Per eval command (text and offset), its inert skeleton, or null: a body runs its evals at every call. */
  private readonly skeletons = new Map<string, Skeleton | null>();
  /** Per alias value: whether running it may change the shell (valueMayChangeShell). */
  private readonly valueChanges = new Map<string, boolean>();
  /** What a function's body text shows, worked out at its first call: a body runs at every call. */
  private readonly bodyFacts = new WeakMap<FunctionDef, { localOptions: boolean; forwards: boolean }>();
  /** A write to the dialect's alias arrays (`BASH_ALIASES[k]=v`), which defines aliases the model does not follow. */
  private readonly arrayWrite: RegExp | null;
  /** Text that may print function definitions for an eval or a `source` to read again. */
  private readonly printsFunctions: RegExp | null;

  constructor(
    private readonly dialect: Dialect,
    private readonly catalogue: Catalogue,
    private readonly reader: Reader,
    private readonly discovery: Discovery,
    private readonly texts: Texts,
    private readonly gates: Gates,
    private readonly budget: Budget,
  ) {
    this.arrayWrite = aliasArrayWrite(dialect.aliasArrays);
    this.printsFunctions = printersPattern(dialect.functionPrinters);
  }

  private changesAliases(text: string): boolean {
    return EFFECT_WORDS.test(text) || (this.arrayWrite?.test(text) ?? false);
  }

  /**
   * Reads then runs each unit of a text, as the shell does; `topLevel` numbers
   * the document's units. After a use that may expand to a value the shell
   * reads on from into the text after it (an alias that opens a here-document
   * or a compound command), the units up to where that closes are not read as
   * written: they are uncertain, like text the parser got wrong; where the value
   * opened here-documents alone, they are those documents' bodies, and skipped.
   */
  runUnits(units: Unit[], st: State | null, rc: RunCtx, topLevel = false): State | null {
    let aroundUntil = -1;
    // where the here-document bodies that a use's value opened end: units wholly before it are no code
    let bodiesUntil = -1;
    for (let i = 0; i < units.length; i++) {
      if (!st) return null;
      const unit = units[i];
      if (unit.end <= bodiesUntil) continue;
      const parts = unit.parts ?? [unit];
      if (unreadable(parts, rc.src.text, this.dialect)) return null;
      const aroundHere = unit.start < aroundUntil;
      this.reader.startUnit(aroundUntil);
      this.readUnit(unit, st, rc, aroundHere);
      aroundUntil = Math.max(aroundUntil, this.reader.aroundUntil);
      if (this.reader.aroundIsBodies) bodiesUntil = Math.max(bodiesUntil, this.reader.aroundUntil);
      for (const part of parts) {
        if (!st) return null;
        const uncertain = part.uncertain || aroundHere;
        const urc = { ...rc, src: unitSource(part, rc.src), uncertain: uncertain || rc.uncertain, unit: topLevel ? i : rc.unit };
        st = this.runSeq(part.statements, st, urc);
        if (st && uncertain && part.statements.length === 0) st = this.runUnparsed(rc.src.text.slice(part.start, part.end), st, urc);
        // misparsed text that names a builtin changing aliases or options, or writes an alias array: its effect is unknown
        if (st && uncertain && this.changesAliases(rc.src.text.slice(part.start, part.end))) {
          this.unknownAt(st, rc.src, part.start, part.end, 'misparsed');
        }
      }
    }
    return st;
  }

  /** Reads every part of a unit of `rc.src`, before any of it runs, as the shell reads one unit; `uncertain` as if its parts were. */
  private readUnit(unit: Unit, st: State, rc: Pick<RunCtx, 'src' | 'uncertain' | 'fn' | 'printed'>, uncertain = false): void {
    for (const part of unit.parts ?? [unit]) {
      const read: ReadCtx = {
        src: unitSource(part, rc.src), partBase: part.src?.base ?? 0, unit, unitBase: rc.src.base ?? 0, uncertain: part.uncertain || uncertain || rc.uncertain,
        heredoc: false, forceNo: false, eager: false, fn: rc.fn, printed: rc.printed,
      };
      for (const s of part.statements) this.reader.read(s.node, st, read);
    }
  }

  /**
   * A unit the parser got wrong is not read, but it still runs: what it may
   * call or source runs as uncertain text (whatever it reads is claimed
   * nowhere), from this state, its effects joined in.
   */
  private runUnparsed(text: string, st: State, rc: RunCtx): State | null {
    const urc = { ...rc, uncertain: true };
    const outs: (State | null)[] = [st];
    for (const path of new Set(sourcedPaths(text))) {
      const file = this.texts.sourced(path, rc.src.file);
      if (file) outs.push(this.runFile(file, st.clone(), urc));
    }
    for (const w of new Set(roughWords(text))) {
      if (st.functions.get(w) !== undefined) outs.push(this.runCall(w, st.clone(), urc));
    }
    return join(outs);
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
    this.budget.tick();
    const start = node.startIndex;
    const end = node.endIndex;
    const text = rc.src.text;
    const own = text.slice(start, end);
    // an expansion may be a command name known only at run time, which may call any function
    // (worked out only when a gate asks, as this runs for every statement)
    let dynamic: boolean | undefined;
    const isFunction = (w: string): boolean => st.functions.get(w) !== undefined
      || (dynamic ??= /[$`]/.test(own) && this.definingFunctions(st).length > 0)
      || this.valuesCalling(w, st).length > 0;
    if (!this.gates.mayRun(node, own, isFunction, () => this.reader.mentionsKnownName(text, start, end))) return st;
    if (this.gates.runsByNames(node, own, isFunction)) {
      this.recordNamedRuns(start, end, st, rc);
      return st;
    }
    if (this.arrayWrite?.test(own) && writesArrays(node)) this.unknown(st, rc.src, node, 'alias-array');
    // zsh's `options` array: `options[aliases]=on` switches the option as `setopt` does
    if (this.dialect.zshOptions && ZSH_ALIASES_OPTION_WRITE.test(own) && writesArrays(node)) st.zshAliases = Tri.Maybe;
    switch (node.type) {
      case 'command':
        return this.runCommand(node, st, rc);
      case 'comment':
        return st;
      case 'function_definition':
        return this.runFunctionDefinition(node, st, rc);
      case 'compound_statement':
      case 'do_group':
        return this.runSeq(statementsOf(node), st, rc);
      case 'subshell':
        this.runSeq(statementsOf(node), st.clone(), { ...rc, subshell: true, returns: null, breaks: null });
        return st;
      case 'redirected_statement': {
        const body = node.childForFieldName('body');
        const bodyStart = body?.startIndex;
        for (const c of node.namedChildren) if (c.startIndex !== bodyStart) this.runSubs(c, st, rc);
        // dash reads `cmd &>file` as `cmd &` and `>file` (Dialect.ampersandRedirect): the command runs in the background
        if (!this.dialect.ampersandRedirect && body && node.namedChildren.some((c) => c.type === 'file_redirect' && c.firstChild?.type.startsWith('&>'))) {
          this.run(body, st.clone(), { ...rc, subshell: true });
          return st;
        }
        let out = body ? this.run(body, st, rc) : st;
        for (const r of node.namedChildren) if (r.type === 'heredoc_redirect') out = this.runAfterHeredoc(r, out, rc);
        return out;
      }
      case 'list':
        return this.runList(node, st, rc);
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
      case 'variable_assignment':
      case 'variable_assignments':
      case 'declaration_command':
      case 'unset_command':
        this.runSubs(node, st, rc);
        if (node.firstChild) this.recordRun(node.firstChild, st, rc);
        if (node.type === 'unset_command') this.unsetFunctions(node, st);
        if (this.dialect.bashOptions && POSIXLY_CORRECT.test(own)) {
          // bash enters posix mode, which expands aliases, whenever the variable is set, and a local one
          // ends it again; an unset ends it and switches expand_aliases off, whatever the mode was
          if (node.type !== 'unset_command') st.expandAliases = st.posix = own.startsWith('local') ? Tri.Maybe : Tri.Yes;
          else if (!/\s-\w*f/.test(own)) st.expandAliases = st.posix = Tri.No;
        }
        return st;
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

  /**
   * What follows a here-document's operator on its line, which tree-sitter-bash
   * puts inside the redirect: `cat <<E && cmd` (run or not, as the status
   * decides), `cat <<E | cmd` (a pipeline's later elements).
   */
  private runAfterHeredoc(redirect: SyntaxNode, st: State | null, rc: RunCtx): State | null {
    const parts = redirect.children;
    for (let i = 0; i < parts.length && st; i++) {
      const p = parts[i];
      // `cat <<E | cmd && more`: tree-sitter-bash puts the `&&` list inside the pipeline, though
      // `more` runs after the whole pipeline in the shell itself; which of it runs where is not followed
      const list = p.type === 'pipeline' ? p.namedChildren.find((c) => c.type === 'list') : undefined;
      if (list) st = join([st, this.run(list, st.clone(), rc)]);
      else if (p.type === 'pipeline') st = this.runPipeline(p, st, rc);
      else if ((p.type === '&&' || p.type === '||') && parts[i + 1] && isStatementType(parts[i + 1].type)) {
        st = join([st, this.run(parts[i + 1], st.clone(), rc)]);
        i++;
      }
    }
    return st;
  }

  /** The status a statement certainly ends with, when it is `true`, `:` or `false` (negated or not). */
  private constantStatus(node: SyntaxNode, st: State, rc: RunCtx): Tri {
    const type = node.type;
    if (type === 'negated_command') {
      return notTri(node.lastChild ? this.constantStatus(node.lastChild, st, rc) : Tri.Maybe);
    }
    const version = versionTestStatus(node, this.dialect, rc.src.text);
    if (version !== undefined) return version;
    if (type !== 'command') return Tri.Maybe;
    const name = node.childForFieldName('name');
    const word = name ? literal(name) : null;
    // a function or alias may stand for `true`
    const status = word === null ? undefined : CONSTANT_STATUS.get(word);
    if (status === undefined || st.functions.get(word!) !== undefined || this.catalogue.knownNames.has(word!)) return Tri.Maybe;
    if (node.childrenForFieldName('argument').some((a) => this.gates.maySubstitute(a.text))) return Tri.Maybe;
    return status;
  }

  private runList(node: SyntaxNode, st: State, rc: RunCtx): State | null {
    const [left, op, right] = node.children;
    const after = this.run(left, st, rc);
    if (!after || !right) return after;
    const kind = op.type;
    if (kind !== '&&' && kind !== '||') return this.run(right, after, rc);
    const status = this.constantStatus(left, after, rc);
    const runsRight = status === Tri.Maybe ? Tri.Maybe : (status === Tri.Yes) === (kind === '&&') ? Tri.Yes : Tri.No;
    if (runsRight === Tri.No) return after;
    if (runsRight === Tri.Yes) return this.run(right, after, rc);
    return join([after, this.run(right, after.clone(), rc)]);
  }

  private runPipeline(node: SyntaxNode, st: State, rc: RunCtx): State | null {
    const parts = node.namedChildren.filter((c) => c.type !== 'comment');
    const inShell = this.dialect.lastPipeInShell ? Tri.Yes : this.dialect.bashOptions ? st.lastPipe : Tri.No;
    const inSubshell = (p: SyntaxNode) => this.run(p, st.clone(), { ...rc, subshell: true, returns: null, breaks: null });
    parts.forEach((p, i) => {
      if (i < parts.length - 1 || inShell !== Tri.Yes) inSubshell(p);
    });
    const last = parts[parts.length - 1];
    if (!last || inShell === Tri.No) return st;
    return inShell === Tri.Yes ? this.run(last, st, rc) : join([st.clone(), this.run(last, st, rc)]);
  }

  private runIf(node: SyntaxNode, st: State, rc: RunCtx): State | null {
    const outs: (State | null)[] = [];
    let rest: State | null = st;
    const clause = (n: SyntaxNode): void => {
      if (!rest) return;
      const { cond, body } = conditionAndBody(n);
      rest = this.runSeq(cond, rest, rc);
      if (!rest) return;
      const last = cond[cond.length - 1];
      const status = last ? this.constantStatus(last.node, rest, rc) : Tri.Maybe;
      if (status !== Tri.No) outs.push(this.runSeq(body, status === Tri.Yes ? rest : rest.clone(), rc));
      if (status === Tri.Yes) rest = null;
    };
    clause(node);
    let sawElse = false;
    for (const c of node.children) {
      if (c.type === 'elif_clause') clause(c);
      if (c.type === 'else_clause') {
        sawElse = true;
        if (rest) outs.push(this.runSeq(statementsOf(c), rest, rc));
      }
    }
    if (!sawElse) outs.push(rest);
    return join(outs);
  }

  private runLoop(node: SyntaxNode, st: State, rc: RunCtx): State | null {
    const body = node.childForFieldName('body');
    const bodyStart = body?.startIndex;
    const isWhile = node.type === 'while_statement';
    const cond = isWhile ? statementsOf(node).filter((s) => s.node.startIndex !== bodyStart) : [];
    if (!isWhile) {
      for (const c of node.namedChildren) if (c.startIndex !== bodyStart) this.runSubs(c, st, rc);
    }
    // `while true` leaves only through `break`; `while false` never runs its body
    const until = isWhile && node.firstChild?.type === 'until';
    const lastCond = cond[cond.length - 1];
    let status = lastCond ? this.constantStatus(lastCond.node, st, rc) : Tri.Maybe;
    if (until && status !== Tri.Maybe) status = status === Tri.Yes ? Tri.No : Tri.Yes;
    // `for x in a $y`: a literal word is one field at least, so the body runs once
    const runsOnce = node.type === 'for_statement' && node.childrenForFieldName('value').some((v) => literal(v) !== null);
    const breaks: State[] = [];
    /** Every state a `break` or `continue` left with: a way out of the loop. */
    const left: State[] = [];
    const exits: (State | null)[] = [];
    let cur: State | null = st;
    let prev: State | null = null;
    for (let i = 0; i < LOOP_ROUNDS && cur; i++) {
      const start = cur.key();
      cur = this.runSeq(cond, cur, rc);
      if (!cur) break;
      if (status !== Tri.Yes && !(runsOnce && i === 0)) exits.push(cur.clone());
      if (status === Tri.No) {
        cur = null;
        break;
      }
      prev = cur.clone();
      cur = body ? this.run(body, cur, { ...rc, breaks: [...(rc.breaks ?? []), breaks] }) : cur;
      const broke = breaks.splice(0);
      left.push(...broke.map((b) => b.clone()));
      cur = join([cur, ...broke]);
      // a round that ends where it began: the next would only repeat it
      if (this.gates.loopSettled(start, cur?.key())) break;
    }
    if (cur) {
      const after = this.runSeq(cond, cur, rc);
      if (status !== Tri.Yes) exits.push(after);
    }
    const out = join([...exits, ...left]);
    // Rounds past the ones modelled may differ: a name still changing may get any of its definitions.
    if (out && cur && prev) {
      for (const name of prev.aliases.keysDifferingFrom(cur.aliases)) {
        if (sameSet(prev.valuesOf(name), cur.valuesOf(name))) continue;
        for (const d of this.catalogue.defs) if (d.name === name) out.mayBe(name, d.id);
        out.mayBe(name, this.catalogue.unknown(rc.src, node, 'loop'));
      }
    }
    return out;
  }

  private runCase(node: SyntaxNode, st: State, rc: RunCtx): State | null {
    const outs: (State | null)[] = [st];
    for (const c of node.namedChildren) {
      if (c.type === 'case_item') outs.push(this.runSeq(statementsOf(c).filter((s) => isStatementType(s.node.type)), st.clone(), rc));
      else this.runSubs(c, st, rc);
    }
    return join(outs);
  }

  /** Runs the command, process and backtick substitutions inside a word or redirect. */
  private runSubs(node: SyntaxNode, st: State, rc: RunCtx): void {
    // a command in a body runs at every call: find its substitutions once
    let found = this.substitutions.get(node);
    if (!found) {
      found = [];
      // most words hold no substitution: test the text before walking the nodes
      if (this.gates.maySubstitute(rc.src.text.slice(node.startIndex, node.endIndex))) findSubs(node, false, found);
      this.substitutions.set(node, found);
    }
    for (const sub of found) this.runSubBody(sub.node, st, rc, sub.heredoc);
  }

  private runSubBody(node: SyntaxNode, parent: State, rc: RunCtx, heredoc: boolean): void {
    // decided when the command was read; a substitution the reader skipped is decided now
    const when = this.reader.decidedReadTime(node, rc.src) ?? this.reader.readTimeOf(node, rc.src, heredoc, rc.eager, parent);
    const st = parent.clone();
    // bash --posix: a body read with expansion off is parsed again with it off
    if (when === this.dialect.comsubReadWithAliasesOff && when !== this.dialect.comsub && !heredoc
      && node.type === 'command_substitution' && node.firstChild?.type !== '`') st.expandAliases = Tri.No;
    const sub: RunCtx = {
      ...rc, subshell: true, returns: null, breaks: null,
      eager: when === 'enclosing' || when === 'never', uncertain: rc.uncertain || when === 'unknown' || this.reader.posixMoved(parent),
      printed: this.dialect.comsubPrinted && !isBacktick(node, rc.src, heredoc),
    };
    if (when === 'run-lines' || when === 'run-whole') {
      this.runUnits(splitUnits(node, rc.src.text, when === 'run-whole'), st, { ...sub, eager: false });
    } else {
      this.runSeq(statementsOf(node), st, sub);
    }
  }

  /**
   * Whether a word of the text names a function defined now whose body may
   * change aliases or options: a trap handler may run it at any time.
   */
  private namesChangingFunction(st: State, text: string): boolean {
    return roughWords(text).some((w) => [...st.functions.get(w) ?? []].some((f) => f !== null
      && (this.catalogue.definitionsInside(f).length > 0 || HANDLER_EFFECT_WORDS.test(f.src.text.slice(f.body.startIndex, f.body.endIndex)))));
  }

  /**
   * What a function's body shows. `localOptions`: the options it switches
   * come back when it returns (zsh's `setopt localoptions` or `emulate -L`;
   * bash's `local -`, which restores `set -o` options such as posix mode,
   * where the body runs no `shopt`). `forwards`: it runs its arguments as a
   * command (`"$@"` in command position).
   */
  private factsOf(f: FunctionDef): { localOptions: boolean; forwards: boolean } {
    let facts = this.bodyFacts.get(f);
    if (!facts) {
      const body = f.src.text.slice(f.body.startIndex, f.body.endIndex);
      const localOptions = this.dialect.zshOptions ? /\bsetopt\b[^\n;&|]*\blocal_?options\b|\bemulate\s+(-\w*\s+)*-\w*L/i.test(body)
        : this.dialect.bashOptions && /(^|[\s;&|{(])local\s+-(?=[\s;&|)}]|$)/.test(body) && !/\bshopt\b/.test(body);
      facts = { localOptions, forwards: FORWARDS_ARGUMENTS.test(body) };
      this.bodyFacts.set(f, facts);
    }
    return facts;
  }

  /**
   * The values of alias `name` in effect now that name a function defined now,
   * source a file (`alias g=setup`) or may change aliases or options: running
   * the alias may run them.
   */
  private valuesCalling(name: string, st: State): string[] {
    if (!this.catalogue.knownNames.has(name)) return [];
    const out: string[] = [];
    for (const v of st.valuesOf(name)) {
      const value = isDefinition(v) ? this.catalogue.defs[v].value : null;
      if (value && (roughWords(value).some((w) => st.functions.get(w) !== undefined) || sourcedPaths(value).length > 0 || this.valueMayChangeShell(value))) out.push(value);
    }
    return out;
  }

  /**
   * `unset -f name` removes the function; bash's plain `unset name` removes it
   * when no variable has that name, which the model does not know.
   */
  private unsetFunctions(node: SyntaxNode, st: State): void {
    const words = node.namedChildren.map((w) => (w.type === 'variable_name' ? w.text : literal(w)));
    const options = words.filter((w) => w?.startsWith('-')).join('');
    const certain = options.includes('f');
    if (!certain && (options.includes('v') || !this.dialect.bashOptions)) return;
    removeFunctions(st, words, certain);
  }

  /** The functions defined now whose bodies define aliases: a command named only at run time may call them. */
  private definingFunctions(st: State): FunctionDef[] {
    if (!this.catalogue.defs.some((d) => d.inFunction)) return [];
    const out: FunctionDef[] = [];
    for (const [, fns] of st.functions) for (const f of fns) if (f && this.catalogue.definitionsInside(f).length > 0) out.push(f);
    return out;
  }

  private runFunctionDefinition(node: SyntaxNode, st: State, rc: RunCtx): State | null {
    if (!definesFunction(node, this.dialect)) {
      // the shell runs `function name {` and the body's lines as commands of their own, then stops at the `}`;
      // a `{` on a later line opens a group, which that `}` closes
      this.unknown(st, rc.src, node, 'function-keyword');
      return braceOnFirstLine(node) ? null : st;
    }
    const f = this.catalogue.functionDef(node, rc.src);
    if (!f) return st;
    if (this.definitionStops(f.name, st) === Tri.Yes) return null;
    if (rc.uncertain) f.uncertain = true;
    st.functions.set(f.name, new Set([f]));
    // after code the engine could not follow, anything may call it at any time
    if (st.tainted) {
      for (const d of this.catalogue.definitionsInside(f)) {
        st.mayBe(d.name, d.id);
        d.seenByUnknown = true;
      }
    }
    return st;
  }

  private runCommand(node: SyntaxNode, st: State, rc: RunCtx): State | null {
    this.runSubs(node, st, rc);
    const nameNode = node.childForFieldName('name');
    if (!nameNode) return st;
    // the arguments are asked for only when the name is a use, a prefix word or a builtin
    let args: SyntaxNode[] | undefined;
    const argsOf = (): SyntaxNode[] => (args ??= node.childrenForFieldName('argument'));
    if (this.dialect.coproc && literal(nameNode) === 'coproc') return this.runCoproc(node, argsOf(), st, rc);
    this.recordRuns(nameNode, argsOf, st, rc);
    // an alias that expands runs its value in place of its name: a function named there may run, and
    // a value that may change aliases or options (`alias reset='unalias -a'`) is code the model does not follow
    const first = literal(nameNode);
    if (first !== null) {
      for (const value of this.valuesCalling(first, st)) {
        if (this.valueMayChangeShell(value)) this.unknown(st, rc.src, nameNode, 'alias-value');
        // a value that may leave the function, the sourced file or the loop: what follows may not run
        const leaves = LEAVING_VALUE.exec(value)?.[1];
        if (leaves === 'return') rc.returns?.push(st.clone());
        if (leaves === 'break') rc.breaks?.[rc.breaks.length - 1]?.push(st.clone());
        st = this.runUnparsed(value, st, rc) ?? st;
      }
    }
    // any other write of POSIXLY_CORRECT (`: "${POSIXLY_CORRECT:=1}"`, a prefix, `read`) may enter posix mode
    if (this.dialect.bashOptions && this.reader.maySwitchPosix(rc.src.text) && POSIXLY_CORRECT_WRITE.test(node.text)) {
      st.expandAliases = joinTri(st.expandAliases, Tri.Yes);
      st.posix = joinTri(st.posix, Tri.Yes);
    }
    const { name, rest, functions, via } = pastPrefixes(first, argsOf, this.dialect);
    if (via.includes('builtin') && !this.dialect.builtinRuns) return st;
    // zsh's `command` runs only external commands, unless POSIX_BUILTINS is set (`emulate sh` sets it): the builtin
    // after it (`alias`, or `builtin` itself) may not run
    const afterCommand = via.includes('command') ? via[via.indexOf('command') + 1] ?? name : null;
    if (afterCommand && this.dialect.commandSkips.has(afterCommand) && name !== null) {
      return join([st.clone(), this.runNamed(node, name, () => rest ?? argsOf(), st, rc, functions)]);
    }
    if (name === null) {
      // a name known only at run time (`"$step"`, `$f`, `"$@"`) may call any function defined now,
      // which may define the aliases its body defines (the effects of other builtins are not followed)
      for (const f of this.definingFunctions(st)) for (const d of this.catalogue.definitionsInside(f)) st.mayBe(d.name, d.id);
      return st;
    }
    // a function that runs its arguments as a command (`run() { "$@"; }`): `run shopt -s …` runs `shopt`
    const forwards = functions && this.forwardsArguments(name, st);
    const out = this.runNamed(node, name, () => rest ?? argsOf(), st, rc, functions);
    if (!forwards || !out) return out;
    const words = rest ?? argsOf();
    const inner = words.length ? literal(words[0]) : null;
    if (inner === null || (!RUN_WORDS.has(inner) && out.functions.get(inner) === undefined)) return out;
    return this.runNamed(node, inner, () => words.slice(1), out, rc, true);
  }

  /** Whether a function of this name runs its arguments as a command. */
  private forwardsArguments(name: string, st: State): boolean {
    for (const f of st.functions.get(name) ?? []) if (f && this.factsOf(f).forwards) return true;
    return false;
  }

  /** Runs the command named `name` with these arguments: a builtin's effect, or a call of a function. */
  private runNamed(node: SyntaxNode, name: string, args: () => SyntaxNode[], st: State, rc: RunCtx, functions: boolean): State | null {
    // `command f` and `builtin f` never run the function `f`
    const builtin = Object.prototype.hasOwnProperty.call(BUILTINS, name) ? BUILTINS[name] : undefined;
    if (!builtin) return functions ? this.runCall(name, st, rc) : st;
    const fns = functions ? st.functions.get(name) : undefined;
    const replaces = fns && !(fns.size === 1 && fns.has(null)) ? this.functionReplaces(name, st) : Tri.No;
    if (replaces === Tri.No) return builtin.run({ node, args: args(), st, host: this.host(rc) });
    // a function of the builtin's name runs in its place (a stub such as `shopt() { :; }`)
    if (replaces === Tri.Yes && !fns!.has(null)) return this.runCall(name, st, rc);
    return join([this.runCall(name, st.clone(), rc), builtin.run({ node, args: args(), st, host: this.host(rc) })]);
  }

  /** Whether a function named like this builtin runs in its place now (Dialect.specialFunction). */
  private functionReplaces(name: string, st: State): Tri {
    if (!this.dialect.specialBuiltins.has(name) || this.dialect.specialFunction === 'replaces') return Tri.Yes;
    // bash out of posix mode looks functions up before every builtin
    return this.dialect.bashOptions ? notTri(st.posix) : Tri.No;
  }

  /** Whether defining a function of this name stops the shell (Dialect.specialFunction). */
  private definitionStops(name: string, st: State): Tri {
    if (!this.dialect.specialBuiltins.has(name) || this.dialect.specialFunction !== 'stops') return Tri.No;
    return this.dialect.bashOptions ? st.posix : Tri.Yes;
  }

  /** `coproc cmd args`: the command runs in a subshell, alongside the script. */
  private runCoproc(node: SyntaxNode, words: SyntaxNode[], st: State, rc: RunCtx): State {
    if (words.length === 0) return st;
    const sub = st.clone();
    const subRc = { ...rc, subshell: true, returns: null, breaks: null };
    this.recordRuns(words[0], () => words.slice(1), sub, subRc);
    const { name, rest, functions } = pastPrefixes(literal(words[0]), () => words.slice(1), this.dialect);
    if (name !== null) this.runNamed(node, name, () => rest ?? words.slice(1), sub, subRc, functions);
    return st;
  }

  /** Notes the values of each use among a command's first words, as the command runs. */
  private recordRuns(name: SyntaxNode, args: () => SyntaxNode[], st: State, rc: RunCtx): void {
    // past the shell's own aliases that end in a blank, as the reader went (mksh's `nohup`)
    let blank = this.reader.predefinedBlank(name.text);
    if (!blank && !this.recordRun(name, st, rc)) return;
    for (const w of args()) {
      if (blank && (blank = this.reader.predefinedBlank(w.text))) continue;
      if (!this.recordRun(w, st, rc)) return;
    }
  }

  /** Notes the run of the use read at this word; false when none was read there. */
  private recordRun(word: SyntaxNode, st: State, rc: RunCtx): boolean {
    const use = this.catalogue.uses.get(this.catalogue.key(rc.src, word.startIndex));
    if (use) this.catalogue.recordRun(use, st.valuesOf(use.name), rc.unit);
    return use !== undefined;
  }

  /** Notes the runs of the uses read at known names in [from, to): a statement the gates let run by names. */
  private recordNamedRuns(from: number, to: number, st: State, rc: RunCtx): void {
    for (const at of this.reader.nameOffsetsIn(rc.src.text, from, to)) {
      const use = this.catalogue.uses.get(this.catalogue.key(rc.src, at));
      if (use) this.catalogue.recordRun(use, st.valuesOf(use.name), rc.unit);
    }
  }

  private host(rc: RunCtx): BuiltinHost {
    return {
      bashOptions: this.dialect.bashOptions,
      zshOptions: this.dialect.zshOptions,
      namedDescriptors: this.dialect.namedDescriptors,
      readHandler: (handler, st) => this.readHandler(handler, st, rc),
      runAlias: (c) => this.runAlias(c, rc),
      runEval: (c) => this.runEval(c, rc),
      runSource: (c, builtin) => this.runSource(c, builtin, rc),
      unknown: (st, node, what, names) => {
        if (!names) this.unknown(st, rc.src, node, what);
        else if (names.length) {
          // code that may define these aliases, and changes nothing else
          const value = this.catalogue.unknown(rc.src, node, what);
          for (const name of names) st.mayBe(name, value);
        }
      },
      namesChangingFunction: (st, text) => this.namesChangingFunction(st, text),
      removeFunctions: (st, words) => removeFunctions(st, words, true),
      usedLater: (text) => {
        const names = new Set(roughWords(text));
        for (const d of this.catalogue.defs) if (names.has(d.name)) d.seenByUnknown = true;
      },
      returns: (st) => {
        // outside a function, `return` ends a file meant to be sourced; at a script's own top level,
        // some shells report the error and go on (Dialect.scriptReturnGoesOn)
        if (rc.script && !rc.fn && this.dialect.scriptReturnGoesOn) return true;
        rc.returns?.push(st);
        return false;
      },
      breaks: (st, levels) => {
        const loops = rc.breaks;
        if (!loops?.length) return false;
        // `break N` leaves N loops (every one, past the outermost); a count known only at run time, any of them
        if (levels === null) for (const l of loops) l.push(st.clone());
        else loops[Math.max(0, loops.length - levels)].push(st);
        return true;
      },
      namesScriptFolder: (word) => !this.namesFunction(word, rc) && this.texts.isScriptFolder(word, rc.src),
    };
  }

  private runAlias({ node, args, st }: BuiltinCall, rc: RunCtx): State {
    // with an option the dialect does not define with, a shell may refuse the command or make another kind of alias
    const sure = leadingOptions(args).every((o) => [...o.slice(1)].every((f) => this.dialect.aliasFlags.includes(f)));
    const refused = this.dialect.refusedAliasName;
    for (const a of args) {
      // a name the shell refuses ends the command: the names after it are not defined either
      if (refused && refused.test(literal(a)?.split('=', 1)[0] ?? '')) break;
      const def = this.catalogue.definition(a, node, rc.src);
      if (def === 'unknown') {
        this.unknown(st, rc.src, a, 'alias');
        continue;
      }
      if (!def) continue;
      if (sure) st.setAlias(def.name, new Set([def.id]));
      else st.mayBe(def.name, def.id);
      if (rc.subshell) def.subshellRuns++;
      else def.shellRuns++;
    }
    return st;
  }

  private unknown(st: State, src: Source, node: SyntaxNode, what: UnknownCode['what']): void {
    this.forget(st, this.catalogue.unknown(src, node, what));
  }

  private unknownAt(st: State, src: Source, start: number, end: number, what: UnknownCode['what']): void {
    const at = { startIndex: start, endIndex: end } as SyntaxNode;
    this.forget(st, this.catalogue.unknown(src, at, what));
  }

  /**
   * Code the engine cannot follow ran: it may have used the aliases in
   * effect, called any function defined now (running the definitions in its
   * body), defined or removed any alias, and switched any option.
   */
  private forget(st: State, value: number): void {
    for (const [, values] of st.aliases) for (const v of values) if (isDefinition(v)) this.catalogue.defs[v].seenByUnknown = true;
    for (const [, fns] of st.functions) {
      for (const f of fns) {
        if (!f) continue;
        for (const d of this.catalogue.definitionsInside(f)) {
          st.mayBe(d.name, d.id);
          d.seenByUnknown = true;
        }
      }
    }
    st.forgetAll(value);
  }

  private runEval({ node, args, st }: BuiltinCall, rc: RunCtx): State | null {
    if (args.length === 0) return st;
    const printed = this.printedFunctions(args, st);
    if (printed) return this.readAgain(printed, st, rc);
    const vals = args.map(literal);
    if (vals.some((v) => v === null)) {
      // only the expanded values are unknown: data, unless they can become commands
      const key = this.catalogue.key(rc.src, node.startIndex);
      let skeleton = this.skeletons.get(key);
      if (skeleton === undefined) {
        skeleton = evalSkeleton(args, () => assignedBefore(node));
        if (skeleton !== null && !isInertSkeleton(skeleton)) skeleton = null;
        this.skeletons.set(key, skeleton);
      }
      // an alias or function of a program's name would run instead of the program
      if (skeleton === null || skeleton.programs.some((p) => this.catalogue.knownNames.has(p) || st.functions.get(p) !== undefined)) {
        this.unknown(st, rc.src, node, 'eval');
        return this.readAgainPrinted(node, st, rc);
      }
      const base = skeleton.offset === null || rc.src.base === null ? null : skeleton.offset + rc.src.base;
      const src: Source = { text: skeleton.text, base, file: rc.src.file, name: `${rc.src.name}#eval@${args[0].startIndex}` };
      return this.runText(src, st, rc);
    }
    const body = args.length === 1 ? quotedBody(args[0]) : null;
    const text = body ? body.text : vals.join(' ');
    // plain words one blank apart (`eval . ./lib.sh`) join into the very text they are written as
    const verbatim = text === rc.src.text.slice(args[0].startIndex, args[args.length - 1].endIndex);
    const base = rc.src.base === null ? null
      : body ? body.offset + rc.src.base
      : verbatim ? args[0].startIndex + rc.src.base : null;
    return this.runText({ text, base, file: rc.src.file, name: `${rc.src.name}#eval@${args[0].startIndex}` }, st, rc);
  }

  /**
   * The functions an eval of one of the dialect's function printers defines
   * anew (`eval "$(declare -f f g)"`, every function without names), or null
   * when the argument is anything else, or an alias or function of the
   * printer's name may run instead.
   */
  private printedFunctions(args: SyntaxNode[], st: State): FunctionDef[] | null {
    if (args.length !== 1 || !this.dialect.functionPrinters.length) return null;
    const arg = args[0];
    const sub = arg.type === 'string' && arg.namedChildren.length === 1 && arg.text === `"${arg.namedChildren[0].text}"` ? arg.namedChildren[0] : arg;
    if (sub.type !== 'command_substitution' || sub.namedChildren.length !== 1) return null;
    let cmd: SyntaxNode | null = sub.namedChildren[0];
    // what goes to standard error is not read
    if (cmd.type === 'redirected_statement') {
      if (!cmd.namedChildren.every((c) => !c.type.endsWith('redirect') || /^2>\s*\/dev\/null$/.test(c.text))) return null;
      cmd = cmd.childForFieldName('body');
    }
    const words = cmd ? commandWords(cmd) : null;
    if (!words || words[0] === null || this.catalogue.knownNames.has(words[0]) || st.functions.get(words[0]) !== undefined) return null;
    const printer = this.dialect.functionPrinters.map((p) => p.split(' ')).find((p) => p.every((w, i) => words[i] === w));
    if (printer === undefined) return null;
    const names = words.slice(printer.length);
    if (names.some((n) => n === null || n.startsWith('-'))) return null;
    const out: FunctionDef[] = [];
    const add = (fns: Iterable<FunctionDef | null> | undefined): void => {
      for (const f of fns ?? []) if (f) out.push(f);
    };
    if (names.length) for (const n of names) add(st.functions.get(n!));
    else for (const [, fns] of st.functions) add(fns);
    return out;
  }

  /**
   * Code aliascope cannot follow that prints functions (`eval "$(declare -f f | sed …)"`,
   * `source <(declare -f f)`, `def=$(declare -f f); eval "$def"` on one line) may read them
   * anew: the functions its line names, or every one.
   */
  private readAgainPrinted(node: SyntaxNode, st: State, rc: RunCtx): State | null {
    const text = rc.src.text.slice(rc.src.text.lastIndexOf('\n', node.startIndex) + 1, node.endIndex);
    if (!this.printsFunctions?.test(text)) return st;
    const named = roughWords(text).flatMap((w) => [...st.functions.get(w) ?? []]);
    const fns = named.length ? named : [...st.functions].flatMap(([, fs]) => [...fs]);
    return this.readAgain(fns.filter((f): f is FunctionDef => f !== null), st, rc);
  }

  /** Reads function definitions again where they run, as an eval of their printed text does. */
  private readAgain(fns: FunctionDef[], st: State, rc: RunCtx): State | null {
    let out: State | null = st;
    for (const f of fns) {
      const unit: Unit = { start: f.node.startIndex, end: f.node.endIndex, statements: [{ node: f.node, background: false }], uncertain: f.uncertain };
      out = this.runUnits([unit], out, { ...rc, src: f.src, eager: false, printed: false });
    }
    return out;
  }

  /**
   * Reads a trap's handler string as the trap is set, where the dialect does
   * (Dialect.trapRead), without running it: it runs when the trap fires. Its
   * uses are read as words of the script they are written in, outside any
   * function, since the body being run plays no part.
   */
  private readHandler(handler: SyntaxNode, st: State, rc: RunCtx): void {
    if (this.dialect.trapRead !== 'set') return;
    const body = quotedBody(handler) ?? (literal(handler) === handler.text ? { text: handler.text, offset: handler.startIndex } : null);
    if (!body) return;
    const src: Source = { text: body.text, base: rc.src.base === null ? null : body.offset + rc.src.base, file: rc.src.file, name: `${rc.src.name}#trap@${handler.startIndex}` };
    const units = this.texts.units(src.name, src.text, false);
    this.discovery.units(units, src);
    for (const unit of units) this.readUnit(unit, st, { src, uncertain: rc.uncertain, fn: null, printed: false });
  }

  /** Whether a word holds a `$0` that names the running function rather than the script (Dialect.functionArgZero). */
  private namesFunction(word: SyntaxNode | undefined, rc: RunCtx): boolean {
    const zero = this.dialect.functionArgZero;
    if (!word || !rc.fn || zero === 'never' || !/\$\{?0\b/.test(word.text)) return false;
    return zero === 'always' || rc.fn.node.firstChild?.type === 'function';
  }

  /** valueMayChangeShell, once per value: it may parse, and every use of the alias asks twice. */
  private valueMayChangeShell(value: string): boolean {
    let may = this.valueChanges.get(value);
    if (may === undefined) this.valueChanges.set(value, (may = valueMayChangeShell(value)));
    return may;
  }

  /**
   * Whether the script's-folder idioms in `word` name a folder other than that
   * of the file holding it: `BASH_SOURCE` outside bash is unset, and in a file
   * sourced from another folder `$0` names the script that was started.
   */
  private namesOtherFile(word: SyntaxNode | undefined, rc: RunCtx): boolean {
    if (!word) return false;
    if (!this.dialect.bashSource && word.text.includes('BASH_SOURCE')) return true;
    if (rc.sourceDepth === 0 || this.dialect.sourcedArgZero === 'file' || !/\$\{?0\b/.test(word.text)) return false;
    const folder = (name: string) => name.slice(0, name.lastIndexOf('/') + 1).replace(/^(\.\/+)+/, '');
    return folder(rc.src.file) !== folder(this.texts.document);
  }

  /** Reads and runs an eval string. */
  private runText(src: Source, st: State, rc: RunCtx): State | null {
    const units = this.texts.units(src.name, src.text, this.dialect.evalRead === 'run-whole');
    this.discovery.units(units, src);
    // an eval string is read from its own text
    return this.runUnits(units, st, { ...rc, src, eager: false, printed: false });
  }

  /** Where `.` or `source` looks for a name without a slash now: bash looks in the working directory only out of posix mode. */
  private sourceSearch(builtin: '.' | 'source', st: State): SourceSearch {
    if (!this.reader.posixMoved(st)) return this.dialect.sourceSearch[builtin];
    return st.posix === Tri.No ? 'cwd' : 'path';
  }

  private runSource({ node, args, st }: BuiltinCall, builtin: '.' | 'source', rc: RunCtx): State | null {
    // not a builtin here: a function of that name (a shim such as `source() { . "$@"; }`), or a command that cannot change the shell
    if (this.dialect.sourceSearch[builtin] === 'none') return this.runCall(builtin, st, rc);
    const cwd = rc.sourceDepth === 0 ? st.cwd : st.cwd === Cwd.Start ? Cwd.Start : Cwd.Moved;
    const path = this.namesFunction(args[0], rc) || this.namesOtherFile(args[0], rc) ? null : this.texts.path(args[0], rc.src, this.sourceSearch(builtin, st), cwd);
    const file = rc.sourceDepth < MAX_SOURCE_DEPTH ? this.texts.sourced(path, rc.src.file) : undefined;
    if (!file) {
      if (rc.sourceDepth < MAX_SOURCE_DEPTH) this.catalogue.unresolved(path);
      this.unknown(st, rc.src, node, rc.sourceDepth < MAX_SOURCE_DEPTH ? 'source' : 'depth');
      return this.readAgainPrinted(node, st, rc);
    }
    // where text of the file lies in `src` (an eval string's text may not map): the site is not recorded
    if (rc.src.base !== null) this.catalogue.sourced(file.src.file, rc.src, node.startIndex + rc.src.base);
    return this.runFile(file, st, rc);
  }

  private runFile(file: SourcedText, st: State, rc: RunCtx): State | null {
    this.discovery.file(file);
    // as with functions: the same file read from the same state does the same things
    const memo = this.gates.memoize ? this.runsFrom(st) : undefined;
    const what = `source:${file.src.name}|${rc.subshell}|${rc.uncertain}|${rc.unit}`;
    if (memo?.has(what)) return memo.get(what)?.clone() ?? null;
    const returns: State[] = [];
    const out = this.runUnits(file.units, st, { ...rc, src: file.src, sourceDepth: rc.sourceDepth + 1, returns, eager: false, printed: false, script: false });
    const joined = join([out, ...returns]);
    memo?.set(what, joined?.clone() ?? null);
    return joined;
  }

  /** What running each body or file from this state led to, by what ran and how. */
  private runsFrom(st: State): Map<string, State | null> {
    const key = st.key();
    let memo = this.calls.get(key);
    if (!memo) this.calls.set(key, (memo = new Map()));
    return memo;
  }

  /** Whether the run called this function (by a name it could see). */
  called(f: FunctionDef): boolean {
    return this.callCounts.has(functionKey(f));
  }

  private runCall(name: string, st: State, rc: RunCtx): State | null {
    const fns = st.functions.get(name);
    if (!fns) return st;
    if (rc.depth >= MAX_CALL_DEPTH) {
      this.unknownAt(st, rc.src, 0, 0, 'depth');
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
      const memo = seen > 1 && this.gates.memoize ? this.runsFrom(st) : undefined;
      const what = `${fkey}|${rc.subshell}|${uncertain}|${rc.unit}`;
      if (memo?.has(what)) {
        outs.push(memo.get(what)?.clone() ?? null);
        continue;
      }
      const returns: State[] = [];
      const options = this.factsOf(f).localOptions ? { zsh: st.zshAliases, expand: st.expandAliases, posix: st.posix } : null;
      const out = this.run(f.body, only ? st : st.clone(), {
        ...rc, src: f.src, depth: rc.depth + 1, returns, breaks: null, eager: false, uncertain, fn: f,
      });
      const joined = join([out, ...returns]);
      if (joined && options) {
        // options the function made local come back when it returns
        if (this.dialect.zshOptions) joined.zshAliases = options.zsh;
        // bash's `local -` brings back posix mode, and leaving or entering it switches expand_aliases
        else if (joined.posix !== options.posix) setPosix(joined, options.posix);
        else joined.expandAliases = options.expand;
      }
      memo?.set(what, joined?.clone() ?? null);
      outs.push(joined);
    }
    return join(outs);
  }
}

function findSubs(node: SyntaxNode, heredoc: boolean, found: { node: SyntaxNode; heredoc: boolean }[]): void {
  if (isSubstitution(node)) {
    found.push({ node, heredoc });
    return;
  }
  const inHeredoc = heredoc || node.type === 'heredoc_body';
  for (const c of node.namedChildren) {
    const t = c.type;
    // an assignment inside a command is no statement of its own: `local x=$(cmd)`, `a=1 b=$(cmd)`, `X=$(cmd) prog`
    if (!LEAF_WORDS.has(t) && (!isStatementType(t) || t === 'variable_assignment')) findSubs(c, inHeredoc, found);
  }
}

/** Tokens that hold no substitution. */
const LEAF_WORDS = new Set(['word', 'number', 'variable_name', 'special_variable_name', 'string_content', 'raw_string',
  'ansi_c_string', 'comment', 'file_descriptor', 'heredoc_start', 'heredoc_end', 'test_operator', 'regex', 'extglob_pattern']);

/** Statements nested in a node the runner has no special case for (ERROR and the like). */
function statementsInside(node: SyntaxNode): SyntaxNode[] {
  if (node.type !== 'ERROR') return [];
  return node.namedChildren.filter((c) => isStatementType(c.type) && c.type !== 'variable_assignment');
}

/** Removes the functions these words name (options and words known only at run time aside); where not certain, they may stay. */
function removeFunctions(st: State, words: (string | null)[], certain: boolean): void {
  for (const w of words) {
    const fns = w === null || w.startsWith('-') ? undefined : st.functions.get(w);
    if (fns) st.functions.set(w!, certain ? new Set([null]) : new Set([...fns, null]));
  }
}

function sameSet(a: Set<number>, b: Set<number>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

// The abstract shell state the engine carries from one command to the next.
// Every fact is a set of possibilities, so joining two paths never guesses.
import type { SyntaxNode } from '../parse';
import { AliasValue, joinTri, REMOVED, Tri, UNDEF } from './values';

/** Where a piece of code came from, and where its offsets land in the document. */
export interface Source {
  text: string;
  /** The file this text lies in: the document, or a file it sources (eval strings lie in their command's file). */
  file: string;
  /** Offset of this text in its file; null when it cannot be mapped there. */
  base: number | null;
  /** Identifies the text: the file, or the file and where in it an eval string or a recovered unit starts. */
  name: string;
  /** When `text` has masked regions: the real text, to tell which words were masked. */
  original?: string;
}

export interface FunctionDef {
  name: string;
  node: SyntaxNode;
  body: SyntaxNode;
  /** The text the definition was read from: its body is read and run there. */
  src: Source;
  /** Defined by text the parser may have got wrong. */
  uncertain: boolean;
}

/** A frozen map that a LayeredMap forks from, with the keys it changed from the base before it. */
interface Base<K, V> {
  map: ReadonlyMap<K, V>;
  parent: Base<K, V> | null;
  changed: Iterable<K>;
  depth: number;
}

/**
 * Where every map starts: a base and a top layer shared by all, which no one
 * writes (a write copies the top layer first), so a new map, and a state
 * cloned only to be forked, allocate no Map of their own.
 */
const EMPTY_BASE: Base<unknown, unknown> = { map: new Map(), parent: null, changed: [], depth: 0 };
const EMPTY_TOP = new Map<unknown, unknown>();

/**
 * A map that forks cheaply: a frozen base shared by every fork, and a small
 * layer of its own on top. Most forks (a branch, a call) change a few names or
 * none; a script with hundreds of aliases would otherwise copy them all at
 * every branch and every definition. Bases remember what they changed, so two
 * maps tell the names on which they may differ without looking at the rest.
 */
export class LayeredMap<K, V> {
  /** Past this many own entries, a fork first folds them into a new base. */
  private static readonly FOLD_AT = 32;
  /** Bases further apart than this are compared name by name. */
  private static readonly MAX_WALK = 16;

  private base: Base<K, V> = EMPTY_BASE as Base<K, V>;
  private top: Map<K, V> = EMPTY_TOP as Map<K, V>;
  /** The top layer may be shared with a fork, or be EMPTY_TOP: copy it before writing. */
  private topShared = true;
  /** What `written` last returned, until the map changes: calls ask for the same state's key again and again. */
  private writtenAs: { entry: (k: K, v: V) => string; text: string } | undefined;

  get(key: K): V | undefined {
    const v = this.top.get(key);
    return v !== undefined ? v : this.base.map.get(key);
  }

  set(key: K, value: V): void {
    if (this.get(key) === value) return;
    this.writtenAs = undefined;
    if (this.topShared) {
      this.top = new Map(this.top);
      this.topShared = false;
    }
    this.top.set(key, value);
  }

  fork(): LayeredMap<K, V> {
    if (this.top.size > LayeredMap.FOLD_AT) {
      const b = this.base;
      this.base = { map: new Map([...b.map, ...this.top]), parent: b, changed: [...this.top.keys()], depth: b.depth + 1 };
      this.top = new Map();
      this.topShared = false;
    }
    const m = new LayeredMap<K, V>();
    m.base = this.base;
    m.top = this.top;
    m.topShared = this.topShared = true;
    m.writtenAs = this.writtenAs;
    return m;
  }

  /** The entries, each written by `entry`, in key order: equal for maps with equal entries. */
  written(entry: (k: K, v: V) => string): string {
    if (this.writtenAs?.entry !== entry) {
      const text = [...this].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => entry(k, v)).join(';');
      this.writtenAs = { entry, text };
    }
    return this.writtenAs.text;
  }

  /** Names whose values may differ between the two maps. */
  keysDifferingFrom(other: LayeredMap<K, V>): Set<K> {
    const out = new Set(this.top.keys());
    if (other.top !== this.top) for (const k of other.top.keys()) out.add(k);
    let a: Base<K, V> | null = this.base;
    let b: Base<K, V> | null = other.base;
    for (let walked = 0; a !== b; walked++) {
      if (!a || !b || walked > LayeredMap.MAX_WALK) return new Set([...this.keys(), ...other.keys()]);
      const deeper: Base<K, V> = a.depth >= b.depth ? a : b;
      for (const k of deeper.changed) out.add(k);
      if (deeper === a) a = a.parent;
      else b = b.parent;
    }
    return out;
  }

  *keys(): IterableIterator<K> {
    for (const k of this.top.keys()) yield k;
    for (const k of this.base.map.keys()) if (!this.top.has(k)) yield k;
  }

  *[Symbol.iterator](): IterableIterator<[K, V]> {
    for (const k of this.keys()) yield [k, this.get(k) as V];
  }
}

// Sets are never changed in place: a change puts a new set in the map, so
// copies of a state share them.
const UNDEFINED_EVERYWHERE = new Set<AliasValue>([UNDEF]);
/** Where the shell's working directory is, as far as a relative `source` path cares. */
export enum Cwd {
  /** Where the script started: where the host looks a relative path up. */
  Start = '',
  /** The script's own folder (`cd "$(dirname "$0")"`). */
  ScriptFolder = 's',
  /** Anywhere else, or not known. */
  Moved = 'm',
}

export class State {
  aliases = new LayeredMap<string, Set<AliasValue>>();
  /** Values of every name not in `aliases`. */
  fallback: Set<AliasValue> = UNDEFINED_EVERYWHERE;
  /** bash's `expand_aliases`. */
  expandAliases: Tri = Tri.No;
  /** zsh's `aliases` option. */
  zshAliases: Tri = Tri.Yes;
  /** bash's `lastpipe`: a script (no job control) runs a pipeline's last element in the current shell. */
  lastPipe: Tri = Tri.No;
  /** bash's posix mode, which changes when substitutions are read (Dialect.startsInPosixMode). */
  posix: Tri = Tri.No;
  functions = new LayeredMap<string, Set<FunctionDef | null>>();
  /** The shell's working directory, which a `source` of a relative path looks in. */
  cwd: Cwd = Cwd.Start;
  /**
   * Code the engine could not follow has run: it may have defined functions
   * that later commands call, so any function defined from now on may run at
   * any time.
   */
  tainted = false;
  /** The last key and what it was made from. */
  private keyed: { aliases: string; functions: string; fallback: Set<AliasValue>; expand: Tri; zsh: Tri; lastPipe: Tri; posix: Tri; tainted: boolean; cwd: Cwd; key: string } | undefined;

  clone(): State {
    const s = new State();
    s.aliases = this.aliases.fork();
    s.fallback = this.fallback;
    s.expandAliases = this.expandAliases;
    s.zshAliases = this.zshAliases;
    s.lastPipe = this.lastPipe;
    s.posix = this.posix;
    s.functions = this.functions.fork();
    s.tainted = this.tainted;
    s.cwd = this.cwd;
    s.keyed = this.keyed;
    return s;
  }

  /**
   * A string equal for equal states, to memoize function calls. While the
   * state does not change it is the same string object, whose hash a Map
   * lookup then computes only once.
   */
  key(): string {
    const aliases = this.aliases.written(writeAlias);
    const functions = this.functions.written(writeFunctions);
    const k = this.keyed;
    if (k && k.aliases === aliases && k.functions === functions && k.fallback === this.fallback
      && k.expand === this.expandAliases && k.zsh === this.zshAliases && k.lastPipe === this.lastPipe && k.posix === this.posix && k.tainted === this.tainted && k.cwd === this.cwd) return k.key;
    const key = `${aliases}|${writeSet(this.fallback)}|${this.expandAliases}${this.zshAliases}${this.lastPipe}${this.posix}${this.tainted ? 't' : ''}${this.cwd}|${functions}`;
    this.keyed = { aliases, functions, fallback: this.fallback, expand: this.expandAliases, zsh: this.zshAliases, lastPipe: this.lastPipe, posix: this.posix, tainted: this.tainted, cwd: this.cwd, key };
    return key;
  }

  valuesOf(name: string): Set<AliasValue> {
    return this.aliases.get(name) ?? this.fallback;
  }

  setAlias(name: string, values: Set<AliasValue>): void {
    this.aliases.set(name, values);
  }

  /** Adds a possible value to a name, keeping the others. */
  mayBe(name: string, value: AliasValue): void {
    const v = this.valuesOf(name);
    if (!v.has(value)) this.aliases.set(name, new Set([...v, value]));
  }

  /**
   * Code the engine cannot follow ran, known by `value`: any alias may now be
   * what it left, as well as what it was; any option may be on or off. Posix
   * mode is taken to stay as it was: files a script sources do not switch it,
   * and were it unknown, no substitution after any such code would be certain.
   */
  forgetAll(value: AliasValue): void {
    for (const [k, v] of this.aliases) if (!v.has(value)) this.aliases.set(k, new Set([...v, value]));
    if (!this.fallback.has(value)) this.fallback = new Set([...this.fallback, value]);
    this.expandAliases = Tri.Maybe;
    this.zshAliases = Tri.Maybe;
    this.lastPipe = Tri.Maybe;
    this.tainted = true;
  }

  removeAll(): void {
    this.aliases = new LayeredMap();
    this.fallback = new Set([REMOVED]);
  }
}

const writeSet = (v: Set<unknown>): string => [...v].map(String).sort().join(',');
const writeAlias = (name: string, values: Set<AliasValue>): string => `${name}=${writeSet(values)}`;
const writeFunctions = (name: string, defs: Set<FunctionDef | null>): string =>
  `${name}=${[...defs].map((f) => (f ? functionKey(f) : '-')).sort().join(',')}`;

/** Where a function was defined: the same definition read twice has one key. */
export function functionKey(f: FunctionDef): string {
  return `${f.src.name}@${f.src.base}@${f.node.startIndex}`;
}

function union<T>(a: Set<T>, b: Set<T>): Set<T> {
  if (a === b) return a;
  for (const x of b) if (!a.has(x)) return new Set([...a, ...b]);
  return a;
}

/** Joins the states of paths that meet; null is a path that never gets here. */
export function join(states: (State | null)[]): State | null {
  const live = states.filter((s): s is State => s !== null);
  if (live.length === 0) return null;
  if (live.length === 1) return live[0];
  const out = live[0].clone();
  for (const s of live.slice(1)) {
    if (s === out) continue;
    // a name missing from one map has that state's fallback: join names before fallbacks
    for (const n of out.aliases.keysDifferingFrom(s.aliases)) out.setAlias(n, union(out.valuesOf(n), s.valuesOf(n)));
    const absent = new Set<FunctionDef | null>([null]);
    for (const n of out.functions.keysDifferingFrom(s.functions)) {
      out.functions.set(n, union(out.functions.get(n) ?? absent, s.functions.get(n) ?? absent));
    }
    out.fallback = union(out.fallback, s.fallback);
    out.expandAliases = joinTri(out.expandAliases, s.expandAliases);
    out.zshAliases = joinTri(out.zshAliases, s.zshAliases);
    out.lastPipe = joinTri(out.lastPipe, s.lastPipe);
    out.posix = joinTri(out.posix, s.posix);
    out.tainted ||= s.tainted;
    if (out.cwd !== s.cwd) out.cwd = Cwd.Moved;
  }
  return out;
}

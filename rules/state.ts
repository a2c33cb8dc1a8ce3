// The abstract shell state the engine carries from one command to the next.
// Every fact is a set of possibilities, so joining two paths never guesses.
import type { SyntaxNode } from './parse';

/** Possible values of one alias name besides its definitions' ids. */
export const UNDEF = -1;   // never defined
export const REMOVED = -2; // removed by unalias
export const UNKNOWN = -3; // something the engine could not follow may have set it

/** A three-valued flag: 0 off, 1 on, 2 either. */
export type Tri = 0 | 1 | 2;
export const joinTri = (a: Tri, b: Tri): Tri => (a === b ? a : 2);

/** Where a piece of code came from, and where its offsets land in the document. */
export interface Source {
  text: string;
  /** Offset of this text in the document; null when it cannot be mapped. */
  base: number | null;
  /** Text of this document (not a sourced file). */
  local: boolean;
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

  private base: Base<K, V> = { map: new Map(), parent: null, changed: [], depth: 0 };
  private top = new Map<K, V>();
  /** The top layer may be shared with a fork: copy it before writing. */
  private topShared = false;
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
export class State {
  aliases = new LayeredMap<string, Set<number>>();
  /** Values of every name not in `aliases`. */
  fallback: Set<number> = new Set([UNDEF]);
  expandAliases: Tri = 0;
  zshAliases: Tri = 1;
  functions = new LayeredMap<string, Set<FunctionDef | null>>();
  /** The last key and what it was made from. */
  private keyed: { aliases: string; functions: string; fallback: Set<number>; expand: Tri; zsh: Tri; key: string } | undefined;

  clone(): State {
    const s = new State();
    s.aliases = this.aliases.fork();
    s.fallback = this.fallback;
    s.expandAliases = this.expandAliases;
    s.zshAliases = this.zshAliases;
    s.functions = this.functions.fork();
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
      && k.expand === this.expandAliases && k.zsh === this.zshAliases) return k.key;
    const key = `${aliases}|${writeSet(this.fallback)}|${this.expandAliases}${this.zshAliases}|${functions}`;
    this.keyed = { aliases, functions, fallback: this.fallback, expand: this.expandAliases, zsh: this.zshAliases, key };
    return key;
  }

  valuesOf(name: string): Set<number> {
    return this.aliases.get(name) ?? this.fallback;
  }

  setAlias(name: string, values: Set<number>): void {
    this.aliases.set(name, values);
  }

  /** Something unfollowable ran: any alias may now exist or not. */
  forgetAll(): void {
    for (const [k, v] of this.aliases) if (!v.has(UNKNOWN)) this.aliases.set(k, new Set([...v, UNKNOWN]));
    if (!this.fallback.has(UNKNOWN)) this.fallback = new Set([...this.fallback, UNKNOWN]);
    // it may have run `shopt -u expand_aliases` as well as `shopt -s`
    this.expandAliases = 2;
    this.zshAliases = 2;
  }

  removeAll(): void {
    this.aliases = new LayeredMap();
    this.fallback = new Set([REMOVED]);
  }
}

const writeSet = (v: Set<unknown>): string => [...v].map(String).sort().join(',');
const writeAlias = (name: string, values: Set<number>): string => `${name}=${writeSet(values)}`;
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
  }
  return out;
}

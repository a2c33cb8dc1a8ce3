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

// Sets are never changed in place: a change puts a new set in the map, so
// copies of a state can share them, and joining equal paths costs nothing.
export class State {
  aliases = new Map<string, Set<number>>();
  /** Values of every name not in `aliases`. */
  fallback: Set<number> = new Set([UNDEF]);
  expandAliases: Tri = 0;
  zshAliases: Tri = 1;
  functions = new Map<string, Set<FunctionDef | null>>();

  clone(): State {
    const s = new State();
    s.aliases = new Map(this.aliases);
    s.fallback = this.fallback;
    s.expandAliases = this.expandAliases;
    s.zshAliases = this.zshAliases;
    s.functions = new Map(this.functions);
    return s;
  }

  /** A string equal for equal states, to memoize function calls. */
  key(fnKey: (f: FunctionDef) => string): string {
    const set = (v: Set<unknown>) => [...v].map(String).sort().join(',');
    const aliases = [...this.aliases].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k}=${set(v)}`);
    const fns = [...this.functions].sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${k}=${[...v].map((f) => (f ? fnKey(f) : '-')).sort().join(',')}`);
    return `${aliases.join(';')}|${set(this.fallback)}|${this.expandAliases}${this.zshAliases}|${fns.join(';')}`;
  }

  valuesOf(name: string): Set<number> {
    return this.aliases.get(name) ?? this.fallback;
  }

  setAlias(name: string, values: Set<number>): void {
    this.aliases.set(name, values);
  }

  /** Something unfollowable ran: any alias may now exist or not. */
  forgetAll(): void {
    for (const [k, v] of this.aliases) this.aliases.set(k, new Set([...v, UNKNOWN]));
    this.fallback = new Set([...this.fallback, UNKNOWN]);
    this.expandAliases = this.expandAliases === 1 ? 1 : 2;
    this.zshAliases = 2;
  }

  removeAll(): void {
    this.aliases = new Map();
    this.fallback = new Set([REMOVED]);
  }
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
    for (const n of new Set([...out.aliases.keys(), ...s.aliases.keys()])) {
      out.aliases.set(n, union(out.valuesOf(n), s.valuesOf(n)));
    }
    out.fallback = union(out.fallback, s.fallback);
    out.expandAliases = joinTri(out.expandAliases, s.expandAliases);
    out.zshAliases = joinTri(out.zshAliases, s.zshAliases);
    const absent = new Set<FunctionDef | null>([null]);
    for (const n of new Set([...out.functions.keys(), ...s.functions.keys()])) {
      out.functions.set(n, union(out.functions.get(n) ?? absent, s.functions.get(n) ?? absent));
    }
  }
  return out;
}

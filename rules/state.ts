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

export class State {
  aliases = new Map<string, Set<number>>();
  /** Values of every name not in `aliases`. */
  fallback: Set<number> = new Set([UNDEF]);
  expandAliases: Tri = 0;
  zshAliases: Tri = 1;
  functions = new Map<string, Set<FunctionDef | null>>();

  clone(): State {
    const s = new State();
    for (const [k, v] of this.aliases) s.aliases.set(k, new Set(v));
    s.fallback = new Set(this.fallback);
    s.expandAliases = this.expandAliases;
    s.zshAliases = this.zshAliases;
    for (const [k, v] of this.functions) s.functions.set(k, new Set(v));
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
    for (const v of this.aliases.values()) v.add(UNKNOWN);
    this.fallback.add(UNKNOWN);
    this.expandAliases = this.expandAliases === 1 ? 1 : 2;
    this.zshAliases = 2;
  }

  removeAll(): void {
    this.aliases.clear();
    this.fallback = new Set([REMOVED]);
  }
}

/** Joins the states of paths that meet; null is a path that never gets here. */
export function join(states: (State | null)[]): State | null {
  const live = states.filter((s): s is State => s !== null);
  if (live.length === 0) return null;
  const out = live[0].clone();
  for (const s of live.slice(1)) {
    const names = new Set([...out.aliases.keys(), ...s.aliases.keys()]);
    const merged = new Map<string, Set<number>>();
    for (const n of names) merged.set(n, new Set([...out.valuesOf(n), ...s.valuesOf(n)]));
    out.aliases = merged;
    out.fallback = new Set([...out.fallback, ...s.fallback]);
    out.expandAliases = joinTri(out.expandAliases, s.expandAliases);
    out.zshAliases = joinTri(out.zshAliases, s.zshAliases);
    const fnames = new Set([...out.functions.keys(), ...s.functions.keys()]);
    const fmerged = new Map<string, Set<FunctionDef | null>>();
    for (const n of fnames) {
      fmerged.set(n, new Set([...(out.functions.get(n) ?? [null]), ...(s.functions.get(n) ?? [null])]));
    }
    out.functions = fmerged;
  }
  return out;
}

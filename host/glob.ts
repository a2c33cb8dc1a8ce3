// Glob and gitignore matching on '/'-separated relative paths, written here so
// that ignore files and --ignore-pattern behave exactly as git documents them.

/** Longer patterns are set aside (with a note), so that no ignore file can make matching slow. */
export const MAX_PATTERN_LENGTH = 1024;

/** A compiled glob; `test` runs in time linear in the path for a given pattern. */
export interface Glob {
  test(path: string): boolean;
}

/** One state of the matching automaton: moves that read a character, and moves that read none. */
interface State {
  reads: { accepts: (c: string) => boolean; to: number }[];
  free: number[];
}

const notSlash = (c: string): boolean => c !== '/';
const anyChar = (): boolean => true;

/**
 * `*` and `?` stay within one path segment; `**` crosses segments; `[…]` and `{a,b}` as in shells.
 * Compiled to a nondeterministic automaton that is run over all its states at once (as RE2 does),
 * never by backtracking, so `*a*a*a…*b` or thirty `**\/` cannot take exponential time.
 */
export function compileGlob(glob: string): Glob {
  const states: State[] = [];
  const add = (): number => states.push({ reads: [], free: [] }) - 1;
  const read = (from: number, accepts: (c: string) => boolean): number => {
    const to = add();
    states[from].reads.push({ accepts, to });
    return to;
  };
  /** Builds `g` from state `at`; returns the state reached at its end. */
  const build = (g: string, at: number): number => {
    for (let i = 0; i < g.length; i++) {
      const c = g[i];
      if (c === '*') {
        const atStart = i === 0 || g[i - 1] === '/';
        if (g[i + 1] === '*' && atStart && g[i + 2] === '/') {
          // `**/`: nothing, or anything that ends in a slash.
          const loop = add();
          const next = add();
          states[at].free.push(loop, next);
          states[loop].reads.push({ accepts: anyChar, to: loop }, { accepts: (x) => x === '/', to: next });
          at = next;
          i += 2;
          continue;
        }
        const crosses = g[i + 1] === '*' && atStart && i + 2 === g.length;
        states[at].reads.push({ accepts: crosses ? anyChar : notSlash, to: at });
        if (crosses) i += 1;
      } else if (c === '?') at = read(at, notSlash);
      else if (c === '[') {
        const close = g.indexOf(']', i + 2);
        if (close === -1) { at = read(at, (x) => x === '['); continue; }
        let body = g.slice(i + 1, close).replace(/[\\\]]/g, '\\$&');
        if (body[0] === '!') body = `^${body.slice(1)}`;
        const cls = new RegExp(`^[${body}]$`);
        at = read(at, (x) => x !== '/' && cls.test(x));
        i = close;
      } else if (c === '{') {
        const close = g.indexOf('}', i);
        if (close === -1) { at = read(at, (x) => x === '{'); continue; }
        const end = add();
        for (const alt of g.slice(i + 1, close).split(',')) {
          const from = add();
          states[at].free.push(from);
          states[build(alt, from)].free.push(end);
        }
        at = end;
        i = close;
      } else {
        const lit = c === '\\' && i + 1 < g.length ? g[++i] : c;
        at = read(at, (x) => x === lit);
      }
    }
    return at;
  };
  const start = add();
  const accept = build(glob, start);
  const close = (set: Set<number>): Set<number> => {
    const stack = [...set];
    while (stack.length) for (const n of states[stack.pop()!].free) if (!set.has(n)) { set.add(n); stack.push(n); }
    return set;
  };
  return {
    test(path: string): boolean {
      let current = close(new Set([start]));
      for (const c of path) {
        const next = new Set<number>();
        for (const s of current) for (const r of states[s].reads) if (r.accepts(c)) next.add(r.to);
        if (!next.size) return false;
        current = close(next);
      }
      return current.has(accept);
    },
  };
}

export const isGlob = (s: string): boolean => /[*?[{]/.test(s);

interface IgnoreRule {
  /** Directory the pattern is relative to, '/'-separated, no trailing slash ('' = root of matching). */
  base: string;
  re: Glob;
  negate: boolean;
  dirOnly: boolean;
}

/** An ordered list of gitignore-style patterns; the last one that matches decides. */
export class IgnoreList {
  private readonly rules: IgnoreRule[] = [];
  /** Patterns set aside for their length, to be reported by whoever read them. */
  readonly skipped: string[] = [];

  /** Adds patterns read relative to `base` (an absolute '/'-separated directory). */
  add(base: string, patterns: string[]): this {
    for (let raw of patterns) {
      raw = trimEnd(raw);
      if (!raw || raw.startsWith('#')) continue;
      const negate = raw.startsWith('!');
      let p = negate ? raw.slice(1) : raw.replace(/^\\([#!])/, '$1');
      const dirOnly = p.endsWith('/');
      if (dirOnly) p = p.slice(0, -1);
      // A pattern with a slash before its end is anchored; otherwise it matches a name at any depth.
      const anchored = p.includes('/');
      if (p.startsWith('/')) p = p.slice(1);
      if (!p) continue;
      if (p.length > MAX_PATTERN_LENGTH) { this.skipped.push(`${raw.slice(0, 40).trim()}…`); continue; }
      this.rules.push({ base: base.replace(/\/$/, ''), re: compileGlob(anchored ? p : `**/${p}`), negate, dirOnly });
    }
    return this;
  }

  /** A copy to which a nested folder's own patterns can be added. */
  clone(): IgnoreList {
    const copy = new IgnoreList();
    copy.rules.push(...this.rules);
    return copy;
  }

  /** Whether an absolute path is ignored, its parents included. */
  ignores(absPath: string, isDir: boolean): boolean {
    const parts = absPath.split('/');
    for (let i = 2; i < parts.length; i++) if (this.matchOne(parts.slice(0, i).join('/'), true)) return true;
    return this.matchOne(absPath, isDir);
  }

  /** Whether this one path matches, not looking at its parents (for walks that skip ignored folders). */
  matchOne(absPath: string, isDir: boolean): boolean {
    let ignored = false;
    for (const r of this.rules) {
      if (r.dirOnly && !isDir) continue;
      if (r.base && absPath !== r.base && !absPath.startsWith(`${r.base}/`)) continue;
      const rel = r.base ? absPath.slice(r.base.length + 1) : absPath.replace(/^\//, '');
      if (rel && r.re.test(rel)) ignored = !r.negate;
    }
    return ignored;
  }
}

/** Drops trailing white space not escaped by a backslash, in one pass (a regular expression would backtrack). */
function trimEnd(line: string): string {
  let end = line.length;
  while (end > 0 && /\s/.test(line[end - 1])) end--;
  return end < line.length && line[end - 1] === '\\' ? line.slice(0, end + 1) : line.slice(0, end);
}

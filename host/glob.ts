// Glob and gitignore matching on '/'-separated relative paths, written here so
// that ignore files and --ignore-pattern behave exactly as git documents them.

/** `*` and `?` stay within one path segment; `**` crosses segments; `[…]` and `{a,b}` as in shells. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const atStart = i === 0 || glob[i - 1] === '/';
        if (atStart && glob[i + 2] === '/') { re += '(?:.*/)?'; i += 2; continue; }
        if (atStart && i + 2 === glob.length) { re += '.*'; i += 1; continue; }
      }
      re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close === -1) { re += '\\['; continue; }
      let body = glob.slice(i + 1, close).replace(/\\/g, '\\\\');
      if (body[0] === '!') body = `^${body.slice(1)}`;
      re += `[${body}]`;
      i = close;
    } else if (c === '{') {
      const close = glob.indexOf('}', i);
      if (close === -1) { re += '\\{'; continue; }
      re += `(?:${glob.slice(i + 1, close).split(',').map((p) => globToRegExp(p).source.slice(1, -1)).join('|')})`;
      i = close;
    } else if (c === '\\' && i + 1 < glob.length) re += `\\${glob[++i]}`;
    else re += /[.+^$()|\\]/.test(c) ? `\\${c}` : c;
  }
  return new RegExp(`^${re}$`);
}

export const isGlob = (s: string): boolean => /[*?[{]/.test(s);

interface IgnoreRule {
  /** Directory the pattern is relative to, '/'-separated, no trailing slash ('' = root of matching). */
  base: string;
  re: RegExp;
  negate: boolean;
  dirOnly: boolean;
}

/** An ordered list of gitignore-style patterns; the last one that matches decides. */
export class IgnoreList {
  private readonly rules: IgnoreRule[] = [];

  /** Adds patterns read relative to `base` (an absolute '/'-separated directory). */
  add(base: string, patterns: string[]): this {
    for (let raw of patterns) {
      raw = raw.replace(/(?<!\\)\s+$/, '');
      if (!raw || raw.startsWith('#')) continue;
      const negate = raw.startsWith('!');
      let p = negate ? raw.slice(1) : raw.replace(/^\\([#!])/, '$1');
      const dirOnly = p.endsWith('/');
      if (dirOnly) p = p.slice(0, -1);
      // A pattern with a slash before its end is anchored; otherwise it matches a name at any depth.
      const anchored = p.includes('/');
      if (p.startsWith('/')) p = p.slice(1);
      if (!p) continue;
      this.rules.push({ base: base.replace(/\/$/, ''), re: globToRegExp(anchored ? p : `**/${p}`), negate, dirOnly });
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

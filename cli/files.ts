// Which files to lint: explicit paths, folders walked recursively, and globs;
// shell scripts recognised by extension, start-up file name or shebang;
// .gitignore, --ignore-pattern and config ignores respected.
import { closeSync, lstatSync, openSync, readdirSync, readFileSync, readSync, statSync, Stats } from 'fs';
import { dirname, join, resolve, sep } from 'path';
import { compileGlob, IgnoreList, isGlob, MAX_PATTERN_LENGTH } from '../host/glob';

const EXTENSIONS = /\.(sh|bash|ksh|mksh|zsh|dash|bats)$/;
const STARTUP_NAMES = /^\.?(bashrc|bash_profile|bash_login|bash_logout|bash_aliases|profile|zshrc|zprofile|zshenv|kshrc|mkshrc)$/;
const SHEBANG = /^#![ \t]*\S*?\/?(?:env[ \t]+(?:-\S+[ \t]+)*)?(?:sh|bash|dash|ash|ksh|ksh93|mksh|zsh|busybox[ \t]+(?:sh|ash))(?:[ \t]|\r?$)/;
const ALWAYS_SKIPPED = new Set(['.git', 'node_modules', '.hg', '.svn']);

export interface FindOptions {
  cwd: string;
  /** --ignore-pattern, relative to cwd. */
  ignorePatterns: string[];
  /** false with --no-ignore: lint what was asked for, ignore files notwithstanding. */
  useIgnoreFiles: boolean;
  /** Ignore patterns from the config that governs a folder. */
  configIgnores?: (absPath: string, isDir: boolean) => boolean;
  /** --force-exclude: ignore rules win over files named on the command line too. */
  forceExclude?: boolean;
}

export interface FoundFiles {
  /** Absolute paths, sorted and unique. */
  files: string[];
  /** One line per path that could not be used. */
  errors: string[];
  /** One line per named path that was skipped on purpose, so that nothing named is skipped unsaid. */
  notes: string[];
  /** The files named on the command line, as opposed to found in a folder or by a glob. */
  named: Set<string>;
  /** Sizes in bytes of the files the search had to stat anyway (named files, linked files). */
  sizes: Map<string, number>;
}

const posix = (p: string): string => (sep === '/' ? p : p.split(sep).join('/'));

function hasShellShebang(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buf = Buffer.alloc(256);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return SHEBANG.test(buf.toString('latin1', 0, n).split('\n', 1)[0]);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A shell extension or start-up file name, or else a shell shebang (`x.postinst` and `tool` both have one). */
function looksLikeShell(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return EXTENSIONS.test(base) || STARTUP_NAMES.test(base) || hasShellShebang(path);
}

/** One line saying why a path cannot be read as a file. */
export function describeStatError(path: string, e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case 'ENOENT': {
      try {
        if (lstatSync(path).isSymbolicLink()) return 'broken symbolic link (its target does not exist)';
      } catch { /* plainly missing */ }
      return 'no such file or directory';
    }
    case 'ELOOP': return 'symbolic link loop';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'is a directory, not a file';
    case 'ENOTDIR': return 'a parent of this path is not a directory';
    default: return e.message;
  }
}

/** The .gitignore rules in force at a folder: its own and its ancestors' up to the repository root. */
class GitignoreCache {
  private readonly lists = new Map<string, IgnoreList>();

  constructor(private readonly onSkipped: (file: string, patterns: string[]) => void) {}

  at(dir: string): IgnoreList {
    let list = this.lists.get(dir);
    if (list) return list;
    const parent = dirname(dir);
    const inherited = parent !== dir && !this.isRepoRoot(dir) ? this.at(parent) : new IgnoreList();
    list = inherited.clone();
    let text: string | undefined;
    try {
      text = readFileSync(join(dir, '.gitignore'), 'utf8');
    } catch { /* no .gitignore here */ }
    if (text !== undefined) {
      const before = list.skipped.length;
      list.add(posix(dir), text.split(/\r?\n/));
      if (list.skipped.length > before) this.onSkipped(join(dir, '.gitignore'), list.skipped.slice(before));
    }
    this.lists.set(dir, list);
    return list;
  }

  private isRepoRoot(dir: string): boolean {
    try {
      return lstatSync(join(dir, '.git')) !== undefined;
    } catch {
      return false;
    }
  }
}

export function findFiles(patterns: string[], opts: FindOptions): FoundFiles {
  const found = new Set<string>();
  const errors: string[] = [];
  const notes: string[] = [];
  const named = new Set<string>();
  const sizes = new Map<string, number>();
  const tooLong = (where: string, patterns: string[]) => {
    for (const p of patterns) notes.push(`${where}: pattern ${p} set aside: longer than ${MAX_PATTERN_LENGTH} characters`);
  };
  const cli = new IgnoreList().add(posix(opts.cwd), opts.ignorePatterns);
  tooLong('--ignore-pattern', cli.skipped);
  const git = new GitignoreCache(tooLong);
  const ignored = (abs: string, isDir: boolean, explicit: boolean): boolean => {
    if (!opts.useIgnoreFiles) return false;
    const p = posix(abs);
    const check = (list: IgnoreList) => (explicit ? list.ignores(p, isDir) : list.matchOne(p, isDir));
    if (check(cli) || check(git.at(dirname(abs)))) return true;
    return opts.configIgnores?.(abs, isDir) ?? false;
  };

  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      errors.push(`${dir}: ${describeStatError(dir, e as NodeJS.ErrnoException)}`);
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const abs = join(dir, e.name);
      if (e.isDirectory()) {
        if (!ALWAYS_SKIPPED.has(e.name) && !ignored(abs, true, false)) walk(abs);
      } else if (e.isFile()) {
        if (!ignored(abs, false, false) && looksLikeShell(abs)) found.add(abs);
      } else if (e.isSymbolicLink()) {
        // Linked files are linted; linked folders are not followed, so a walk cannot loop.
        let st: Stats;
        try {
          st = statSync(abs);
        } catch (err) {
          if (EXTENSIONS.test(e.name)) errors.push(`${abs}: ${describeStatError(abs, err as NodeJS.ErrnoException)}`);
          continue;
        }
        if (st.isFile() && !ignored(abs, false, false) && looksLikeShell(abs)) {
          found.add(abs);
          sizes.set(abs, st.size);
        }
      }
    }
  };

  for (const pattern of patterns) {
    const abs = resolve(opts.cwd, pattern);
    let st: Stats | undefined;
    try {
      st = statSync(abs);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code === 'ENOENT' && isGlob(pattern)) {
        const before = found.size;
        expandGlob(pattern, opts.cwd, (file) => {
          if (!ignored(file, false, true) && looksLikeShell(file)) found.add(file);
        }, (dir) => ALWAYS_SKIPPED.has(dir.slice(dir.lastIndexOf(sep) + 1)) || ignored(dir, true, true));
        if (found.size === before) errors.push(`${pattern}: no files match this pattern`);
        continue;
      }
      errors.push(`${pattern}: ${describeStatError(abs, err)}`);
      continue;
    }
    if (st.isDirectory()) {
      if (!ignored(abs, true, true)) walk(abs);
      else notes.push(`${pattern}: folder skipped: an ignore rule matches it (--no-ignore lints it)`);
    } else if (st.isFile()) {
      // Named files are linted whatever their extension, as ESLint does, and whatever the
      // ignore rules say, as ShellCheck and ruff do, unless --force-exclude puts the rules first.
      if (opts.forceExclude && ignored(abs, false, true)) {
        notes.push(`${pattern}: skipped: an ignore rule matches it (--force-exclude)`);
      } else {
        found.add(abs);
        named.add(abs);
        sizes.set(abs, st.size);
      }
    } else errors.push(`${pattern}: not a regular file`);
  }
  return { files: [...found].sort(), errors, notes, named, sizes };
}

/** Walks from the glob's literal prefix, matching the rest. */
function expandGlob(pattern: string, cwd: string, onFile: (abs: string) => void, skipDir: (abs: string) => boolean): void {
  const parts = posix(pattern).split('/');
  const fixed: string[] = [];
  while (parts.length > 1 && !isGlob(parts[0])) fixed.push(parts.shift()!);
  const root = resolve(cwd, fixed.join('/') || '.');
  const re = compileGlob(parts.join('/'));
  const deep = parts.includes('**') || parts.length > 1;
  const walk = (dir: string, rel: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const abs = join(dir, e.name);
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (deep && !skipDir(abs)) walk(abs, r);
      } else if ((e.isFile() || (e.isSymbolicLink() && isFileTarget(abs))) && re.test(r)) onFile(abs);
    }
  };
  walk(root, '');
}

function isFileTarget(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Shard `index` (1-based) of `count`: every file lands in exactly one shard, the same one on every machine. */
export function shard(files: string[], cwd: string, index: number, count: number): string[] {
  const keyed = files.map((f) => ({ f, key: posix(f.startsWith(cwd) ? f.slice(cwd.length) : f) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.filter((_, i) => i % count === index - 1).map((k) => k.f);
}

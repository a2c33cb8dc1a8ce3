// Which workspace files source which, for judging an open file in the state of
// the scripts that source it (docs/sources.md). Built lazily: the first time a
// document asks who sources it, each shell file of the workspace is read once
// and its `source` paths resolved; a file that changes afterwards is read
// again alone. Nothing is read on a keystroke.
import { closeSync, openSync, readdirSync, readSync, statSync } from 'fs';
import { dirname, join } from 'path';
import { namedByOthers, type Naming } from '../host/contexts';
import { readSmall, sourceResolver } from '../host/sources';
import { sourcedNames, sourcedPaths } from '../rules';

/** Folders never walked. */
const SKIPPED = new Set(['.git', '.hg', '.svn', 'node_modules', '.venv', 'venv', '__pycache__']);
/** A workspace with more files than this, or that takes longer to walk, is indexed only that far. */
const MAX_FILES = 5000;
const MAX_WALK_MS = 150;
const MAX_BYTES = 1 << 20;
const SHELL_NAME = /\.(?:sh|bash|zsh|ksh|mksh|dash|bats|shlib)$|(?:^|\/)\.?(?:bashrc|bash_profile|profile|zshrc|kshrc|mkshrc|bash_aliases)$/;
const SHEBANG = /^#!\s*\S*\b(?:sh|bash|zsh|ksh|mksh|dash|ash|busybox)\b/;

/** What a file's `source` commands read. */
interface Sources {
  /** The files they name, resolved. */
  paths: Set<string>;
  /** The file names they read from a folder known only at run time (`. "$OS/colors"`). */
  names: Set<string>;
}

/** The first bytes of a file, for its shebang. */
function head(path: string): string {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buf = Buffer.alloc(128);
    return buf.subarray(0, readSync(fd, buf, 0, 128, 0)).toString('latin1');
  } catch {
    return '';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export class SourcerIndex {
  /** File → what its `source` commands read; undefined until first asked. */
  private sources: Map<string, Sources> | undefined;
  /** namedByOthers over the index as it is; dropped when a file's names change. */
  private named: ((path: string) => Naming | null) | undefined;
  /** Files changed since: read again when the index is next asked. */
  private readonly stale = new Set<string>();

  constructor(private readonly roots: () => string[], private readonly textOf: (path: string) => string | undefined) {}

  /**
   * The files that source `path` where it really runs from: a sourcer that
   * another file sources in turn is left out (the outer one reads `path` in
   * the state the program has), unless all of them are.
   */
  contextsOf(path: string): string[] {
    const by = this.sourcersOf(path);
    const roots = by.filter((s) => this.sourcersOf(s).length === 0);
    return roots.length ? roots : by;
  }

  sourcersOf(path: string): string[] {
    const sources = this.built();
    const out: string[] = [];
    for (const [from, to] of sources) if (from !== path && to.paths.has(path)) out.push(from);
    return out;
  }

  /** How another file may source `path` from a folder known only at run time: by its name, by a glob, or null. */
  namedByOthers(path: string): Naming | null {
    const sources = this.built();
    this.named ??= namedByOthers([...sources].map(([from, to]): [string, Set<string>] => [from, to.names]));
    return this.named(path);
  }

  /** The workspace was walked. */
  get ready(): boolean {
    return this.sources !== undefined;
  }

  /** Walks the workspace now, if not done yet. */
  build(): void {
    this.built();
  }

  /** A file changed on disk: it is read again when the index is next asked. */
  changed(path: string): void {
    if (this.sources) this.stale.add(path);
  }

  /** What an open document's own analysis found it sources: no need to read it again. */
  record(path: string, targets: Iterable<string>, text: string): void {
    if (!this.sources) return;
    this.stale.delete(path);
    const names = new Set(sourcedNames(text));
    const before = this.sources.get(path)?.names;
    if (!before || before.size !== names.size || [...names].some((n) => !before.has(n))) this.named = undefined;
    this.sources.set(path, { paths: new Set(targets), names });
  }

  private built(): Map<string, Sources> {
    if (this.sources) {
      if (this.stale.size) this.named = undefined;
      for (const path of this.stale) {
        const text = this.textOf(path) ?? readSmall(path, MAX_BYTES);
        if (text === undefined || !(SHELL_NAME.test(path) || SHEBANG.test(text))) this.sources.delete(path);
        else this.sources.set(path, this.targets(path, text));
      }
      this.stale.clear();
      return this.sources;
    }
    const sources = new Map<string, Sources>();
    this.sources = sources;
    let files = 0;
    const until = Date.now() + MAX_WALK_MS;
    const walk = (dir: string): void => {
      if (Date.now() > until) return;
      let names: string[];
      try {
        names = readdirSync(dir);
      } catch {
        return;
      }
      for (const name of names) {
        if (files >= MAX_FILES || Date.now() > until) return;
        const path = join(dir, name);
        let st;
        try {
          st = statSync(path);
        } catch {
          continue;
        }
        if (st.isDirectory()) {
          if (!SKIPPED.has(name)) walk(path);
        } else if (st.isFile() && st.size <= MAX_BYTES && (SHELL_NAME.test(path) || SHEBANG.test(head(path)))) {
          files++;
          const text = this.textOf(path) ?? readSmall(path, MAX_BYTES);
          if (text !== undefined) sources.set(path, this.targets(path, text));
        }
      }
    };
    for (const root of this.roots()) walk(root);
    return sources;
  }

  private targets(path: string, text: string): Sources {
    const to: Sources = { paths: new Set(), names: new Set() };
    if (!/(?:source|\.)[ \t]|source=/.test(text)) return to;
    const resolve = sourceResolver({ docPath: path, cwd: dirname(path), roots: this.roots(), sourcePaths: ['SCRIPTDIR'], openText: this.textOf, maxBytes: MAX_BYTES });
    for (const p of new Set(sourcedPaths(text))) {
      const found = resolve(p, path);
      if (found) to.paths.add(found.name);
    }
    to.names = new Set(sourcedNames(text));
    return to;
  }
}

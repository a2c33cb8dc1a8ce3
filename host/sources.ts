// The one way the CLI and the server find the file a `source`/`.` names.
// Files are only read, never run. The order is documented in docs/sources.md.
import { readFileSync, realpathSync, statSync } from 'fs';
import { dirname, isAbsolute, relative, resolve } from 'path';
import { SCRIPT_DIR, SEARCH_ONLY, SourceResolver } from '../rules';

/** Sourced files bigger than this are treated as unknown. */
const MAX_SOURCE_BYTES = 2 * 1024 * 1024;

export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

export interface ResolverOptions {
  /** The document being analysed; its folder is the script's folder. */
  docPath: string;
  /** The folder literal relative paths are read from (the CLI's working directory). */
  cwd?: string;
  /** The config's `sourcePaths`; `SCRIPTDIR` means the script's folder. */
  sourcePaths: string[];
  /** When set, only files inside these folders are read (the editor's workspace). */
  roots?: string[];
  /** The editor's text of an open file. */
  openText?: (path: string) => string | undefined;
  /** Collects every path asked for, found or not, so a change to one re-analyses the document. */
  seen?: Set<string>;
  maxBytes?: number;
}

/**
 * Looks a name up in order: relative to the working directory (or, in the
 * editor, the workspace roots), the folder of the sourcing file for
 * `$SCRIPT_DIR/…` paths, `sourcePaths`, and an absolute path as written;
 * a `$SOURCE_PATH/…` name (one the shell looks for in PATH) in `sourcePaths` only.
 */
export function sourceResolver(o: ResolverOptions): SourceResolver {
  const cache = new Map<string, { text: string; name: string } | undefined>();
  // `raw` is the path as the shell opens it: `sub/../lib.sh` needs a folder `sub`, which `path` has resolved away
  const read = (path: string, raw = path): { text: string; name: string } | undefined => {
    if (cache.has(raw)) return cache.get(raw);
    o.seen?.add(path);
    // (Node's realpath resolves `..` in the text first: the system is asked about the path as written)
    const real = raw === path || reachable(raw) ? realPath(path) : undefined;
    const ok = real !== undefined && (!o.roots || o.roots.some((r) => isInside(r, real)));
    const text = ok ? (o.openText?.(path) ?? readSmall(real, o.maxBytes ?? MAX_SOURCE_BYTES)) : undefined;
    const found = text === undefined ? undefined : { text, name: path };
    cache.set(raw, found);
    return found;
  };
  const under = (base: string, name: string) => read(resolve(base, name), `${base.replace(/\/+$/, '')}/${name}`);
  return (name, from) => {
    const scriptDir = dirname(from ?? o.docPath);
    if (name.startsWith(`${SCRIPT_DIR}/`)) return under(scriptDir, name.slice(SCRIPT_DIR.length + 1));
    if (isAbsolute(name)) return read(name);
    const searched = o.sourcePaths.map((p) => (p === 'SCRIPTDIR' ? scriptDir : p));
    const onlySearched = name.startsWith(`${SEARCH_ONLY}/`);
    const rest = onlySearched ? name.slice(SEARCH_ONLY.length + 1) : name;
    const bases = onlySearched ? searched : [...(o.cwd ? [o.cwd] : []), ...searched, ...(o.roots ?? [])];
    for (const base of bases) {
      const found = under(base, rest);
      if (found) return found;
    }
    return undefined;
  };
}

function reachable(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

function realPath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

export function readSmall(path: string, max: number): string | undefined {
  try {
    const st = statSync(path);
    if (!st.isFile() || st.size > max) return undefined;
    const text = readFileSync(path, 'utf8');
    return text.includes('\u0000') ? undefined : text;
  } catch {
    return undefined;
  }
}

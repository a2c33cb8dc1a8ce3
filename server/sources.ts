// Following `source`/`.` into other files of the workspace, so a use in one
// file sees the aliases and options another sets. Files are only read, never
// run; anything outside the workspace roots is treated as not found.
import { readFileSync, realpathSync, statSync } from 'fs';
import { dirname, isAbsolute, relative, resolve } from 'path';
import type { SourceResolver } from '../rules';

/** Sourced files bigger than this are treated as unknown. */
const MAX_SOURCE_BYTES = 2 * 1024 * 1024;

export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * A resolver for one document. Relative names are looked up beside the
 * document, in the config's `sourcePaths`, then at the workspace roots.
 * `openText` gives the editor's text of an open file; `seen` collects every
 * path the analysis asked for, found or not, so a later change to one of
 * them re-analyses this document.
 */
export function sourceResolver(
  docPath: string,
  roots: string[],
  sourcePaths: string[],
  openText: (path: string) => string | undefined,
  seen: Set<string>,
): SourceResolver {
  const here = dirname(docPath);
  const bases = [here, ...sourcePaths.map((p) => (p === 'SCRIPTDIR' ? here : p)), ...roots];
  return (name: string) => {
    for (const base of isAbsolute(name) ? [''] : bases) {
      const path = resolve(base, name);
      seen.add(path);
      const real = realPath(path);
      if (!real || !roots.some((r) => isInside(r, real))) continue;
      const text = openText(path) ?? readSmall(real);
      if (text !== undefined) return { text, name: path };
    }
    return undefined;
  };
}

function realPath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

function readSmall(path: string): string | undefined {
  try {
    const st = statSync(path);
    if (!st.isFile() || st.size > MAX_SOURCE_BYTES) return undefined;
    const text = readFileSync(path, 'utf8');
    return text.includes('\u0000') ? undefined : text;
  } catch {
    return undefined;
  }
}

// Where a definition, use or piece of code lies, in words: "line 5" in the
// document itself, "line 3 of lib/aliases.sh" in a file it sources.
import type { Analysis } from './engine';

/** 1-based line of an offset in a text. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** `to` relative to the folder of `from`, for paths with `/` (no file system is asked). */
export function relativePath(from: string, to: string): string {
  const a = from.split('/').slice(0, -1);
  const b = to.split('/');
  if (!to.startsWith('/') || !from.startsWith('/')) return to;
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  const up = a.length - i;
  // a path that climbs far is clearer written in full
  return up > 2 ? to : [...Array(up).fill('..'), ...b.slice(i)].join('/');
}

/** "line N", or "line N of FILE" outside the document; `line` numbers the document's own offsets. */
export function placeOf(analysis: Analysis, x: { file: string; start: number }, line: (offset: number) => number): string {
  if (x.file === analysis.file) return x.start >= 0 ? `line ${line(x.start)}` : 'a string aliascope cannot map';
  const text = analysis.sources.get(x.file);
  const name = relativePath(analysis.file, x.file);
  return text !== undefined && x.start >= 0 ? `line ${lineAt(text, x.start)} of ${name}` : name;
}

// Typing inside an ordinary comment cannot change what the shell reads, so the
// analysis of the version before still holds, moved by the edit's length: such
// an edit costs a reparse and a shift instead of a new analysis. Comments that
// are or may become directives, and the first line (a shebang), are excluded.
import type { Diagnostic, Tree } from '../rules';

/** One changed span: old text [start, oldEnd) became new text of oldEnd - start + delta characters. */
export interface Shift {
  start: number;
  oldEnd: number;
  delta: number;
}

const DIRECTIVE_WORD = /aliascope|shellcheck/i;

/** The change from `oldText` to `newText` when it lies inside one plain comment, else undefined. */
export function commentOnlyChange(oldText: string, newText: string, tree: Tree): Shift | undefined {
  const shortest = Math.min(oldText.length, newText.length);
  let start = 0;
  while (start < shortest && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < shortest - start
    && oldText.charCodeAt(oldText.length - 1 - tail) === newText.charCodeAt(newText.length - 1 - tail)) tail++;
  const oldEnd = oldText.length - tail;
  const newEnd = newText.length - tail;
  if (/[\r\n]/.test(oldText.slice(start, oldEnd)) || /[\r\n]/.test(newText.slice(start, newEnd))) return undefined;
  if (start === 0) return undefined;
  // The comment around the character before the change and what it inserted: its `#` is
  // unchanged and it runs to the line's end, in the old text as in the new.
  const node = tree.rootNode.descendantForIndex(start - 1, Math.max(start, newEnd));
  if (node.type !== 'comment' || node.endIndex < newEnd) return undefined;
  if (newText.lastIndexOf('\n', node.startIndex) === -1) return undefined;
  const oldLineEnd = oldText.indexOf('\n', start);
  const oldComment = oldText.slice(node.startIndex, oldLineEnd === -1 ? oldText.length : oldLineEnd);
  if (DIRECTIVE_WORD.test(oldComment) || DIRECTIVE_WORD.test(node.text)) return undefined;
  return { start, oldEnd, delta: newEnd - oldEnd };
}

function moved(offset: number, s: Shift): number {
  return offset >= s.oldEnd ? offset + s.delta : offset;
}

/** A diagnostic of the old text, at its place in the new one. */
export function shiftDiagnostic(d: Diagnostic, s: Shift): Diagnostic {
  return {
    ...d,
    start: moved(d.start, s),
    end: moved(d.end, s),
    related: d.related.map((r) => ({ ...r, start: moved(r.start, s), end: moved(r.end, s) })),
    ...(d.fix ? { fix: { ...d.fix, edits: d.fix.edits.map((e) => ({ ...e, start: moved(e.start, s), end: moved(e.end, s) })) } } : {}),
  };
}

// Typing inside an ordinary comment cannot change what the shell reads, so the
// analysis of the version before still holds, moved by the edit's length: such
// an edit costs a text comparison and a shift, not a parse and an analysis.
// Comments that are or may become directives, and the first line (a shebang),
// are excluded, so what directives silence stays the same too.
import type { Diagnostic, Tree } from '../rules';

/** One changed span: old text [start, oldEnd) became new text of oldEnd - start + delta characters. */
export interface Shift {
  start: number;
  oldEnd: number;
  delta: number;
}

/** Sorted [start, end) of every comment in a text. */
export type CommentRanges = [number, number][];

const DIRECTIVE_WORD = /aliascope|shellcheck/i;

export function commentRanges(tree: Tree): CommentRanges {
  return tree.rootNode.descendantsOfType('comment').map((c): [number, number] => [c.startIndex, c.endIndex]);
}

/** The comment that holds [from, to), by binary search. */
function holding(comments: CommentRanges, from: number, to: number): [number, number] | undefined {
  let lo = 0;
  let hi = comments.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (comments[mid][1] <= from) lo = mid + 1;
    else hi = mid;
  }
  const c = comments[lo];
  return c && c[0] <= from && to <= c[1] ? c : undefined;
}

/**
 * The change from `oldText` to `newText` when it lies inside one plain comment
 * of the old text (`comments`), else undefined. A comment runs from its `#` to
 * the line's end whatever it holds, so with the `#` unchanged and no line break
 * added or removed, the new text has the same comment, and nothing else changed.
 */
export function commentOnlyChange(oldText: string, newText: string, comments: CommentRanges): Shift | undefined {
  const shortest = Math.min(oldText.length, newText.length);
  let start = 0;
  while (start < shortest && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < shortest - start
    && oldText.charCodeAt(oldText.length - 1 - tail) === newText.charCodeAt(newText.length - 1 - tail)) tail++;
  const oldEnd = oldText.length - tail;
  const newEnd = newText.length - tail;
  if (start === 0 || /[\r\n]/.test(oldText.slice(start, oldEnd)) || /[\r\n]/.test(newText.slice(start, newEnd))) return undefined;
  // the character before the change belongs to the comment, so its `#` is unchanged
  const c = holding(comments, start - 1, oldEnd);
  if (!c || oldText.lastIndexOf('\n', c[0]) === -1) return undefined;
  const delta = newEnd - oldEnd;
  if (DIRECTIVE_WORD.test(oldText.slice(c[0], c[1])) || DIRECTIVE_WORD.test(newText.slice(c[0], c[1] + delta))) return undefined;
  return { start, oldEnd, delta };
}

function moved(offset: number, s: Shift): number {
  return offset >= s.oldEnd ? offset + s.delta : offset;
}

/** The comments of the new text. */
export function shiftComments(comments: CommentRanges, s: Shift): CommentRanges {
  return comments.map(([a, b]): [number, number] => [moved(a, s), moved(b, s)]);
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

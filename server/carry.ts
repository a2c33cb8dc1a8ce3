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

const DIRECTIVE_WORD = /aliascope|shellcheck/i;
const CHUNK = 1024;

/** The comments of one text: from its tree, listed only once an edit lands in one. */
export class Comments {
  private constructor(private readonly tree: Tree | undefined, private ranges: [number, number][] | undefined) {}

  static of(tree: Tree): Comments {
    return new Comments(tree, undefined);
  }

  /** Sorted [start, end) of every comment. */
  list(): [number, number][] {
    this.ranges ??= this.tree!.rootNode.descendantsOfType('comment').map((c): [number, number] => [c.startIndex, c.endIndex]);
    return this.ranges;
  }

  /** The comment that holds [from, to). */
  holding(from: number, to: number): [number, number] | undefined {
    // one node first: most edits are not in a comment, and listing them all costs more
    if (!this.ranges && this.tree!.rootNode.descendantForIndex(from).type !== 'comment') return undefined;
    const list = this.list();
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid][1] <= from) lo = mid + 1;
      else hi = mid;
    }
    const c = list[lo];
    return c && c[0] <= from && to <= c[1] ? c : undefined;
  }

  /** The comments of the text after a shift. */
  moved(s: Shift): Comments {
    return new Comments(undefined, this.list().map(([a, b]): [number, number] => [moved(a, s), moved(b, s)]));
  }
}

/**
 * The change from `oldText` to `newText` when it lies inside one plain comment
 * of the old text (`comments`), else undefined. A comment runs from its `#` to
 * the line's end whatever it holds, so with the `#` unchanged and no line break
 * added or removed, the new text has the same comment, and nothing else changed.
 */
export function commentOnlyChange(oldText: string, newText: string, comments: Comments): Shift | undefined {
  const shortest = Math.min(oldText.length, newText.length);
  // whole chunks first: comparing strings is native, a loop over characters is not
  let start = 0;
  while (start + CHUNK <= shortest && oldText.slice(start, start + CHUNK) === newText.slice(start, start + CHUNK)) start += CHUNK;
  while (start < shortest && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
  const oldLast = oldText.length;
  const newLast = newText.length;
  let tail = 0;
  while (tail + CHUNK <= shortest - start
    && oldText.slice(oldLast - tail - CHUNK, oldLast - tail) === newText.slice(newLast - tail - CHUNK, newLast - tail)) tail += CHUNK;
  while (tail < shortest - start && oldText.charCodeAt(oldLast - 1 - tail) === newText.charCodeAt(newLast - 1 - tail)) tail++;
  const oldEnd = oldText.length - tail;
  const newEnd = newText.length - tail;
  if (start === 0 || /[\r\n]/.test(oldText.slice(start, oldEnd)) || /[\r\n]/.test(newText.slice(start, newEnd))) return undefined;
  // the character before the change belongs to the comment, so its `#` is unchanged
  const c = comments.holding(start - 1, oldEnd);
  if (!c || oldText.lastIndexOf('\n', c[0]) === -1) return undefined;
  const delta = newEnd - oldEnd;
  if (DIRECTIVE_WORD.test(oldText.slice(c[0], c[1])) || DIRECTIVE_WORD.test(newText.slice(c[0], c[1] + delta))) return undefined;
  return { start, oldEnd, delta };
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

// The fix loop the command line and the server share: iterate fixes to a
// fixed point, checking that the result parses no worse and that nothing
// outside the fix ranges changed.
import { applyFixes, Diagnostic, errorCount, Fix, parse, TextEdit } from '../rules';

export const MAX_PASSES = 10;

export interface FixOutcome {
  text: string;
  passes: number;
  /** Why fixing stopped early, if it did. */
  refused?: string;
}

/**
 * Bytes outside every candidate edit must survive, in order: the text between
 * merged edit ranges is found in the result one piece after another.
 */
export function keepsOutside(before: string, after: string, edits: TextEdit[]): boolean {
  const spans = edits.map((e) => [e.start, e.end]).sort((a, b) => a[0] - b[0]);
  const merged: number[][] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([...s]);
  }
  if (merged.length === 0) return before === after;
  const gaps: string[] = [];
  let from = 0;
  for (const [s, e] of merged) {
    gaps.push(before.slice(from, s));
    from = e;
  }
  gaps.push(before.slice(from));
  if (!after.startsWith(gaps[0]) || !after.endsWith(gaps[gaps.length - 1])) return false;
  let at = gaps[0].length;
  for (const g of gaps.slice(1, -1)) {
    const i = after.indexOf(g, at);
    if (i === -1) return false;
    at = i + g.length;
  }
  return at <= after.length - gaps[gaps.length - 1].length;
}

/**
 * Applies the fixes `lintOnce` offers, re-linting between passes, until none
 * is left or a pass would break a promise; then keeps the last good text.
 */
export function fixToFixedPoint(text: string, lintOnce: (text: string) => Diagnostic[], first: Diagnostic[]): FixOutcome {
  let baseErrors: number | undefined;
  let current = text;
  let diagnostics = first;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const fixes = diagnostics.map((d) => d.fix).filter((f): f is Fix => !!f);
    if (fixes.length === 0) return { text: current, passes: pass };
    const next = applyFixes(current, fixes).text;
    if (next === current) return { text: current, passes: pass };
    if (!keepsOutside(current, next, fixes.flatMap((f) => f.edits))) {
      return { text: current, passes: pass, refused: 'a fix would change text outside its own range' };
    }
    baseErrors ??= errorCount(parse(text));
    if (errorCount(parse(next)) > baseErrors) {
      return { text: current, passes: pass, refused: 'the fixed script would parse worse than the original' };
    }
    current = next;
    diagnostics = lintOnce(current);
  }
  return { text: current, passes: MAX_PASSES, refused: `fixes did not settle after ${MAX_PASSES} passes` };
}

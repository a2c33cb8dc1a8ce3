// Parse units: what a shell reads before it runs any of it. A top-level list
// runs to the unescaped newline that ends it; compound commands and function
// definitions are single nodes, so they are read whole with their line.
import type { SyntaxNode } from './parse';
import { isArithmetic, segments } from './segments';

export interface Statement {
  node: SyntaxNode;
  /** Followed by `&`: runs in the background, in a subshell. */
  background: boolean;
}

export interface Unit {
  index: number;
  start: number;
  end: number;
  statements: Statement[];
  /** tree-sitter got part of this unit wrong: report nothing from it. */
  uncertain: boolean;
}

/** The statements of a statement list (program, `{ }`, `( )`, do-group…). */
export function statementsOf(parent: SyntaxNode): Statement[] {
  const out: Statement[] = [];
  const kids = parent.children;
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i];
    if (!k.isNamed || k.type === 'comment') continue;
    const next = kids[i + 1];
    out.push({ node: k, background: next !== undefined && next.type === '&' });
  }
  return out;
}

/** True if an unescaped newline lies between `from` and `to`. */
function newlineBetween(text: string, from: number, to: number, comments: SyntaxNode[]): boolean {
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) {
    let slashes = 0;
    for (let j = i - 1; j >= from && text[j] === '\\'; j--) slashes++;
    // a comment ending in `\` does not continue the line
    const inComment = slashes > 0 && comments.some((c) => c.startIndex < i && c.endIndex >= i);
    if (slashes % 2 === 0 || inComment) return true;
  }
  return false;
}

/**
 * Splits a program (a script, an eval string, a sourced file) or a
 * substitution body into parse units; `whole` reads it all as one unit.
 * At program level each unit must line up with a segment found by the
 * independent lexer, or it is marked uncertain.
 */
export function splitUnits(root: SyntaxNode, text: string, whole: boolean): Unit[] {
  const units: Unit[] = [];
  const comments = root.children.filter((c) => c.type === 'comment');
  let current: Unit | undefined;
  let prevEnd = root.startIndex;
  for (const stmt of statementsOf(root)) {
    const k = stmt.node;
    if (!current || newlineBetween(text, prevEnd, k.startIndex, comments)) {
      current = { index: units.length, start: k.startIndex, end: k.endIndex, statements: [], uncertain: false };
      units.push(current);
    }
    current.statements.push(stmt);
    current.end = k.endIndex;
    prevEnd = k.endIndex;
  }
  for (const u of units) u.uncertain = u.statements.some((s) => isUncertain(s.node, text));
  if (root.type === 'program') checkAgainstSegments(units, text);
  if (!whole || units.length === 0) return units;
  const all = units.flatMap((u) => u.statements);
  return [{
    index: 0, start: units[0].start, end: units[units.length - 1].end, statements: all,
    uncertain: units.some((u) => u.uncertain),
  }];
}

function checkAgainstSegments(units: Unit[], text: string): void {
  const segs = segments(text).segments;
  let j = 0;
  units.forEach((u, i) => {
    while (j < segs.length && segs[j].start < u.start) j++;
    const seg = segs[j];
    const next = units[i + 1];
    const aligned = seg && seg.start === u.start && u.end <= seg.end && (!next || next.start >= seg.end);
    if (!aligned) u.uncertain = true;
  });
}

/**
 * Regions tree-sitter-bash is known to get wrong: ERROR/MISSING nodes, a
 * here-document whose start line goes on after the operator (`cat <<E &&`,
 * `cat <<E; cmd`), and a word split by a backslash-newline.
 */
export function isUncertain(node: SyntaxNode, text: string): boolean {
  if (node.hasError) return true;
  const slice = text.slice(node.startIndex, node.endIndex);
  if (slice.includes('<<') && badHeredoc(node, text)) return true;
  if (slice.includes('((') && node.descendantsOfType('arithmetic_expansion')
    .some((a) => !isArithmetic(text, text.indexOf('((', a.startIndex)))) return true;
  if (slice.includes('\\\n') && /[^\s;&|]\\\n[^\s]/.test(slice)) return splitWord(node, text);
  return false;
}

function badHeredoc(node: SyntaxNode, text: string): boolean {
  for (const h of node.descendantsOfType('heredoc_redirect')) {
    const start = h.children.find((c) => c.type === 'heredoc_start');
    const body = h.children.find((c) => c.type === 'heredoc_body');
    const end = h.children.find((c) => c.type === 'heredoc_end');
    if (!start) return true;
    if (/[;&|()]/.test(start.text)) return true;
    const lineEnd = text.indexOf('\n', start.endIndex);
    for (const c of h.children) {
      if (c.startIndex >= start.endIndex && c !== body && c !== end && c.endIndex > lineEnd) return true;
    }
    const delim = start.text.replace(/['"\\]/g, '');
    if (!end || end.text.trim() !== delim) return true;
  }
  return false;
}

function splitWord(node: SyntaxNode, text: string): boolean {
  const re = /[^\s;&|]\\\n[^\s]/g;
  const slice = text.slice(node.startIndex, node.endIndex);
  let m: RegExpExecArray | null;
  while ((m = re.exec(slice))) {
    const at = node.startIndex + m.index + 1;
    const inner = node.descendantForIndex(at);
    if (inner.type !== 'comment' && inner.type !== 'raw_string' && inner.type !== 'heredoc_body') return true;
  }
  return false;
}

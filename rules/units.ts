// Parse units: what a shell reads before it runs any of it. A top-level list
// runs to the unescaped newline that ends it; compound commands and function
// definitions are single nodes, so they are read whole with their line.
import type { SyntaxNode } from './parse';
import { parse } from './parse';
import { isArithmetic, Lexed, masked, Segment, segments } from './segments';
import { firstAtLeast } from './sorted';

export interface Statement {
  node: SyntaxNode;
  /** Followed by `&`: runs in the background, in a subshell. */
  background: boolean;
  /** The right side of an `&&`/`||` that recovery had to unhook: it may or may not run. */
  conditional?: boolean;
}

export interface Unit {
  start: number;
  end: number;
  statements: Statement[];
  /** tree-sitter got part of this unit wrong: report nothing from it. */
  uncertain: boolean;
  /** Set when the unit was parsed again on its own: the text its nodes belong to, at `base`. */
  src?: { text: string; base: number; original: string };
  /**
   * A text read whole (ksh93's sourced files, zsh's and ksh93's eval strings)
   * that tree-sitter got partly wrong: its units as recovered, each as certain
   * as it is on its own, all read before any runs. Read and run these instead
   * of `statements`.
   */
  parts?: Unit[];
}

/** The statements of a statement list (program, `{ }`, `( )`, do-group…). */
export function statementsOf(parent: SyntaxNode): readonly Statement[] {
  // a function body is run again at every call from a new state: list it once
  let out = listed.get(parent);
  if (out) return out;
  out = [];
  const list = parent.children;
  for (let i = 0; i < list.length; i++) {
    const k = list[i];
    if (!k.isNamed || k.type === 'comment') continue;
    const next = list[i + 1];
    out.push({ node: k, background: next !== undefined && next.type === '&' });
  }
  listed.set(parent, out);
  return out;
}

const listed = new WeakMap<SyntaxNode, Statement[]>();

const clauses = new WeakMap<SyntaxNode, { cond: Statement[]; body: Statement[] }>();

/** The statements of an `if` or `elif` clause before its `then`, and after; listed once per node. */
export function conditionAndBody(n: SyntaxNode): { cond: Statement[]; body: Statement[] } {
  let parts = clauses.get(n);
  if (parts) return parts;
  parts = { cond: [], body: [] };
  let inBody = false;
  const list = n.children;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    const type = c.type;
    if (type === 'then') inBody = true;
    else if (c.isNamed && type !== 'comment' && type !== 'elif_clause' && type !== 'else_clause') {
      const next = list[i + 1];
      (inBody ? parts.body : parts.cond).push({ node: c, background: next !== undefined && next.type === '&' });
    }
  }
  clauses.set(n, parts);
  return parts;
}

/** Sorted offsets of every newline, so gaps are checked without rescanning; the last text's are kept. */
let lastNewlines: { text: string; at: number[] } | undefined;
function newlinesOf(text: string): number[] {
  if (lastNewlines?.text === text) return lastNewlines.at;
  const at: number[] = [];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) at.push(i);
  lastNewlines = { text, at };
  return at;
}

/** True if an unescaped newline lies between `from` and `to`. */
function newlineBetween(text: string, newlines: number[], from: number, to: number, comments: SyntaxNode[]): boolean {
  for (let k = firstAtLeast(newlines, from); k < newlines.length && newlines[k] < to; k++) {
    const i = newlines[k];
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
export function splitUnits(root: SyntaxNode, text: string, whole: boolean, lexed?: Lexed): Unit[] {
  const units: Unit[] = [];
  const comments = root.children.filter((c) => c.type === 'comment');
  const newlines = newlinesOf(text);
  let current: Unit | undefined;
  let prevEnd = root.startIndex;
  for (const stmt of statementsOf(root)) {
    // each offset is a call into the binding: ask once
    const start = stmt.node.startIndex;
    const end = stmt.node.endIndex;
    if (!current || newlineBetween(text, newlines, prevEnd, start, comments)) {
      current = { start, end, statements: [], uncertain: false };
      units.push(current);
    }
    current.statements.push(stmt);
    current.end = end;
    prevEnd = end;
  }
  // a root that is itself an ERROR node holds statements tree-sitter could not place
  for (const u of units) u.uncertain = root.type === 'ERROR' || u.statements.some((s) => isUncertain(s.node, text));
  if (root.type === 'program') checkAgainstSegments(units, (lexed ?? segments(text)).segments);
  return whole && units.length ? [mergeAll(units)] : units;
}

function checkAgainstSegments(units: Unit[], segs: Segment[]): void {
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
 * The parse units of a whole program (a script, an eval string, a sourced
 * file). Where tree-sitter's units are uncertain, each true unit found by the
 * segment lexer is parsed again on its own, with inert regions masked; a unit
 * that then parses cleanly replaces the uncertain ones. Offsets stay exact.
 */
export function programUnits(root: SyntaxNode, text: string, whole: boolean, lexed?: Lexed): Unit[] {
  // one lexing of the text serves the check and the recovery
  const segs = (lexed ?? segments(text)).segments;
  const units = splitUnits(root, text, false, { segments: segs, complete: true });
  const recovered = units.some((u) => u.uncertain) ? recover(units, text, segs) : units;
  if (!whole || recovered.length === 0) return recovered;
  if (recovered === units) return [mergeAll(units)];
  // the shell reads it all at once: the recovered units keep their own certainty
  return [{ ...mergeAll(recovered), statements: [], parts: recovered }];
}

function mergeAll(units: Unit[]): Unit {
  return {
    start: units[0].start, end: units[units.length - 1].end,
    statements: units.flatMap((u) => u.statements), uncertain: units.some((u) => u.uncertain),
  };
}

function recover(units: Unit[], text: string, segs: Segment[]): Unit[] {
  const out: Unit[] = [];
  let i = 0;
  let j = 0;
  while (i < units.length) {
    const u = units[i];
    if (!u.uncertain) {
      out.push(u);
      i++;
      continue;
    }
    // the units and segments that overlap, transitively, as one group: a
    // segment left out would be text no unit reads
    let end = u.end;
    let k = i;
    while (j < segs.length && segs[j].end <= u.start) j++;
    const group: { start: number; end: number }[] = [];
    for (let m = j, grew = true; grew;) {
      grew = false;
      while (k + 1 < units.length && units[k + 1].start < end) {
        end = Math.max(end, units[++k].end);
        grew = true;
      }
      while (m < segs.length && segs[m].start < end) {
        group.push(segs[m]);
        end = Math.max(end, segs[m++].end);
        grew = true;
      }
    }
    if (group.length === 0) out.push(...units.slice(i, k + 1).map((x) => ({ ...x, uncertain: true })));
    // a unit that still fails stays as an uncertain placeholder without statements
    for (const g of group) out.push(reparsed(text, g.start, g.end) ?? { start: g.start, end: g.end, statements: [], uncertain: true });
    i = k + 1;
  }
  return out;
}

function reparsed(text: string, start: number, end: number): Unit | null {
  const { text: sub, resumes } = masked(text.slice(start, end));
  const tree = parse(sub);
  const units = splitUnits(tree.rootNode, sub, false);
  if (units.some((u) => u.uncertain)) return null;
  // all of it masked (a here-document with no command, used as a comment): nothing to read or run
  if (units.length === 0) return tree.rootNode.hasError ? null : { start, end, uncertain: false, statements: [], src: { text: sub, base: start, original: text.slice(start, end) } };
  // several units only where an unhooked and-or list resumes
  for (const u of units.slice(1)) {
    if (!resumes.some((r) => r <= u.start && /^\s*$/.test(sub.slice(r, u.start)))) return null;
    u.statements[0] = { ...u.statements[0], conditional: true };
  }
  return {
    start, end, uncertain: false, statements: units.flatMap((u) => u.statements),
    src: { text: sub, base: start, original: text.slice(start, end) },
  };
}

/**
 * Regions tree-sitter-bash is known to get wrong: ERROR/MISSING nodes, a
 * here-document whose start line goes on after the operator (`cat <<E &&`,
 * `cat <<E; cmd`), a word split by a backslash-newline, and `time` or
 * `coproc` before a compound command.
 */
export function isUncertain(node: SyntaxNode, text: string): boolean {
  if (node.hasError) return true;
  const slice = text.slice(node.startIndex, node.endIndex);
  if (slice.includes('<<') && badHeredoc(node, text)) return true;
  if (slice.includes('((') && node.descendantsOfType('arithmetic_expansion')
    .some((a) => !isArithmetic(text, text.indexOf('((', a.startIndex)))) return true;
  if (slice.includes('\\\n') && /[^\s;&|]\\\n[^\s]/.test(slice)) return splitWord(node, text);
  // `${ cmd; }` and `${|cmd;}`: a command substitution run in the current shell
  // (ksh93, mksh, bash 5.3) or an error, never the parameter expansion tree-sitter reads
  if (/\$\{[\s|]/.test(slice) && node.descendantsOfType('expansion').some((e) => /^\$\{[\s|]/.test(text.slice(e.startIndex, e.startIndex + 3)))) return true;
  if (TIMED_COMPOUND.test(slice) && timedCompound(node)) return true;
  return false;
}

/**
 * What may open a compound command: tree-sitter-bash reads `time { …; }`,
 * `time if …` and `coproc NAME { …; }` as a program's arguments.
 */
const COMPOUND_OPENERS = new Set(['{', '(', '((', '[[', '!', 'if', 'while', 'until', 'for', 'case', 'select']);
const TIMED_COMPOUND = /\b(time[ \t]+(-p[ \t]+)?|coproc[ \t]+([A-Za-z_]\w*[ \t]+)?)(\{|\(|\[\[|!|if|while|until|for|case|select)(?![^\s;&|()<>])/;

/** A `time` or `coproc` keyword before a compound command (`coproc` may name it first), which tree-sitter-bash misreads. */
function timedCompound(node: SyntaxNode): boolean {
  return node.descendantsOfType('command').some((c) => {
    const kids = c.children;
    const keyword = kids[0]?.type === 'command_name' ? kids[0].text : '';
    if (keyword !== 'time' && keyword !== 'coproc') return false;
    const skip = keyword === 'time' ? kids[1]?.text === '-p' : /^[A-Za-z_]\w*$/.test(kids[1]?.text ?? '') && kids[2] !== undefined;
    const next = skip ? kids[2] : kids[1];
    return next !== undefined && (next.type === 'subshell' || COMPOUND_OPENERS.has(next.text));
  });
}

function badHeredoc(node: SyntaxNode, text: string): boolean {
  for (const h of node.descendantsOfType('heredoc_redirect')) {
    // one array: `c !== body` below compares nodes of one `children` array
    // only, as the analysis does everywhere (see SyntaxNode)
    const children = h.children;
    const start = children.find((c) => c.type === 'heredoc_start');
    const body = children.find((c) => c.type === 'heredoc_body');
    const end = children.find((c) => c.type === 'heredoc_end');
    if (!start) return true;
    if (/[;&|()]/.test(start.text)) return true;
    const lineEnd = text.indexOf('\n', start.endIndex);
    for (const c of children) {
      if (c.startIndex >= start.endIndex && c !== body && c !== end && c.endIndex > lineEnd) return true;
    }
    const delim = start.text.replace(/['"\\]/g, '');
    // only blanks and a line's end are trimmed: a carriage return is part of the delimiter (`EOF\r`), as in the shells
    if (!end || end.text.replace(/^[ \t]+|[ \t\n]+$/g, '') !== delim) return true;
    // backticks, or a substitution after an indented line: see the workarounds heredoc-backtick and heredoc-indent
    if (body && !/['"\\]/.test(start.text)) {
      // from the start of the body's first line (tree-sitter-bash may start it past the blanks there), without
      // the tabs of a `<<-` delimiter line, which it ends the body with
      const inside = text.slice(text.lastIndexOf('\n', body.startIndex - 1) + 1, body.endIndex).replace(/\n[ \t]*$/, '\n');
      if (inside.includes('`') || (inside.includes('$(') && /^[ \t]+(?:$|[$`])/m.test(inside))) return true;
    }
  }
  return false;
}

function splitWord(node: SyntaxNode, text: string): boolean {
  const re = /[^\s;&|]\\\n[^\s]/g;
  const slice = text.slice(node.startIndex, node.endIndex);
  let m: RegExpExecArray | null;
  while ((m = re.exec(slice))) {
    const at = node.startIndex + m.index + 1;
    if (!quotedAt(node.descendantForIndex(at))) return true;
  }
  return false;
}

const QUOTED = ['comment', 'raw_string', 'string', 'heredoc_body'];

/** Inside quotes, a comment or a here-document, and not in a substitution there: no command word. */
function quotedAt(node: SyntaxNode): boolean {
  for (let p: SyntaxNode | null = node; p; p = p.parent) {
    if (QUOTED.includes(p.type)) return true;
    if (p.type === 'command_substitution' || p.type === 'process_substitution') return false;
  }
  return false;
}

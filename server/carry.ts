// Most keystrokes cannot change what the shell reads: typing inside an
// ordinary comment, or inside (or at the end of) a word of a statement the
// model never looks at (one that names no alias, no function, no alias builtin
// and holds no substitution), or of an argument of a command whose name alone
// the model reads and runs. For those, the analysis of the version before still holds,
// moved by the edit's length: the edit costs a text comparison and a shift,
// not a parse and an analysis. Comments that are or may become directives, the
// first line (a shebang), and every change that could alter the parse (quotes,
// operators, blanks, keywords, line breaks) are excluded.
import { Analysis, argumentsAreInert, Diagnostic, Fix, isInertStatement, isStatementType, SyntaxNode } from '../rules';

/** One changed span: old text [start, oldEnd) became new text of oldEnd - start + delta characters. */
export interface Shift {
  start: number;
  oldEnd: number;
  delta: number;
}

/** The last exact analysis, and the shifts that lead from its text to the current one. */
export interface Origin {
  analysis: Analysis;
  shifts: Shift[];
  /** Sorted [start, end) of the comments of the analysis's text, listed once an edit lands in one. */
  comments: { ranges?: [number, number][] };
}

/** No carried version goes further than this from its exact analysis. */
const MAX_SHIFTS = 1000;

export function originOf(analysis: Analysis): Origin {
  return { analysis, shifts: [], comments: {} };
}

export function advanced(origin: Origin, s: Shift): Origin {
  return { ...origin, shifts: [...origin.shifts, s] };
}

/**
 * The shift from `oldText` to `newText` when the analysis behind `origin`
 * (moved to `oldText`) holds for the new text as well, else undefined.
 */
export function carriedShift(oldText: string, newText: string, origin: Origin, reported: Diagnostic[]): Shift | undefined {
  if (origin.shifts.length >= MAX_SHIFTS) return undefined;
  const s = changedSpan(oldText, newText);
  if (!s || touchesFix(reported, s)) return undefined;
  return inComment(oldText, newText, s, origin) || inInertWord(oldText, newText, s, origin) ? s : undefined;
}

const DIRECTIVE_WORD = /aliascope|shellcheck/i;
const CHUNK = 1024;
/**
 * What may be typed or deleted inside a bare word, and inside double-quoted
 * text. Not `@`, `%` or `:`: tree-sitter-bash rejects them in some words that
 * bash takes (`ec%ho`, `[ a@b ]`, `local a:b`), and the new parse would differ.
 */
const WORD_SAFE = /^[\w.,/+^-]*$/;
const STRING_SAFE = /^[^"$`\\]*$/;
const RAW_SAFE = /^[^']*$/;
const RESERVED = new Set([
  'if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'for', 'select', 'while', 'until', 'do', 'done', 'in',
  'function', 'time', 'coproc', '[[', ']]',
]);

/** The one span where the texts differ; undefined when it starts the text or adds or removes a line break. */
function changedSpan(oldText: string, newText: string): Shift | undefined {
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
  const oldEnd = oldLast - tail;
  const newEnd = newLast - tail;
  if (start === 0 || /[\r\n]/.test(oldText.slice(start, oldEnd)) || /[\r\n]/.test(newText.slice(start, newEnd))) return undefined;
  return { start, oldEnd, delta: newEnd - oldEnd };
}

/** The comment of the current text that holds [from, to). */
function commentHolding(origin: Origin, from: number, to: number): [number, number] | undefined {
  const at = backward(from, origin.shifts);
  const root = origin.analysis.tree.rootNode;
  // one node first: most edits are not in a comment, and listing them all costs more
  if (!origin.comments.ranges && root.descendantForIndex(at).type !== 'comment') return undefined;
  const list = (origin.comments.ranges ??= root.descendantsOfType('comment').map((c): [number, number] => [c.startIndex, c.endIndex]));
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid][1] <= at) lo = mid + 1;
    else hi = mid;
  }
  if (!list[lo] || list[lo][0] > at) return undefined;
  const c: [number, number] = [forward(list[lo][0], origin.shifts), forward(list[lo][1], origin.shifts)];
  return c[0] <= from && to <= c[1] ? c : undefined;
}

/**
 * True when the change lies inside one plain comment of the old text. A
 * comment runs from its `#` to the line's end whatever it holds, so with the
 * `#` unchanged (the character before the change is in the comment) the new
 * text has the same comment, and nothing else changed.
 */
function inComment(oldText: string, newText: string, s: Shift, origin: Origin): boolean {
  const c = commentHolding(origin, s.start - 1, s.oldEnd);
  if (!c || oldText.lastIndexOf('\n', c[0]) === -1) return false;
  return !DIRECTIVE_WORD.test(oldText.slice(c[0], c[1])) && !DIRECTIVE_WORD.test(newText.slice(c[0], c[1] + s.delta));
}

/** An offset of the current text in the origin's, mapping typed text to the character before it. */
function backward(x: number, shifts: Shift[]): number {
  for (let i = shifts.length - 1; i >= 0; i--) {
    const s = shifts[i];
    if (x >= s.oldEnd + s.delta) x -= s.delta;
    else if (x >= s.start) x = s.start - 1;
  }
  return x;
}

function forward(x: number, shifts: Shift[]): number {
  for (const s of shifts) x = moved(x, s);
  return x;
}

/**
 * True when the change stays inside one bare word or quoted text, or adds or
 * removes word characters right after a closing quote, in a statement that is
 * inert before and after it, in a unit the parser got right.
 */
function inInertWord(oldText: string, newText: string, s: Shift, origin: Origin): boolean {
  const { analysis, shifts } = origin;
  if (analysis.aborted) return false;
  const at = backward(s.start - 1, shifts);
  const unit = analysis.units.find((u) => u.start <= at && at < u.end);
  if (!unit || unit.uncertain || unit.src) return false;
  const node = analysis.tree.rootNode.descendantForIndex(at);
  const closed = closedStringAt(node, at);
  const safe = closed || node.type === 'word' ? WORD_SAFE : node.type === 'string_content' ? STRING_SAFE : node.type === 'raw_string' ? RAW_SAFE : undefined;
  if (!safe || !safe.test(oldText.slice(s.start, s.oldEnd)) || !safe.test(newText.slice(s.start, s.oldEnd + s.delta))) return false;
  // Word characters typed right after a closing quote are glued to the string: one
  // word, longer or shorter, that can never become a keyword or a number.
  if (!closed) {
    // a single-quoted string keeps its closing quote
    const wordEnd = forward(node.endIndex, shifts) - (node.type === 'raw_string' ? 1 : 0);
    if (s.oldEnd > wordEnd) return false;
    const word = newText.slice(forward(node.startIndex, shifts), wordEnd + s.delta);
    if (node.type === 'word' && (word === '' || RESERVED.has(word) || /^\d+$/.test(word))) return false;
  }
  const word = closed ?? node;
  let statement = word.parent;
  while (statement && !isStatementType(statement.type)) statement = statement.parent;
  if (!statement || statement.hasError) return false;
  const from = forward(statement.startIndex, shifts);
  const to = forward(statement.endIndex, shifts);
  const before = oldText.slice(from, to);
  const after = newText.slice(from, to + s.delta);
  if (isInertStatement(before, analysis.names) && isInertStatement(after, analysis.names)) return true;
  // or an argument of a command whose name alone the model reads and runs (`k get pods`)
  const name = statement.type === 'command' ? statement.childForFieldName('name') : null;
  if (!name || !isArgumentOf(word, statement) || forward(name.endIndex, shifts) >= s.start) return false;
  return argumentsAreInert(newText.slice(forward(name.startIndex, shifts), forward(name.endIndex, shifts)), [before, after], analysis);
}

/** True if `word` (or the string or concatenation it is part of) is an argument of `command`. */
function isArgumentOf(word: SyntaxNode, command: SyntaxNode): boolean {
  let x = word.parent;
  while (x && (x.type === 'string' || x.type === 'concatenation')) x = x.parent;
  return x?.id === command.id;
}

/**
 * The quoted string that `node`, the node at origin offset `at`, closes there;
 * not in a command name, where the glued word could spell a known name.
 */
function closedStringAt(node: SyntaxNode, at: number): SyntaxNode | undefined {
  const string = node.type === '"' && node.parent?.type === 'string' ? node.parent : node.type === 'raw_string' ? node : undefined;
  if (!string || string.endIndex !== at + 1 || string.endIndex - string.startIndex < 2) return undefined;
  const word = string.parent?.type === 'concatenation' ? string.parent : string;
  return word.parent?.type === 'command_name' ? undefined : string;
}

function moved(offset: number, s: Shift): number {
  return offset >= s.oldEnd ? offset + s.delta : offset;
}

/** True if a fix would rewrite text the change touches: carried over, it would write back the old text. */
function touchesFix(diagnostics: Diagnostic[], s: Shift): boolean {
  return diagnostics.some((d) => [d.fix, ...(d.suggestions ?? [])].some((f) => f?.edits.some((e) => e.start <= s.oldEnd && s.start <= e.end)));
}

function movedFix(f: Fix, s: Shift): Fix {
  return { ...f, edits: f.edits.map((e) => ({ ...e, start: moved(e.start, s), end: moved(e.end, s) })) };
}

/** A diagnostic of the old text, at its place in the new one. */
export function shiftDiagnostic(d: Diagnostic, s: Shift): Diagnostic {
  return {
    ...d,
    start: moved(d.start, s),
    end: moved(d.end, s),
    related: d.related.map((r) => ({ ...r, start: moved(r.start, s), end: moved(r.end, s) })),
    ...(d.definition ? { definition: { start: moved(d.definition.start, s), end: moved(d.definition.end, s) } } : {}),
    ...(d.fix ? { fix: movedFix(d.fix, s) } : {}),
    ...(d.suggestions ? { suggestions: d.suggestions.map((f) => movedFix(f, s)) } : {}),
  };
}

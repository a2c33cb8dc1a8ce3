// Where a node or an offset lies: its function, its subshell, its parse unit.
import type { Analysis, FunctionDef } from '../engine';
import { roughWords } from '../engine/rough-text';
import type { SyntaxNode } from '../parse';
import type { Unit } from '../units';

/** The innermost function definition around a node. */
export function functionOf(node: SyntaxNode): SyntaxNode | null {
  for (let p = node.parent; p; p = p.parent) if (p.type === 'function_definition') return p;
  return null;
}

/**
 * The innermost node that runs its content in a subshell; with `lastInShell`
 * a pipeline's last element is not one (zsh, ksh, bash's lastpipe). Without
 * `ampersandRedirect` (dash), `cmd &>file` runs `cmd` in the background.
 */
export function subshellOf(node: SyntaxNode | null, lastInShell = false, ampersandRedirect = true): SyntaxNode | null {
  for (let n = node; n && n.parent; n = n.parent) {
    const p: SyntaxNode = n.parent;
    if (p.type === 'subshell' || p.type === 'command_substitution' || p.type === 'process_substitution') return p;
    if (p.type === 'pipeline' && !(lastInShell && p.namedChildren.filter((c) => c.type !== 'comment').at(-1)?.startIndex === n.startIndex)) return n;
    if (n.nextSibling?.type === '&') return n;
    if (!ampersandRedirect && p.type === 'redirected_statement' && p.namedChildren.some((c) => c.type === 'file_redirect' && c.firstChild?.type.startsWith('&>'))) return n;
  }
  return null;
}

/** The `trap` command whose handler string holds an offset of the document, or null. */
export function trapAround(analysis: Analysis, offset: number): SyntaxNode | null {
  for (let n: SyntaxNode | null = analysis.tree.rootNode.descendantForIndex(offset); n; n = n.parent) {
    if (n.type !== 'command') continue;
    const handler = n.childrenForFieldName('argument')[0];
    return n.childForFieldName('name')?.text === 'trap' && handler && within(handler, offset) ? n : null;
  }
  return null;
}

export function within(node: SyntaxNode, start: number, base = 0): boolean {
  return node.startIndex + base <= start && start < node.endIndex + base;
}

/** The document's parse unit holding an offset. */
export function unitAt(analysis: Analysis, offset: number): Unit | undefined {
  return unitIn(analysis.units, offset);
}

/** The parse unit holding an offset (units are in text order). */
export function unitIn(units: Unit[], offset: number): Unit | undefined {
  let lo = 0;
  let hi = units.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (units[mid].end <= offset) lo = mid + 1;
    else if (units[mid].start > offset) hi = mid - 1;
    else return units[mid];
  }
  return undefined;
}

/** Whether a function defined before a subshell may be called in it: a word of the subshell names it. */
export function calledIn(subshell: SyntaxNode, base: number, fn: FunctionDef): boolean {
  return fn.src.base !== null && fn.node.endIndex + fn.src.base <= subshell.startIndex + base && roughWords(subshell.text).includes(fn.name);
}

/** Whether code the model could not follow lies in a node of the document: it may define any function anew there. */
export function unknownIn(analysis: Analysis, node: SyntaxNode, base: number): boolean {
  return analysis.unknowns.some((u) => u.file === analysis.file && within(node, u.start, base));
}

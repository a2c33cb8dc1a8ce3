// The one place that talks to tree-sitter. Parsing never fails: a tree with
// ERROR and MISSING nodes is ordinary input for the engine.
import Parser = require('tree-sitter');
// eslint-disable-next-line @typescript-eslint/no-var-requires
const Bash = require('tree-sitter-bash');

export type SyntaxNode = Parser.SyntaxNode;
export type Tree = Parser.Tree;

let parser: Parser | undefined;

function shared(): Parser {
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(Bash);
  }
  return parser;
}

/** tree-sitter's default buffer is too small for large scripts. */
function bufferSize(text: string): number {
  return Math.max(32 * 1024, text.length * 2 + 1024);
}

export function parse(text: string): Tree {
  return shared().parse(text, undefined, { bufferSize: bufferSize(text) });
}

/** A text change in UTF-16 offsets of the old text, as an editor reports it. */
export interface TextChange {
  start: number;
  oldEnd: number;
  newText: string;
}

function pointAt(text: string, offset: number): Parser.Point {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

/**
 * Reparses after edits, reusing the old tree. `oldText` is the text the old
 * tree was parsed from; the changes apply in order, each to the result of the
 * one before. Returns the new text and tree.
 */
export function reparse(oldText: string, oldTree: Tree, changes: TextChange[]): { text: string; tree: Tree } {
  let text = oldText;
  for (const c of changes) {
    const newText = text.slice(0, c.start) + c.newText + text.slice(c.oldEnd);
    const newEnd = c.start + c.newText.length;
    oldTree.edit({
      startIndex: c.start,
      oldEndIndex: c.oldEnd,
      newEndIndex: newEnd,
      startPosition: pointAt(text, c.start),
      oldEndPosition: pointAt(text, c.oldEnd),
      newEndPosition: pointAt(newText, newEnd),
    });
    text = newText;
  }
  const tree = shared().parse(text, oldTree, { bufferSize: bufferSize(text) });
  return { text, tree };
}

/** Counts ERROR and MISSING nodes: the measure "parses no worse" compares. */
export function errorCount(tree: Tree): number {
  let n = 0;
  const stack: SyntaxNode[] = [tree.rootNode];
  while (stack.length) {
    const node = stack.pop()!;
    if (!node.hasError && !node.isMissing) continue;
    if (node.type === 'ERROR' || node.isMissing) n++;
    stack.push(...node.children);
  }
  return n;
}

// The binding crosses into native code and allocates fresh arrays for every
// `children` and `type`; the engine walks the same nodes again for each read
// and call, so both are remembered per node object (the tree hands out one
// object per node while it lives).
const childrenMemo = new WeakMap<SyntaxNode, SyntaxNode[]>();
const typeMemo = new WeakMap<SyntaxNode, string>();

export function kids(node: SyntaxNode): SyntaxNode[] {
  let k = childrenMemo.get(node);
  if (!k) childrenMemo.set(node, (k = node.children));
  return k;
}

export function typeOf(node: SyntaxNode): string {
  let t = typeMemo.get(node);
  if (t === undefined) typeMemo.set(node, (t = node.type));
  return t;
}

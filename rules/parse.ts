// The one place the analysis meets a parser. Parsing never fails: a tree with
// ERROR and MISSING nodes is ordinary input for the engine.
//
// Two parsers give the same trees: tree-sitter's native binding
// (`native.ts`) and tree-sitter compiled to WebAssembly (`wasm.ts`), which
// loads everywhere, browsers included. The host picks one and installs it
// with `useParser` before the first analysis; `rules/` never chooses, since
// loading a binary or a .wasm file is the host's business.

export interface Point {
  row: number;
  column: number;
}

/**
 * The node API the analysis uses: the part both parsers share, as
 * `plain-tree.ts` gives it for either. Offsets are UTF-16 code units, as in
 * JavaScript strings. Those nodes are unique objects with their children
 * remembered, but the analysis relies on neither: facts remembered per node
 * object are a cache only, and nodes are never compared with `===` unless both
 * come from one `children` array (test/engine/node-identity.test.ts), so any
 * tree that answers this API may be given.
 */
export interface SyntaxNode {
  readonly id: number;
  readonly tree: Tree;
  readonly type: string;
  readonly text: string;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly startPosition: Point;
  readonly endPosition: Point;
  readonly isNamed: boolean;
  readonly isMissing: boolean;
  readonly hasError: boolean;
  readonly parent: SyntaxNode | null;
  readonly children: SyntaxNode[];
  readonly namedChildren: SyntaxNode[];
  readonly childCount: number;
  readonly namedChildCount: number;
  readonly firstChild: SyntaxNode | null;
  readonly lastChild: SyntaxNode | null;
  readonly nextSibling: SyntaxNode | null;
  readonly nextNamedSibling: SyntaxNode | null;
  readonly previousNamedSibling: SyntaxNode | null;
  childForFieldName(name: string): SyntaxNode | null;
  childrenForFieldName(name: string): SyntaxNode[];
  descendantForIndex(start: number, end?: number): SyntaxNode;
  /** With `keep`, only those whose range it keeps: the others are never looked up. */
  descendantsOfType(types: string | string[], keep?: (start: number, end: number) => boolean): SyntaxNode[];
  toString(): string;
}

/** An edit in UTF-16 offsets and rows/columns, as tree-sitter's `tree.edit` takes it. */
export interface TreeEdit {
  startIndex: number;
  oldEndIndex: number;
  newEndIndex: number;
  startPosition: Point;
  oldEndPosition: Point;
  newEndPosition: Point;
}

export interface Tree {
  readonly rootNode: SyntaxNode;
  /** Moves the tree's nodes over an edit, so that the next parse can reuse it. */
  edit(edit: TreeEdit): void;
}

export type ParserKind = 'native' | 'wasm';

/** A tree-sitter-bash parser. `old`, edited to match `text`, makes the parse incremental. */
export interface ShellParser {
  readonly kind: ParserKind;
  parse(text: string, old?: Tree): Tree;
}

let installed: ShellParser | undefined;

/** Installs the parser every analysis uses from now on. */
export function useParser(p: ShellParser): void {
  installed = p;
}

/** The installed parser, or undefined before `useParser`. */
export function installedParser(): ShellParser | undefined {
  return installed;
}

function current(): ShellParser {
  if (!installed) throw new Error('aliascope: no parser installed; call useParser() with nativeParser() or loadWasmParser() first');
  return installed;
}

export function parse(text: string): Tree {
  return current().parse(text);
}

/** A text change in UTF-16 offsets of the old text, as an editor reports it. */
export interface TextChange {
  start: number;
  oldEnd: number;
  newText: string;
}

function pointAt(text: string, offset: number): Point {
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
  const tree = current().parse(text, oldTree);
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

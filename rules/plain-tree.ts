// A parser's tree, read into plain JavaScript objects as the analysis reaches
// its nodes.
//
// Both bindings answer every property of their node objects with a call into
// native or wasm code, and the native one also gives each such object a weak
// reference and a finalizer. The engine asks for types, offsets and children
// many times per node, yet reaches only a small part of each tree. So a node's
// children are read once, through one cursor, the first time they are asked
// for; every later question is a field read, and nodes are unique objects
// (`===` and per-node maps hold).
import { LineIndex } from './line-index';
import type { Point, SyntaxNode, Tree, TreeEdit } from './parse';

/** A binding's node, as far as the rare questions need one. */
interface RawNode {
  readonly startIndex: number;
  readonly endIndex: number;
  readonly type: string;
  readonly hasError: boolean;
  readonly isMissing: boolean;
  readonly children: RawNode[];
  descendantsOfType(types: string | string[]): (RawNode | null)[];
  descendantForIndex(start: number, end: number): RawNode;
  toString(): string;
}

/** The cursor API both bindings share, as far as the reading needs it. */
export interface TreeCursorLike {
  readonly nodeTypeId: number;
  readonly nodeType: string;
  readonly nodeIsNamed: boolean;
  readonly nodeIsMissing: boolean;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly currentFieldId: number;
  readonly currentFieldName: string | null;
  readonly currentDescendantIndex: number;
  gotoFirstChild(): boolean;
  gotoNextSibling(): boolean;
  gotoDescendant(index: number): void;
  readonly currentNode: RawNode;
}

/** A binding's tree: edits go to it, for reparsing; reading goes through a cursor at its root. */
export interface RawTree {
  edit(edit: TreeEdit): void;
}

/**
 * Per-grammar facts learnt from the cursor the first time each id is met: a
 * node's type name and named-ness depend only on its type id, a field's name
 * only on its field id.
 */
class Symbols {
  /** By type id, which is sparse: ERROR's is the largest there is. */
  readonly types = new Map<number, { type: string; named: boolean }>();
  readonly fields: (string | null)[] = [null];
}

/** The field id meaning "no field", in both bindings. */
const NO_FIELD = 0;
/** The first index in [0, length) at which `after` holds, or `length`: `after` must hold from some index on. */
function firstIndex(length: number, after: (i: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (after(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

class PlainNode implements SyntaxNode {
  private kids: PlainNode[] | undefined;
  private error: boolean | undefined;

  constructor(
    readonly tree: PlainTree,
    readonly parent: PlainNode | null,
    /** The node's place in a preorder walk of the tree, as the cursor counts. */
    readonly id: number,
    readonly type: string,
    readonly isNamed: boolean,
    readonly isMissing: boolean,
    readonly startIndex: number,
    readonly endIndex: number,
    /** The field this node fills in its parent, by id. */
    readonly fieldId: number,
    /** Position among the parent's children. */
    readonly index: number,
  ) {}

  get children(): PlainNode[] {
    return (this.kids ??= this.tree.childrenOf(this));
  }

  get text(): string {
    return this.tree.text.slice(this.startIndex, this.endIndex);
  }

  get startPosition(): Point {
    return this.tree.pointAt(this.startIndex);
  }

  get endPosition(): Point {
    return this.tree.pointAt(this.endIndex);
  }

  get hasError(): boolean {
    return (this.error ??= this.tree.hasErrorAt(this));
  }

  get namedChildren(): PlainNode[] {
    return this.children.filter((c) => c.isNamed);
  }

  get childCount(): number {
    return this.children.length;
  }

  get namedChildCount(): number {
    return this.namedChildren.length;
  }

  get firstChild(): PlainNode | null {
    return this.children[0] ?? null;
  }

  get lastChild(): PlainNode | null {
    return this.children[this.children.length - 1] ?? null;
  }

  get nextSibling(): PlainNode | null {
    return this.parent?.children[this.index + 1] ?? null;
  }

  get nextNamedSibling(): PlainNode | null {
    const siblings = this.parent?.children ?? [];
    for (let i = this.index + 1; i < siblings.length; i++) if (siblings[i].isNamed) return siblings[i];
    return null;
  }

  get previousNamedSibling(): PlainNode | null {
    const siblings = this.parent?.children ?? [];
    for (let i = this.index - 1; i >= 0; i--) if (siblings[i].isNamed) return siblings[i];
    return null;
  }

  childForFieldName(name: string): PlainNode | null {
    // the children first: reading them may be when the field's name is learnt
    const kids = this.children;
    const id = this.tree.symbols.fields.indexOf(name);
    return id > NO_FIELD ? kids.find((c) => c.fieldId === id) ?? null : null;
  }

  childrenForFieldName(name: string): PlainNode[] {
    const kids = this.children;
    const id = this.tree.symbols.fields.indexOf(name);
    return id > NO_FIELD ? kids.filter((c) => c.fieldId === id) : [];
  }

  /** The deepest node spanning [start, end], as the binding finds it (it sees nodes the cursor hides). */
  descendantForIndex(start: number, end = start): PlainNode {
    return this.tree.descendantForIndex(this, start, end);
  }

  /** This node and its descendants of the given types, in document order. */
  descendantsOfType(types: string | string[], keep?: (start: number, end: number) => boolean): PlainNode[] {
    return this.tree.descendantsOfType(this, typeof types === 'string' ? [types] : types, keep);
  }

  /** The S-expression tree-sitter prints, from the binding itself. */
  toString(): string {
    return this.tree.rawNode(this).toString();
  }
}

export class PlainTree implements Tree {
  readonly rootNode: PlainNode;
  /** Whether any node has an error: most trees have none, and then no node need be asked. */
  private readonly anyError: boolean;
  /** The preorder index of the node the cursor is on (it starts at the root), so a read right after it needs no move. */
  private at = 0;
  private lines: LineIndex | undefined;
  private edited = false;
  private errors: [number, number][] | undefined;

  constructor(
    /** The binding's own tree, kept for edits and incremental reparsing. */
    readonly raw: RawTree,
    /** Whether children of a node of this type may fill fields; the cursor is asked only for those. */
    private readonly fielded: (type: string) => boolean,
    /** A cursor at the root of `raw`: nodes are read through it. */
    private readonly cursor: TreeCursorLike,
    readonly text: string,
    readonly symbols: Symbols,
  ) {
    this.anyError = cursor.currentNode.hasError;
    this.rootNode = this.nodeHere(null, 0);
  }

  /**
   * Moves the binding's tree for an incremental reparse. Nodes not read yet
   * can no longer be: the cursor would walk the moved tree (and the native one
   * may hold parts the edit replaced), while nodes read before keep the old
   * offsets. Hosts never edit a tree they still read (server/document.ts).
   */
  edit(edit: TreeEdit): void {
    this.edited = true;
    this.raw.edit(edit);
  }

  pointAt(offset: number): Point {
    const { line, column } = (this.lines ??= new LineIndex(this.text)).position(offset);
    return { row: line, column };
  }

  private moveTo(node: PlainNode): void {
    if (this.edited) throw new Error('aliascope: a tree was read after an edit moved it; reparse first');
    if (this.at !== node.id) this.cursor.gotoDescendant(node.id);
    this.at = node.id;
  }

  childrenOf(node: PlainNode): PlainNode[] {
    this.moveTo(node);
    const c = this.cursor;
    const out: PlainNode[] = [];
    if (!c.gotoFirstChild()) return out;
    do out.push(this.nodeHere(node, out.length));
    while (c.gotoNextSibling());
    this.at = out[out.length - 1].id;
    return out;
  }

  /**
   * Ranges and nodes never overlap partly, so a node has an error exactly when
   * an ERROR or MISSING node lies within its range, unless that one has the
   * same range (it may be an ancestor) or is empty at an end (it may be a
   * sibling's): then the binding is asked.
   */
  hasErrorAt(node: PlainNode): boolean {
    if (!this.anyError) return false;
    const errors = (this.errors ??= this.errorRanges());
    const { startIndex: a, endIndex: b } = node;
    let inside = false;
    for (let i = firstIndex(errors.length, (j) => errors[j][0] >= a); i < errors.length && errors[i][0] <= b; i++) {
      const [s, e] = errors[i];
      if (e > b) continue;
      if ((s === a && e === b) || (s === e && (s === a || s === b))) return this.rawNode(node).hasError;
      inside = true;
    }
    return inside;
  }

  /** Every ERROR and MISSING node's range, by start: found by descending only where the binding says an error lies. */
  private errorRanges(): [number, number][] {
    this.moveTo(this.rootNode);
    const found: [number, number][] = [];
    const stack = [this.cursor.currentNode];
    while (stack.length) {
      const n = stack.pop()!;
      if (n.type === 'ERROR' || n.isMissing) found.push([n.startIndex, n.endIndex]);
      for (const c of n.children) if (c.hasError) stack.push(c);
    }
    return found.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  }

  /** The binding's own object for a node: one call, for what is asked rarely. */
  rawNode(node: PlainNode): RawNode {
    this.moveTo(node);
    return this.cursor.currentNode;
  }

  /**
   * The binding finds them (it walks the subtree without making an object per
   * node); each is then looked up here by its range and type, which no two
   * nodes of one type share in this grammar.
   */
  descendantsOfType(node: PlainNode, types: string[], keep?: (start: number, end: number) => boolean): PlainNode[] {
    const found: PlainNode[] = [];
    for (const raw of this.rawNode(node).descendantsOfType(types)) {
      if (!raw || (keep && !keep(raw.startIndex, raw.endIndex))) continue;
      const n = this.find(node, raw.startIndex, raw.endIndex, raw.type);
      if (n) found.push(n);
    }
    return found;
  }

  descendantForIndex(node: PlainNode, start: number, end: number): PlainNode {
    const raw = this.rawNode(node).descendantForIndex(start, end);
    return this.find(node, raw.startIndex, raw.endIndex, raw.type) ?? node;
  }

  private find(from: PlainNode, start: number, end: number, type: string): PlainNode | undefined {
    const stack = [from];
    while (stack.length) {
      const n = stack.pop()!;
      if (n.startIndex === start && n.endIndex === end && n.type === type) return n;
      const kids = n.children;
      // children are in order: skip, by halves, those that end before the range
      const lo = firstIndex(kids.length, (j) => kids[j].endIndex >= end);
      let last = lo;
      while (last < kids.length && kids[last].startIndex <= start) last++;
      for (let i = last - 1; i >= lo; i--) if (end <= kids[i].endIndex) stack.push(kids[i]);
    }
    return undefined;
  }

  /** Makes the node the cursor is on, learning its type and field names on first sight. */
  private nodeHere(parent: PlainNode | null, index: number): PlainNode {
    const { cursor: c, symbols } = this;
    const typeId = c.nodeTypeId;
    let symbol = symbols.types.get(typeId);
    if (!symbol) symbols.types.set(typeId, (symbol = { type: c.nodeType, named: c.nodeIsNamed }));
    // the native binding says undefined, and wasm 0, for no field
    const fieldId = (parent && this.fielded(parent.type) && c.currentFieldId) || NO_FIELD;
    if (symbols.fields[fieldId] === undefined) symbols.fields[fieldId] = c.currentFieldName;
    const start = c.startIndex;
    const end = c.endIndex;
    // Only an empty node can be missing, and only in a tree with an error: ask no more often than that.
    const missing = start === end && this.anyError && c.nodeIsMissing;
    return new PlainNode(this, parent, parent ? c.currentDescendantIndex : 0, symbol.type, symbol.named, missing, start, end, fieldId, index);
  }
}

const grammars = new WeakMap<object, Symbols>();

/**
 * Wraps a binding's tree; `cursor` is a fresh cursor at its root, and
 * `grammar` any object that stands for the language, whose learnt names all
 * its trees share. `fielded`, where the grammar's node types say it, spares
 * asking for the field of every child of a node type that has none.
 */
export function plainTree(raw: RawTree, cursor: TreeCursorLike, text: string, grammar: object, fielded: (type: string) => boolean = () => true): PlainTree {
  let symbols = grammars.get(grammar);
  if (!symbols) grammars.set(grammar, (symbols = new Symbols()));
  return new PlainTree(raw, fielded, cursor, text, symbols);
}

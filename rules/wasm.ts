// The WebAssembly parser: web-tree-sitter with tree-sitter-bash's .wasm. It
// loads wherever WebAssembly runs (any Node, any platform, a browser), at
// some cost in speed. The caller hands over both .wasm files, as bytes or
// URLs, so this module reads no files and works the same in Node and a page.
//
// web-tree-sitter makes a new JavaScript object for a node each time one is
// reached, and frees a tree only on `delete()`. The analysis remembers facts
// per node object and lets trees go by dropping them, as the native binding
// allows, so both are adapted here: each tree hands out one wrapper per node
// (by node id), and a tree's wasm memory is freed once its wrapper is
// collected.
import type * as Wts from 'web-tree-sitter';
import type { Point, ShellParser, SyntaxNode, Tree, TreeEdit } from './parse';

/** The two .wasm files: web-tree-sitter's runtime and the bash grammar. */
export interface WasmSources {
  runtime: Uint8Array | string;
  language: Uint8Array | string;
}

const freed = new FinalizationRegistry<Wts.Tree>((raw) => raw.delete());

class WasmTree implements Tree {
  private readonly nodes = new Map<number, WasmNode>();
  private root: WasmNode | undefined;

  constructor(readonly raw: Wts.Tree) {
    freed.register(this, raw);
  }

  get rootNode(): SyntaxNode {
    return (this.root ??= this.wrap(this.raw.rootNode));
  }

  edit(edit: TreeEdit): void {
    this.raw.edit(edit);
    // Nodes moved: wrappers made before hold the old offsets.
    this.nodes.clear();
    this.root = undefined;
  }

  wrap(raw: Wts.Node): WasmNode {
    let n = this.nodes.get(raw.id);
    if (!n) this.nodes.set(raw.id, (n = new WasmNode(raw, this)));
    return n;
  }

  wrapOrNull(raw: Wts.Node | null): WasmNode | null {
    return raw ? this.wrap(raw) : null;
  }

  wrapAll(raws: (Wts.Node | null)[]): WasmNode[] {
    const out: WasmNode[] = [];
    for (const r of raws) if (r) out.push(this.wrap(r));
    return out;
  }
}

class WasmNode implements SyntaxNode {
  private _type: string | undefined;
  private _text: string | undefined;
  private _children: WasmNode[] | undefined;

  constructor(private readonly raw: Wts.Node, readonly tree: WasmTree) {}

  get id(): number { return this.raw.id; }
  get type(): string { return (this._type ??= this.raw.type); }
  get text(): string { return (this._text ??= this.raw.text); }
  get startIndex(): number { return this.raw.startIndex; }
  get endIndex(): number { return this.raw.endIndex; }
  get startPosition(): Point { return this.raw.startPosition; }
  get endPosition(): Point { return this.raw.endPosition; }
  get isNamed(): boolean { return this.raw.isNamed; }
  get isMissing(): boolean { return this.raw.isMissing; }
  get hasError(): boolean { return this.raw.hasError; }
  get parent(): SyntaxNode | null { return this.tree.wrapOrNull(this.raw.parent); }
  get children(): SyntaxNode[] { return (this._children ??= this.tree.wrapAll(this.raw.children)); }
  get namedChildren(): SyntaxNode[] { return this.tree.wrapAll(this.raw.namedChildren); }
  get childCount(): number { return this.raw.childCount; }
  get namedChildCount(): number { return this.raw.namedChildCount; }
  get firstChild(): SyntaxNode | null { return this.tree.wrapOrNull(this.raw.firstChild); }
  get lastChild(): SyntaxNode | null { return this.tree.wrapOrNull(this.raw.lastChild); }
  get nextSibling(): SyntaxNode | null { return this.tree.wrapOrNull(this.raw.nextSibling); }
  get nextNamedSibling(): SyntaxNode | null { return this.tree.wrapOrNull(this.raw.nextNamedSibling); }
  get previousNamedSibling(): SyntaxNode | null { return this.tree.wrapOrNull(this.raw.previousNamedSibling); }

  childForFieldName(name: string): SyntaxNode | null {
    return this.tree.wrapOrNull(this.raw.childForFieldName(name));
  }

  childrenForFieldName(name: string): SyntaxNode[] {
    return this.tree.wrapAll(this.raw.childrenForFieldName(name));
  }

  descendantForIndex(start: number, end = start): SyntaxNode {
    return this.tree.wrapOrNull(this.raw.descendantForIndex(start, end)) ?? this;
  }

  descendantsOfType(types: string | string[]): SyntaxNode[] {
    return this.tree.wrapAll(this.raw.descendantsOfType(types));
  }

  toString(): string {
    return this.raw.toString();
  }
}

/** Loads web-tree-sitter and the bash grammar; resolves to a parser. */
export async function loadWasmParser(sources: WasmSources, wts?: typeof Wts): Promise<ShellParser> {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { Parser, Language } = wts ?? (require('web-tree-sitter') as typeof Wts);
  const { runtime } = sources;
  await Parser.init(typeof runtime === 'string' ? { locateFile: () => runtime } : { wasmBinary: runtime });
  const language = await Language.load(sources.language);
  const parser = new Parser();
  parser.setLanguage(language);
  return {
    kind: 'wasm',
    parse(text: string, old?: Tree): Tree {
      const raw = parser.parse(text, old ? (old as WasmTree).raw : null);
      // null only without a language or after a cancelled parse, neither of which happens here
      if (!raw) throw new Error('web-tree-sitter returned no tree');
      return new WasmTree(raw);
    },
  };
}

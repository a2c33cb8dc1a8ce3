// One open document: its text, kept in step with the editor's incremental
// changes, and a tree-sitter tree brought up to date lazily, once per version
// that is actually analysed, by reparsing the old tree with the edits since.
//
// `tree.edit` moves the binding's tree, but not the nodes an analysis already
// read from it (rules/plain-tree.ts), which would then disagree with the rest.
// A walked tree is therefore never edited: the next reparse starts from a copy
// of it (a reparse with no edits).
import { TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { parse, reparse, TextChange, Tree } from '../rules';

/** Past this many pending edits, a fresh parse is cheaper than replaying them. */
const MAX_REPLAYED_EDITS = 64;

export class ShellDocument {
  private doc: TextDocument;
  private parsed: { text: string; tree: Tree } | undefined;
  /** The tree a full analysis walked, if any: never to be edited. */
  private walked: Tree | undefined;
  private pending: TextChange[] = [];

  constructor(readonly uri: string, readonly languageId: string, version: number, text: string) {
    this.doc = TextDocument.create(uri, languageId, version, text);
  }

  get version(): number {
    return this.doc.version;
  }

  get text(): string {
    return this.doc.getText();
  }

  get lines(): TextDocument {
    return this.doc;
  }

  /**
   * Applies the changes of one didChange. Returns false, changing nothing, for
   * a version not newer than the current one: its ranges refer to a text we no
   * longer have.
   */
  update(changes: TextDocumentContentChangeEvent[], version: number): boolean {
    if (version <= this.doc.version) return false;
    for (const change of changes) {
      if ('range' in change) {
        const start = this.doc.offsetAt(change.range.start);
        const oldEnd = Math.max(start, this.doc.offsetAt(change.range.end));
        this.pending.push({ start, oldEnd, newText: change.text });
      } else {
        this.dropTree();
      }
      this.doc = TextDocument.update(this.doc, [change], version);
    }
    if (changes.length === 0) this.doc = TextDocument.update(this.doc, [], version);
    return true;
  }

  /** Frees the tree (memory); the next `tree()` parses afresh. */
  dropTree(): void {
    this.parsed = undefined;
    this.walked = undefined;
    this.pending = [];
  }

  /** The tree of the current text, for a full analysis: no edit will move it. */
  treeToWalk(): Tree {
    this.walked = this.tree();
    return this.walked;
  }

  /** The tree of the current text, for looking at a few nodes. */
  tree(): Tree {
    const text = this.text;
    if (this.parsed && this.pending.length === 0 && this.parsed.text === text) return this.parsed.tree;
    let next: { text: string; tree: Tree } | undefined;
    if (this.parsed && this.pending.length <= MAX_REPLAYED_EDITS) {
      const { text: old, tree } = this.parsed;
      next = reparse(old, tree === this.walked ? reparse(old, tree, []).tree : tree, this.pending);
      // Clamped or overlapping ranges from a confused client: start afresh.
      if (next.text !== text) next = undefined;
    }
    this.parsed = next ?? { text, tree: parse(text) };
    this.walked = undefined;
    this.pending = [];
    return this.parsed.tree;
  }
}

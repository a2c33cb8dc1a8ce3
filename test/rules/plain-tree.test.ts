// rules/plain-tree.ts reads a binding's tree into plain objects as the
// analysis reaches its nodes. Every node must answer as the binding's own
// node does: type, offsets, positions, flags, fields, siblings, and the
// searches, for both bindings, on tricky texts and real scripts, also for a
// tree reparsed after an edit.
import { existsSync, readdirSync, readFileSync } from 'fs';
import { homedir } from 'os';
import { join } from 'path';
import { describe, expect, it } from 'vitest';
import { wasmFile } from '../../host/parser';
import { asShellReads } from '../../rules/blanks';
import { nativeParser } from '../../rules/native';
import { installedParser, reparse, useParser, type ShellParser, type SyntaxNode, type Tree } from '../../rules/parse';
import { plainTree, type PlainTree, type TreeCursorLike } from '../../rules/plain-tree';
import { loadWasmParser } from '../../rules/wasm';

const PARSERS: Record<string, ShellParser> = {
  native: nativeParser(),
  wasm: await loadWasmParser({ runtime: readFileSync(wasmFile('runtime')), language: readFileSync(wasmFile('language')) }),
};

const TEXTS = {
  'multi-byte characters': 'f() { echo "é😀 $(ls ü)"; }\r\n# 日本語 \\\nalias k=\'kubectl\'; k get\nx=1 y\n',
  'errors and missing tokens': 'if [ x ]; then\n  echo "😀 $(\ncase a in\nb) echo ) ;;\nfor ((i=0;; do\n',
  'here-documents': 'cat <<EOF; echo ü\nbody 😀 $(date)\nEOF\n: <<\'X\'\nalias q=1\nX\nq\n',
  'fields and nesting': 'for i in a b; do case $i in a|b) x=${i%%.*} ;; esac; done\nwhile [[ -n $x && $y == z ]]; do (( n += 1 )); done\nf() ( g 2>&1 | h <&3 ); a[1]=2 declare -A m\n',
  'empty': '',
};

const CORPUS = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'aliascope', 'corpus');
/** Every this-many-th corpus file: the comparison asks every question of every node. */
const CORPUS_STEP = 40;
const SEARCHED = ['command', 'heredoc_redirect', 'expansion', 'comment', 'ERROR'];

interface RawNode {
  type: string; startIndex: number; endIndex: number; text: string;
  startPosition: { row: number; column: number }; endPosition: { row: number; column: number };
  isNamed: boolean; isMissing: boolean; hasError: boolean;
  children: RawNode[]; namedChildren: RawNode[];
  fieldNameForChild(i: number): string | null;
  descendantForIndex(start: number, end?: number): RawNode;
  descendantsOfType(types: string[]): RawNode[];
}

const key = (n: { type: string; startIndex: number; endIndex: number } | null) => (n ? `${n.type}@${n.startIndex}-${n.endIndex}` : null);

/** Compares every node of the plain tree with the binding's; returns how many nodes it compared. */
function compare(tree: Tree): number {
  const raw = (tree as PlainTree).raw as unknown as { rootNode: RawNode };
  const pairs: [SyntaxNode, RawNode, RawNode | null, number][] = [[tree.rootNode, raw.rootNode, null, 0]];
  let n = 0;
  while (pairs.length) {
    const [p, r, parent, index] = pairs.pop()!;
    const where = key(r);
    // the binding parsed the text as the shell reads it; node texts are cut from the real one
    expect([p.type, p.startIndex, p.endIndex, asShellReads(p.text), p.isNamed, p.isMissing, p.hasError], where!)
      .toEqual([r.type, r.startIndex, r.endIndex, r.text, r.isNamed, r.isMissing, r.hasError]);
    expect([p.startPosition, p.endPosition], where!).toEqual([r.startPosition, r.endPosition]);
    // Siblings as the parent's children list them: the binding's own sibling
    // getters skip an empty MISSING node at the end of a list.
    const siblings = parent?.children ?? [];
    const named = (list: RawNode[]) => list.find((c) => c.isNamed) ?? null;
    expect([p.parent, p.nextSibling, p.nextNamedSibling, p.previousNamedSibling].map(key), where!)
      .toEqual([parent, siblings[index + 1] ?? null, named(siblings.slice(index + 1)), named(siblings.slice(0, index).reverse())].map(key));
    expect([p.childCount, p.namedChildCount, key(p.firstChild), key(p.lastChild)], where!)
      .toEqual([r.children.length, r.namedChildren.length, key(r.children[0] ?? null), key(r.children[r.children.length - 1] ?? null)]);
    expect(p.namedChildren.map(key), where!).toEqual(r.namedChildren.map(key));
    const fields = new Set(r.children.map((_, i) => r.fieldNameForChild(i)).filter((f): f is string => !!f));
    for (const f of fields) {
      const want = r.children.filter((_, i) => r.fieldNameForChild(i) === f).map(key);
      expect(p.childrenForFieldName(f).map(key), `${where} ${f}`).toEqual(want);
      expect(key(p.childForFieldName(f)), `${where} ${f}`).toEqual(want[0]);
    }
    expect(p.childForFieldName('no_such_field')).toBeNull();
    r.children.forEach((c, i) => pairs.push([p.children[i], c, r, i]));
    n++;
  }
  const root = tree.rootNode;
  const text = root.text;
  for (let at = 0; at <= text.length; at += 3) {
    expect(key(root.descendantForIndex(at)), `descendantForIndex(${at})`).toEqual(key(raw.rootNode.descendantForIndex(at)));
    const end = Math.min(text.length, at + 5);
    expect(key(root.descendantForIndex(at, end)), `descendantForIndex(${at}, ${end})`).toEqual(key(raw.rootNode.descendantForIndex(at, end)));
  }
  expect(root.descendantsOfType(SEARCHED).map(key)).toEqual(raw.rootNode.descendantsOfType(SEARCHED).map(key));
  root.children.forEach((c, i) => expect(c.descendantsOfType('command').map(key)).toEqual(raw.rootNode.children[i].descendantsOfType(['command']).map(key)));
  // `keep` drops by range before the lookup: every other command, by its start
  const odd = (start: number) => start % 2 === 1;
  expect(root.descendantsOfType('command', odd).map(key)).toEqual(raw.rootNode.descendantsOfType(['command']).filter((n) => odd(n.startIndex)).map(key));
  expect(root.toString()).toBe((raw.rootNode as unknown as { toString(): string }).toString());
  return n;
}

describe.each(Object.keys(PARSERS))('the plain tree answers as the %s binding does', (name) => {
  const parser = PARSERS[name];

  for (const [what, text] of Object.entries(TEXTS)) {
    it(`with ${what}`, () => {
      expect(compare(parser.parse(text))).toBeGreaterThan(text ? 10 : 0);
    });
  }

  it('with a field asked for before any node that fills it was read', () => {
    // A new grammar key: nothing learnt yet, as in the first tree a process parses.
    const raw = (parser.parse('alias k=x; k') as PlainTree).raw as unknown as { walk(): TreeCursorLike };
    const tree = plainTree(raw as never, raw.walk(), 'alias k=x; k', {});
    const [first, , second] = tree.rootNode.children;
    expect(first.childForFieldName('name')?.text).toBe('alias');
    expect(second.childrenForFieldName('name').map((n) => n.text)).toEqual(['k']);
    expect(first.childrenForFieldName('argument').map((n) => n.text)).toEqual(['k=x']);
  });

  it('in a tree reparsed after an edit', () => {
    const text = TEXTS['here-documents'];
    const old = parser.parse(text);
    // Read part of the old tree first, as an editor's hover would.
    expect(old.rootNode.descendantsOfType('command').length).toBeGreaterThan(1);
    const before = installedParser()!;
    useParser(parser);
    const next = reparse(text, old, [{ start: 0, oldEnd: 0, newText: 'x=é\n' }]);
    useParser(before);
    expect(next.text).toBe(`x=é\n${text}`);
    expect(compare(next.tree)).toBeGreaterThan(10);
  });

  it('refuses to read nodes of a tree an edit moved, and keeps those read before', () => {
    const tree = parser.parse(TEXTS['fields and nesting']);
    const first = tree.rootNode.children[0];
    tree.edit({
      startIndex: 0, oldEndIndex: 0, newEndIndex: 2,
      startPosition: { row: 0, column: 0 }, oldEndPosition: { row: 0, column: 0 }, newEndPosition: { row: 0, column: 2 },
    });
    expect(first.startIndex).toBe(0);
    expect(() => first.children).toThrow(/after an edit/);
  });

  it('with nodes reached in any order: a deep one first, then its ancestors\' siblings', () => {
    const tree = parser.parse(TEXTS['fields and nesting']);
    const deep = tree.rootNode.descendantForIndex(TEXTS['fields and nesting'].indexOf('%%'));
    expect(deep.type).not.toBe('program');
    expect(compare(tree)).toBeGreaterThan(30);
  });

  it.skipIf(!existsSync(CORPUS))(`on every ${CORPUS_STEP}th file of the Debian corpus (${existsSync(CORPUS) ? CORPUS : 'skipped: no corpus at ~/.cache/aliascope/corpus'})`, () => {
    const names = readdirSync(CORPUS).sort().filter((_, i) => i % CORPUS_STEP === 0);
    let nodes = 0;
    for (const file of names) {
      const text = readFileSync(join(CORPUS, file), 'utf8');
      if (!text.includes('\0')) nodes += compare(parser.parse(text));
    }
    expect(nodes).toBeGreaterThan(10_000);
  }, 300_000);
});

// rules/native.ts reads a node's start from the node object's own fields and
// remembers the type of anonymous nodes, instead of asking the binding each
// time. Both must give what the binding's tree cursor gives, node by node,
// also for text past multi-byte characters and after an edit moved the nodes.
import { describe, expect, it } from 'vitest';
import type NativeParser = require('tree-sitter');
import { nativeParser } from '../../rules/native';
import type { SyntaxNode, Tree } from '../../rules/parse';

const parser = nativeParser();

const TEXTS = {
  'multi-byte characters': 'f() { echo "é😀 $(ls ü)"; }\r\n# 日本語 \\\nalias k=\'kubectl\'; k get\nx=1 y\n',
  'errors and missing tokens': 'if [ x ]; then\n  echo "😀 $(\ncase a in\nb) echo ) ;;\nfor ((i=0;; do\n',
  'here-documents': 'cat <<EOF; echo ü\nbody 😀 $(date)\nEOF\n: <<\'X\'\nalias q=1\nX\nq\n',
};

/** Every node in preorder, with the cursor's start and type for it. */
function compare(tree: Tree): number {
  const cursor = (tree as unknown as NativeParser.Tree).walk();
  const nodes: SyntaxNode[] = [tree.rootNode];
  let n = 0;
  for (;;) {
    const node = nodes.shift()!;
    expect([node.type, node.startIndex]).toEqual([cursor.nodeType, cursor.startIndex]);
    n++;
    nodes.unshift(...node.children);
    if (cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) {
        expect(nodes).toEqual([]);
        return n;
      }
    }
  }
}

describe('native nodes answer as the binding does', () => {
  for (const [name, text] of Object.entries(TEXTS)) {
    it(`with ${name}`, () => {
      expect(compare(parser.parse(text))).toBeGreaterThan(10);
    });
  }

  it('after an edit moved the nodes made before it', () => {
    const text = TEXTS['multi-byte characters'];
    const tree = parser.parse(text);
    const before = tree.rootNode.children.map((c) => [c.type, c.startIndex]);
    // insert two characters at the start, as an editor would
    tree.edit({
      startIndex: 0, oldEndIndex: 0, newEndIndex: 2,
      startPosition: { row: 0, column: 0 }, oldEndPosition: { row: 0, column: 0 }, newEndPosition: { row: 0, column: 2 },
    });
    expect(tree.rootNode.children.map((c) => [c.type, c.startIndex])).toEqual(before.map(([t, s]) => [t, (s as number) + 2]));
    compare(tree);
  });
});

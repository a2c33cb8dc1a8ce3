// The native binding may hand out a new object for a node it handed out
// before (its cache of node objects is weak). The engine must not depend on
// node identity: with a parser that returns a fresh object on every access,
// every analysis is the same as with the installed parser.
import { afterAll, describe, expect, it } from 'vitest';
import { lint } from '../../rules';
import { installedParser, ShellParser, SyntaxNode, Tree, useParser } from '../../rules/parse';
import { resolverFor } from '../support/engine-view';
import { generate } from '../support/generator';

const NODE_LISTS = new Set(['children', 'namedChildren']);
const NODE_PROPS = new Set(['parent', 'firstChild', 'lastChild', 'nextSibling', 'nextNamedSibling', 'previousNamedSibling']);
const NODE_METHODS = new Set(['childForFieldName', 'descendantForIndex']);
const LIST_METHODS = new Set(['childrenForFieldName', 'descendantsOfType']);

/** A new wrapper object for the node on every access that yields a node. */
function fresh(node: SyntaxNode): SyntaxNode {
  const wrap = (n: SyntaxNode | null) => (n ? fresh(n) : null);
  return new Proxy(node, {
    get(target, key: string) {
      const value = Reflect.get(target, key, target);
      if (NODE_LISTS.has(key)) return (value as SyntaxNode[]).map(fresh);
      if (NODE_PROPS.has(key)) return wrap(value as SyntaxNode | null);
      if (NODE_METHODS.has(key)) return (...args: unknown[]) => wrap((value as (...a: unknown[]) => SyntaxNode | null).apply(target, args));
      if (LIST_METHODS.has(key)) return (...args: unknown[]) => (value as (...a: unknown[]) => SyntaxNode[]).apply(target, args).map(fresh);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function freshParser(inner: ShellParser): ShellParser {
  return {
    kind: inner.kind,
    parse(text: string, old?: Tree): Tree {
      const tree = inner.parse(text, old);
      return { get rootNode() { return fresh(tree.rootNode); }, edit: (e) => tree.edit(e) };
    },
  };
}

function summary(files: Record<string, string>, dialect: 'bash' | 'sh' | 'zsh'): string {
  const { analysis, diagnostics } = lint(files['main.sh'], { dialect, filename: 'main.sh', resolveSource: resolverFor(files) });
  return JSON.stringify({
    uses: analysis.uses.map((u) => [u.file, u.start, u.uncertain, u.resolutions.map((r) => [r.values, r.flag, r.outcome])]),
    diagnostics: diagnostics.map((d) => [d.ruleId, d.start, d.message]),
  });
}

describe('node identity', () => {
  const installed = installedParser()!;
  afterAll(() => useParser(installed));

  it('the analysis does not change when every access hands out a new node object', () => {
    const scripts = Array.from({ length: 150 }, (_, i) => generate(9_000_000 + i, i % 3 === 0));
    const dialect = (i: number) => (i % 3 === 0 ? 'bash' : i % 3 === 1 ? 'sh' : 'zsh');
    const expected = scripts.map((s, i) => summary(s.files, dialect(i)));
    useParser(freshParser(installed));
    const got = scripts.map((s, i) => summary(s.files, dialect(i)));
    useParser(installed);
    const differing = got.map((g, i) => (g === expected[i] ? null : scripts[i].files['main.sh'])).filter(Boolean);
    expect(differing.slice(0, 1)).toEqual([]);
  });
});

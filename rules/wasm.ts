// The WebAssembly parser: web-tree-sitter with tree-sitter-bash's .wasm. It
// loads wherever WebAssembly runs (any Node, any platform, a browser), at
// some cost in speed. The caller hands over both .wasm files, as bytes or
// URLs, so this module reads no files and works the same in Node and a page.
//
// The analysis reads each tree through `plain-tree.ts`, which keeps the wasm
// tree and a cursor on it. web-tree-sitter frees these only on `delete()`,
// so they are freed once the plain tree is collected.
import type * as Wts from 'web-tree-sitter';
import type { ShellParser, Tree } from './parse';
import { asShellReads } from './blanks';
import { plainTree, type PlainTree, type TreeCursorLike } from './plain-tree';

/** The two .wasm files: web-tree-sitter's runtime and the bash grammar. */
export interface WasmSources {
  runtime: Uint8Array | string;
  language: Uint8Array | string;
}

const freed = new FinalizationRegistry<{ raw: Wts.Tree; cursor: Wts.TreeCursor }>(({ raw, cursor }) => {
  cursor.delete();
  raw.delete();
});

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
      const raw = parser.parse(asShellReads(text), ((old as PlainTree | undefined)?.raw as Wts.Tree | undefined) ?? null);
      // null only without a language or after a cancelled parse, neither of which happens here
      if (!raw) throw new Error('web-tree-sitter returned no tree');
      const cursor = raw.walk();
      const tree = plainTree(raw, cursor as unknown as TreeCursorLike, text, language);
      freed.register(tree, { raw, cursor });
      return tree;
    },
  };
}

// Gets the wasm parser ready before the first analysis: the same rules/wasm.ts
// the command line falls back to, with the two .wasm files from the page's folder.
import * as Wts from 'web-tree-sitter';
import { useParser } from '../rules';
import { loadWasmParser } from '../rules/wasm';

export async function loadParser(base: URL): Promise<void> {
  useParser(await loadWasmParser({
    runtime: new URL('tree-sitter.wasm', base).href,
    language: new URL('tree-sitter-bash.wasm', base).href,
  }, Wts));
}

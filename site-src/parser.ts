// Gets the wasm parser ready before the first analysis.
import Parser = require('tree-sitter');

export async function loadParser(base: URL): Promise<void> {
  await (Parser as unknown as { loadBash(base: URL): Promise<void> }).loadBash(base);
}

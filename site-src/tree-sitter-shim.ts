// Stands in for the native `tree-sitter` package in the browser bundle (an
// esbuild alias): the same few calls rules/parse.ts makes, on web-tree-sitter.
// The wasm runtime loads asynchronously, so `loadBash` must finish first.
import { Language, Parser as WebParser } from 'web-tree-sitter';
import type { Tree } from 'web-tree-sitter';

let loaded: WebParser | undefined;

/** Loads the runtime and the bash grammar from the page's folder. */
async function loadBash(base: URL): Promise<void> {
  await WebParser.init({ locateFile: (name: string) => new URL(name, base).href });
  const bash = await Language.load(new URL('tree-sitter-bash.wasm', base).href);
  const parser = new WebParser();
  parser.setLanguage(bash);
  loaded = parser;
}

class Parser {
  static loadBash = loadBash;
  /** The grammar is the one `loadBash` loaded. */
  setLanguage(): void {}
  parse(text: string, oldTree?: Tree | null): Tree {
    if (!loaded) throw new Error('the bash parser has not loaded yet');
    return loaded.parse(text, oldTree ?? null)!;
  }
}

export = Parser;

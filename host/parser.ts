// Which parser a Node process (the command line, its worker threads, the
// language server) analyses with. The native binding is tried first; where it
// cannot load (no prebuild for the platform, a C++ runtime older than the
// prebuild needs, `*.node` files removed), tree-sitter's WebAssembly build
// takes over, slower but the same trees. ALIASCOPE_PARSER=wasm or =native
// forces one; a forced native parser that cannot load is an error.
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { nativeParser } from '../rules/native';
import { ParserKind, useParser } from '../rules';
import { loadWasmParser } from '../rules/wasm';

export interface ParserChoice {
  kind: ParserKind;
  /** Why the WebAssembly parser is used, when it is. */
  reason?: string;
}

export const PARSER_ENV = 'ALIASCOPE_PARSER';

/** The .wasm files, as the package ships them: runtime and grammar. */
const WASM_FILES = { runtime: ['web-tree-sitter', 'tree-sitter.wasm'], language: ['tree-sitter-bash', 'tree-sitter-bash.wasm'] } as const;

/**
 * Where a .wasm file is: `out/wasm/` (a copy the build makes, for bundles
 * that ship without node_modules), else the package it comes from.
 */
export function wasmFile(which: keyof typeof WASM_FILES): string {
  const [pkg, file] = WASM_FILES[which];
  for (const dir of [join(__dirname, '..', 'wasm'), join(__dirname, 'wasm')]) {
    if (existsSync(join(dir, file))) return join(dir, file);
  }
  return require.resolve(`${pkg}/${file}`);
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}

async function choose(forced: string | undefined): Promise<ParserChoice> {
  let reason: string;
  if (forced === 'wasm') {
    reason = `${PARSER_ENV}=wasm`;
  } else {
    try {
      useParser(nativeParser());
      return { kind: 'native' };
    } catch (e) {
      if (forced === 'native') throw new Error(`${PARSER_ENV}=native, but the native tree-sitter binding did not load: ${firstLine(e)}`);
      reason = `the native tree-sitter binding did not load: ${firstLine(e)}`;
    }
  }
  useParser(await loadWasmParser({ runtime: readFileSync(wasmFile('runtime')), language: readFileSync(wasmFile('language')) }));
  return { kind: 'wasm', reason };
}

let chosen: Promise<ParserChoice> | undefined;

/** Installs the parser for this process (once) and says which it is. */
export function selectParser(): Promise<ParserChoice> {
  return (chosen ??= choose(process.env[PARSER_ENV]));
}

/** One line for --version and the server's log. */
export function describeParser(choice: ParserChoice): string {
  return choice.kind === 'native'
    ? 'parser: native (tree-sitter)'
    : `parser: wasm (web-tree-sitter)${choice.reason ? `, because ${choice.reason}` : ''}`;
}

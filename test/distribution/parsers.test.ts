// The WebAssembly parser gives the same trees and the same analyses as the
// native one, on generated programs and on the real corpus when present.
import { existsSync, readdirSync, readFileSync } from 'fs';
import { homedir } from 'os';
import { join } from 'path';
import { describe, expect, it } from 'vitest';
import { wasmFile } from '../../host/parser';
import { lint } from '../../rules';
import { nativeParser } from '../../rules/native';
import { installedParser, ShellParser, useParser } from '../../rules/parse';
import { loadWasmParser } from '../../rules/wasm';
import { generate } from '../support/generator';

const native = nativeParser();
const wasm = await loadWasmParser({ runtime: readFileSync(wasmFile('runtime')), language: readFileSync(wasmFile('language')) });
const CORPUS = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'aliascope', 'corpus');
const GENERATED = 60;

function analysed(p: ShellParser, text: string): { tree: string; diagnostics: unknown } {
  const before = installedParser()!;
  useParser(p);
  try {
    const r = lint(text);
    return { tree: p.parse(text).rootNode.toString(), diagnostics: r.diagnostics };
  } finally {
    useParser(before);
  }
}

describe('wasm and native parsers agree', () => {
  it('on generated programs', () => {
    let diagnostics = 0;
    for (let seed = 1; seed <= GENERATED; seed++) {
      const text = generate(seed, seed % 2 === 0).files['main.sh'];
      const a = analysed(native, text);
      const b = analysed(wasm, text);
      expect(b.tree, `seed ${seed}`).toBe(a.tree);
      expect(b.diagnostics, `seed ${seed}`).toEqual(a.diagnostics);
      diagnostics += (a.diagnostics as unknown[]).length;
    }
    expect(diagnostics).toBeGreaterThan(0);
  });

  it.skipIf(!existsSync(CORPUS))(`on the Debian corpus (${existsSync(CORPUS) ? CORPUS : 'skipped: no corpus at ~/.cache/aliascope/corpus'})`, () => {
    let files = 0;
    for (const name of readdirSync(CORPUS).sort()) {
      const text = readFileSync(join(CORPUS, name), 'utf8');
      if (text.includes('\0')) continue;
      const a = analysed(native, text);
      const b = analysed(wasm, text);
      expect(b.tree, name).toBe(a.tree);
      expect(b.diagnostics, name).toEqual(a.diagnostics);
      files++;
    }
    expect(files).toBeGreaterThan(0);
  }, 600_000);
});

// The WebAssembly parser against the native one, side by side: parsing every
// file of the corpus, and linting them (which parses only what can matter).
// Part of `npm run bench`; the corpus is bench/corpus.sh's.
import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { wasmFile } from '../host/parser';
import { lint } from '../rules';
import { nativeParser } from '../rules/native';
import { parse, ShellParser, useParser } from '../rules/parse';
import { loadWasmParser } from '../rules/wasm';

const ROUNDS = 3;
const dir = process.argv[2] ?? join(process.env.XDG_CACHE_HOME ?? join(process.env.HOME ?? '.', '.cache'), 'aliascope', 'corpus');

function timed(p: ShellParser, texts: string[], run: (t: string) => unknown): number {
  useParser(p);
  let best = Infinity;
  for (let r = 0; r < ROUNDS; r++) {
    const t = performance.now();
    for (const x of texts) run(x);
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

async function main(): Promise<void> {
  if (!existsSync(dir)) {
    console.log(`parsers: no corpus at ${dir} (bench/corpus.sh makes it); skipped`);
    return;
  }
  const texts = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8')).filter((t) => !t.includes('\0'));
  const native = nativeParser();
  const wasm = await loadWasmParser({ runtime: readFileSync(wasmFile('runtime')), language: readFileSync(wasmFile('language')) });
  console.log(`parsers, ${texts.length} files, best of ${ROUNDS}:   native      wasm   wasm/native`);
  for (const [what, run] of [['parse', parse], ['lint', lint]] as const) {
    const n = timed(native, texts, run);
    const w = timed(wasm, texts, run);
    console.log(`  ${what.padEnd(6)} ${n.toFixed(0).padStart(28)} ms ${w.toFixed(0).padStart(6)} ms ${(w / n).toFixed(2).padStart(8)}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

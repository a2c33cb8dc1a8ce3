// How the command line and its worker threads load their code: from the
// one-file bundle and V8 code cache that `npm run build` makes
// (scripts/bundle.js), when they are there and were made from the modules now
// in out/; otherwise from those modules, as tsc writes them. The bundle saves
// finding and reading ~45 modules on every start, and the code cache saves
// compiling them: together about a sixth of a small run.
import { readFileSync, statSync } from 'fs';
import { join } from 'path';
import type { Script } from 'vm';

export type Entry = typeof import('./entry');

export const BUNDLE = join(__dirname, 'bundle.js');
/** What the bundle was built from: { from: entry.js's mtime, length: the bundle's length, encoding: how to read it }. */
export const BUNDLE_META = `${BUNDLE}.json`;
export const CODE_CACHE = `${BUNDLE}.cache`;

let script: Script | undefined;
let loaded: Entry | undefined;

export function load(): Entry {
  if (loaded) return loaded;
  if (!process.env.ALIASCOPE_NO_BUNDLE) {
    try {
      loaded = loadBundle();
    } catch {
      /* a missing, partial or stale bundle: the modules below are the truth */
    }
  }
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  return (loaded ??= require('./entry') as Entry);
}

function loadBundle(): Entry | undefined {
  const meta = JSON.parse(readFileSync(BUNDLE_META, 'utf8')) as { from: number; length: number; encoding: 'latin1' | 'utf8' };
  // tsc rewrites every output on every build, so a rebuild since the bundle shows here.
  if (statSync(join(__dirname, 'entry.js')).mtimeMs !== meta.from) return undefined;
  const source = readFileSync(BUNDLE, meta.encoding === 'latin1' ? 'latin1' : 'utf8');
  if (source.length !== meta.length) return undefined;
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(CODE_CACHE);
  } catch { /* no cache: V8 compiles as usual */ }
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { Script } = require('vm') as typeof import('vm');
  // The same wrapper as a CommonJS module, so V8 rejects a cache made for other text.
  script = new Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n})`, { filename: BUNDLE, cachedData });
  const mod = { exports: {} as Entry };
  // The bundle's own require resolves tree-sitter and node's modules from here (out/cli), as the modules would.
  script.runInThisContext()(mod.exports, require, mod, BUNDLE, __dirname);
  return mod.exports;
}

/** V8's compiled code for what has run so far, for scripts/bundle.js to store; undefined when the modules were loaded instead. */
export function codeCache(): Buffer | undefined {
  return script?.createCachedData();
}

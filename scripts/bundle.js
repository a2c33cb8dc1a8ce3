#!/usr/bin/env node
// Run after `tsc -p .` (npm run build does): bundles the command line from
// out/cli/entry.js into one file, out/cli/bundle.js, and stores V8's compiled
// code for it (out/cli/bundle.js.cache) after a warm-up run over examples/, so
// a start neither finds and reads ~45 modules nor compiles them. cli/boot.ts
// uses the two only while they match the modules in out/; after a plain
// `tsc -p .` it loads the modules. Both files are build output, not sources.
'use strict';
const { spawnSync } = require('child_process');
const { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } = require('fs');
const { join } = require('path');

const ROOT = join(__dirname, '..');
const OUT = join(ROOT, 'out', 'cli');
const ENTRY = join(OUT, 'entry.js');
const { BUNDLE, BUNDLE_META, CODE_CACHE } = require(join(OUT, 'boot.js'));

/** Writes beside the target, then renames: a run starting meanwhile sees the old file or the new one. */
function writeAtomically(file, data) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

rmSync(CODE_CACHE, { force: true });
rmSync(BUNDLE_META, { force: true });
let esbuild;
try {
  esbuild = require('esbuild');
} catch {
  console.log('scripts/bundle.js: esbuild is not installed; the command line runs from the separate modules');
  process.exit(0);
}
const { outputFiles } = esbuild.buildSync({
  entryPoints: [ENTRY],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: `node${process.versions.node.split('.')[0]}`,
  // Native bindings, found at run time from out/cli as the modules find them.
  external: ['tree-sitter', 'tree-sitter-bash'],
  write: false,
  logLevel: 'warning',
});
const source = outputFiles[0].text;
writeAtomically(BUNDLE, source);
writeAtomically(BUNDLE_META, JSON.stringify({ from: statSync(ENTRY).mtimeMs, length: source.length }));

// The warm-up: a whole run, stylish and json, as a separate process, whose exit stores the code cache.
const examples = readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.sh')).map((f) => join(ROOT, 'examples', f));
const warm = `
const boot = require(${JSON.stringify(join(OUT, 'boot.js'))});
const entry = boot.load();
process.on('exit', () => {
  const data = boot.codeCache();
  if (!data) { process.stderr.write('the bundle did not load\\n'); process.exitCode = 3; return; }
  const tmp = ${JSON.stringify(CODE_CACHE)} + '.' + process.pid + '.tmp';
  require('fs').writeFileSync(tmp, data);
  require('fs').renameSync(tmp, ${JSON.stringify(CODE_CACHE)});
});
entry.main(['--concurrency', 'off', '--no-ignore', ...${JSON.stringify(examples)}]);
`;
const r = spawnSync(process.execPath, ['-e', warm], { cwd: ROOT, encoding: 'utf8' });
if (r.status === 3 || r.status === 2 || r.status === null) {
  process.stderr.write(`scripts/bundle.js: the warm-up run failed (${r.status ?? r.signal}):\n${r.stderr}`);
  process.exit(1);
}
const kb = (f) => `${Math.round(statSync(f).size / 1024)} KB`;
console.log(`bundled ${BUNDLE} (${kb(BUNDLE)}), code cache ${kb(CODE_CACHE)}`);

#!/usr/bin/env node
// Builds the playground into site/: index.html, one bundled script and the two
// wasm files (the tree-sitter runtime and the bash grammar). A static folder:
// any web server or static host serves it as it is. Prints each file's size
// and gzip size, the transfer size a host that compresses would send.
'use strict';
const { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync } = require('fs');
const { join } = require('path');
const { gzipSync } = require('zlib');
const esbuild = require('esbuild');

const ROOT = join(__dirname, '..');
const SRC = join(ROOT, 'site-src');
const OUT = join(ROOT, 'site');

const WASM = [
  require.resolve('web-tree-sitter/tree-sitter.wasm'),
  join(require.resolve('tree-sitter-bash/package.json'), '..', 'tree-sitter-bash.wasm'),
];

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
esbuild.buildSync({
  entryPoints: [join(SRC, 'main.ts')],
  outfile: join(OUT, 'main.js'),
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  legalComments: 'none',
  loader: { '.sh': 'text' },
  // web-tree-sitter's Node-only branches import these; the browser never reaches them
  external: ['fs', 'fs/promises', 'module', 'path', 'url'],
  logLevel: 'warning',
});
copyFileSync(join(SRC, 'index.html'), join(OUT, 'index.html'));
for (const file of WASM) copyFileSync(file, join(OUT, file.split(/[\\/]/).pop()));

let raw = 0;
let gzip = 0;
for (const name of readdirSync(OUT).sort()) {
  const data = readFileSync(join(OUT, name));
  const zipped = gzipSync(data, { level: 9 }).length;
  raw += data.length;
  gzip += zipped;
  console.log(`${name.padEnd(22)} ${(data.length / 1024).toFixed(1).padStart(8)} KiB  gzip ${(zipped / 1024).toFixed(1).padStart(7)} KiB`);
}
console.log(`${'total'.padEnd(22)} ${(raw / 1024).toFixed(1).padStart(8)} KiB  gzip ${(gzip / 1024).toFixed(1).padStart(7)} KiB`);

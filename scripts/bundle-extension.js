#!/usr/bin/env node
// Run after `tsc -p .` (npm run package and `vsce package` do, through
// vscode:prepublish): bundles the VS Code extension into dist/, which is all
// the .vsix ships besides the manifest's own files:
//
//   dist/extension.js   the client (out/client/extension.js; `vscode` stays external)
//   dist/server.js      the language server (out/server/entry.js)
//   dist/lex-thread.js  the server's lexing thread (server/lexing.ts starts it beside itself)
//   dist/wasm/          web-tree-sitter's runtime and the bash grammar (host/parser.ts looks here first)
//   dist/native/<pkg>/prebuilds/<platform>-<arch>/*.node
//                       tree-sitter's and tree-sitter-bash's native builds, every platform's
//
// tree-sitter and tree-sitter-bash are bundled with one edit each: their
// binding is found by node-gyp-build (bundled too) under dist/native/<pkg>
// instead of beside their own package. Where no build loads, host/parser.ts
// falls back to the wasm files. The .vsix has no node_modules.
'use strict';
const { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, statSync } = require('fs');
const { dirname, join } = require('path');

const ROOT = join(__dirname, '..');
const OUT = join(ROOT, 'out');
const DIST = join(ROOT, 'dist');

function packageDir(pkg) {
  return dirname(require.resolve(`${pkg}/package.json`, { paths: [ROOT] }));
}

/** Each native package's entry, with the node-gyp-build call pointed at dist/native/<pkg>. */
const NATIVE = [
  {
    pkg: 'tree-sitter', file: 'index.js', prebuild: 'tree-sitter.node',
    re: /const binding = typeof process\.versions\.bun === "string" \?[^;]*require\('node-gyp-build'\)\(__dirname\);/,
    by: "const binding = require('node-gyp-build')(require('path').join(__dirname, 'native', 'tree-sitter'));",
  },
  {
    pkg: 'tree-sitter-bash', file: join('bindings', 'node', 'index.js'), prebuild: 'tree-sitter-bash.node',
    re: /module\.exports =\s*typeof process\.versions\.bun === "string"[^;]*require\("node-gyp-build"\)\(root\);/,
    by: "module.exports = require('node-gyp-build')(require('path').join(__dirname, 'native', 'tree-sitter-bash'));",
  },
];

function copyNative() {
  for (const { pkg, prebuild } of NATIVE) {
    const from = join(packageDir(pkg), 'prebuilds');
    for (const platform of readdirSync(from)) {
      const to = join(DIST, 'native', pkg, 'prebuilds', platform);
      mkdirSync(to, { recursive: true });
      // Only the upstream prebuild: a name node-gyp-build ranks above it would win on that platform.
      copyFileSync(join(from, platform, prebuild), join(to, prebuild));
    }
  }
  // tree-sitter's linux-x64 prebuild needs GLIBCXX_3.4.31 (GCC 13's libstdc++); where
  // `npm install` compiled the binding instead, that build ships too, under a name
  // node-gyp-build ranks first for this platform (the `napi` tag makes it more
  // specific). A build that does not load is an error host/parser.ts answers with wasm.
  const built = join(packageDir('tree-sitter'), 'build', 'Release', 'tree_sitter_runtime_binding.node');
  if (existsSync(built)) {
    copyFileSync(built, join(DIST, 'native', 'tree-sitter', 'prebuilds', `${process.platform}-${process.arch}`, 'tree-sitter.napi.node'));
  }
}

function copyWasm() {
  mkdirSync(join(DIST, 'wasm'), { recursive: true });
  copyFileSync(require.resolve('web-tree-sitter/tree-sitter.wasm', { paths: [ROOT] }), join(DIST, 'wasm', 'tree-sitter.wasm'));
  copyFileSync(join(packageDir('tree-sitter-bash'), 'tree-sitter-bash.wasm'), join(DIST, 'wasm', 'tree-sitter-bash.wasm'));
}

async function main() {
  const esbuild = require('esbuild');
  if (!existsSync(join(OUT, 'server', 'entry.js'))) throw new Error('out/ is missing: run `tsc -p .` first');
  const patched = new Map();
  for (const n of NATIVE) {
    const file = join(packageDir(n.pkg), n.file);
    const text = readFileSync(file, 'utf8');
    if (!n.re.test(text)) throw new Error(`${file} no longer reads as expected: its native binding cannot be redirected`);
    patched.set(realpathSync(file), text.replace(n.re, () => n.by));
  }
  rmSync(DIST, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: {
      extension: join(OUT, 'client', 'extension.js'),
      server: join(OUT, 'server', 'entry.js'),
      'lex-thread': join(OUT, 'server', 'lex-thread.js'),
    },
    outdir: DIST,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18', // VS Code 1.85's Node
    external: ['vscode'],
    // Smaller, but names kept, so a stack trace in the server's log still reads.
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'warning',
    // host/parser.ts's last resort, require.resolve of the package's wasm, is never reached from dist/
    logOverride: { 'unsupported-require-call': 'silent' },
    plugins: [{
      name: 'native-packages',
      setup(build) {
        build.onLoad({ filter: /index\.js$/ }, (args) => (patched.has(args.path) ? { contents: patched.get(args.path), loader: 'js' } : undefined));
      },
    }],
  });
  copyNative();
  copyWasm();
  let bytes = 0;
  let count = 0;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else { count++; bytes += statSync(join(d, e.name)).size; }
    }
  };
  walk(DIST);
  console.log(`bundled the extension into ${DIST} (${count} files, ${(bytes / 1024 / 1024).toFixed(1)} MB)`);
}

main().catch((e) => {
  process.stderr.write(`scripts/bundle-extension.js: ${e.stack ?? e}\n`);
  process.exit(1);
});

#!/usr/bin/env node
// Bundles the VS Code extension from the TypeScript sources into dist/, which
// is all the .vsix ships besides the manifest's own files (`vsce package` runs
// it through vscode:prepublish, after a type-check):
//
//   dist/extension.js   the client (client/extension.ts; `vscode` stays external)
//   dist/server.js      the language server (server/entry.ts)
//   dist/lex-thread.js  the server's lexing thread (server/lexing.ts starts it beside itself)
//   dist/wasm/          web-tree-sitter's runtime and the bash grammar (host/parser.ts looks here first)
//   dist/native/<pkg>/prebuilds/<platform>-<arch>/*.node
//                       tree-sitter's and tree-sitter-bash's native builds, every platform's
//
// tree-sitter and tree-sitter-bash are bundled with one edit each: their
// binding is found by node-gyp-build (bundled too) under dist/native/<pkg>
// instead of beside their own package. Where no build loads, host/parser.ts
// falls back to the wasm files. The .vsix has no node_modules.
//
// Two runs at once (two tests packing) must not break each other: nothing
// reads out/, which `tsc -p .` rewrites; a file in dist/ is replaced by a
// rename only when its content changes, and never removed unless no run makes it.
'use strict';
const { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } = require('fs');
const { dirname, join, relative } = require('path');

const ROOT = join(__dirname, '..');
const DIST = join(ROOT, 'dist');

/** dist/-relative path → content, filled by the build and the copies, then written. */
const files = new Map();

function writeAll() {
  for (const [rel, data] of files) {
    const file = join(DIST, rel);
    if (existsSync(file) && readFileSync(file).equals(data)) continue;
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  }
  const walk = (dir) => (existsSync(dir) ? readdirSync(dir, { withFileTypes: true }) : []).flatMap((e) =>
    (e.isDirectory() ? walk(join(dir, e.name)) : [relative(DIST, join(dir, e.name))]));
  for (const rel of walk(DIST)) {
    if (!files.has(rel) && !rel.endsWith('.tmp')) rmSync(join(DIST, rel), { force: true });
  }
}

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
      // Only the upstream prebuild: a name node-gyp-build ranks above it would win on that platform.
      files.set(join('native', pkg, 'prebuilds', platform, prebuild), readFileSync(join(from, platform, prebuild)));
    }
  }
  // tree-sitter's linux-x64 prebuild needs GLIBCXX_3.4.31 (GCC 13's libstdc++); where
  // `npm install` compiled the binding instead, that build ships too, under a name
  // node-gyp-build ranks first for this platform (the `napi` tag makes it more
  // specific). A build that does not load is an error host/parser.ts answers with wasm.
  const built = join(packageDir('tree-sitter'), 'build', 'Release', 'tree_sitter_runtime_binding.node');
  if (existsSync(built)) {
    files.set(join('native', 'tree-sitter', 'prebuilds', `${process.platform}-${process.arch}`, 'tree-sitter.napi.node'), readFileSync(built));
  }
}

function copyWasm() {
  files.set(join('wasm', 'tree-sitter.wasm'), readFileSync(require.resolve('web-tree-sitter/tree-sitter.wasm', { paths: [ROOT] })));
  files.set(join('wasm', 'tree-sitter-bash.wasm'), readFileSync(join(packageDir('tree-sitter-bash'), 'tree-sitter-bash.wasm')));
}

async function main() {
  const esbuild = require('esbuild');
  const patched = new Map();
  for (const n of NATIVE) {
    const file = join(packageDir(n.pkg), n.file);
    const text = readFileSync(file, 'utf8');
    if (!n.re.test(text)) throw new Error(`${file} no longer reads as expected: its native binding cannot be redirected`);
    patched.set(realpathSync(file), text.replace(n.re, () => n.by));
  }
  const { outputFiles } = await esbuild.build({
    entryPoints: {
      extension: join(ROOT, 'client', 'extension.ts'),
      server: join(ROOT, 'server', 'entry.ts'),
      'lex-thread': join(ROOT, 'server', 'lex-thread.ts'),
    },
    outdir: DIST,
    write: false,
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
        // The compiled modules in out/<dir>/ name the manifest as ../../package.json; from the sources it is ../package.json.
        build.onResolve({ filter: /^\.\.\/\.\.\/package\.json$/ }, () => ({ path: join(ROOT, 'package.json') }));
        build.onLoad({ filter: /index\.js$/ }, (args) => (patched.has(args.path) ? { contents: patched.get(args.path), loader: 'js' } : undefined));
      },
    }],
  });
  for (const f of outputFiles) files.set(relative(DIST, f.path), Buffer.from(f.contents));
  copyNative();
  copyWasm();
  writeAll();
  const bytes = [...files.values()].reduce((n, b) => n + b.length, 0);
  console.log(`bundled the extension into ${DIST} (${files.size} files, ${(bytes / 1024 / 1024).toFixed(1)} MB)`);
}

main().catch((e) => {
  process.stderr.write(`scripts/bundle-extension.js: ${e.stack ?? e}\n`);
  process.exit(1);
});

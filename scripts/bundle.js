#!/usr/bin/env node
// Run after `tsc -p .` (npm run build does): bundles the command line from
// out/cli/entry.js into one file, out/cli/bundle.js, and stores V8's compiled
// code for it (out/cli/bundle.js.cache) after a warm-up run over examples/, so
// a start neither finds and reads ~45 modules nor compiles them. cli/boot.ts
// uses the two only while they match the modules in out/; after a plain
// `tsc -p .` it loads the modules. Both files are build output, not sources.
'use strict';
const { spawnSync } = require('child_process');
const { existsSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } = require('fs');
const { dirname, join, relative, sep } = require('path');

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

/**
 * tree-sitter and tree-sitter-bash go into the bundle too, so their code is in
 * the code cache, with three edits made here rather than on every start:
 * each native binding is required by the path node-gyp-build finds now
 * (relative to out/cli, where the bundle runs) instead of searching for it,
 * and tree-sitter's node classes are made as plain classes instead of one
 * `new Function` compile per node type. When a package no longer reads as
 * expected, it stays external and loads as it would without the bundle.
 */
function nativePackages() {
  const edits = [];
  const rel = (file) => JSON.stringify(relative(OUT, file).split(sep).join('/'));
  const load = (pkg) => {
    // Found the way node finds it from out/cli, through a linked node_modules rather than to its target.
    let dir = OUT;
    while (!existsSync(join(dir, 'node_modules', pkg, 'package.json'))) {
      if (dirname(dir) === dir) throw new Error(`cannot find ${pkg} from ${OUT}`);
      dir = dirname(dir);
    }
    dir = join(dir, 'node_modules', pkg);
    const gyp = require(require.resolve('node-gyp-build', { paths: [dir] }));
    return { dir, native: `require(require('path').join(__dirname, ${rel(gyp.resolve(dir))}))` };
  };
  const ts = load('tree-sitter');
  edits.push({ file: join(ts.dir, 'index.js'), replace: [
    [/const binding = typeof process\.versions\.bun === "string" \?[^;]*require\('node-gyp-build'\)\(__dirname\);/, `const binding = ${ts.native};`],
    [/new Function\('SyntaxNode', `\s*return class \$\{camelCase\(typeName, true\)\}Node extends SyntaxNode \{\}\s*`\)\(SyntaxNode\)/,
      "Object.defineProperty(class extends SyntaxNode {}, 'name', { value: `${camelCase(typeName, true)}Node` })"],
  ] });
  const bash = load('tree-sitter-bash');
  edits.push({ file: join(bash.dir, 'bindings', 'node', 'index.js'), replace: [
    [/module\.exports =\s*typeof process\.versions\.bun === "string"[^;]*require\("node-gyp-build"\)\(root\);/, `module.exports = ${bash.native};`],
  ] });
  const patched = new Map();
  for (const e of edits) {
    let text = readFileSync(e.file, 'utf8');
    for (const [re, by] of e.replace) {
      if (!re.test(text)) return { external: ['tree-sitter', 'tree-sitter-bash', 'web-tree-sitter'], plugins: [] };
      text = text.replace(re, () => by);
    }
    patched.set(realpathSync(e.file), text); // esbuild names files by their real path
  }
  return {
    // web-tree-sitter loads only when the native binding cannot: it stays a separate module.
    external: ['web-tree-sitter'],
    plugins: [{
      name: 'native-packages',
      setup(build) {
        build.onLoad({ filter: /index\.js$/ }, (args) => (patched.has(args.path) ? { contents: patched.get(args.path), loader: 'js' } : undefined));
      },
    }],
  };
}

async function main() {
  const { outputFiles } = await esbuild.build({
    entryPoints: [ENTRY],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    charset: 'ascii', // non-ASCII text in strings and patterns escaped: see `encoding` below
    target: `node${process.versions.node.split('.')[0]}`,
    ...nativePackages(),
    write: false,
    logLevel: 'warning',
  });
  const source = outputFiles[0].text;
  writeAtomically(BUNDLE, source);
  // Latin-1 reads an all-ASCII file as a plain copy; a comment esbuild kept may hold other text.
  const encoding = /^[\x00-\x7f]*$/.test(source) ? 'latin1' : 'utf8';
  writeAtomically(BUNDLE_META, JSON.stringify({ from: statSync(ENTRY).mtimeMs, length: source.length, encoding }));

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
}

main().catch((e) => {
  process.stderr.write(`scripts/bundle.js: ${e.stack ?? e}\n`);
  process.exit(1);
});

#!/usr/bin/env node
// Run before `vsce package`. tree-sitter's own linux-x64 prebuild needs a newer
// libstdc++ (GLIBCXX_3.4.31) than Debian 12 has, which is why `npm install`
// compiled it here. Ship that local build beside the upstream prebuilds, under
// a name node-gyp-build ranks first for this platform (the `napi` tag makes it
// more specific); every other platform keeps its upstream prebuild.
'use strict';
const { copyFileSync, existsSync } = require('fs');
const { join } = require('path');

const pkg = join(__dirname, '..', 'node_modules', 'tree-sitter');
const built = join(pkg, 'build', 'Release', 'tree_sitter_runtime_binding.node');
const target = join(pkg, 'prebuilds', `${process.platform}-${process.arch}`, 'tree-sitter.napi.node');
if (existsSync(built)) {
  copyFileSync(built, target);
  console.log(`bundled the local tree-sitter build as ${target}`);
}

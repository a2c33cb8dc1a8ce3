// Removes what tsc wrote for sources that are gone: tsc never deletes, and a
// stale out/x.js would shadow a new folder out/x/index.js for require('./x').
// The bundles scripts/bundle.js writes have no source and are kept.
'use strict';
const { existsSync, readdirSync, rmSync, statSync } = require('fs');
const { join, relative } = require('path');

const root = join(__dirname, '..');
const out = join(root, 'out');

function prune(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      prune(path);
      if (readdirSync(path).length === 0) rmSync(path, { recursive: true });
    } else if (name.endsWith('.js') && !name.startsWith('bundle') && !existsSync(join(root, relative(out, path)).replace(/\.js$/, '.ts'))) {
      rmSync(path);
    }
  }
}

if (existsSync(out)) prune(out);

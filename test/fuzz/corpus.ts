// The seed files that mutations start from: the Debian corpus that
// `npm run bench` caches, when it is there, else the repository's examples
// and a few built-in scripts. Nothing here requires the cache to exist.
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { homedir } from 'os';
import { join } from 'path';

/** Files above this size are cut: mutating them costs time and finds nothing new. */
const MAX_SEED_BYTES = 64 * 1024;

export const BUILTIN_SEEDS: string[] = [
  '#!/bin/bash\nshopt -s expand_aliases\nalias ll="ls -l"\nll /tmp\n',
  '#!/bin/sh\nalias k=kubectl\nf() { k get pods; }\nf\n',
  '#!/bin/bash\nlog() { say "$@"; }\nalias say="echo"\nlog hi\n',
  '#!/bin/bash\nalias a="echo A"; a\n( alias b="echo B" ); b\n',
  '#!/usr/bin/env zsh\nsetopt aliases\nalias -g G="| grep"\nls G x\n',
  '#!/bin/ksh\nalias p="print -r --"\nfor i in 1 2; do p "$i"; done\n',
  '#!/bin/bash\nset -o posix\nalias q="echo $(date)"\neval \'alias r=true\'\nr; q\n',
  '#!/bin/sh\ncat <<EOF\n$(alias x=y; x)\nEOF\nalias s=\'echo \'\ns s\nunalias s\n',
  '#!/bin/bash\nif true; then alias t=true; t; fi\ncase $1 in a) alias u=true;; esac\nu\n',
  '#!/bin/bash\nalias v="echo $1"; . ./lib.sh; v x\nfunction w { v; }\nalias w=true\n',
];

export function corpusDir(): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'aliascope', 'corpus');
}

function readDir(dir: string, filter: (name: string) => boolean): Buffer[] {
  const out: Buffer[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!filter(name)) continue;
    const path = join(dir, name);
    try {
      if (!statSync(path).isFile()) continue;
      const bytes = readFileSync(path);
      out.push(bytes.length > MAX_SEED_BYTES ? bytes.subarray(0, MAX_SEED_BYTES) : bytes);
    } catch {
      // unreadable: skip it
    }
  }
  return out;
}

export interface Corpus {
  source: 'cache' | 'examples';
  files: Buffer[];
}

let loaded: Corpus | undefined;

/**
 * The seed files, read once per thread. `ALIASCOPE_FUZZ_CORPUS=examples`
 * forces the fallback, so it can be tested on a machine that has the cache.
 */
export function loadCorpus(reload = false): Corpus {
  if (loaded && !reload) return loaded;
  const dir = corpusDir();
  let files: Buffer[] = [];
  if (process.env.ALIASCOPE_FUZZ_CORPUS !== 'examples' && existsSync(dir)) files = readDir(dir, () => true);
  if (files.length > 0) {
    loaded = { source: 'cache', files };
  } else {
    const examples = join(__dirname, '..', '..', 'examples');
    const own = existsSync(examples) ? readDir(examples, (n) => n.endsWith('.sh')) : [];
    loaded = { source: 'examples', files: [...own, ...BUILTIN_SEEDS.map((s) => Buffer.from(s))] };
  }
  return loaded;
}

// `npm run real-world:collect -- MIRRORS`: (re)collects the scripts that
// bench/real-aliases.json names into the cache folder (REAL_ALIASES_DIR, else
// ~/.cache/aliascope/real-aliases), reading each at its recorded commit from a
// git mirror in MIRRORS: owner+name/repo (a bare git folder or a clone), or
// owner+name. Every file's sha256 is checked and its exec bit set as git records it.
import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';
import { cached, cacheDir, entries } from './real-world/manifest';

const mirrors = process.argv[2];
if (!mirrors) {
  console.error('usage: npm run real-world:collect -- MIRRORS   (a folder of git mirrors named owner+name)');
  process.exit(2);
}

/** The git folder of a repository's mirror, or undefined. */
function gitDir(repo: string): string | undefined {
  const base = join(mirrors, repo.replace('/', '+'));
  return [join(base, 'repo', '.git'), join(base, 'repo'), join(base, '.git'), base].find((d) => existsSync(join(d, 'HEAD')));
}

let written = 0;
const problems: string[] = [];
const missingRepos = new Set<string>();
for (const e of entries()) {
  const git = gitDir(e.repo);
  if (!git) {
    missingRepos.add(e.repo);
    continue;
  }
  const r = spawnSync('git', ['--git-dir', git, 'show', `${e.commit}:${e.path}`], { maxBuffer: 1 << 28 });
  if (r.status !== 0) {
    problems.push(`${e.repo} ${e.commit} ${e.path}: ${r.stderr.toString().trim().split('\n')[0]}`);
    continue;
  }
  const sum = createHash('sha256').update(r.stdout).digest('hex');
  if (sum !== e.sha256) {
    problems.push(`${e.repo} ${e.path}: sha256 ${sum}, the manifest says ${e.sha256}`);
    continue;
  }
  const to = cached(e);
  mkdirSync(dirname(to), { recursive: true });
  writeFileSync(to, r.stdout);
  chmodSync(to, e.executable ? 0o755 : 0o644);
  written++;
}
console.log(`${written} files written to ${cacheDir()}`);
for (const p of problems) console.log(`not collected: ${p}`);
if (missingRepos.size) {
  console.log(`no mirror for ${missingRepos.size} repositories; clone each into ${mirrors}/owner+name and run again:`);
  for (const repo of missingRepos) console.log(`  git clone --bare https://github.com/${repo} ${join(mirrors, repo.replace('/', '+'))}`);
}
process.exit(problems.length || missingRepos.size ? 1 : 0);

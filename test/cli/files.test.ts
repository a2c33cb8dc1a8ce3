// Which files are linted: folders, globs, extensions, shebangs, ignore files,
// standard input, shards; and configuration found by walking up.
import { join } from 'path';
import { describe, expect, it } from 'vitest';
import { compileGlob, IgnoreList } from '../../host/glob';
import { aliascope, CLEAN, project, SAME_UNIT } from './helpers';

const listed = (dir: string, args: string[]) => {
  const r = aliascope(['-f', 'json', ...args], { cwd: dir });
  if (r.status === 2) throw new Error(r.stderr);
  return JSON.parse(r.stdout).map((f: { filePath: string }) => f.filePath.slice(dir.length + 1));
};

describe('finding files', () => {
  const dir = project({
    'a.sh': CLEAN, 'b.bash': CLEAN, 'c.ksh': CLEAN, 'd.zsh': CLEAN, 'e.bats': CLEAN, 'f.mksh': CLEAN, 'g.dash': CLEAN,
    'tool': '#!/usr/bin/env bash\necho\n', 'tool2': '#! /bin/sh -e\necho\n', 'pkg.postinst': '#!/bin/sh\necho\n', 'busy': '#!/bin/busybox sh\necho\n',
    'py': '#!/usr/bin/python3\nprint()\n', 'notes.txt': 'echo\n', 'data.json': '{}',
    'sub/deep/h.sh': CLEAN, 'sub/deep/.bashrc': CLEAN,
    'node_modules/m.sh': CLEAN, '.git/hooks/pre-commit.sh': CLEAN,
    'vendor/v.sh': CLEAN, 'build/out.sh': CLEAN, 'build/keep.sh': CLEAN,
    '.gitignore': 'vendor/\nbuild/*\n!build/keep.sh\n',
  });

  it('walks folders, by extension, start-up file name and shebang, skipping .git, node_modules and .gitignore\'d paths', () => {
    expect(listed(dir, ['.'])).toEqual([
      'a.sh', 'b.bash', 'build/keep.sh', 'busy', 'c.ksh', 'd.zsh', 'e.bats', 'f.mksh', 'g.dash', 'pkg.postinst',
      'sub/deep/.bashrc', 'sub/deep/h.sh', 'tool', 'tool2',
    ]);
  });

  it('with no paths, lints the current folder', () => {
    expect(listed(dir, [])).toEqual(listed(dir, ['.']));
  });

  it('--no-ignore drops .gitignore', () => {
    expect(listed(dir, ['--no-ignore', '.'])).toEqual(expect.arrayContaining(['vendor/v.sh', 'build/out.sh']));
  });

  it('--ignore-pattern takes gitignore syntax', () => {
    expect(listed(dir, ['--ignore-pattern', 'sub/', '--ignore-pattern', '*.zsh', '.'])).not.toEqual(expect.arrayContaining(['d.zsh']));
    const l = listed(dir, ['--ignore-pattern', 'sub/', '--ignore-pattern', '*.zsh', '.']);
    expect(l.some((f: string) => f.startsWith('sub/') || f.endsWith('.zsh'))).toBe(false);
    expect(l).toContain('a.sh');
  });

  it('expands globs, including ** and braces', () => {
    expect(listed(dir, ['**/*.sh'])).toEqual(['a.sh', 'build/keep.sh', 'sub/deep/h.sh']);
    expect(listed(dir, ['*.{ksh,zsh}'])).toEqual(['c.ksh', 'd.zsh']);
  });

  it('lints a named file whatever its name, once however often it is named', () => {
    expect(listed(dir, ['notes.txt', 'notes.txt', './notes.txt'])).toEqual(['notes.txt']);
  });

  it('lints a named file even when an ignore rule matches it; folders and globs obey the rules', () => {
    expect(listed(dir, ['vendor/v.sh', 'build/out.sh'])).toEqual(['build/out.sh', 'vendor/v.sh']);
    expect(listed(dir, ['--ignore-pattern', 'a.sh', 'a.sh'])).toEqual(['a.sh']);
    expect(listed(dir, ['**/*.sh'])).not.toContain('vendor/v.sh');
    expect(aliascope(['vendor/*.sh'], { cwd: dir }).stderr).toMatch(/vendor\/\*\.sh: no files match/);
  });

  it('--force-exclude: ignore rules win over named files, and the skip is said on stderr', () => {
    const r = aliascope(['-f', 'json', '--force-exclude', 'vendor/v.sh', 'a.sh'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).map((f: { filePath: string }) => f.filePath.slice(dir.length + 1))).toEqual(['a.sh']);
    expect(r.stderr).toMatch(/ vendor\/v\.sh: skipped: an ignore rule matches it \(--force-exclude\)$/m);
  });

  it('says so when a named folder is ignored', () => {
    const r = aliascope(['-f', 'json', 'vendor'], { cwd: dir });
    expect(r.stderr).toMatch(/ vendor: folder skipped: an ignore rule matches it/m);
  });

  it('reads standard input, reported under --stdin-filename', () => {
    const r = aliascope(['-f', 'gcc', '-', '--stdin-filename', 'sub/x.sh'], { cwd: dir, input: '#!/bin/bash\nalias k=kubectl\nk get pods\n' });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^sub\/x\.sh:3:1: error: .*\[expand-aliases-off\]/m);
  });

  it('--shard I/N: each file in exactly one shard, the same on every run', () => {
    const all = listed(dir, ['.']);
    for (const n of [1, 2, 3, 5]) {
      const shards = Array.from({ length: n }, (_, i) => listed(dir, ['--shard', `${i + 1}/${n}`, '.']));
      expect(shards.flat().sort()).toEqual([...all].sort());
      expect(new Set(shards.flat()).size).toBe(all.length);
      expect(Math.max(...shards.map((s) => s.length)) - Math.min(...shards.map((s) => s.length))).toBeLessThanOrEqual(1);
      expect(listed(dir, ['--shard', `1/${n}`, '.'])).toEqual(shards[0]);
    }
  });
});

describe('glob and ignore matching', () => {
  it('matches in linear time: patterns that make a backtracking matcher run for minutes take milliseconds', () => {
    const t0 = performance.now();
    const stars = compileGlob(`${'*a'.repeat(30)}*b`);
    expect(stars.test('a'.repeat(200))).toBe(false);
    expect(stars.test(`${'a'.repeat(200)}b`)).toBe(true);
    const deep = compileGlob(`${'**/'.repeat(30)}x.sh`);
    expect(deep.test(`${'d/'.repeat(100)}y.sh`)).toBe(false);
    expect(deep.test(`${'d/'.repeat(100)}x.sh`)).toBe(true);
    const ig = new IgnoreList().add('/r', [`${'*a'.repeat(30)}*b`, `${'**/'.repeat(30)}z`]);
    expect(ig.ignores(`/r/${'d/'.repeat(60)}${'a'.repeat(100)}`, false)).toBe(false);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('sets aside patterns over the length bound instead of failing', () => {
    const ig = new IgnoreList().add('/r', [`${' '.repeat(100_000)}x`, '*.log']);
    expect(ig.skipped).toHaveLength(1);
    expect(ig.ignores('/r/a.log', false)).toBe(true);
  });

  it('a .gitignore with pathological patterns neither hangs nor crashes the run, and says what it set aside', () => {
    const dir = project({
      '.gitignore': `${'*a'.repeat(30)}*b\n${'**/'.repeat(30)}q\n${' '.repeat(100_000)}x\n`,
      [`${'d/'.repeat(20)}${'a'.repeat(80)}.sh`]: CLEAN,
    });
    const t0 = performance.now();
    const r = aliascope(['-f', 'json', '.'], { cwd: dir });
    expect(performance.now() - t0).toBeLessThan(20_000);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveLength(1);
    expect(r.stderr).toMatch(/\.gitignore: pattern .* set aside: longer than 1024 characters/);
  });

  it('globs', () => {
    expect(compileGlob('*.sh').test('a.sh')).toBe(true);
    expect(compileGlob('*.sh').test('d/a.sh')).toBe(false);
    expect(compileGlob('**/*.sh').test('a.sh')).toBe(true);
    expect(compileGlob('**/*.sh').test('x/y/a.sh')).toBe(true);
    expect(compileGlob('a/**').test('a/b/c')).toBe(true);
    expect(compileGlob('[!a]?.sh').test('bc.sh')).toBe(true);
    expect(compileGlob('[!a]?.sh').test('ac.sh')).toBe(false);
  });

  it('gitignore rules: anchoring, folders only, negation, last match wins', () => {
    const ig = new IgnoreList().add('/r', ['# comment', '*.log', '/top.sh', 'out/', '!keep.log', 'a/**/z.sh']);
    expect(ig.ignores('/r/x/y.log', false)).toBe(true);
    expect(ig.ignores('/r/keep.log', false)).toBe(false);
    expect(ig.ignores('/r/top.sh', false)).toBe(true);
    expect(ig.ignores('/r/sub/top.sh', false)).toBe(false);
    expect(ig.ignores('/r/out/f.sh', false)).toBe(true);
    expect(ig.ignores('/r/out', false)).toBe(false);
    expect(ig.ignores('/r/a/b/c/z.sh', false)).toBe(true);
    expect(ig.ignores('/other/x.log', false)).toBe(false);
  });
});

describe('.aliascoperc.json', () => {
  const dir = project({
    '.aliascoperc.json': JSON.stringify({
      rules: { 'use-before-definition': 'error' },
      ignorePatterns: ['generated/'],
      sourcePaths: ['lib'],
      overrides: [{ files: ['*.inc'], shell: 'bash' }, { files: ['legacy/**'], rules: { 'same-unit': 'off' } }],
    }),
    'lib/common.sh': 'shopt -s expand_aliases\n',
    'use.sh': '#!/bin/bash\nshopt -s expand_aliases\n. common.sh\nk get pods\nalias k=x\n',
    'early.sh': '#!/bin/bash\nk x\nalias k=y\n',
    'legacy/old.sh': SAME_UNIT,
    'generated/gen.sh': SAME_UNIT,
    'noshebang.inc': 'alias k=kubectl\nk get pods\n',
    'nested/.aliascoperc.json': JSON.stringify({ root: true, rules: { 'alias-never-expands': 'off' } }),
    'nested/early.sh': '#!/bin/bash\nk x\nalias k=y\n',
  });
  const report = (args: string[]) => JSON.parse(aliascope(['-f', 'json', ...args], { cwd: dir }).stdout)
    .map((f: { filePath: string; messages: { ruleId: string; level: string }[] }) => [f.filePath.slice(dir.length + 1), f.messages.map((m) => `${m.ruleId}:${m.level}`)]);

  it('applies severities, overrides by glob, ignore patterns, and the nearest config with root', () => {
    expect(report(['.', 'noshebang.inc'])).toEqual([
      ['early.sh', ['use-before-definition:error', 'alias-never-expands:warning']],
      ['legacy/old.sh', []],
      ['lib/common.sh', []],
      ['nested/early.sh', ['use-before-definition:warning']],
      ['noshebang.inc', ['alias-never-expands:warning', 'expand-aliases-off:error']],
      ['use.sh', ['use-before-definition:error', 'alias-never-expands:warning']],
    ]);
  });

  it('sourcePaths let `source` be followed: without them the sourced file is unknown, which the report says', () => {
    type M = { ruleId: string; message: string };
    const without: M[] = JSON.parse(aliascope(['-f', 'json', '--config', join(dir, 'nested', '.aliascoperc.json'), 'use.sh'], { cwd: dir }).stdout)[0].messages;
    // the use is read before its definition whatever common.sh does; it may only have left an older `k`
    expect(without.map((m) => m.ruleId)).toEqual(['use-before-definition']);
    expect(without[0].message).toContain('A `source` of a file aliascope cannot read (line 3) may have defined `k` before');
    const r = aliascope(['-f', 'json', '--config', join(dir, 'nested', '.aliascoperc.json'), '-P', 'lib', 'use.sh'], { cwd: dir });
    const found: M[] = JSON.parse(r.stdout)[0].messages;
    expect(found.map((m) => m.ruleId)).toEqual(['use-before-definition']);
    expect(found[0].message).not.toContain('may have defined');
  });

  it('--rule beats the config', () => {
    expect(report(['--rule', 'use-before-definition:off', 'early.sh'])).toEqual([['early.sh', ['alias-never-expands:warning']]]);
  });

  it('a config\'s "shell" is the default only when the file itself says nothing', () => {
    const d = project({ '.aliascoperc.json': '{"shell": "bash"}', 'plain': '# no shebang\nalias k=x\nk y\n', 'x.sh': '#!/bin/sh\nalias k=x\nk y\n' });
    const rules = (args: string[], cwd = d) => JSON.parse(aliascope(['-f', 'json', ...args], { cwd }).stdout)
      .map((f: { filePath: string; messages: { ruleId: string }[] }) => [f.filePath.slice(cwd.length + 1), f.messages.map((m) => m.ruleId)]);
    // The config makes `plain` bash, where aliases are off; the shebang keeps x.sh as sh, where they are on.
    expect(rules(['plain', 'x.sh'])).toEqual([['plain', ['alias-never-expands', 'expand-aliases-off']], ['x.sh', []]]);
    expect(rules(['--shell', 'bash', 'x.sh'])).toEqual([['x.sh', ['alias-never-expands', 'expand-aliases-off']]]);
    expect(rules(['--shell', 'sh', 'plain'])).toEqual([['plain', []]]);
  });
});

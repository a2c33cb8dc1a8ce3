// Worker threads give the same report, in the same order, as one thread; the
// cache reuses reports only for unchanged bytes; docs match the rules.
import { execFileSync, spawnSync } from 'child_process';
import { chmodSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { describe, expect, it } from 'vitest';
import { ruleDoc } from '../../cli/explain';
import { RULES } from '../../rules';
import { aliascope, CLEAN, project, ROOT, SAME_UNIT, WARN_ONLY } from './helpers';

describe('worker pool', () => {
  it('any number of workers gives byte-identical output in a fixed order', () => {
    const files: Record<string, string> = {};
    const kinds = [SAME_UNIT, CLEAN, WARN_ONLY, `#!/bin/sh\n${'echo x\n'.repeat(200)}${SAME_UNIT}`];
    for (let i = 0; i < 60; i++) files[`d${i % 4}/f${String(i).padStart(2, '0')}.sh`] = kinds[i % kinds.length];
    const dir = project(files);
    const outputs = ['off', '1', '2', '3'].map((c) => aliascope(['--concurrency', c, '-f', 'json', '.'], { cwd: dir }));
    for (const o of outputs) expect(o.status).toBe(1);
    const first = outputs[0].stdout;
    expect(JSON.parse(first).length).toBe(60);
    for (const o of outputs.slice(1)) expect(o.stdout).toBe(first);
    const paths = JSON.parse(first).map((f: { filePath: string }) => f.filePath);
    expect(paths).toEqual([...paths].sort());
  });

  it('--fix through workers writes every file', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) files[`f${i}.sh`] = `#!/bin/sh\n${SAME_UNIT}`;
    const dir = project(files);
    expect(aliascope(['--concurrency', '2', '--fix', '.'], { cwd: dir }).status).toBe(0);
    for (let i = 0; i < 40; i++) expect(readFileSync(join(dir, `f${i}.sh`), 'utf8')).toBe('#!/bin/sh\nk() { kubectl "$@"; }; k get pods\n');
  });
});

describe('--cache', () => {
  it('reuses a report while the bytes are unchanged, and relints when they change', () => {
    const dir = project({ 'a.sh': SAME_UNIT, 'b.sh': CLEAN });
    const first = aliascope(['--cache', '-f', 'json', '.'], { cwd: dir });
    const cachePath = join(dir, '.aliascope-cache');
    const cache = JSON.parse(readFileSync(cachePath, 'utf8'));
    const key = Object.keys(cache.entries).find((k) => k.endsWith('a.sh'))!;
    // Plant a marker in the cached report: it shows up only if the cache is used.
    cache.entries[key].report.messages[0].message = 'FROM THE CACHE';
    writeFileSync(cachePath, JSON.stringify(cache));
    const second = aliascope(['--cache', '-f', 'json', '.'], { cwd: dir });
    expect(second.stdout).toContain('FROM THE CACHE');
    expect(JSON.parse(second.stdout).length).toBe(JSON.parse(first.stdout).length);
    // Without --cache, or once the file changes, the marker is gone.
    expect(aliascope(['-f', 'json', '.'], { cwd: dir }).stdout).not.toContain('FROM THE CACHE');
    writeFileSync(join(dir, 'a.sh'), `# changed\n${SAME_UNIT}`);
    expect(aliascope(['--cache', '-f', 'json', '.'], { cwd: dir }).stdout).not.toContain('FROM THE CACHE');
  });

  it('relints a file when a file it sources changes', () => {
    const dir = project({ 'main.sh': '#!/bin/bash\nsource ./lib.sh\nll /tmp\n', 'lib.sh': "alias ll='ls -l'\n" });
    expect(aliascope(['--cache', '.'], { cwd: dir }).status).toBe(1);
    writeFileSync(join(dir, 'lib.sh'), "shopt -s expand_aliases\nalias ll='ls -l'\n");
    expect(aliascope(['--cache', '.'], { cwd: dir }).status).toBe(0);
  });

  it('relints a file whose execute bit changed: an executable script loses its aliases when it exits', () => {
    const dir = project({ 'd.sh': "#!/bin/bash\nalias ll='ls -l'\necho hi\n" });
    chmodSync(join(dir, 'd.sh'), 0o644);
    expect(aliascope(['--cache', '-f', 'gcc', '.'], { cwd: dir }).stdout).toBe('');
    chmodSync(join(dir, 'd.sh'), 0o755);
    expect(aliascope(['--cache', '-f', 'gcc', '.'], { cwd: dir }).stdout).toMatch(/alias-dies-with-script/);
  });

  it('a different option is a different key', () => {
    const dir = project({ 'a.sh': SAME_UNIT });
    aliascope(['--cache', '.'], { cwd: dir });
    expect(aliascope(['--cache', '--rule', 'same-unit:off', '.'], { cwd: dir }).status).toBe(0);
    expect(aliascope(['--cache', '.'], { cwd: dir }).status).toBe(1);
  });

  it('--cache-location and --fix: a cached file with fixes is still fixed', () => {
    const dir = project({ 'a.sh': SAME_UNIT });
    aliascope(['--cache', '--cache-location', 'c.json', '.'], { cwd: dir });
    expect(readFileSync(join(dir, 'c.json'), 'utf8')).toContain('a.sh');
    aliascope(['--cache', '--cache-location', 'c.json', '--fix', '.'], { cwd: dir });
    expect(readFileSync(join(dir, 'a.sh'), 'utf8')).toBe('k() { kubectl "$@"; }; k get pods\n');
  });

  it('--cache-location naming a folder puts the cache file inside it, as ESLint does', () => {
    const dir = project({ 'a.sh': SAME_UNIT, 'cache/.keep': '' });
    for (const location of ['cache', 'cache/', 'fresh/']) {
      const r = aliascope(['--cache', '--cache-location', location, '-f', 'gcc', 'a.sh'], { cwd: dir });
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/^a\.sh:1:/);
      expect(readFileSync(join(dir, location, '.aliascope-cache'), 'utf8')).toContain('a.sh');
    }
  });

  it('--cache-location that cannot be written: the report, one line, exit 2, no temporary file', () => {
    const dir = project({ 'a.sh': SAME_UNIT });
    const r = aliascope(['--cache', '--cache-location', 'a.sh/c.json', '-f', 'gcc', 'a.sh'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/^a\.sh:1:/);
    expect(r.stderr).toBe('aliascope: --cache-location a.sh/c.json: cannot write the cache: a parent of this path is not a directory\n');
    expect(readdirSync(dir).filter((f) => f.includes('tmp'))).toEqual([]);
  });
});

describe('rule documentation', () => {
  it('docs/rules is what `npm run docs` writes', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'docs.js'), '--check'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('--explain prints the same text as the docs file, for every rule', () => {
    for (const rule of RULES) {
      const explained = execFileSync(process.execPath, [join(ROOT, 'bin', 'aliascope.js'), '--explain', rule.meta.id], { encoding: 'utf8' });
      expect(explained).toBe(ruleDoc(rule.meta));
      expect(readFileSync(join(ROOT, 'docs', 'rules', `${rule.meta.id}.md`), 'utf8')).toContain(explained);
      for (const section of ['## What it does', '## Why is this bad', '## Example', '## Fix']) expect(explained).toContain(section);
    }
  });
});

// Inputs that are not plain shell scripts: each bad one gets one clear line
// on standard error and exit 2, and every other file is still linted.
import { chmodSync, mkdirSync, statSync, symlinkSync, writeFileSync } from 'fs';
import { join } from 'path';
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'child_process';
import { aliascope, BIN, CLEAN, project, SAME_UNIT } from './helpers';

/** Runs with a good file beside the bad one: the good one must still be reported. */
function withGoodFile(setup: (dir: string) => string, args: string[] = [], run = aliascope) {
  const dir = project({ 'good.sh': SAME_UNIT });
  const bad = setup(dir);
  const r = run(['-f', 'gcc', ...args, 'good.sh', bad], { cwd: dir });
  expect(r.stdout).toMatch(/^good\.sh:1:\d+: error: /m);
  expect(r.status).toBe(2);
  const lines = r.stderr.trim().split('\n');
  expect(lines.length).toBe(1);
  return lines[0];
}

describe('bad inputs', () => {
  it('a binary file', () => {
    const line = withGoodFile((dir) => {
      writeFileSync(join(dir, 'bin.sh'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 0]));
      return 'bin.sh';
    });
    expect(line).toBe('aliascope: bin.sh: binary file (it contains NUL bytes), not linted');
  });

  it('a binary *.sh found in a folder is skipped with a note; the run still passes', () => {
    const dir = project({ 'good.sh': CLEAN });
    writeFileSync(join(dir, 'bin.sh'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 0]));
    const r = aliascope(['-f', 'gcc', '.'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('aliascope: bin.sh: skipped: binary file (it contains NUL bytes)\n');
  });

  it('a file over the size limit (10 MB against the default 5 MB)', () => {
    const line = withGoodFile((dir) => {
      writeFileSync(join(dir, 'big.sh'), `${'echo padding line\n'.repeat(600_000)}`);
      return 'big.sh';
    });
    expect(line).toMatch(/^aliascope: big\.sh: file is 10\.3 MB, over the 5\.0 MB limit \(--max-file-size\)$/);
  });

  it('a 10 MB file under a raised limit is read without failing the run, and a gap in the analysis is said aloud', () => {
    const dir = project({ 'small.sh': SAME_UNIT });
    writeFileSync(join(dir, 'big.sh'), `#!/bin/sh\ncat <<EOF\n${'heredoc padding line\n'.repeat(500_000)}EOF\n${SAME_UNIT}`);
    expect(statSync(join(dir, 'big.sh')).size).toBeGreaterThan(10_000_000);
    const r = aliascope(['-f', 'gcc', '--max-file-size', '20M', 'big.sh', 'small.sh'], { cwd: dir });
    expect(r.status).not.toBe(2);
    expect(r.stdout).toMatch(/^small\.sh:1:\d+: error: /m);
    // Either the engine analysed it (and found the problem on the last line), or it says it stopped early.
    const analysed = /^big\.sh:500004:20: error: /m.test(r.stdout);
    expect(analysed || /^aliascope: big\.sh: the analysis stopped early/m.test(r.stderr)).toBe(true);
  }, 120_000);

  it('a file over the analysis budget (2 MB) is reported as analysis-incomplete in every format', () => {
    const dir = project({ 'big.sh': `#!/bin/sh\n${'echo padding line\n'.repeat(120_000)}${SAME_UNIT}` });
    const expected: Record<string, RegExp> = {
      gcc: /^big\.sh:1:1: note: Analysis incomplete: .* \[analysis-incomplete\]$/m,
      stylish: /^ +1:1 +info +Analysis incomplete: .*analysis-incomplete$/m,
      json: /"ruleId": ?"analysis-incomplete"/,
      sarif: /"ruleId": ?"analysis-incomplete"/,
      checkstyle: /source="aliascope\.analysis-incomplete"|analysis-incomplete/,
      github: /^::notice file=big\.sh,line=1,.*analysis-incomplete/m,
      rdjson: /"value": ?"analysis-incomplete"/,
    };
    for (const [format, pattern] of Object.entries(expected)) {
      const r = aliascope(['-f', format, '--no-color', 'big.sh'], { cwd: dir });
      expect(r.status, format).toBe(0);
      expect(r.stdout, format).toMatch(pattern);
    }
  }, 120_000);

  it('an empty file is clean', () => {
    const dir = project({ 'empty.sh': '' });
    expect(aliascope(['empty.sh'], { cwd: dir })).toMatchObject({ status: 0, stdout: '', stderr: '' });
  });

  it('a file that is not UTF-8 is read byte for byte, and columns stay right', () => {
    const dir = project({});
    // Latin-1 "é" (one byte) before the alias on the same line.
    writeFileSync(join(dir, 'l1.sh'), Buffer.concat([Buffer.from('#!/bin/sh\nx=caf'), Buffer.from([0xe9]), Buffer.from('; alias k="kubectl"; k get pods\n')]));
    const r = aliascope(['-f', 'json', 'l1.sh'], { cwd: dir });
    expect(r.status).toBe(1);
    const cols = JSON.parse(r.stdout)[0].messages.map((m: { line: number; column: number }) => `${m.line}:${m.column}`);
    const line = 'x=café; alias k="kubectl"; k get pods';
    expect(cols).toEqual([`2:${line.indexOf('k="') + 1}`, `2:${line.indexOf('k get') + 1}`]);
  });

  it('a folder named where a file was expected is walked; an empty one is an error', () => {
    const line = withGoodFile((dir) => {
      mkdirSync(join(dir, 'empty.sh'));
      return 'empty.sh/*.sh';
    });
    expect(line).toBe('aliascope: empty.sh/*.sh: no files match this pattern');
  });

  it('a FIFO named on the command line, without blocking on it', (ctx) => {
    const line = withGoodFile((dir) => {
      const made = spawnSync('mkfifo', [join(dir, 'pipe.sh')]);
      if (made.status !== 0) {
        process.stderr.write('skipped: mkfifo is not available\n');
        ctx.skip();
      }
      return 'pipe.sh';
    });
    expect(line).toBe('aliascope: pipe.sh: not a regular file');
  });

  it('a broken symbolic link', () => {
    const line = withGoodFile((dir) => {
      symlinkSync('missing-target.sh', join(dir, 'dangling.sh'));
      return 'dangling.sh';
    });
    expect(line).toBe('aliascope: dangling.sh: broken symbolic link (its target does not exist)');
  });

  it('a broken symbolic link found by walking a folder', () => {
    const dir = project({ 'd/good.sh': SAME_UNIT });
    symlinkSync('nowhere.sh', join(dir, 'd', 'dangling.sh'));
    const r = aliascope(['-f', 'gcc', 'd'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`aliascope: ${join(dir, 'd', 'dangling.sh')}: broken symbolic link (its target does not exist)\n`);
    expect(r.stdout).toMatch(/^d\/good\.sh:/m);
  });

  it('a symbolic link loop', () => {
    const line = withGoodFile((dir) => {
      symlinkSync('loop-b.sh', join(dir, 'loop-a.sh'));
      symlinkSync('loop-a.sh', join(dir, 'loop-b.sh'));
      return 'loop-a.sh';
    });
    expect(line).toBe('aliascope: loop-a.sh: symbolic link loop');
  });

  it('a file without read permission', (ctx) => {
    // Root reads every file, so as root the run drops to the unprivileged `nobody` user,
    // which needs to be able to read this checkout.
    const asRoot = process.getuid?.() === 0;
    if (asRoot) {
      const probe = spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(BIN)})`], { uid: 65534, gid: 65534 });
      if (probe.status !== 0) {
        process.stderr.write('skipped: running as root, and the unprivileged user `nobody` cannot read this checkout to run the CLI\n');
        ctx.skip();
      }
    }
    const run: typeof aliascope = (args, opts) => aliascope(args, asRoot ? { ...opts, uid: 65534, gid: 65534 } : opts);
    const line = withGoodFile((dir) => {
      writeFileSync(join(dir, 'secret.sh'), CLEAN);
      chmodSync(join(dir, 'secret.sh'), 0o000);
      return 'secret.sh';
    }, [], run);
    expect(line).toBe('aliascope: secret.sh: permission denied');
  });
});

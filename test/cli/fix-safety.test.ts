// --fix writes only where the user could, keeps the owner, never loses an edit
// made while the file was analysed, and keeps hard links linked.
import { spawnSync } from 'child_process';
import { chmodSync, chownSync, linkSync, readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import { describe, expect, it, type TestContext } from 'vitest';
import { stampOf, writeAtomically, WriteRefused } from '../../cli/fix';
import { aliascope, BIN, project, SAME_UNIT } from './helpers';

const SCRIPT = `#!/bin/sh\n${SAME_UNIT}`;
const ROOT = process.getuid?.() === 0;
const NOBODY = 65534;

/** As root, runs the CLI as `nobody`, the way an unprivileged user meets these files; skips visibly when it cannot. */
function unprivileged(ctx: TestContext): { uid?: number; gid?: number } {
  if (!ROOT) return {};
  const probe = spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(BIN)})`], { uid: NOBODY, gid: NOBODY });
  if (probe.status !== 0) {
    process.stderr.write('skipped: running as root, and the unprivileged user `nobody` cannot read this checkout to run the CLI\n');
    ctx.skip();
  }
  return { uid: NOBODY, gid: NOBODY };
}

const leftovers = (dir: string): string[] => readdirSync(dir).filter((f) => f.includes('aliascope-'));

describe('--fix refuses to write where the user could not', () => {
  it('a read-only file is left as it was, with one line and exit 2', (ctx) => {
    const ids = unprivileged(ctx);
    const dir = project({ 'a.sh': SCRIPT });
    chmodSync(dir, 0o777);
    if (ids.uid !== undefined) chownSync(join(dir, 'a.sh'), ids.uid, ids.gid!);
    chmodSync(join(dir, 'a.sh'), 0o444);
    const r = aliascope(['--fix', 'a.sh'], { cwd: dir, ...ids });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('aliascope: a.sh: not fixed: the file is not writable by you\n');
    expect(readFileSync(join(dir, 'a.sh'), 'utf8')).toBe(SCRIPT);
    expect(statSync(join(dir, 'a.sh')).mode & 0o777).toBe(0o444);
  });

  it('a file of another owner in a folder anyone may write keeps its owner and text', (ctx) => {
    const ids = unprivileged(ctx);
    if (!ROOT) {
      process.stderr.write('skipped: needs root to make a file owned by another user\n');
      ctx.skip();
    }
    const dir = project({ 'a.sh': SCRIPT });
    chmodSync(dir, 0o777);
    chmodSync(join(dir, 'a.sh'), 0o666);
    const r = aliascope(['--fix', 'a.sh'], { cwd: dir, ...ids });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^aliascope: a\.sh: not fixed: its owner or group could not be kept/);
    expect(readFileSync(join(dir, 'a.sh'), 'utf8')).toBe(SCRIPT);
    expect(statSync(join(dir, 'a.sh')).uid).toBe(0);
    expect(leftovers(dir)).toEqual([]);
  });
});

describe('--fix and other writers', () => {
  it('leaves a file that changed after it was read, and leaves no temporary file', () => {
    const dir = project({ 'a.sh': SCRIPT });
    const path = join(dir, 'a.sh');
    const read = stampOf(statSync(path));
    expect(() => writeAtomically(path, Buffer.from('echo\n'), { ...read, mtimeMs: read.mtimeMs - 1000 })).toThrow(WriteRefused);
    expect(() => writeAtomically(path, Buffer.from('echo\n'), { ...read, size: read.size + 1 })).toThrow(/changed while it was being analysed/);
    expect(readFileSync(path, 'utf8')).toBe(SCRIPT);
    expect(leftovers(dir)).toEqual([]);
    writeAtomically(path, Buffer.from('echo\n'), read);
    expect(readFileSync(path, 'utf8')).toBe('echo\n');
  });

  it('writes a hard-linked file in place, so that every name sees the fix', () => {
    const dir = project({ 'a.sh': SCRIPT });
    linkSync(join(dir, 'a.sh'), join(dir, 'b.sh'));
    const ino = statSync(join(dir, 'a.sh')).ino;
    const r = aliascope(['--fix', 'a.sh'], { cwd: dir });
    expect(r.stderr).toBe('');
    const fixed = readFileSync(join(dir, 'a.sh'), 'utf8');
    expect(fixed).not.toBe(SCRIPT);
    expect(readFileSync(join(dir, 'b.sh'), 'utf8')).toBe(fixed);
    expect(statSync(join(dir, 'a.sh')).ino).toBe(ino);
    expect(statSync(join(dir, 'a.sh')).nlink).toBe(2);
  });
});

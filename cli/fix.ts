// --fix writes what the shared fix loop (host/fix-loop.ts) produced, atomically.
import {
  accessSync, chmodSync, chownSync, closeSync, constants, fstatSync, fsyncSync, ftruncateSync, openSync, realpathSync, renameSync,
  Stats, statSync, unlinkSync, writeSync,
} from 'fs';
import { basename, dirname, join } from 'path';

/** A write that aliascope declines, with the reason the user is shown. */
export class WriteRefused extends Error {}

/** What a file was when it was read; the write goes ahead only if it still is. */
export interface ReadStamp {
  size: number;
  mtimeMs: number;
  ino: number;
}

export const stampOf = (st: Stats): ReadStamp => ({ size: st.size, mtimeMs: st.mtimeMs, ino: st.ino });

/** Why the file at `target` must not be replaced, if it must not. */
function refusal(target: string, st: Stats, read: ReadStamp | undefined): string | undefined {
  try {
    accessSync(target, constants.W_OK);
  } catch {
    return 'the file is not writable by you';
  }
  if (read && (st.size !== read.size || st.mtimeMs !== read.mtimeMs || st.ino !== read.ino)) {
    return 'the file changed while it was being analysed, so it was left as it is';
  }
  return undefined;
}

/**
 * Replaces a file's contents through a temporary file in the same folder and a
 * rename, so a reader never sees half a file; mode and owner are kept (or the
 * write is refused), and a symbolic link keeps pointing at the file it named.
 * A file with other hard links is written in place, so that every name sees
 * the fix. `read`, when given, must still describe the file just before the write.
 */
export function writeAtomically(path: string, data: Buffer, read?: ReadStamp): void {
  const target = realpathSync(path);
  const st = statSync(target);
  const before = refusal(target, st, read);
  if (before) throw new WriteRefused(before);
  if (st.nlink > 1) return writeInPlace(target, data, read);
  const tmp = join(dirname(target), `.${basename(target)}.aliascope-${process.pid}-${Date.now().toString(36)}.tmp`);
  const fd = openSync(tmp, 'wx', st.mode & 0o7777);
  try {
    try {
      writeSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    // owner first: chown clears the set-user-ID and set-group-ID bits that chmod then restores
    try {
      chownSync(tmp, st.uid, st.gid);
    } catch {
      throw new WriteRefused('its owner or group could not be kept (only its owner or root may fix it)');
    }
    chmodSync(tmp, st.mode & 0o7777);
    const now = refusal(target, statSync(target), read);
    if (now) throw new WriteRefused(now);
    renameSync(tmp, target);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch { /* already gone */ }
    throw e;
  }
}

/** Rewrites the file through its own inode, after the same last-moment check. */
function writeInPlace(target: string, data: Buffer, read: ReadStamp | undefined): void {
  const fd = openSync(target, 'r+');
  try {
    const now = refusal(target, fstatSync(fd), read);
    if (now) throw new WriteRefused(now);
    ftruncateSync(fd, 0);
    writeSync(fd, data, 0, data.length, 0);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

// --fix writes what the shared fix loop (host/fix-loop.ts) produced, atomically.
import { chmodSync, chownSync, closeSync, fsyncSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'fs';
import { basename, dirname, join } from 'path';

/**
 * Replaces a file's contents through a temporary file in the same folder and a
 * rename, so a reader never sees half a file; mode and owner are kept, and a
 * symbolic link keeps pointing at the file it named.
 */
export function writeAtomically(path: string, data: Buffer): void {
  const target = realpathSync(path);
  const st = statSync(target);
  const tmp = join(dirname(target), `.${basename(target)}.aliascope-${process.pid}-${Date.now().toString(36)}.tmp`);
  const fd = openSync(tmp, 'wx', st.mode & 0o7777);
  try {
    try {
      writeSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    chmodSync(tmp, st.mode & 0o7777);
    try {
      chownSync(tmp, st.uid, st.gid);
    } catch { /* only the owner or root may give a file away; the mode is what matters */ }
    renameSync(tmp, target);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch { /* already gone */ }
    throw e;
  }
}

// --fix: iterate fixes to a fixed point, check that the result parses no worse
// and that nothing outside the fix ranges changed, then write atomically.
import {
  accessSync, chmodSync, chownSync, closeSync, constants, fstatSync, fsyncSync, ftruncateSync, openSync, realpathSync, renameSync,
  Stats, statSync, unlinkSync, writeSync,
} from 'fs';
import { basename, dirname, join } from 'path';
import { applyFixes, Diagnostic, errorCount, Fix, parse, TextEdit } from '../rules';

export const MAX_PASSES = 10;

export interface FixOutcome {
  text: string;
  passes: number;
  /** Why fixing stopped early, if it did. */
  refused?: string;
}

/**
 * Bytes outside every candidate edit must survive, in order: the text between
 * merged edit ranges is found in the result one piece after another.
 */
export function keepsOutside(before: string, after: string, edits: TextEdit[]): boolean {
  const spans = edits.map((e) => [e.start, e.end]).sort((a, b) => a[0] - b[0]);
  const merged: number[][] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([...s]);
  }
  if (merged.length === 0) return before === after;
  const gaps: string[] = [];
  let from = 0;
  for (const [s, e] of merged) {
    gaps.push(before.slice(from, s));
    from = e;
  }
  gaps.push(before.slice(from));
  if (!after.startsWith(gaps[0]) || !after.endsWith(gaps[gaps.length - 1])) return false;
  let at = gaps[0].length;
  for (const g of gaps.slice(1, -1)) {
    const i = after.indexOf(g, at);
    if (i === -1) return false;
    at = i + g.length;
  }
  return at <= after.length - gaps[gaps.length - 1].length;
}

/**
 * Applies the fixes `lintOnce` offers, re-linting between passes, until none
 * is left or a pass would break a promise; then keeps the last good text.
 */
export function fixToFixedPoint(text: string, lintOnce: (text: string) => Diagnostic[], first: Diagnostic[]): FixOutcome {
  let baseErrors: number | undefined;
  let current = text;
  let diagnostics = first;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const fixes = diagnostics.map((d) => d.fix).filter((f): f is Fix => !!f);
    if (fixes.length === 0) return { text: current, passes: pass };
    const next = applyFixes(current, fixes).text;
    if (next === current) return { text: current, passes: pass };
    if (!keepsOutside(current, next, fixes.flatMap((f) => f.edits))) {
      return { text: current, passes: pass, refused: 'a fix would change text outside its own range' };
    }
    baseErrors ??= errorCount(parse(text));
    if (errorCount(parse(next)) > baseErrors) {
      return { text: current, passes: pass, refused: 'the fixed script would parse worse than the original' };
    }
    current = next;
    diagnostics = lintOnce(current);
  }
  return { text: current, passes: MAX_PASSES, refused: `fixes did not settle after ${MAX_PASSES} passes` };
}

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
    chmodSync(tmp, st.mode & 0o7777);
    try {
      chownSync(tmp, st.uid, st.gid);
    } catch {
      throw new WriteRefused('its owner or group could not be kept (only its owner or root may fix it)');
    }
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

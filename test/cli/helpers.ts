// Runs the built command line as a real child process, in throwaway folders.
import { spawnSync, SpawnSyncOptions } from 'child_process';
import { chmodSync, mkdirSync, realpathSync, writeFileSync } from 'fs';
import { dirname, join, resolve } from 'path';
import { tempDir } from '../support/temp';

export const ROOT = resolve(__dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'aliascope.js');

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function aliascope(args: string[], opts: { cwd: string; input?: string | Buffer; env?: Record<string, string | undefined>; uid?: number; gid?: number }): Run {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...opts.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const spawnOpts: SpawnSyncOptions = { cwd: opts.cwd, input: opts.input ?? '', env: env as NodeJS.ProcessEnv, encoding: 'utf8', uid: opts.uid, gid: opts.gid };
  const r = spawnSync(process.execPath, [BIN, ...args], spawnOpts);
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout as unknown as string, stderr: r.stderr as unknown as string };
}

/** A fresh folder holding `files` (path → contents); returns its real path. */
export function project(files: Record<string, string | Buffer>): string {
  const dir = realpathSync(tempDir('aliascope-cli-'));
  chmodSync(dir, 0o755);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

export const SAME_UNIT = 'alias k="kubectl"; k get pods\n';
export const CLEAN = '#!/bin/bash\nshopt -s expand_aliases\nalias k=kubectl\nk get pods\n';
/** Warnings only: a use before the definition, and an alias that never expands. */
export const WARN_ONLY = '#!/bin/bash\nk get pods\nalias k=kubectl\n';

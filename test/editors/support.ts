// What the editor tests share: the seed in a scratch workspace, the server
// command, and a visible note when an editor is missing.
import { execFileSync } from 'child_process';
import { copyFileSync, readFileSync } from 'fs';
import { join } from 'path';
import { expect } from 'vitest';
import { tempDir } from '../support/temp';

export const ROOT = join(__dirname, '..', '..');
export const SEED = join(ROOT, 'examples', 'kubectl-seed.sh');
export const SERVER_CMD = `${process.execPath} ${join(ROOT, 'bin', 'aliascope-lsp.js')} --stdio`;
export const WRAPPER = 'kubectl() { command kubectl --insecure-skip-tls-verify=True "$@"; }';

export function has(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Says why a test is skipped, where the run's output shows it. */
export function skipNote(name: string, available: boolean, why: string): void {
  if (!available) console.warn(`[skip] ${name}: ${why}`);
}

/** A fresh folder holding a copy of the seed script; returns the script's path. */
export function seedWorkspace(prefix: string): string {
  const file = join(tempDir(prefix), 'kubectl-seed.sh');
  copyFileSync(SEED, file);
  return file;
}

/** The seed on disk after the editor applied the wrapper fix and saved. */
export function expectSeedFixed(file: string): void {
  const text = readFileSync(file, 'utf8');
  expect(text).toContain(`  ${WRAPPER}\n`);
  expect(text).not.toMatch(/^\s*alias kubectl=/m);
}

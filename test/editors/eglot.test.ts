// Emacs with Eglot (Debian's emacs-nox and elpa-eglot), in batch mode: the
// seed's two diagnostics through flymake, the preferred quick fix, save.
import { spawnSync } from 'child_process';
import { existsSync, readdirSync, rmSync } from 'fs';
import { dirname, join } from 'path';
import { describe, expect, it } from 'vitest';
import { expectSeedFixed, has, seedWorkspace, SERVER_CMD, skipNote } from './support';

const ELPA = '/usr/share/emacs/site-lisp/elpa';
const hasEglot = has('emacs') && existsSync(ELPA) && readdirSync(ELPA).some((d) => d.startsWith('eglot-'));
skipNote('Emacs + Eglot', hasEglot, 'emacs or eglot is not installed (apt-get install emacs-nox elpa-eglot; .ci/run installs them)');

describe('Emacs + Eglot', () => {
  it.skipIf(!hasEglot)('shows both kubectl diagnostics and applies the wrapper fix', () => {
    const file = seedWorkspace('aliascope-eglot-');
    try {
      const run = spawnSync('emacs', ['--batch', '-l', join(__dirname, 'eglot-quickfix.el')], {
        env: { ...process.env, ALIASCOPE_LSP: SERVER_CMD, SH_FILE: file },
        encoding: 'utf8', timeout: 90_000,
      });
      const log = `${run.stdout}\n${run.stderr}`;
      expect(run.status, log).toBe(0);
      expect(log).toMatch(/diagnostic 5: aliascope \[function-read-before-alias\]/);
      expect(log).toMatch(/diagnostic 10: aliascope \[alias-in-function\]/);
      expect(log).toMatch(/Pick an action \(default Rewrite alias `kubectl` as a function\)/);
      expectSeedFixed(file);
    } finally {
      rmSync(dirname(file), { recursive: true, force: true });
    }
  }, 120_000);
});

// Neovim's built-in LSP client (Debian's 0.7.2), headless: the seed's two
// diagnostics, the preferred quick fix through Neovim's code-action path, :write.
import { spawnSync } from 'child_process';
import { rmSync } from 'fs';
import { dirname, join } from 'path';
import { describe, expect, it } from 'vitest';
import { expectSeedFixed, has, seedWorkspace, SERVER_CMD, skipNote } from './support';

const hasNvim = has('nvim');
skipNote('Neovim', hasNvim, 'nvim is not installed (apt-get install neovim; .ci/run installs it)');

describe('Neovim', () => {
  it.skipIf(!hasNvim)('shows both kubectl diagnostics and applies the wrapper fix', () => {
    const file = seedWorkspace('aliascope-nvim-');
    try {
      const run = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-c', `luafile ${join(__dirname, 'nvim-quickfix.lua')}`], {
        env: { ...process.env, ALIASCOPE_LSP: SERVER_CMD, SH_FILE: file },
        encoding: 'utf8', timeout: 90_000,
      });
      const log = `${run.stdout}\n${run.stderr}`;
      expect(run.status, log).toBe(0);
      expect(log).toMatch(/diagnostic 5:3 `kubectl` on line 5 is inside `func1`/);
      expect(log).toMatch(/diagnostic 10:3 `kubectl` on line 10 is inside `main` itself/);
      expect(log).toMatch(/menu \d+: Rewrite alias `kubectl` as a function/);
      expectSeedFixed(file);
    } finally {
      rmSync(dirname(file), { recursive: true, force: true });
    }
  }, 120_000);
});

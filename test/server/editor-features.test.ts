// What the VS Code extension asks of the server beyond plain LSP: the
// status bar's request (dialect and parser) and warnings that name a setting
// the server does not understand.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic, InitializeResult } from 'vscode-languageserver-protocol/node';
import { fileUri, ROOT, TestClient } from './client';

const SEED = readFileSync(join(ROOT, 'examples', 'kubectl-seed.sh'), 'utf8');
let ws: string;
const clients: TestClient[] = [];

async function start(opts: Parameters<typeof TestClient.start>[0] = {}): Promise<{ client: TestClient; init: InitializeResult }> {
  const started = await TestClient.start({ rootPath: ws, ...opts });
  clients.push(started.client);
  return started;
}

beforeAll(() => {
  ws = mkdtempSync(join(tmpdir(), 'aliascope-editor-'));
});
afterEach(() => {
  for (const c of clients.splice(0)) c.kill();
});
afterAll(() => rmSync(ws, { recursive: true, force: true }));

interface Status { enabled: boolean; dialect: string; label: string; source: string; parser?: string }

describe('aliascope/status', () => {
  it('names the dialect a document is read as, what decided it, and the parser the server reports', async () => {
    const { client, init } = await start();
    const parser = (init.capabilities.experimental as { parser?: string }).parser;
    expect(['native', 'wasm']).toContain(parser);
    const files: [string, string, string, string][] = [
      ['a.sh', '#!/bin/zsh\nalias k=kubectl\n', 'zsh', 'shebang'],
      ['b.bash', 'echo hi\n', 'bash', 'extension'],
      ['c.sh', '# shellcheck shell=ksh\necho hi\n', 'ksh', 'directive'],
    ];
    for (const [name, text, dialect, source] of files) {
      writeFileSync(join(ws, name), text);
      await client.open(fileUri(join(ws, name)), text);
      const status = await client.conn.sendRequest<Status>('aliascope/status', { uri: fileUri(join(ws, name)) });
      expect(status, name).toMatchObject({ enabled: true, dialect, source, parser });
      expect(status.label.length).toBeGreaterThan(0);
    }
    // The setting wins over the shebang.
    client.settings = { shell: 'mksh' };
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    expect(await client.conn.sendRequest<Status>('aliascope/status', { uri: fileUri(join(ws, 'a.sh')) }))
      .toMatchObject({ dialect: 'mksh', source: 'option' });
    expect(await client.conn.sendRequest('aliascope/status', { uri: fileUri(join(ws, 'not-open.sh')) })).toBeNull();
  });
});

describe("the editor's language mode", () => {
  it('names the dialect of a file that does not say, and yields to one that does', async () => {
    const { client } = await start();
    // zsh obeys `unsetopt aliases`; to ksh it is an unknown command
    const text = "alias qa='echo hi'\nunsetopt aliases\nqa\n";
    const codes = async (name: string, languageId: string, body = text) => {
      const uri = fileUri(join(ws, name));
      await client.open(uri, body, languageId);
      const status = await client.conn.sendRequest<Status>('aliascope/status', { uri });
      return { dialect: status.dialect, codes: (await client.diagnostics(uri, 1)).diagnostics.map((d) => d.code) };
    };
    const off = ['alias-never-expands', 'expand-aliases-off'];
    expect(await codes('zmode', 'zsh')).toEqual({ dialect: 'zsh', codes: off });
    expect(await codes('kmode', 'ksh')).toEqual({ dialect: 'ksh', codes: [] });
    expect(await codes('kbanged', 'ksh', `#!/bin/zsh\n${text}`)).toEqual({ dialect: 'zsh', codes: off });
    expect(await codes('plain', 'shellscript')).toMatchObject({ dialect: 'bash' });
  });
});

describe('invalid settings', () => {
  const seedUri = () => fileUri(join(ws, 'seed.sh'));

  it('warns once, naming the setting, about an unknown shell and a misspelt rule id, and analyses with the rest', async () => {
    writeFileSync(join(ws, 'seed.sh'), SEED);
    const { client } = await start({
      settings: { shell: 'fish', rules: { 'alias-in-functon': 'off', 'function-read-before-alias': 'loud', 'alias-never-expands': 'off' } },
    });
    await client.open(seedUri(), SEED);
    const { diagnostics } = await client.diagnostics(seedUri(), 1, (p) => p.diagnostics.length >= 2);
    // The bad entries are dropped: both uses are still reported, at their default severity.
    expect(diagnostics.map((d: Diagnostic) => d.code).sort()).toEqual(['alias-in-function', 'function-read-before-alias']);
    await client.until(() => (client.shown.length >= 3 ? true : undefined), 15_000, 'three warnings');
    const warnings = client.shown.filter((m) => m.type === 2).map((m) => m.message);
    expect(warnings).toHaveLength(3);
    expect(warnings.find((m) => m.includes('aliascope.shell'))).toMatch(/"fish" is not a shell .*using auto/);
    expect(warnings.find((m) => m.includes('alias-in-functon'))).toMatch(/aliascope\.rules: .*"alias-in-functon".*did you mean "alias-in-function"/);
    expect(warnings.find((m) => m.includes('"loud"'))).toMatch(/aliascope\.rules: .*function-read-before-alias/);
    // Asked again (a second document, the same settings): no new warning.
    writeFileSync(join(ws, 'other.sh'), SEED);
    await client.open(fileUri(join(ws, 'other.sh')), SEED);
    await client.diagnostics(fileUri(join(ws, 'other.sh')), 1, (p) => p.diagnostics.length >= 2);
    expect(client.shown).toHaveLength(3);
    expect(client.stderr).toMatch(/settings: aliascope\.shell/);
  });

  it('warns about settings sent in initializationOptions, and says nothing about valid ones', async () => {
    const bad = await start({ capabilities: {}, initializationOptions: { settings: { shell: 'fish' } } });
    await bad.client.until(() => (bad.client.shown.length ? true : undefined), 15_000, 'a warning');
    expect(bad.client.shown.map((m) => m.message)).toEqual([expect.stringMatching(/^aliascope: aliascope\.shell: "fish"/)]);

    writeFileSync(join(ws, 'seed.sh'), SEED);
    const good = await start({ settings: { shell: 'bash', rules: { 'alias-in-function': 'info' } } });
    await good.client.open(seedUri(), SEED);
    await good.client.diagnostics(seedUri(), 1, (p) => p.diagnostics.length >= 2);
    expect(good.client.shown).toEqual([]);
  });
});

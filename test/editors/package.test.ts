// The .vsix: `vsce package` bundles (vscode:prepublish runs
// scripts/bundle-extension.js) without vsce's bundling warning, ships exactly
// the bundle, every platform's native build, the wasm fallback and the
// manifest's files, and the server in it runs from the unpacked .vsix, with
// no node_modules around it, natively and on wasm. Also the manifest fields
// VS Code and Open VSX read.
import { execFile, execFileSync } from 'child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { promisify } from 'util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULES } from '../../rules';
import { fileUri, TestClient } from '../server/client';
import { has, ROOT, SEED, skipNote } from './support';

const PLATFORMS = ['darwin-arm64', 'darwin-x64', 'linux-arm64', 'linux-x64', 'win32-arm64', 'win32-x64'];
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const VSCE = join(ROOT, 'node_modules', '.bin', 'vsce');
const canUnzip = has('unzip');
skipNote('the server run from the unpacked .vsix', canUnzip, 'needs unzip (apt-get install unzip)');

let work: string;
let vsix: string;
let packOutput: string;
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'aliascope-vsix-'));
  vsix = join(work, 'aliascope.vsix');
  // Not synchronous: a minute of type-check and bundling must not block the test worker's messages.
  const r = await promisify(execFile)(VSCE, ['package', '--allow-missing-repository', '-o', vsix], { cwd: ROOT, encoding: 'utf8' })
    .catch((e: { code?: number; stdout?: string; stderr?: string }) => {
      throw new Error(`vsce package failed (${e.code}):\n${e.stdout}\n${e.stderr}`);
    });
  packOutput = `${r.stdout}\n${r.stderr}`;
}, 300_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Every file below `dir`, relative to it. */
function walk(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(dir, join(prefix, e.name)) : [join(prefix, e.name)]));
}

describe('VS Code extension package', () => {
  it('is bundled: vsce gives no warning, and the .vsix holds exactly the bundle, the native builds, the wasm and the manifest files', () => {
    expect(packOutput).not.toMatch(/WARNING|bundle your extension/);
    const files = execFileSync(VSCE, ['ls'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .split('\n').filter(Boolean).sort();
    const expected = [
      'package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'language-configuration.json', 'client/shell-include.tmLanguage.json',
      'schema/aliascoperc.schema.json', 'images/icon.png',
      'dist/extension.js', 'dist/server.js', 'dist/lex-thread.js', 'dist/wasm/tree-sitter.wasm', 'dist/wasm/tree-sitter-bash.wasm',
      ...PLATFORMS.flatMap((p) => [
        `dist/native/tree-sitter/prebuilds/${p}/tree-sitter.node`,
        `dist/native/tree-sitter-bash/prebuilds/${p}/tree-sitter-bash.node`,
      ]),
    ];
    // Where npm compiled tree-sitter (an older libstdc++ than the upstream prebuild needs), that build ships for this platform.
    if (existsSync(join(ROOT, 'node_modules', 'tree-sitter', 'build', 'Release', 'tree_sitter_runtime_binding.node'))) {
      expected.push(`dist/native/tree-sitter/prebuilds/${process.platform}-${process.arch}/tree-sitter.napi.node`);
    }
    expect(files).toEqual(expected.sort());
  }, 60_000);

  it.skipIf(!canUnzip)('runs its server from the unpacked .vsix: natively, on wasm when forced, and on wasm when every .node file is gone', async () => {
    const dir = join(work, 'unpacked');
    execFileSync('unzip', ['-q', vsix, '-d', dir]);
    const ext = join(dir, 'extension');
    expect(existsSync(join(ext, 'node_modules'))).toBe(false);
    const server = join(ext, 'dist', 'server.js');
    const version = (env: NodeJS.ProcessEnv = {}) =>
      execFileSync(process.execPath, [server, '--version'], { cwd: work, encoding: 'utf8', env: { ...process.env, ...env } });
    expect(version()).toMatch(/parser: native/);
    expect(version({ ALIASCOPE_PARSER: 'wasm' })).toMatch(/parser: wasm .*ALIASCOPE_PARSER=wasm/);

    const lint = async (): Promise<{ parser: string; codes: string[] }> => {
      const { client, init } = await TestClient.start({ server, rootPath: work });
      try {
        const uri = fileUri(join(work, 'seed.sh'));
        await client.open(uri, readFileSync(SEED, 'utf8'));
        const { diagnostics } = await client.diagnostics(uri, 1, (p) => p.diagnostics.length >= 2);
        return { parser: (init.capabilities.experimental as { parser: string }).parser, codes: diagnostics.map((d) => String(d.code)).sort() };
      } finally {
        await client.stop();
      }
    };
    const native = await lint();
    expect(native.parser).toBe('native');
    for (const f of walk(ext).filter((f) => f.endsWith('.node'))) unlinkSync(join(ext, f));
    expect(version()).toMatch(/parser: wasm .*native tree-sitter binding did not load/);
    const wasm = await lint();
    expect(wasm).toEqual({ parser: 'wasm', codes: native.codes });
    expect(native.codes).toEqual(expect.arrayContaining(['alias-in-function', 'function-read-before-alias']));
  }, 60_000);

  it('declares activation, languages, commands, settings, the config schema, an icon and workspace trust', () => {
    expect(manifest.main).toBe('./dist/extension.js');
    // Activated for our language ids and the ones other popular extensions give shell files, which the client also selects.
    for (const id of ['shellscript', 'bats', 'mksh', 'bash', 'zsh', 'ksh']) expect(manifest.activationEvents).toContain(`onLanguage:${id}`);
    const client = readFileSync(join(ROOT, 'client', 'extension.ts'), 'utf8');
    const selected = JSON.parse(/export const LANGUAGES = (\[[^\]]*\])/.exec(client)![1].replace(/'/g, '"')) as string[];
    expect(selected.map((l) => `onLanguage:${l}`).sort())
      .toEqual((manifest.activationEvents as string[]).filter((e) => e.startsWith('onLanguage:')).sort());
    expect(manifest.capabilities.untrustedWorkspaces.supported).toBe(true);
    const languages = manifest.contributes.languages as { id: string; extensions: string[]; configuration?: string }[];
    expect(languages.find((l) => l.id === 'bats')).toMatchObject({ extensions: ['.bats'], configuration: './language-configuration.json' });
    expect(languages.find((l) => l.id === 'mksh')).toMatchObject({ extensions: ['.mksh'] });
    expect((manifest.contributes.commands as { title: string }[]).map((c) => c.title))
      .toEqual(['Fix all alias problems', 'Restart server', 'Show output']);
    const settings = manifest.contributes.configuration.properties as Record<string, { description?: string; markdownDescription?: string }>;
    for (const key of ['aliascope.enable', 'aliascope.shell', 'aliascope.rules', 'aliascope.run']) {
      expect(settings[key].description ?? settings[key].markdownDescription).toBeTruthy();
    }
    const ruleKeys = Object.keys((settings['aliascope.rules'] as { properties: object }).properties);
    expect(ruleKeys.sort()).toEqual(RULES.map((r) => r.meta.id).sort());
    for (const field of ['name', 'publisher', 'version', 'license', 'repository', 'icon']) expect(manifest[field]).toBeTruthy();
    expect(manifest.engines.vscode).toMatch(/^\^1\./);
    // A PNG of 128×128 (the Marketplace's size): the signature, then the IHDR width and height.
    const icon = readFileSync(join(ROOT, manifest.icon));
    expect(icon.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect([icon.readUInt32BE(16), icon.readUInt32BE(20)]).toEqual([128, 128]);
    expect(statSync(join(ROOT, manifest.contributes.jsonValidation[0].url)).isFile()).toBe(true);
    // The client's command ids are the ones the manifest contributes.
    for (const c of manifest.contributes.commands as { command: string }[]) expect(client).toContain(`'${c.command}'`);
  });
});

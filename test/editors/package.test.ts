// The .vsix: what `vsce` would put in it (every tree-sitter prebuild, no
// sources or tests), and the manifest fields VS Code and Open VSX read.
import { execFileSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../rules';
import { ROOT } from './support';

const PLATFORMS = ['darwin-arm64', 'darwin-x64', 'linux-arm64', 'linux-x64', 'win32-arm64', 'win32-x64'];
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

describe('VS Code extension package', () => {
  it('ships the compiled code, the license and the native prebuilds for every platform, and nothing else', () => {
    const files = execFileSync(join(ROOT, 'node_modules', '.bin', 'vsce'), ['ls'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .split('\n').filter(Boolean);
    for (const p of PLATFORMS) {
      expect(files).toContain(`node_modules/tree-sitter/prebuilds/${p}/tree-sitter.node`);
      expect(files).toContain(`node_modules/tree-sitter-bash/prebuilds/${p}/tree-sitter-bash.node`);
    }
    for (const f of ['LICENSE', 'language-configuration.json', 'bin/aliascope-lsp.js', 'out/server/main.js', 'out/client/extension.js',
      'client/shell-include.tmLanguage.json']) expect(files).toContain(f);
    expect(files.filter((f) => /^(test|bench|rules|server|cli|docs)\//.test(f) || (f.endsWith('.ts') && !f.endsWith('.d.ts')))).toEqual([]);
    // node-gyp-build would load a locally built binary on every platform: it must not ship.
    expect(files.filter((f) => f.startsWith('node_modules/tree-sitter/build/'))).toEqual([]);
  }, 60_000);

  it('declares activation, languages, commands, settings and workspace trust', () => {
    expect(manifest.main).toBe('./out/client/extension.js');
    expect(manifest.activationEvents).toContain('onLanguage:shellscript');
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
    for (const field of ['name', 'publisher', 'version', 'license', 'repository']) expect(manifest[field]).toBeTruthy();
    expect(manifest.engines.vscode).toMatch(/^\^1\./);
    // The client's command ids are the ones the manifest contributes.
    const client = readFileSync(join(ROOT, 'client', 'extension.ts'), 'utf8');
    for (const c of manifest.contributes.commands as { command: string }[]) expect(client).toContain(`'${c.command}'`);
  });
});

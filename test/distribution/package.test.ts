// The npm package as a user gets it: packed, installed into a fresh prefix,
// and run from there, with the native binding and then with every *.node
// file deleted (the WebAssembly parser takes over).
import { spawn, spawnSync } from 'child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'aliascope-pack-'));
const prefix = join(dir, 'prefix');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function install(): string | undefined {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const packed = spawnSync(npm, ['pack', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' });
  if (packed.status !== 0) return `npm pack failed: ${packed.stderr}`;
  const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz'))!;
  const r = spawnSync(npm, ['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', join(dir, tgz)], { encoding: 'utf8' });
  return r.status === 0 ? undefined : `npm install failed (no registry?): ${r.stderr.split('\n').slice(-3).join(' ')}`;
}

const problem = install();
const pkg = join(prefix, 'lib', 'node_modules', 'aliascope');

function cli(args: string[]) {
  return spawnSync(join(prefix, 'bin', 'aliascope'), args, { encoding: 'utf8' });
}

const frame = (m: object) => { const s = JSON.stringify(m); return `Content-Length: ${Buffer.byteLength(s)}\r\n\r\n${s}`; };

/** initialize / shutdown / exit with `aliascope-lsp --stdio`; resolves to the initialize result and exit code. */
function handshake(): Promise<{ result: { capabilities: { experimental?: { parser?: string } } }; code: number | null }> {
  return new Promise((resolve, reject) => {
    const p = spawn(join(prefix, 'bin', 'aliascope-lsp'), ['--stdio']);
    let out = '';
    let result: unknown;
    p.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /\{"jsonrpc":"2.0","id":1,"result":.*?\}(?=Content-Length|$)/s.exec(out);
      if (m && result === undefined) {
        result = JSON.parse(m[0]).result;
        p.stdin.write(frame({ jsonrpc: '2.0', method: 'initialized', params: {} }));
        p.stdin.write(frame({ jsonrpc: '2.0', id: 2, method: 'shutdown' }));
        p.stdin.write(frame({ jsonrpc: '2.0', method: 'exit' }));
      }
    });
    p.on('error', reject);
    p.on('exit', (code) => (result ? resolve({ result: result as never, code }) : reject(new Error(`no initialize result: ${out}`))));
    p.stdin.write(frame({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }));
  });
}

function nodeFiles(d: string): string[] {
  return readdirSync(d).flatMap((f) => {
    const p = join(d, f);
    return statSync(p).isDirectory() ? nodeFiles(p) : f.endsWith('.node') ? [p] : [];
  });
}

describe.skipIf(problem !== undefined)(`the installed package${problem ? ` (skipped: ${problem})` : ''}`, () => {
  for (const parser of ['native', 'wasm'] as const) {
    describe(`with the ${parser} parser`, () => {
      it('ships no tests and prints --help and --version', () => {
        if (parser === 'wasm') for (const f of nodeFiles(pkg)) rmSync(f);
        expect(readdirSync(pkg)).not.toContain('test');
        expect(cli(['--help']).status).toBe(0);
        const v = cli(['--version']);
        expect(v.status).toBe(0);
        expect(v.stdout).toMatch(new RegExp(`^\\d+\\.\\d+\\.\\d+\\nparser: ${parser}\\b`));
        const lsp = spawnSync(join(prefix, 'bin', 'aliascope-lsp'), ['--help'], { encoding: 'utf8', timeout: 10_000 });
        expect(lsp.status).toBe(0);
        expect(lsp.stdout).toMatch(/^Usage: aliascope-lsp/);
      });

      it('lints the bundled example', () => {
        const r = cli([join(pkg, 'examples')]);
        expect(r.status).toBe(1);
        expect(r.stdout).toMatch(/\d+ problems/);
      });

      it('answers an LSP initialize/shutdown/exit handshake', async () => {
        const { result, code } = await handshake();
        expect(result.capabilities.experimental?.parser).toBe(parser);
        expect(code).toBe(0);
      });
    });
  }
}, 300_000);

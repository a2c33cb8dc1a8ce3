// The layers of docs ARCHITECTURE.md names, checked on every import.
import { readdirSync, readFileSync } from 'fs';
import { join, relative } from 'path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..');
const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)/g;

function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []);
}

function imports(file: string): string[] {
  return [...readFileSync(join(ROOT, file), 'utf8').matchAll(IMPORT)].map((m) => m[1] ?? m[2]);
}

/** A module of the core other than its index and the two parser entry points. */
const DEEP_RULES = /(?:^|\/)rules\/(?!(?:native|wasm|index)$)/;

/** Per folder: which imports it must not have. */
const FORBIDDEN: { dir: string; bad: RegExp; why: string }[] = [
  { dir: 'rules', bad: /^(?:fs|process|child_process|worker_threads|vscode.*)$|^node:/, why: 'the analysis core runs in a browser' },
  { dir: 'client', bad: /(?:^|\/)rules(?:\/|$)/, why: 'the extension talks to the server, not the core' },
  { dir: 'server', bad: /(?:^|\/)cli(?:\/|$)|^vscode$/, why: 'what both faces use lives in host/, and only client/ imports vscode' },
  { dir: 'cli', bad: /(?:^|\/)(?:server|client)(?:\/|$)|^vscode/, why: 'only server/ speaks LSP and only client/ imports vscode' },
  { dir: 'host', bad: /(?:^|\/)(?:cli|server|client)(?:\/|$)|^vscode/, why: 'host/ is shared by the faces' },
  ...['server', 'cli', 'host', 'site-src'].map((dir) => ({
    dir, bad: DEEP_RULES, why: 'the core is used through rules/index.ts, or the parser entry points rules/native and rules/wasm',
  })),
];

describe('layers', () => {
  it.each(FORBIDDEN)('$dir: $why', ({ dir, bad }) => {
    const found = files(dir).flatMap((f) => imports(f).filter((i) => bad.test(i)).map((i) => `${relative(ROOT, join(ROOT, f))}: ${i}`));
    expect(files(dir).length).toBeGreaterThan(0);
    expect(found).toEqual([]);
  });
});

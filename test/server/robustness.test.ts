// Hostile and clumsy clients: the server must answer what it can, ignore the
// rest, never crash and never leave a promise rejection unhandled.
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { fileUri, ROOT, TestClient } from './client';

const SEED = readFileSync(join(ROOT, 'examples', 'kubectl-seed.sh'), 'utf8');

let ws: string;
let client: TestClient;

beforeAll(() => {
  ws = mkdtempSync(join(tmpdir(), 'aliascope-robust-'));
});
afterAll(() => rmSync(ws, { recursive: true, force: true }));

async function fresh(): Promise<TestClient> {
  client = (await TestClient.start({ rootPath: ws })).client;
  return client;
}

afterEach(async () => {
  // Whatever the test did, the server is still alive, answers, and exits cleanly.
  const alive = await client.conn.sendRequest('textDocument/hover', {
    textDocument: { uri: fileUri(join(ws, 'none.sh')) }, position: { line: 0, character: 0 },
  });
  expect(alive).toBeNull();
  expect(await client.stop()).toEqual({ code: 0, signal: null });
  expect(client.stderr).not.toMatch(/Unhandled|UnhandledPromiseRejection|TypeError|RangeError/);
});

/** Diagnostics without the document's uri, to compare two documents' reports. */
const shape = (p: PublishDiagnosticsParams) => p.diagnostics.map((d: Diagnostic) => ({
  ...d, relatedInformation: d.relatedInformation?.map((r) => ({ message: r.message, range: r.location.range })),
}));

function frame(body: string): string {
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

describe('server robustness', () => {
  it('survives malformed JSON-RPC and answers unknown methods with MethodNotFound', async () => {
    await fresh();
    const stdin = client.proc.stdin!;
    stdin.write(frame('{"jsonrpc":"2.0","id":99,"method":'));
    stdin.write(frame('{"jsonrpc":"2.0","bogus":true}'));
    stdin.write(frame('[1,2,3]'));
    stdin.write(frame('{"jsonrpc":"2.0","id":100,"method":"textDocument/hover","params":{"position":"nowhere"}}'));
    await expect(client.conn.sendRequest('aliascope/noSuchMethod', {})).rejects.toMatchObject({ code: -32601 });
    await client.conn.sendNotification('aliascope/noSuchNotification', { x: 1 });
    await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri: 'file:///nope.sh', version: 2 }, contentChanges: [{ text: 'x' }] });
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: null });
  });

  it('answers requests for documents that were never opened', async () => {
    await fresh();
    const td = { uri: fileUri(join(ws, 'never-opened.sh')) };
    const position = { line: 3, character: 2 };
    const range = { start: position, end: position };
    expect(await client.conn.sendRequest('textDocument/hover', { textDocument: td, position })).toBeNull();
    expect(await client.conn.sendRequest('textDocument/definition', { textDocument: td, position })).toBeNull();
    expect(await client.conn.sendRequest('textDocument/references', { textDocument: td, position, context: { includeDeclaration: true } })).toBeNull();
    expect(await client.conn.sendRequest('textDocument/documentHighlight', { textDocument: td, position })).toBeNull();
    expect(await client.conn.sendRequest('textDocument/codeAction', { textDocument: td, range, context: { diagnostics: [] } })).toEqual([]);
    expect(await client.conn.sendRequest('textDocument/diagnostic', { textDocument: td })).toEqual({ kind: 'full', items: [] });
    expect(await client.conn.sendRequest('workspace/executeCommand', { command: 'aliascope.server.fixAll', arguments: [td.uri] })).toBeNull();
    await client.conn.sendNotification('textDocument/didClose', { textDocument: td });
  });

  it('after a burst of 1,000 edits, reports what a fresh analysis of the final text reports', async () => {
    await fresh();
    const uri = fileUri(join(ws, 'burst.sh'));
    await client.open(uri, SEED);
    await client.diagnostics(uri, 1, (p) => p.diagnostics.length >= 2);
    const pushesBefore = client.published.length;
    // Type a comment line by line in front of `main "$@"`, then a second alias use inside main.
    const lines = client.text(uri).split('\n');
    let line = lines.indexOf('main "$@"');
    const typed = '# typed one key at a time';
    const sends: Promise<void>[] = [];
    let version = 1;
    for (let i = 0; i < 1000; i++) {
      const col = i % (typed.length + 1);
      const text = col === typed.length ? '\n' : typed[col];
      const pos = { line, character: col };
      sends.push(client.conn.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: ++version }, contentChanges: [{ range: { start: pos, end: pos }, text }],
      }));
      if (text === '\n') line++;
    }
    await Promise.all(sends);
    const final = await client.diagnostics(uri, version);
    expect(client.published.length - pushesBefore).toBeLessThan(100);

    const expected = SEED.replace('main "$@"', `${`${typed}\n`.repeat(Math.floor(1000 / (typed.length + 1)))}${typed.slice(0, 1000 % (typed.length + 1))}main "$@"`);
    const twin = fileUri(join(ws, 'twin.sh'));
    await client.open(twin, expected);
    const fresh_ = await client.diagnostics(twin, 1);
    expect(shape(final)).toEqual(shape(fresh_));
    expect(final.diagnostics.length).toBeGreaterThanOrEqual(2);
  });

  it('ignores a change whose version is not newer than the document', async () => {
    await fresh();
    const uri = fileUri(join(ws, 'versions.sh'));
    await client.open(uri, SEED, 'shellscript', 5);
    await client.diagnostics(uri, 5, (p) => p.diagnostics.length >= 2);
    const whole = { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } };
    await client.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 3 }, contentChanges: [{ range: whole, text: '#!/bin/bash\necho stale\n' }],
    });
    await client.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 5 }, contentChanges: [{ text: '#!/bin/bash\necho also stale\n' }],
    });
    const hover = await client.conn.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', {
      textDocument: { uri }, position: { line: 4, character: 3 },
    });
    expect(hover?.contents.value).toMatch(/alias `kubectl`/);
    await client.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 7 }, contentChanges: [{ text: '#!/bin/bash\necho new\n' }],
    });
    await client.diagnostics(uri, 7, (p) => p.diagnostics.length === 0);
    expect(client.published.filter((p) => p.uri === uri).map((p) => p.version)).toEqual([5, 7]);
  });

  it('says when a document over the analysis budget (60,000 top-level commands) was not fully analysed', async () => {
    await fresh();
    const uri = fileUri(join(ws, 'budget.sh'));
    const text = SEED + 'true\n'.repeat(60_000);
    await client.open(uri, text);
    const report = await client.diagnostics(uri, 1, undefined, 120_000);
    const gap = report.diagnostics.filter((d) => d.code === 'analysis-incomplete');
    expect(gap).toHaveLength(1);
    expect(gap[0]).toMatchObject({ severity: 3, range: { start: { line: 0, character: 0 } } });
    expect(gap[0].message).toMatch(/^Analysis incomplete: .* may be missing\.$/);
  });

  it('takes a 10 MB document, and says it is over the size limit instead of analysing it', async () => {
    await fresh();
    const uri = fileUri(join(ws, 'big.sh'));
    const filler = 'echo "padding line with some words in it" | tr a-z A-Z >/dev/null\n';
    const big = SEED + filler.repeat(Math.ceil(10_000_000 / filler.length));
    expect(big.length).toBeGreaterThan(10_000_000);
    await client.open(uri, big);
    const report = await client.diagnostics(uri, 1, undefined, 120_000);
    expect(report.diagnostics).toHaveLength(1);
    expect(report.diagnostics[0]).toMatchObject({ code: 'file-size', severity: 3, range: { start: { line: 0, character: 0 } } });
    expect(report.diagnostics[0].message).toMatch(/over the 5 M limit/);
    const end = { line: big.split('\n').length - 1, character: 0 };
    await client.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: end, end }, text: 'x' }],
    });
    await client.diagnostics(uri, 2, undefined, 120_000);
    // Cut back under the limit, it is analysed again.
    await client.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 3 }, contentChanges: [{ text: SEED }],
    });
    const small = await client.diagnostics(uri, 3, undefined, 120_000);
    expect(small.diagnostics.map((d) => d.code)).toContain('alias-in-function');
  }, 300_000);

  it('takes binary content as text', async () => {
    await fresh();
    const uri = fileUri(join(ws, 'binary.sh'));
    let bytes = '';
    for (let i = 0; i < 64 * 1024; i++) bytes += String.fromCharCode((i * 7919 + (i >> 3)) % 256);
    await client.open(uri, `alias a=b\n${bytes}\na\n\u0000\uFFFF\uD800`);
    const report = await client.diagnostics(uri, 1, undefined, 60_000);
    expect(Array.isArray(report.diagnostics)).toBe(true);
    await client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 7 } });
    await client.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 9999, character: 0 } }, context: { diagnostics: [] },
    });
  }, 120_000);
});

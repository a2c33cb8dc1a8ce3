// The lifecycle the LSP specification prescribes: a request before initialize
// is answered with ServerNotInitialized (-32002), and the server still
// initializes and serves normally afterwards.
import { spawn } from 'child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { PUSH_CAPABILITIES, SERVER } from './client';

const SERVER_NOT_INITIALIZED = -32002;

describe('before initialize', () => {
  const procs: ReturnType<typeof spawn>[] = [];
  afterEach(() => { for (const p of procs.splice(0)) p.kill(); });

  it('answers every request with ServerNotInitialized, then initializes normally', async () => {
    const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    procs.push(proc);
    const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    conn.listen();
    const td = { uri: 'file:///x.sh' };
    const position = { line: 0, character: 0 };
    for (const [method, params] of [
      ['textDocument/hover', { textDocument: td, position }],
      ['textDocument/diagnostic', { textDocument: td }],
      ['textDocument/codeAction', { textDocument: td, range: { start: position, end: position }, context: { diagnostics: [] } }],
      ['shutdown', undefined],
    ] as const) {
      await expect(conn.sendRequest(method, params), method).rejects.toMatchObject({ code: SERVER_NOT_INITIALIZED });
    }
    const init = await conn.sendRequest<{ capabilities: object }>('initialize', { processId: process.pid, rootUri: null, capabilities: PUSH_CAPABILITIES });
    expect(init.capabilities).toHaveProperty('hoverProvider');
    await conn.sendNotification('initialized', {});
    expect(await conn.sendRequest('textDocument/hover', { textDocument: td, position })).toBeNull();
    conn.dispose();
  });
});

describe('bad requests and input', () => {
  const procs: ReturnType<typeof spawn>[] = [];
  afterEach(() => { for (const p of procs.splice(0)) p.kill(); });

  const started = async () => {
    const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    procs.push(proc);
    const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    conn.listen();
    await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: PUSH_CAPABILITIES });
    await conn.sendNotification('initialized', {});
    return { proc, conn };
  };

  it('answers malformed parameters with InvalidParams, and requests after shutdown with InvalidRequest', async () => {
    const { conn } = await started();
    const td = { uri: 'file:///x.sh' };
    await expect(conn.sendRequest('textDocument/hover', { textDocument: td, position: { line: 'x' } })).rejects.toMatchObject({ code: -32602 });
    await expect(conn.sendRequest('textDocument/hover', { textDocument: {}, position: { line: 0, character: 0 } })).rejects.toMatchObject({ code: -32602 });
    await expect(conn.sendRequest('textDocument/rename', { textDocument: td, position: { line: 0, character: 0 } })).rejects.toMatchObject({ code: -32602 });
    await conn.sendRequest('shutdown');
    await expect(conn.sendRequest('textDocument/hover', { textDocument: td, position: { line: 0, character: 0 } })).rejects.toMatchObject({ code: -32600 });
    conn.dispose();
  });

  it('exits with a message on a header it cannot read, so the editor can start it again', async () => {
    const { proc, conn } = await started();
    let stderr = '';
    proc.stderr!.on('data', (d) => { stderr += d; });
    const exited = new Promise<number | null>((resolve) => proc.on('exit', resolve));
    proc.stdin!.write('Content-Length: abc\r\n\r\n{}');
    expect(await exited).toBe(1);
    expect(stderr).toMatch(/cannot read the client's messages/);
    conn.dispose();
  });
});

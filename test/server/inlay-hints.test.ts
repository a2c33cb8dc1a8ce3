// Inlay hints through a real LSP client: a mark after each use that does not
// expand or gets a definition other than the nearest above, or after every
// use with aliascope.inlayHints.allUses.
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { InlayHint } from 'vscode-languageserver-protocol/node';
import { fileUri, TestClient } from './client';

const SCRIPT = [
  '#!/bin/bash',
  'shopt -s expand_aliases',
  'k get pods',
  'alias k=kubectl',
  'k get pods',
  'alias k=echo; k x',
  '',
].join('\n');

let ws: string;
let uri: string;
const clients: TestClient[] = [];

beforeAll(() => {
  ws = mkdtempSync(join(tmpdir(), 'aliascope-hints-'));
  writeFileSync(join(ws, 'a.sh'), SCRIPT);
  uri = fileUri(join(ws, 'a.sh'));
});
afterEach(() => {
  for (const c of clients.splice(0)) c.kill();
});
afterAll(() => rmSync(ws, { recursive: true, force: true }));

async function hints(settings: Record<string, unknown>): Promise<{ line: number; character: number; label: string }[]> {
  const { client } = await TestClient.start({ rootPath: ws, settings });
  clients.push(client);
  await client.open(uri, SCRIPT);
  const got = await client.conn.sendRequest<InlayHint[]>('textDocument/inlayHint', {
    textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 7, character: 0 } },
  });
  return got.map((h) => ({ ...h.position, label: h.label as string }));
}

describe('inlay hints', () => {
  it('mark a use read before its alias, and one that gets an older definition than the nearest above', async () => {
    expect(await hints({})).toEqual([
      { line: 2, character: 1, label: '✗ not expanded' },
      { line: 5, character: 15, label: '✓ alias @4' },
    ]);
  });

  it('mark every use with inlayHints.allUses', async () => {
    expect(await hints({ inlayHints: { allUses: true } })).toEqual([
      { line: 2, character: 1, label: '✗ not expanded' },
      { line: 4, character: 1, label: '✓ alias @4' },
      { line: 5, character: 15, label: '✓ alias @4' },
    ]);
  });
});

// The lexing thread must hand over exactly the segments the engine would make
// itself, and a first analysis that uses them must equal one that does not.
import { join } from 'path';
import { describe, expect, it } from 'vitest';
import { generatedScript } from '../../bench/lsp-corpus';
import { segments } from '../../rules/segments';
import type { ShellDocument as Doc } from '../../server/document';
import type { LexThread as Thread } from '../../server/lexing';
import type { Linter as LinterType, LinterHost } from '../../server/linter';
import { ROOT } from './client';

// The compiled modules: the thread loads out/server/lex-thread.js beside them.
/* eslint-disable @typescript-eslint/no-var-requires */
const { LexThread } = require(join(ROOT, 'out', 'server', 'lexing.js')) as { LexThread: typeof Thread };
const { Linter } = require(join(ROOT, 'out', 'server', 'linter.js')) as { Linter: typeof LinterType };
const { ShellDocument } = require(join(ROOT, 'out', 'server', 'document.js')) as { ShellDocument: typeof Doc };
// They share their own copy of rules/, which needs its parser too.
const { selectParser } = require(join(ROOT, 'out', 'host', 'parser.js')) as { selectParser: () => Promise<unknown> };
await selectParser();

/** Whole blocks only: a cut block would leave the last unit open. */
const TEXT = ((g) => g.slice(0, g.lastIndexOf('\n\n') + 1))(generatedScript(2_000));

describe('the lexing thread', () => {
  it('gives the segments the engine makes', async () => {
    const thread = new LexThread();
    thread.start();
    try {
      const lexed = await thread.lex(TEXT);
      expect(lexed?.complete).toBe(true);
      expect(lexed?.segments.length).toBeGreaterThan(100);
      expect(lexed).toEqual(segments(TEXT));
    } finally {
      thread.stop();
    }
  });

  it('answers undefined once stopped, also for a request still waiting', async () => {
    const thread = new LexThread();
    const waiting = thread.lex(TEXT);
    thread.stop();
    expect(await waiting).toBeUndefined();
    expect(await thread.lex(TEXT)).toBeUndefined();
  });
});

describe('a first analysis lexed ahead', () => {
  const analyse = async (lexAhead?: LinterHost['lexAhead']) => {
    const documents = new Map<string, Doc>();
    const linter = new Linter({ documents, clientSettings: async () => ({}), roots: () => [], log: () => undefined, warn: () => undefined, lexAhead });
    const uri = 'file:///project/big.sh';
    const doc = new ShellDocument(uri, 'shellscript', 1, TEXT);
    documents.set(uri, doc);
    const first = await linter.analyse(doc, () => false, false);
    doc.update([{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n' }], 2);
    await linter.analyse(doc, () => false, false);
    if (first === 'stale' || first === 'disabled') throw new Error(`no analysis: ${first}`);
    return first.diagnostics;
  };

  it('reports what an analysis lexed on the main thread reports, and lexes ahead only the first time', async () => {
    const thread = new LexThread();
    const texts: string[] = [];
    try {
      // the one lexed on the main thread first: the other then replaces the segments it left
      const plain = await analyse();
      const ahead = await analyse((text) => {
        texts.push(text);
        return thread.lex(text);
      });
      expect(ahead.length).toBeGreaterThan(10);
      expect(ahead).toEqual(plain);
      expect(texts).toEqual([TEXT]);
    } finally {
      thread.stop();
    }
  });
});

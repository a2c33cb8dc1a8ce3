// Process entry of the language server. The transport comes from the command
// line (--stdio, --node-ipc, --socket=N, --pipe=NAME), defaulting to stdio.
import { LexThread } from './lexing';

const TRANSPORTS = /^--(stdio|node-ipc|socket=|pipe=)/;

export function main(argv: string[]): void {
  if (argv.includes('--version')) {
    process.stdout.write(`${(require('../../package.json') as { version: string }).version}\n`);
    return;
  }
  if (!argv.some((a) => TRANSPORTS.test(a))) process.argv.push('--stdio');
  // Started before the server's own modules load, so the thread is up by the
  // time the first document arrives (see lexing.ts).
  const lexThread = new LexThread();
  lexThread.start();
  const { createConnection, ProposedFeatures } = require('vscode-languageserver/node') as typeof import('vscode-languageserver/node');
  const { startServer } = require('./server') as typeof import('./server');
  const { selectParser } = require('../host/parser') as typeof import('../host/parser');
  const connection = createConnection(ProposedFeatures.all);
  // Messages wait in the transport while the wasm parser loads, when it is the one.
  void selectParser().then((parser) => startServer(connection, lexThread, parser), (e: Error) => {
    process.stderr.write(`aliascope-lsp: ${e.message}\n`);
    process.exit(1);
  });
}

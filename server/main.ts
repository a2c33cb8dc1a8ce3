// Process entry of the language server. The transport comes from the command
// line (--stdio, --node-ipc, --socket=N, --pipe=NAME), defaulting to stdio.
import { LexThread } from './lexing';

const TRANSPORTS = /^--(stdio|node-ipc|socket=|pipe=)/;

const USAGE = `Usage: aliascope-lsp [--stdio | --node-ipc | --socket=PORT | --pipe=NAME]

The aliascope language server; an editor starts it (stdio by default).
  --version  print the version and the parser (native or wasm)
  --help     print this help
`;

export function main(argv: string[]): void {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    return;
  }
  if (argv.includes('--version')) {
    const { describeParser, selectParser } = require('../host/parser') as typeof import('../host/parser');
    void selectParser().then((p) => process.stdout.write(`${(require('../../package.json') as { version: string }).version}\n${describeParser(p)}\n`));
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

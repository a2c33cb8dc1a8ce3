// Process entry of the language server. The transport comes from the command
// line (--stdio, --node-ipc, --socket=N, --pipe=NAME), defaulting to stdio.
import { LexThread } from './lexing';

const TRANSPORTS = /^--(stdio|node-ipc|socket=|pipe=)/;

/** vscode-jsonrpc's reader errors after which it reads nothing more: a header without a usable Content-Length. */
const HEADER_ERROR = /^(Header must provide a Content-Length|Content-Length value must be a number|Message header must)/;

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
  const connection = process.argv.includes('--stdio') ? stdioConnection() : createConnection(ProposedFeatures.all);
  // Messages wait in the transport while the wasm parser loads, when it is the one.
  void selectParser().then((parser) => startServer(connection, lexThread, parser), (e: Error) => {
    process.stderr.write(`aliascope-lsp: ${e.message}\n`);
    process.exit(1);
  });
}

/**
 * A connection over standard input and output whose reader gives up on a
 * malformed header: the stream cannot be read in step again, so the server
 * says why and exits, and the editor starts a new one, rather than never
 * answering again.
 */
function stdioConnection(): import('vscode-languageserver/node').Connection {
  const { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver/node') as typeof import('vscode-languageserver/node');
  const reader = new StreamMessageReader(process.stdin);
  reader.onError((e) => {
    // a body that is not JSON costs that message only; a header the reader cannot take stops it for good
    if (!HEADER_ERROR.test(e.message)) return;
    process.stderr.write(`aliascope-lsp: cannot read the client's messages (${e.message.split('\n')[0]}); exiting\n`);
    process.exit(1);
  });
  return createConnection(ProposedFeatures.all, reader, new StreamMessageWriter(process.stdout));
}

// Process entry of the language server. The transport comes from the command
// line (--stdio, --node-ipc, --socket=N, --pipe=NAME), defaulting to stdio.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer, VERSION } from './server';

const TRANSPORTS = /^--(stdio|node-ipc|socket=|pipe=)/;

export function main(argv: string[]): void {
  if (argv.includes('--version')) {
    process.stdout.write(`${VERSION}\n`);
    return;
  }
  if (!argv.some((a) => TRANSPORTS.test(a))) process.argv.push('--stdio');
  startServer(createConnection(ProposedFeatures.all));
}

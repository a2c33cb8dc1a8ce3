// The VS Code face: starts the language server over node-ipc and adds the
// commands the Command Palette offers. Everything else is the server's.
import * as vscode from 'vscode';
import {
  ExecuteCommandRequest, LanguageClient, LanguageClientOptions, ServerOptions, TransportKind,
} from 'vscode-languageclient/node';

const LANGUAGES = ['shellscript', 'bats', 'mksh', 'ksh', 'zsh'];
/** Must match server/server.ts. */
const SERVER_FIX_ALL = 'aliascope.server.fixAll';

let client: LanguageClient | undefined;

function createClient(context: vscode.ExtensionContext, output: vscode.OutputChannel): LanguageClient {
  const module = context.asAbsolutePath('bin/aliascope-lsp.js');
  const run = { module, transport: TransportKind.ipc };
  const serverOptions: ServerOptions = { run, debug: { ...run, options: { execArgv: ['--nolazy', '--inspect=6010'] } } };
  const clientOptions: LanguageClientOptions = {
    // `file` and `untitled` on disk; any other scheme (virtual workspaces) is analysed without following `source`.
    documentSelector: LANGUAGES.map((language) => ({ language })),
    outputChannel: output,
  };
  return new LanguageClient('aliascope', 'aliascope', serverOptions, clientOptions);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('aliascope');
  client = createClient(context, output);
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('aliascope.fixAll', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!client || !editor) return;
      await client.sendRequest(ExecuteCommandRequest.type, {
        command: SERVER_FIX_ALL,
        arguments: [editor.document.uri.toString()],
      });
    }),
    vscode.commands.registerCommand('aliascope.restartServer', async () => {
      await client?.restart();
    }),
    vscode.commands.registerCommand('aliascope.showOutput', () => output.show(true)),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

// The VS Code face: starts the language server over node-ipc, adds the
// commands the Command Palette offers and a status bar item (the active
// file's dialect and the parser). Everything else is the server's.
import * as vscode from 'vscode';
import {
  ExecuteCommandRequest, LanguageClient, LanguageClientOptions, ServerOptions, TransportKind,
} from 'vscode-languageclient/node';

/** Ours and the ids other popular extensions give shell files (`bash`, `zsh`, `ksh`); the manifest activates on each. */
export const LANGUAGES = ['shellscript', 'bats', 'mksh', 'bash', 'zsh', 'ksh'];
/** Must match server/server.ts. */
const SERVER_FIX_ALL = 'aliascope.server.fixAll';
const STATUS_REQUEST = 'aliascope/status';
interface Status { enabled: boolean; dialect: string; label: string; source: string; parser?: string }

let client: LanguageClient | undefined;

function createClient(context: vscode.ExtensionContext, output: vscode.OutputChannel): LanguageClient {
  // The bundled server (scripts/bundle-extension.js): it needs no node_modules.
  const module = context.asAbsolutePath('dist/server.js');
  const run = { module, transport: TransportKind.ipc };
  const serverOptions: ServerOptions = { run, debug: { ...run, options: { execArgv: ['--nolazy', '--inspect=6010'] } } };
  const clientOptions: LanguageClientOptions = {
    // `file` and `untitled` on disk; any other scheme (virtual workspaces) is analysed without following `source`.
    documentSelector: LANGUAGES.map((language) => ({ language })),
    outputChannel: output,
  };
  return new LanguageClient('aliascope', 'aliascope', serverOptions, clientOptions);
}

/** The active shell file's dialect and the parser, e.g. `aliascope: bash · native`; a click shows the output. */
function statusItem(context: vscode.ExtensionContext): void {
  const item = vscode.window.createStatusBarItem('aliascope.status', vscode.StatusBarAlignment.Right, 100);
  item.name = 'aliascope';
  item.command = 'aliascope.showOutput';
  let asked = 0;
  const update = async () => {
    const doc = vscode.window.activeTextEditor?.document;
    const ask = ++asked;
    if (!client || !doc || !LANGUAGES.includes(doc.languageId)) {
      item.hide();
      return;
    }
    const status = client.isRunning()
      ? await client.sendRequest<Status | null>(STATUS_REQUEST, { uri: doc.uri.toString() }).catch(() => null)
      : null;
    if (ask !== asked) return; // a later update is under way
    if (!status) {
      item.hide();
      return;
    }
    item.text = status.enabled ? `$(check) aliascope: ${status.dialect} · ${status.parser ?? '?'}` : '$(circle-slash) aliascope: off';
    item.tooltip = status.enabled
      ? `Read as ${status.label} (from the ${status.source === 'option' ? 'aliascope.shell setting' : status.source}); parser: ${status.parser ?? 'unknown'}. Click to show the output.`
      : 'aliascope.enable is off for this file. Click to show the output.';
    item.show();
  };
  let timer: NodeJS.Timeout | undefined;
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void update(), 300);
  };
  context.subscriptions.push(
    item,
    vscode.window.onDidChangeActiveTextEditor(() => void update()),
    // the first lines (shebang, directive) decide the dialect; edits elsewhere cost one cheap request
    vscode.workspace.onDidChangeTextDocument((e) => { if (e.document === vscode.window.activeTextEditor?.document) later(); }),
    vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('aliascope')) later(); }),
    { dispose: () => clearTimeout(timer) },
  );
  client?.onDidChangeState(() => later());
  void update();
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
  statusItem(context);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

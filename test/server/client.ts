// A real LSP client for the tests: spawns the built server
// (bin/aliascope-lsp.js, which loads out/) and talks JSON-RPC over its stdio.
import { ChildProcess, spawn } from 'child_process';
import { join } from 'path';
import { pathToFileURL } from 'url';
import {
  ClientCapabilities, createProtocolConnection, InitializeResult, ProtocolConnection,
  PublishDiagnosticsParams, StreamMessageReader, StreamMessageWriter, WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const ROOT = join(__dirname, '..', '..');
export const SERVER = join(ROOT, 'bin', 'aliascope-lsp.js');

export const fileUri = (path: string): string => pathToFileURL(path).href;

export interface ClientOptions {
  capabilities?: ClientCapabilities;
  rootPath?: string;
  /** What `workspace/configuration` answers for the `aliascope` section. */
  settings?: Record<string, unknown>;
  processId?: number | null;
  initializationOptions?: unknown;
  /** The server's entry script; bin/aliascope-lsp.js by default. */
  server?: string;
}

/** Push mode, versioned edits, lazy code-action edits: what most editors declare. */
export const PUSH_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceEdit: { documentChanges: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    didChangeConfiguration: { dynamicRegistration: true },
    applyEdit: true,
  },
  textDocument: {
    synchronization: { didSave: true },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, tagSupport: { valueSet: [1, 2] } },
    codeAction: {
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
      isPreferredSupport: true,
      resolveSupport: { properties: ['edit'] },
    },
    hover: { contentFormat: ['markdown', 'plaintext'] },
  },
};

export const PULL_CAPABILITIES: ClientCapabilities = {
  ...PUSH_CAPABILITIES,
  workspace: { ...PUSH_CAPABILITIES.workspace, diagnostics: { refreshSupport: true } },
  textDocument: { ...PUSH_CAPABILITIES.textDocument, diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } },
};

export class TestClient {
  readonly conn: ProtocolConnection;
  stderr = '';
  readonly published: PublishDiagnosticsParams[] = [];
  settings: Record<string, unknown>;
  readonly docs = new Map<string, TextDocument>();
  refreshes = 0;
  /** What the server asked the client to show (window/showMessage). */
  readonly shown: { type: number; message: string }[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private waiters: (() => void)[] = [];

  private constructor(readonly proc: ChildProcess, opts: ClientOptions) {
    this.settings = opts.settings ?? {};
    proc.stderr!.on('data', (d) => (this.stderr += d));
    this.exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
    this.conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.push(p);
      this.notify();
    });
    this.conn.onNotification('window/showMessage', (p: { type: number; message: string }) => {
      this.shown.push(p);
      this.notify();
    });
    this.conn.onNotification('window/logMessage', (p: { message: string }) => (this.stderr += `[log] ${p.message}\n`));
    this.conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
      p.items.map((i) => (i.section === 'aliascope' ? this.settings : null)));
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshes++;
      this.notify();
      return null;
    });
    this.conn.onRequest('workspace/applyEdit', (p: { edit: WorkspaceEdit }) => {
      this.apply(p.edit);
      return { applied: true };
    });
    this.conn.listen();
  }

  static async start(opts: ClientOptions = {}): Promise<{ client: TestClient; init: InitializeResult }> {
    const proc = spawn(process.execPath, [opts.server ?? SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const client = new TestClient(proc, opts);
    const rootUri = opts.rootPath ? fileUri(opts.rootPath) : null;
    const init = await client.conn.sendRequest<InitializeResult>('initialize', {
      processId: opts.processId === undefined ? process.pid : opts.processId,
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'ws' }] : null,
      capabilities: opts.capabilities ?? PUSH_CAPABILITIES,
      initializationOptions: opts.initializationOptions,
    });
    await client.conn.sendNotification('initialized', {});
    return { client, init };
  }

  private notify(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Resolves when `check` returns a value, re-checking after each push; rejects after `ms`. */
  async until<T>(check: () => T | undefined, ms = 15_000, what = 'condition'): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const v = check();
      if (v !== undefined) return v;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; server stderr:\n${this.stderr}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** The latest push for `uri` for at least `version`, satisfying `ok`. */
  diagnostics(uri: string, version: number, ok: (p: PublishDiagnosticsParams) => boolean = () => true, ms?: number) {
    return this.until(() => {
      const mine = this.published.filter((p) => p.uri === uri);
      const last = mine[mine.length - 1];
      return last && (last.version ?? 0) >= version && ok(last) ? last : undefined;
    }, ms, `diagnostics for ${uri} v${version}`);
  }

  open(uri: string, text: string, languageId = 'shellscript', version = 1): Promise<void> {
    this.docs.set(uri, TextDocument.create(uri, languageId, version, text));
    return this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  /** Replaces the whole text (a full-content change). */
  replace(uri: string, text: string): Promise<void> {
    const doc = this.docs.get(uri)!;
    const next = TextDocument.update(doc, [{ text }], doc.version + 1);
    this.docs.set(uri, next);
    return this.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: next.version }, contentChanges: [{ text }],
    });
  }

  /** Applies a workspace edit to the client's copy and sends it as incremental changes. */
  async apply(edit: WorkspaceEdit): Promise<void> {
    const byUri = new Map<string, { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]>();
    for (const dc of edit.documentChanges ?? []) if ('edits' in dc) byUri.set(dc.textDocument.uri, dc.edits as never);
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) byUri.set(uri, edits);
    for (const [uri, edits] of byUri) {
      const doc = this.docs.get(uri)!;
      const text = TextDocument.applyEdits(doc, edits);
      const next = TextDocument.update(doc, [{ text }], doc.version + 1);
      this.docs.set(uri, next);
      // Sent as range edits, last first, so offsets of earlier ones stay valid.
      const sorted = [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
      await this.conn.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: next.version },
        contentChanges: sorted.map((e) => ({ range: e.range, text: e.newText })),
      });
    }
  }

  text(uri: string): string {
    return this.docs.get(uri)!.getText();
  }

  version(uri: string): number {
    return this.docs.get(uri)!.version;
  }

  async stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.proc.exitCode === null) {
      await this.conn.sendRequest('shutdown');
      await this.conn.sendNotification('exit');
    }
    const result = await this.exited;
    this.conn.dispose();
    return result;
  }

  kill(): void {
    if (this.proc.exitCode === null) this.proc.kill('SIGKILL');
    this.conn.dispose();
  }
}

// Delivers diagnostics the way the client asks for them: pulled (LSP 3.17
// `textDocument/diagnostic`) when it can, else pushed. Pushes are debounced on
// the message queue rather than on a clock: an analysis starts only once the
// messages already received have been handled, so a burst of edits costs one
// analysis, while a lone keystroke costs no waiting. Each push carries the
// version it was computed for; a result for a superseded version is dropped.
import {
  CancellationToken, Connection, DocumentDiagnosticReport, LSPErrorCodes, ResponseError,
} from 'vscode-languageserver';
import type { ShellDocument } from './document';
import type { Linter } from './linter';

/**
 * Turns of the event loop to wait. vscode-jsonrpc handles one queued message
 * per turn, so a run scheduled this far ahead comes after the messages that
 * were waiting, and any edit among them reschedules it.
 */
const IDLE_TURNS = 2;

function afterTurns(turns: number, run: () => void): void {
  if (turns === 0) run();
  else setImmediate(() => afterTurns(turns - 1, run));
}

export class DiagnosticsDelivery {
  /** Per document: the ticket of the run scheduled last; older tickets are stale. */
  private readonly scheduled = new Map<string, number>();
  private ticket = 0;
  /** Documents edited since they were last saved (for `run: onSave`). */
  private readonly dirty = new Set<string>();
  /** Pull mode and `run: onSave`: the report last given, kept while the text is unsaved. */
  private readonly saved = new Map<string, { resultId: string; items: DocumentDiagnosticReport }>();

  constructor(
    private readonly connection: Connection,
    private readonly linter: Linter,
    private readonly documents: Map<string, ShellDocument>,
    readonly pull: boolean,
    private readonly refreshSupported: boolean,
    private readonly log: (message: string) => void,
  ) {}

  private failed(what: string) {
    return (e: unknown) => this.log(`${what}: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  }

  onOpened(doc: ShellDocument): void {
    this.dirty.delete(doc.uri);
    this.schedule(doc.uri);
  }

  async onChanged(doc: ShellDocument): Promise<void> {
    this.dirty.add(doc.uri);
    const settings = await this.linter.settings(doc);
    if (settings.run === 'onType') this.schedule(doc.uri);
  }

  onSaved(doc: ShellDocument): void {
    this.dirty.delete(doc.uri);
    this.saved.delete(doc.uri);
    if (this.pull) this.refresh();
    else this.schedule(doc.uri);
  }

  onClosed(uri: string): void {
    this.scheduled.delete(uri);
    this.dirty.delete(uri);
    this.saved.delete(uri);
    if (!this.pull) this.connection.sendDiagnostics({ uri, diagnostics: [] }).catch(this.failed('clearing diagnostics'));
  }

  /** Stops pending work (shutdown). */
  dispose(): void {
    this.scheduled.clear();
  }

  /** Something besides the text changed (settings, config file, a sourced file). */
  everything(uris: string[] = [...this.documents.keys()]): void {
    if (this.pull) this.refresh();
    else for (const uri of uris) this.schedule(uri);
  }

  private refresh(): void {
    // Typed void, but it returns the request's promise: a client's error must not go unhandled.
    if (this.refreshSupported) Promise.resolve(this.connection.languages.diagnostics.refresh() as unknown).catch(this.failed('diagnostic refresh'));
  }

  private schedule(uri: string): void {
    if (this.pull) return;
    const ticket = ++this.ticket;
    this.scheduled.set(uri, ticket);
    afterTurns(IDLE_TURNS, () => {
      if (this.scheduled.get(uri) === ticket) this.publish(uri, ticket).catch(this.failed(`analysing ${uri}`));
    });
  }

  private async publish(uri: string, ticket: number): Promise<void> {
    const doc = this.documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    // Superseded while the settings were fetched: the newer edit has its own run.
    const outcome = await this.linter.analyse(doc, () => this.scheduled.get(uri) !== ticket, false);
    if (outcome === 'stale') return;
    this.scheduled.delete(uri);
    const diagnostics = outcome === 'disabled' ? [] : outcome.diagnostics;
    await this.connection.sendDiagnostics({ uri, version, diagnostics });
  }

  /** The `textDocument/diagnostic` handler. */
  async report(uri: string, previousResultId: string | undefined, token: CancellationToken): Promise<DocumentDiagnosticReport> {
    const doc = this.documents.get(uri);
    if (!doc) return { kind: 'full', items: [] };
    const settings = await this.linter.settings(doc);
    const kept = this.saved.get(uri);
    if (settings.run === 'onSave' && this.dirty.has(uri) && kept) {
      return previousResultId === kept.resultId ? { kind: 'unchanged', resultId: kept.resultId } : kept.items;
    }
    const outcome = await this.linter.analyse(doc, () => token.isCancellationRequested, false);
    // The client asks again for the newer version.
    if (outcome === 'stale') throw new ResponseError(LSPErrorCodes.ServerCancelled, 'document changed', { retriggerRequest: true });
    if (outcome === 'disabled') return { kind: 'full', resultId: 'disabled', items: [] };
    const report: DocumentDiagnosticReport = previousResultId === outcome.resultId
      ? { kind: 'unchanged', resultId: outcome.resultId }
      : { kind: 'full', resultId: outcome.resultId, items: outcome.diagnostics };
    if (settings.run === 'onSave' && !this.dirty.has(uri)) {
      this.saved.set(uri, { resultId: outcome.resultId, items: { kind: 'full', resultId: outcome.resultId, items: outcome.diagnostics } });
    }
    return report;
  }
}

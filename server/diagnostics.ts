// Delivers diagnostics the way the client asks for them: pulled (LSP 3.17
// `textDocument/diagnostic`) when it can, else pushed. Pushes are debounced
// with a leading edge: an edit after a quiet spell is analysed at once, while
// a burst of edits is analysed once, after it ends. Each push carries the
// version it was computed for, and a result for a superseded version is dropped.
import {
  CancellationToken, Connection, DocumentDiagnosticReport, LSPErrorCodes, ResponseError,
} from 'vscode-languageserver';
import type { ShellDocument } from './document';
import type { Linter } from './linter';

const QUIET_MS = 40;

export class DiagnosticsDelivery {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly lastRun = new Map<string, number>();
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
  ) {}

  onOpened(doc: ShellDocument): void {
    this.dirty.delete(doc.uri);
    this.schedule(doc.uri, true);
  }

  async onChanged(doc: ShellDocument): Promise<void> {
    this.dirty.add(doc.uri);
    const settings = await this.linter.settings(doc);
    if (settings.run === 'onType') this.schedule(doc.uri, false);
  }

  onSaved(doc: ShellDocument): void {
    this.dirty.delete(doc.uri);
    this.saved.delete(doc.uri);
    if (this.pull) this.refresh();
    else this.schedule(doc.uri, true);
  }

  onClosed(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.lastRun.delete(uri);
    this.dirty.delete(uri);
    this.saved.delete(uri);
    if (!this.pull) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** Stops pending work (shutdown). */
  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  /** Something besides the text changed (settings, config file, a sourced file). */
  everything(uris: string[] = [...this.documents.keys()]): void {
    if (this.pull) this.refresh();
    else for (const uri of uris) this.schedule(uri, true);
  }

  private refresh(): void {
    if (this.refreshSupported) void this.connection.languages.diagnostics.refresh();
  }

  private schedule(uri: string, now: boolean): void {
    if (this.pull) return;
    const pending = this.timers.get(uri);
    clearTimeout(pending);
    const quiet = Date.now() - (this.lastRun.get(uri) ?? 0) > QUIET_MS;
    const delay = (now || quiet) && !pending ? 0 : QUIET_MS;
    this.timers.set(uri, setTimeout(() => {
      this.timers.delete(uri);
      void this.publish(uri);
    }, delay));
  }

  private async publish(uri: string): Promise<void> {
    const doc = this.documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    // Superseded: a newer edit has scheduled its own run.
    const outcome = await this.linter.analyse(doc, () => this.timers.has(uri));
    this.lastRun.set(uri, Date.now());
    if (outcome === 'stale') return;
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
    const outcome = await this.linter.analyse(doc, () => token.isCancellationRequested);
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

// Runs the core on open documents: at most one analysis per document version
// and settings generation, with the settings and `source`d files that apply.
import { fileURLToPath } from 'url';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import { lint, LintOptions, LintResult } from '../rules';
import { toLspDiagnostic } from './convert';
import type { ShellDocument } from './document';
import { RcFiles } from './rcfile';
import { combine, Settings } from './settings';
import { isInside, sourceResolver } from './sources';

export interface Analysed {
  /** Identifies the version and settings the result was computed for. */
  resultId: string;
  version: number;
  settings: Settings;
  result: LintResult;
  diagnostics: LspDiagnostic[];
}

export function pathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export interface LinterHost {
  documents: Map<string, ShellDocument>;
  clientSettings(uri: string): Promise<Partial<Settings>>;
  roots(): string[];
  log(message: string): void;
}

export class Linter {
  readonly rc: RcFiles;
  /** Bumped whenever something other than the text may change a result. */
  private generation = 0;
  private readonly cache = new Map<string, Analysed>();
  /** Document uri → the file paths its analysis tried to `source`. */
  private readonly sourced = new Map<string, Set<string>>();

  constructor(private readonly host: LinterHost) {
    this.rc = new RcFiles((m) => host.log(m));
  }

  invalidateAll(): void {
    this.generation++;
    this.rc.clear();
    this.cache.clear();
  }

  forget(uri: string): void {
    this.cache.delete(uri);
    this.sourced.delete(uri);
  }

  /** Open documents whose analysis read (or looked for) the file at `path`. */
  dependents(path: string): string[] {
    return [...this.sourced].filter(([, paths]) => paths.has(path)).map(([uri]) => uri);
  }

  /** Marks a document's cached result stale without a new version (a sourced file changed). */
  touch(uri: string): void {
    this.cache.delete(uri);
  }

  async settings(doc: ShellDocument): Promise<Settings> {
    const client = await this.host.clientSettings(doc.uri);
    const path = pathOf(doc.uri);
    const root = path ? this.host.roots().find((r) => isInside(r, path)) : undefined;
    return combine(client, path ? this.rc.find(path, root) : undefined);
  }

  /** The analysis of the document's current version, unless it changed meanwhile or is switched off. */
  async analyse(doc: ShellDocument, cancelled: () => boolean = () => false): Promise<Analysed | 'stale' | 'disabled'> {
    const version = doc.version;
    const settings = await this.settings(doc);
    if (cancelled() || doc.version !== version || this.host.documents.get(doc.uri) !== doc) return 'stale';
    if (!settings.enable) return 'disabled';
    return this.analyseNow(doc, settings);
  }

  analyseNow(doc: ShellDocument, settings: Settings): Analysed {
    const resultId = `${doc.version}:${this.generation}:${JSON.stringify(settings)}`;
    const cached = this.cache.get(doc.uri);
    if (cached && cached.resultId === resultId) return cached;
    const analysed: Analysed = {
      resultId, version: doc.version, settings, result: this.run(doc, settings),
      diagnostics: [],
    };
    analysed.diagnostics = analysed.result.diagnostics.map((d) => toLspDiagnostic(doc.lines, d));
    this.cache.set(doc.uri, analysed);
    return analysed;
  }

  /** What `lint` and `fixAll` need for this document; `seen` collects the paths it sources. */
  options(doc: ShellDocument, settings: Settings, seen = new Set<string>()): LintOptions {
    const path = pathOf(doc.uri);
    const docRoots = path ? this.host.roots().filter((r) => isInside(r, path)) : [];
    const byPath = (p: string) => [...this.host.documents.values()].find((d) => pathOf(d.uri) === p)?.text;
    return {
      filename: path ?? doc.uri,
      dialect: settings.shell === 'auto' ? undefined : settings.shell,
      rules: settings.rules,
      resolveSource: path && docRoots.length ? sourceResolver(path, docRoots, byPath, seen) : undefined,
    };
  }

  private run(doc: ShellDocument, settings: Settings): LintResult {
    const seen = new Set<string>();
    const result = lint(doc.text, { ...this.options(doc, settings, seen), tree: doc.tree() });
    this.sourced.set(doc.uri, seen);
    return result;
  }
}

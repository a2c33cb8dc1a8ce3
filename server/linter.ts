// Runs the core on open documents: at most one analysis per document version
// and settings generation, with the settings, directives and `source`d files
// that apply.
import { realpathSync, statSync } from 'fs';
import { dirname, relative } from 'path';
import { fileURLToPath } from 'url';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import { fixToFixedPoint } from '../host/fix-loop';
import { isInside, readSmall, sourceResolver } from '../host/sources';
import { judgeInContexts, mayBeSourced } from '../host/contexts';
import { SourcerIndex } from './sourcers';
import { applyDirectives, detectDialect, Diagnostic, incompleteDiagnostic, lint, LintOptions, LintResult, lintSourced, mayDefineAlias, parse, ParsedTexts, RULES, Tree } from '../rules';
import type { DialectId, Lexed } from '../rules';
import { advanced, carriedShift, Origin, originOf, shiftDiagnostic } from './carry';
import { toLspDiagnostic } from './convert';
import type { ShellDocument } from './document';
import { RcFiles } from './rcfile';
import { combine, Settings } from './settings';

/** Language ids that editors' shell modes give files, and the dialect each names (`shellscript` names none). */
const LANGUAGE_DIALECTS: Record<string, DialectId> = { bash: 'bash', bats: 'bash', zsh: 'zsh', ksh: 'ksh', mksh: 'mksh' };

export interface Analysed {
  /** Identifies the version and settings the result was computed for. */
  resultId: string;
  version: number;
  settings: Settings;
  /** The text it was computed for. */
  text: string;
  /**
   * False when it was carried over edits that cannot change what the shell
   * reads (server/carry.ts): the diagnostics are exact, but `result` is still
   * the analysis of an earlier text.
   */
  exact: boolean;
  result: LintResult;
  /** The exact analysis this one was carried from, and how to move its offsets. */
  origin?: Origin;
  /** What is reported: the core's diagnostics less those a directive silences, plus bad directives. */
  reported: Diagnostic[];
  diagnostics: LspDiagnostic[];
  /** The options of the analysis, to check a fix the same way when it is asked for. */
  options: LintOptions;
  /**
   * False while nothing has asked for the analysed text's tree (a text the
   * engine does not model): analysing the next version again costs less than
   * parsing this one to carry it.
   */
  parsed?: () => boolean;
}

export function pathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** Whether the file on disk has an exec bit; undefined for a file not saved yet. */
function executable(path: string): boolean | undefined {
  try {
    return (statSync(path).mode & 0o111) !== 0;
  } catch {
    return undefined;
  }
}

export function realOr(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

export interface LinterHost {
  documents: Map<string, ShellDocument>;
  clientSettings(uri: string): Promise<Partial<Settings>>;
  roots(): string[];
  log(message: string): void;
  /** Shows the user a problem they should fix (a broken `.aliascoperc.json`), once per problem. */
  warn(message: string): void;
  /** Analyse these documents again and deliver their diagnostics: something they depend on is now known. */
  refresh?(uris: string[]): void;
  /** Lexes a text on another thread (server/lexing.ts); undefined when it cannot. */
  lexAhead?(text: string): Promise<Lexed | undefined>;
}

const RULE_METAS = RULES.map((r) => r.meta);
/**
 * Trees and analyses kept at once, most recently used first. A big script's
 * tree takes megabytes; documents beyond these are parsed again when next needed.
 */
const KEPT_ANALYSES = 12;
/** Like the command line's default --max-file-size: bigger documents are not analysed. */
const MAX_DOCUMENT_CHARS = 5 << 20;
/** Shorter texts lex in a few milliseconds: not worth a trip to the other thread. */
const LEX_AHEAD_CHARS = 32 * 1024;
/** The workspace is walked this long after the first analysis that asks, once its diagnostics are out. */
const INDEX_DELAY_MS = 20;
/** A document is judged in the state of at most this many files that source it. */
const MAX_CONTEXTS = 4;

function unsilenced(text: string, tree: Tree | (() => Tree), diagnostics: Diagnostic[]): Diagnostic[] {
  const { kept, unknown } = applyDirectives(text, tree, diagnostics, RULE_METAS);
  const bad = unknown.map((u): Diagnostic => ({ ruleId: 'directive', severity: 'warning', related: [], ...u }));
  return [...kept, ...bad].sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * True if the first character where the texts differ comes after a `#` that
 * starts a word on its line of the old text: an edit that may be inside a
 * comment. Only a guess, to decide whether carrying (which parses the old
 * text to check exactly) is worth trying for an analysis that never parsed.
 */
function afterHashOnItsLine(oldText: string, newText: string): boolean {
  const shortest = Math.min(oldText.length, newText.length);
  let at = 0;
  while (at + 256 <= shortest && oldText.slice(at, at + 256) === newText.slice(at, at + 256)) at += 256;
  while (at < shortest && oldText.charCodeAt(at) === newText.charCodeAt(at)) at++;
  const lineStart = oldText.lastIndexOf('\n', at - 1) + 1;
  return /(^|[\s;&|])#/.test(oldText.slice(lineStart, at));
}

export class Linter {
  readonly rc: RcFiles;
  /** Bumped whenever something other than the text may change a result. */
  private generation = 0;
  private readonly cache = new Map<string, Analysed>();
  /** Document uri → the file paths its analysis tried to `source`. */
  private readonly sourced = new Map<string, Set<string>>();
  /** Document uri → the files that source it, in whose state it was judged. */
  private readonly contexts = new Map<string, Set<string>>();
  /** Which workspace files source which, built when first asked. */
  private readonly index: SourcerIndex;
  /** The files documents source, each parsed once for all of them until its text changes. */
  private readonly parsedTexts = new ParsedTexts();

  constructor(private readonly host: LinterHost) {
    this.rc = new RcFiles((m) => host.warn(m));
    this.index = new SourcerIndex(() => host.roots(), (p) => this.openText(p));
  }

  private openText(path: string): string | undefined {
    for (const d of this.host.documents.values()) if (pathOf(d.uri) === path) return d.text;
    return undefined;
  }

  invalidateAll(): void {
    this.generation++;
    this.rc.clear();
    this.cache.clear();
  }

  forget(uri: string): void {
    this.cache.delete(uri);
    this.sourced.delete(uri);
    this.contexts.delete(uri);
  }

  /**
   * Open documents whose analysis read (or looked for) the file at `path`, or
   * that were judged in its state (the file changed).
   */
  dependents(path: string): string[] {
    // an open document's entry is kept by its own analyses (`record`), not read on each keystroke
    if (this.openText(path) === undefined) this.index.changed(path);
    return [...this.host.documents.keys()].filter((uri) => this.sourced.get(uri)?.has(path) || this.contexts.get(uri)?.has(path));
  }

  /** Drops a document's cached result without a new version (a file it sources changed). */
  touch(uri: string): void {
    this.cache.delete(uri);
  }

  async settings(doc: ShellDocument): Promise<Settings> {
    const client = await this.host.clientSettings(doc.uri);
    const path = pathOf(doc.uri);
    return combine(client, path ? this.rc.find(path) : undefined);
  }

  /**
   * The analysis of the document's current version, unless it changed
   * meanwhile or is switched off. `exact` asks for an analysis whose offsets
   * all fit the current text (hover, navigation, code actions); diagnostics
   * alone may come from one carried over edits that cannot change what the
   * shell reads.
   */
  async analyse(doc: ShellDocument, cancelled: () => boolean = () => false, exact = true): Promise<Analysed | 'stale' | 'disabled'> {
    const version = doc.version;
    const stale = () => cancelled() || doc.version !== version || this.host.documents.get(doc.uri) !== doc;
    const settings = await this.settings(doc);
    if (stale()) return 'stale';
    if (!settings.enable) return 'disabled';
    const text = doc.text;
    // A first analysis has no earlier one to carry: the segments of a text that
    // will be modelled are lexed on the other thread while this one parses.
    if (this.host.lexAhead && !this.cache.has(doc.uri) && text.length >= LEX_AHEAD_CHARS && text.length <= MAX_DOCUMENT_CHARS
      && mayDefineAlias(text)) {
      const lexed = this.host.lexAhead(text);
      doc.treeToWalk();
      const made = await lexed;
      if (stale()) return 'stale';
      return this.analyseNow(doc, settings, exact, made);
    }
    return this.analyseNow(doc, settings, exact);
  }

  /** `segments`: the text's segments, lexed on the other thread. */
  analyseNow(doc: ShellDocument, settings: Settings, exact = true, segments?: Lexed): Analysed {
    const scope = `${this.generation}:${JSON.stringify(settings)}`;
    const resultId = `${doc.version}:${scope}`;
    const cached = this.cache.get(doc.uri);
    if (cached && cached.resultId === resultId && (cached.exact || !exact)) {
      this.keep(doc.uri, cached);
      return cached;
    }
    if (!exact && cached && cached.resultId.endsWith(`:${scope}`) && cached.text.length <= MAX_DOCUMENT_CHARS
      && (cached.parsed?.() ?? true ? true : afterHashOnItsLine(cached.text, doc.text))) {
      const carried = this.carry(doc, cached, resultId);
      if (carried) {
        this.keep(doc.uri, carried);
        return carried;
      }
    }
    const seen = new Set<string>();
    const text = doc.text;
    let result: LintResult;
    let reported: Diagnostic[];
    let parsed: (() => boolean) | undefined;
    // fixes are checked (a parse and an analysis each) only when one is asked for
    const options: LintOptions = { ...this.options(doc, settings, seen), checkFixes: false };
    if (text.length > MAX_DOCUMENT_CHARS) {
      doc.dropTree();
      result = lint('');
      reported = [{
        ruleId: 'file-size', severity: 'info', start: 0, end: 0, related: [],
        message: `Not analysed: the document is ${(text.length / (1 << 20)).toFixed(1)} M characters, over the ${MAX_DOCUMENT_CHARS >> 20} M limit.`,
      }];
    } else {
      // Most scripts define no alias and are never modelled: the tree is made only if the analysis or a directive asks.
      const version = doc.version;
      let tree: Tree | undefined;
      const treeOf = () => (tree ??= doc.version === version && doc.text === text ? doc.treeToWalk() : parse(text));
      parsed = () => tree !== undefined;
      result = lint(text, { ...options, tree: treeOf, segments });
      reported = unsilenced(text, treeOf, result.diagnostics);
      const incomplete = incompleteDiagnostic(result.analysis);
      if (incomplete) reported = [...reported, incomplete];
      const path = pathOf(doc.uri);
      if (path) this.index.record(path, seen, text);
      reported = this.inContexts(doc, settings, treeOf, reported, result.analysis.dialect.id);
    }
    this.sourced.set(doc.uri, seen);
    const analysed: Analysed = {
      resultId, version: doc.version, settings, text, exact: true, result, reported, options, parsed,
      diagnostics: reported.map((d) => toLspDiagnostic(doc.lines, d)),
    };
    this.keep(doc.uri, analysed);
    return analysed;
  }

  /**
   * What is reported for a document that workspace files source: what holds
   * in the state of every one of them (host/contexts.ts). Each sourcer is
   * analysed with the document's current text.
   */
  private inContexts(doc: ShellDocument, settings: Settings, tree: () => Tree, own: Diagnostic[], ownDialect: DialectId): Diagnostic[] {
    const path = pathOf(doc.uri);
    if (!path || !this.host.roots().length) return own;
    if (!this.index.ready) {
      // Walking the workspace must not delay the first diagnostics: it is done
      // after they are out, and the open documents it finds sourced are judged again.
      this.indexLater();
      return own;
    }
    const sourcers = this.index.contextsOf(path).slice(0, MAX_CONTEXTS);
    this.contexts.set(doc.uri, new Set(sourcers));
    if (!sourcers.length) {
      const naming = this.index.namedByOthers(path);
      return naming ? mayBeSourced(own, (d) => d.ruleId, naming === 'name' && executable(path) === false) : own;
    }
    const contexts: { findings: Diagnostic[]; sites: string[]; dialect: DialectId }[] = [];
    for (const s of sourcers) {
      const text = this.openText(s) ?? readSmall(s, MAX_DOCUMENT_CHARS);
      if (text === undefined) continue;
      const result = lint(text, { ...this.optionsFor(s, text, settings), checkFixes: false });
      const sourced = lintSourced(result, path, { rules: settings.rules });
      if (!sourced || sourced.text !== doc.text) continue;
      contexts.push({
        findings: unsilenced(doc.text, tree, sourced.diagnostics),
        sites: sourced.sites.map((site) => `${relative(dirname(path), site.from) || site.from} line ${site.line}`),
        dialect: result.analysis.dialect.id,
      });
    }
    return judgeInContexts(own, ownDialect, contexts, {
      key: (d) => `${d.ruleId}\u0000${d.start}\u0000${d.end}`, ruleId: (d) => d.ruleId, message: (d) => d.message,
      named: (d, where) => ({ ...d, message: `${d.message} (${where})` }),
    }).sort((a, b) => a.start - b.start || a.end - b.end);
  }

  private indexing = false;

  private indexLater(): void {
    if (this.indexing || !this.host.refresh) return;
    this.indexing = true;
    setTimeout(() => {
      this.index.build();
      const sourced = [...this.host.documents.keys()].filter((uri) => {
        const path = pathOf(uri);
        return path !== undefined && (this.index.contextsOf(path).length > 0 || this.index.namedByOthers(path) !== null);
      });
      this.host.refresh?.(sourced);
    }, INDEX_DELAY_MS);
  }

  /** The earlier analysis, moved over an edit that cannot change what the shell reads. */
  private carry(doc: ShellDocument, before: Analysed, resultId: string): Analysed | undefined {
    const text = doc.text;
    if (text.length > MAX_DOCUMENT_CHARS) return undefined;
    // an exact analysis's tree is never edited, so it still fits its text
    const origin = before.origin ?? originOf(before.result.analysis);
    const shift = carriedShift(before.text, text, origin, before.reported);
    if (!shift) return undefined;
    // no directive changed, and what they cover did not move: the same reports stay silenced
    const reported = before.reported.map((d) => shiftDiagnostic(d, shift));
    return {
      ...before, resultId, version: doc.version, text, exact: false, reported,
      origin: advanced(origin, shift),
      diagnostics: reported.map((d) => toLspDiagnostic(doc.lines, d)),
    };
  }

  private keep(uri: string, analysed: Analysed): void {
    this.cache.delete(uri);
    this.cache.set(uri, analysed);
    for (const old of this.cache.keys()) {
      if (this.cache.size <= KEPT_ANALYSES) break;
      this.cache.delete(old);
      this.host.documents.get(old)?.dropTree();
    }
  }

  /** What `lint` needs for this document; `seen` collects the paths it sources. */
  options(doc: ShellDocument, settings: Settings, seen = new Set<string>()): LintOptions {
    return this.optionsFor(pathOf(doc.uri), doc.text, settings, seen, doc.uri, LANGUAGE_DIALECTS[doc.languageId]);
  }

  private optionsFor(
    path: string | undefined, text: string, settings: Settings, seen = new Set<string>(), uri = path ?? '', language?: DialectId,
  ): LintOptions {
    // Roots are real paths: compare with the document's own (through symlinks such as /tmp on macOS).
    const real = path && realOr(path);
    const roots = real ? this.host.roots().filter((r) => isInside(r, real)) : [];
    const byPath = (p: string) => this.openText(p);
    let dialect = settings.shell === 'auto' ? undefined : settings.shell;
    // what the file says first; then the mode the editor reads it in, then the project's default
    if (!dialect && (language || settings.fallbackShell) && detectDialect(text, path).source === 'default') {
      dialect = language ?? settings.fallbackShell;
    }
    return {
      filename: path ?? uri,
      dialect,
      rules: settings.rules,
      resolveSource: path && roots.length
        ? sourceResolver({ docPath: path, cwd: dirname(path), roots, sourcePaths: settings.sourcePaths, openText: byPath, seen })
        : undefined,
      parsedTexts: this.parsedTexts,
      file: { executable: path ? executable(path) : undefined },
    };
  }

  /** The text with every fix applied that the reported diagnostics offer, repeated until none is left. */
  fixedText(doc: ShellDocument, analysed: Analysed): string {
    const options = this.options(doc, analysed.settings);
    const once = (text: string) => {
      const { diagnostics, analysis } = lint(text, options);
      return unsilenced(text, analysis.tree, diagnostics);
    };
    return fixToFixedPoint(doc.text, once, analysed.reported).text;
  }
}

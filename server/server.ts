// The language server: wires LSP requests and notifications to the core.
// Everything here reacts to the client; nothing in it runs the scripts it reads.
import {
  CodeAction, CodeActionKind, Connection, ErrorCodes, ResponseError, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification,
  ExecuteCommandParams, InitializeParams, InitializeResult, MessageType, ShowMessageNotification, TextDocumentSyncKind, WorkspaceFolder,
} from 'vscode-languageserver';
import { ActionContext, codeActions, FIX_ALL_KIND, fixAllEdit, FixAllData } from './actions';
import { DiagnosticsDelivery } from './diagnostics';
import { ShellDocument } from './document';
import { describeParser, ParserChoice } from '../host/parser';
import { detectDialect, dialectLabel, installedParser } from '../rules';
import type { LexThread } from './lexing';
import { Analysed, Linter, pathOf, realOr } from './linter';
import { definition, highlights, hover, references } from './navigation';
import { completions } from './completion';
import { prepareRename, rename } from './rename';
import { documentSymbols, workspaceSymbols } from './symbols';
import { RC_NAME } from './rcfile';
import { fromClient, settingProblems, Settings } from './settings';
import { inlayHints } from './inlay-hints';

/** Run by the client's "Fix all alias problems": arguments [uri]. */
export const FIX_ALL_COMMAND = 'aliascope.server.fixAll';
/**
 * A request of this server's own, for the client's status bar: params
 * `{ uri }`, result `StatusResult`, or null for a document it does not hold.
 */
export const STATUS_REQUEST = 'aliascope/status';
export interface StatusResult {
  enabled: boolean;
  /** The dialect's id (`bash`, `zsh`, …) and how it reads in messages. */
  dialect: string;
  label: string;
  /** What decided it: option, directive, shebang, extension, syntax or default. */
  source: string;
  parser: string | undefined;
}
// eslint-disable-next-line @typescript-eslint/no-var-requires
export const VERSION: string = require('../../package.json').version;
const WATCHED = [`**/${RC_NAME}`, '**/*.{sh,bash,ksh,mksh,zsh,bats}'];

/**
 * Serves `connection`; `lexThread`, when given, lexes long documents on
 * another thread. `parser` is the one installed (host/parser.ts): the server
 * logs it once and names it in `capabilities.experimental.parser`.
 */
export function startServer(connection: Connection, lexThread?: LexThread, parser?: ParserChoice): void {
  const documents = new Map<string, ShellDocument>();
  let folders: string[] = [];
  let pullDiagnostics = false;
  let refreshSupported = false;
  let configurationRequests = false;
  let documentChanges = false;
  let lazyEdits = false;
  let watchRegistration = false;
  let configRegistration = false;
  let folderEvents = false;
  let globalSettings: Partial<Settings> = {};
  const perDocument = new Map<string, Promise<Partial<Settings>>>();
  const log = (m: string) => connection.console.log(m);
  // Each problem with the settings is shown once (again after the settings change).
  const warned = new Set<string>();
  let pendingWarnings: string[] | undefined = [];
  const warn = (problems: string[]) => {
    for (const m of problems) {
      if (warned.has(m)) continue;
      warned.add(m);
      if (pendingWarnings) {
        pendingWarnings.push(m);
        continue;
      }
      log(`settings: ${m}`);
      // window/showMessage: a notification, which no client can fail to answer.
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `aliascope: ${m}` });
    }
  };
  const readSettings = (raw: unknown) => {
    warn(settingProblems(raw));
    return fromClient(raw);
  };
  const failed = (what: string) => (e: unknown) => log(`${what}: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);

  const linter = new Linter({
    documents,
    lexAhead: lexThread && ((text) => lexThread.lex(text)),
    roots: () => folders,
    log,
    // RcFiles reports each problem once, and again only after the file changed
    warn: (m) => {
      log(m);
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `aliascope: ${m}` });
    },
    // the index of which files source which is ready: judge these again
    refresh(uris) {
      for (const u of uris) linter.touch(u);
      if (uris.length) delivery.everything(uris);
    },
    clientSettings(uri) {
      if (!configurationRequests) return Promise.resolve(globalSettings);
      let p = perDocument.get(uri);
      if (!p) {
        p = connection.workspace.getConfiguration({ scopeUri: uri, section: 'aliascope' })
          .then(readSettings, () => globalSettings);
        perDocument.set(uri, p);
      }
      return p;
    },
  });
  // Replaced once initialize tells whether the client pulls diagnostics.
  let delivery = new DiagnosticsDelivery(connection, linter, documents, false, false, log);

  const setFolders = (list: WorkspaceFolder[] | null | undefined, rootUri: string | null | undefined) => {
    const uris = list?.length ? list.map((f) => f.uri) : rootUri ? [rootUri] : [];
    folders = uris.map(pathOf).filter((p): p is string => !!p).map(realOr);
  };

  // The spec has every request before initialize answered with ServerNotInitialized.
  let initialized = false;
  let shutDown = false;
  const ready = <A extends unknown[], R>(handler: (...args: A) => R) => (...args: A): R => {
    if (!initialized) throw new ResponseError(ErrorCodes.ServerNotInitialized, 'the server has not been initialized yet');
    if (shutDown) throw new ResponseError(ErrorCodes.InvalidRequest, 'the server is shutting down');
    const invalid = invalidParams(args[0]);
    if (invalid) throw new ResponseError(ErrorCodes.InvalidParams, invalid);
    return handler(...args);
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    initialized = true;
    const caps = params.capabilities;
    pullDiagnostics = !!caps.textDocument?.diagnostic;
    refreshSupported = !!caps.workspace?.diagnostics?.refreshSupport;
    configurationRequests = !!caps.workspace?.configuration;
    documentChanges = !!caps.workspace?.workspaceEdit?.documentChanges;
    lazyEdits = !!caps.textDocument?.codeAction?.resolveSupport?.properties.includes('edit');
    watchRegistration = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    configRegistration = !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
    folderEvents = !!caps.workspace?.workspaceFolders;
    globalSettings = readSettings((params.initializationOptions as { settings?: unknown } | undefined)?.settings);
    setFolders(params.workspaceFolders, params.rootUri);
    delivery = new DiagnosticsDelivery(connection, linter, documents, pullDiagnostics, refreshSupported, log);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: true },
        hoverProvider: true,
        inlayHintProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        documentSymbolProvider: true,
        renameProvider: { prepareProvider: true },
        completionProvider: {},
        workspaceSymbolProvider: true,
        executeCommandProvider: { commands: [FIX_ALL_COMMAND] },
        ...(pullDiagnostics ? { diagnosticProvider: { interFileDependencies: true, workspaceDiagnostics: false } } : {}),
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        experimental: { parser: installedParser()?.kind },
      },
      serverInfo: { name: 'aliascope', version: VERSION },
    };
  });

  connection.onInitialized(() => {
    if (parser) log(describeParser(parser));
    // Held until now: the client may not show messages before initialized.
    const held = pendingWarnings ?? [];
    pendingWarnings = undefined;
    for (const m of held) warned.delete(m);
    warn(held);
    if (watchRegistration) {
      connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: WATCHED.map((globPattern) => ({ globPattern })),
      }).catch(failed('watching config files'));
    }
    if (configRegistration) {
      connection.client.register(DidChangeConfigurationNotification.type, { section: 'aliascope' }).catch(failed('settings registration'));
    }
    if (folderEvents) {
      connection.workspace.onDidChangeWorkspaceFolders(() => {
        connection.workspace.getWorkspaceFolders().then((list) => {
          setFolders(list, null);
          linter.invalidateAll();
          delivery.everything();
        }).catch(failed('workspace folders'));
      });
    }
  });

  /** Documents that `source` the file at `uri` see its new text. */
  const dependentsChanged = (uri: string) => {
    const path = pathOf(uri);
    const deps = path ? linter.dependents(path).filter((u) => u !== uri) : [];
    for (const u of deps) linter.touch(u);
    if (deps.length) delivery.everything(deps);
  };

  connection.onDidOpenTextDocument(({ textDocument: t }) => {
    const doc = new ShellDocument(t.uri, t.languageId, t.version, t.text);
    documents.set(t.uri, doc);
    delivery.onOpened(doc);
    dependentsChanged(t.uri);
  });

  connection.onDidChangeTextDocument(({ textDocument: t, contentChanges }) => {
    const doc = documents.get(t.uri);
    if (!doc) return;
    if (!doc.update(contentChanges, t.version ?? doc.version + 1)) {
      log(`ignored a change to ${t.uri} for version ${t.version}, not newer than ${doc.version}`);
      return;
    }
    delivery.onChanged(doc).catch(failed(`diagnostics for ${t.uri}`));
    dependentsChanged(t.uri);
  });

  connection.onDidSaveTextDocument(({ textDocument: t }) => {
    const doc = documents.get(t.uri);
    if (doc) delivery.onSaved(doc);
  });

  connection.onDidCloseTextDocument(({ textDocument: t }) => {
    documents.delete(t.uri);
    perDocument.delete(t.uri);
    linter.forget(t.uri);
    delivery.onClosed(t.uri);
    dependentsChanged(t.uri);
  });

  connection.onDidChangeConfiguration((params) => {
    const section = (params.settings as { aliascope?: unknown } | null)?.aliascope;
    warned.clear();
    if (section !== undefined) globalSettings = readSettings(section);
    perDocument.clear();
    linter.invalidateAll();
    delivery.everything();
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    if (changes.some((c) => c.uri.endsWith(`/${RC_NAME}`))) {
      linter.invalidateAll();
      delivery.everything();
      return;
    }
    for (const c of changes) if (!documents.has(c.uri)) dependentsChanged(c.uri);
  });

  connection.languages.diagnostics.on(ready((params, token) =>
    delivery.report(params.textDocument.uri, params.previousResultId, token)));

  /** The current analysis of an open, enabled document. */
  const current = async (uri: string): Promise<{ doc: ShellDocument; analysed: Analysed } | undefined> => {
    const doc = documents.get(uri);
    if (!doc) return undefined;
    const outcome = await linter.analyse(doc);
    return typeof outcome === 'string' ? undefined : { doc, analysed: outcome };
  };

  const actionContext = (doc: ShellDocument, analysed: Analysed): ActionContext => ({
    doc: doc.lines, analysed, documentChanges, lazyEdits,
    fixedText: () => linter.fixedText(doc, analysed),
  });

  connection.onCodeAction(ready(async (params) => {
    const cur = await current(params.textDocument.uri);
    return cur ? codeActions(actionContext(cur.doc, cur.analysed), params) : [];
  }));

  connection.onCodeActionResolve(ready(async (action: CodeAction) => {
    const data = action.data as FixAllData | undefined;
    if (action.kind !== FIX_ALL_KIND || !data) return action;
    const cur = await current(data.uri);
    if (!cur || cur.doc.version !== data.version) return action;
    return { ...action, edit: fixAllEdit(actionContext(cur.doc, cur.analysed)) };
  }));

  connection.onExecuteCommand(ready(async (params: ExecuteCommandParams) => {
    const uri = params.arguments?.[0];
    if (params.command !== FIX_ALL_COMMAND || typeof uri !== 'string') return null;
    const cur = await current(uri);
    if (!cur) return null;
    const edit = fixAllEdit(actionContext(cur.doc, cur.analysed));
    return (await connection.workspace.applyEdit({ label: 'Fix all alias problems', edit })).applied;
  }));

  connection.onRequest(STATUS_REQUEST, ready(async ({ uri }: { uri: string }): Promise<StatusResult | null> => {
    const doc = documents.get(uri);
    if (!doc) return null;
    const settings = await linter.settings(doc);
    const choice = detectDialect(doc.text, pathOf(uri), linter.options(doc, settings).dialect);
    return {
      enabled: settings.enable, dialect: choice.dialect.id, label: dialectLabel(choice), source: choice.source,
      parser: installedParser()?.kind,
    };
  }));

  connection.onHover(ready(async ({ textDocument, position }) => {
    const cur = await current(textDocument.uri);
    return cur ? hover(cur.doc.lines, cur.analysed.result.analysis, position) : null;
  }));

  connection.languages.inlayHint.on(ready(async ({ textDocument, range }) => {
    const cur = await current(textDocument.uri);
    return cur ? inlayHints(cur.doc.lines, cur.analysed.result.analysis, range, cur.analysed.settings.allUseHints) : null;
  }));

  connection.onDefinition(ready(async ({ textDocument, position }) => {
    const cur = await current(textDocument.uri);
    return cur ? definition(cur.doc.lines, cur.analysed.result.analysis, position) : null;
  }));

  connection.onReferences(ready(async ({ textDocument, position, context }) => {
    const cur = await current(textDocument.uri);
    return cur ? references(cur.doc.lines, cur.analysed.result.analysis, position, context.includeDeclaration) : null;
  }));

  connection.onDocumentHighlight(ready(async ({ textDocument, position }) => {
    const cur = await current(textDocument.uri);
    return cur ? highlights(cur.doc.lines, cur.analysed.result.analysis, position) : null;
  }));

  connection.onCompletion(ready(async ({ textDocument, position }) => {
    const cur = await current(textDocument.uri);
    if (!cur) return null;
    const { analysis } = cur.analysed.result;
    return completions(cur.doc.text, analysis, cur.doc.lines.offsetAt(position), linter.options(cur.doc, cur.analysed.settings));
  }));

  connection.onPrepareRename(ready(async ({ textDocument, position }) => {
    const cur = await current(textDocument.uri);
    return cur ? prepareRename(cur.doc.lines, cur.analysed.result.analysis, position) : null;
  }));

  connection.onRenameRequest(ready(async ({ textDocument, position, newName }) => {
    if (typeof newName !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, '`newName` must be a string');
    const cur = await current(textDocument.uri);
    return cur ? rename(cur.doc.lines, cur.analysed.result.analysis, position, newName) : null;
  }));

  connection.onDocumentSymbol(ready(async ({ textDocument }) => {
    const cur = await current(textDocument.uri);
    return cur ? documentSymbols(cur.doc.lines, cur.analysed.result.analysis) : null;
  }));

  connection.onWorkspaceSymbol(ready(async ({ query }) => {
    const open = await Promise.all([...documents.keys()].map(current));
    return workspaceSymbols(query, open.flatMap((c) => (c ? [{ doc: c.doc.lines, analysis: c.analysed.result.analysis }] : [])));
  }));

  connection.onShutdown(ready(() => {
    shutDown = true;
    delivery.dispose();
    lexThread?.stop();
    documents.clear();
  }));

  connection.listen();
}

const isWhole = (n: unknown): boolean => Number.isInteger(n) && (n as number) >= 0;

/** What is wrong with a request's parameters where every handler reads them alike, or null. */
function invalidParams(params: unknown): string | null {
  if (params === null || typeof params !== 'object') return null;
  const p = params as { textDocument?: { uri?: unknown }; position?: { line?: unknown; character?: unknown } };
  if ('textDocument' in p && typeof p.textDocument?.uri !== 'string') return '`textDocument.uri` must be a string';
  if ('position' in p && !(isWhole(p.position?.line) && isWhole(p.position?.character))) return '`position` needs whole-number `line` and `character`';
  return null;
}

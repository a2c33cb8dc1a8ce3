// The server through a real LSP client: the seed's two kubectl bugs, their
// fixes, hover and navigation, settings, config files, `source`, shutdown.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type {
  CodeAction, Diagnostic, DocumentDiagnosticReport, DocumentHighlight, Hover, InitializeResult, Location,
} from 'vscode-languageserver-protocol/node';
import { fixAll } from '../support/fix';
import { fileUri, PULL_CAPABILITIES, PUSH_CAPABILITIES, ROOT, TestClient } from './client';

const SEED = readFileSync(join(ROOT, 'examples', 'kubectl-seed.sh'), 'utf8');
const WRAPPER = 'kubectl() { command kubectl --insecure-skip-tls-verify=True "$@"; }';

let ws: string;
let seedUri: string;
const clients: TestClient[] = [];

async function start(opts: Parameters<typeof TestClient.start>[0] = {}): Promise<{ client: TestClient; init: InitializeResult }> {
  const started = await TestClient.start({ rootPath: ws, ...opts });
  clients.push(started.client);
  return started;
}

beforeAll(() => {
  ws = mkdtempSync(join(tmpdir(), 'aliascope-lsp-'));
  writeFileSync(join(ws, 'seed.sh'), SEED);
  seedUri = fileUri(join(ws, 'seed.sh'));
});

afterEach(() => {
  for (const c of clients.splice(0)) c.kill();
});

afterAll(() => rmSync(ws, { recursive: true, force: true }));

const byCode = (ds: Diagnostic[], code: string) => ds.find((d) => d.code === code);
/** The reports about uses, leaving out the summary on the definition that other rules may add. */
const useCodes = (ds: Diagnostic[]) => ds.filter((d) => d.code !== 'alias-never-expands').map((d) => d.code);

describe('language server over stdio', () => {
  it('reports both kubectl uses of the seed with related information and doc links', async () => {
    const { client, init } = await start();
    expect(init.capabilities.textDocumentSync).toMatchObject({ change: 2, openClose: true });
    expect(init.capabilities.diagnosticProvider).toBeUndefined();
    await client.open(seedUri, SEED);
    const { diagnostics } = await client.diagnostics(seedUri, 1, (p) => p.diagnostics.length >= 2);
    const early = byCode(diagnostics, 'function-read-before-alias')!;
    const inside = byCode(diagnostics, 'alias-in-function')!;
    expect(early.range).toEqual({ start: { line: 4, character: 2 }, end: { line: 4, character: 9 } });
    expect(inside.range).toEqual({ start: { line: 9, character: 2 }, end: { line: 9, character: 9 } });
    for (const d of [early, inside]) {
      expect(d.source).toBe('aliascope');
      expect(d.severity).toBe(1);
      expect(d.codeDescription!.href).toBe(`https://github.com/aliascope/aliascope/blob/main/docs/rules/${d.code}.md`);
      const def = d.relatedInformation!.find((r) => /defined here/.test(r.message))!;
      expect(def.location).toEqual({ uri: seedUri, range: { start: { line: 8, character: 8 }, end: { line: 8, character: 57 } } });
    }
    expect(await client.stop()).toEqual({ code: 0, signal: null });
  });

  it('keeps diagnostics and hover exact while a comment is typed', async () => {
    const { client } = await start();
    const text = SEED.replace('main() {', 'main() { # defines the alias');
    await client.open(seedUri, text);
    const first = await client.diagnostics(seedUri, 1, (p) => p.diagnostics.length >= 2);
    const line = text.split('\n').findIndex((l) => l.includes('# defines'));
    const end = text.split('\n')[line].length;
    for (const [v, ch] of [[2, 'x'], [3, 'y']] as const) {
      await client.conn.sendNotification('textDocument/didChange', {
        textDocument: { uri: seedUri, version: v },
        contentChanges: [{ range: { start: { line, character: end }, end: { line, character: end } }, text: ch }],
      });
      const next = await client.diagnostics(seedUri, v);
      expect(next.diagnostics).toEqual(first.diagnostics);
    }
    // a hover needs the analysis itself, not only its diagnostics
    const hover = await client.conn.sendRequest<Hover>('textDocument/hover', { textDocument: { uri: seedUri }, position: { line: 9, character: 4 } });
    expect(hover.range).toEqual({ start: { line: 9, character: 2 }, end: { line: 9, character: 9 } });
    expect((hover.contents as { value: string }).value).toMatch(/does \*\*not\*\* expand here/);
  });

  it('offers the wrapper-function fix as the preferred quick fix, and applying it clears the diagnostics', async () => {
    const { client } = await start();
    await client.open(seedUri, SEED);
    const { diagnostics } = await client.diagnostics(seedUri, 1, (p) => p.diagnostics.length >= 2);
    const target = byCode(diagnostics, 'function-read-before-alias')!;
    const actions = await client.conn.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: seedUri }, range: target.range, context: { diagnostics: [target] },
    });
    const fix = actions.find((a) => a.isPreferred)!;
    expect(fix.kind).toBe('quickfix');
    expect(fix.title).toMatch(/as a function/);
    expect(fix.diagnostics).toEqual([target]);
    const disable = actions.find((a) => a.title === 'Disable function-read-before-alias for this line')!;
    expect(disable.isPreferred).toBeFalsy();
    await client.apply(fix.edit!);
    expect(client.text(seedUri)).toContain(WRAPPER);
    expect(client.text(seedUri)).not.toMatch(/^\s*alias /m);
    await client.diagnostics(seedUri, client.version(seedUri), (p) => p.diagnostics.length === 0);
  });

  it('disables a rule for one line with a directive indented like the line', async () => {
    const { client } = await start();
    await client.open(seedUri, SEED);
    const { diagnostics } = await client.diagnostics(seedUri, 1, (p) => p.diagnostics.length >= 2);
    const target = byCode(diagnostics, 'function-read-before-alias')!;
    const actions = await client.conn.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: seedUri }, range: target.range, context: { diagnostics: [target], only: ['quickfix'] },
    });
    await client.apply(actions.find((a) => a.title.startsWith('Disable'))!.edit!);
    expect(client.text(seedUri).split('\n').slice(3, 6)).toEqual([
      'func1() {', '  # aliascope disable=function-read-before-alias', '  kubectl get ns',
    ]);
    const after = await client.diagnostics(seedUri, client.version(seedUri));
    expect(useCodes(after.diagnostics)).toEqual(['alias-in-function']);
  });

  it('resolves source.fixAll.aliascope lazily from the light-bulb menu, to the same text as the core fixAll', async () => {
    const { client } = await start();
    await client.open(seedUri, SEED);
    const { diagnostics } = await client.diagnostics(seedUri, 1, (p) => p.diagnostics.length >= 2);
    const target = byCode(diagnostics, 'function-read-before-alias')!;
    // The menu at a diagnostic: no `only`, the client resolves edits.
    const actions = await client.conn.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: seedUri }, range: target.range, context: { diagnostics: [target] },
    });
    const fixAllAction = actions.find((a) => a.kind === 'source.fixAll.aliascope')!;
    expect(fixAllAction.edit).toBeUndefined();
    expect(fixAllAction.data).toBeDefined();
    const resolved = await client.conn.sendRequest<CodeAction>('codeAction/resolve', fixAllAction);
    await client.apply(resolved.edit!);
    expect(client.text(seedUri)).toBe(fixAll(SEED, { filename: join(ws, 'seed.sh') }).text);
    await client.diagnostics(seedUri, client.version(seedUri), (p) => p.diagnostics.length === 0);
  });

  it('returns the fix-all edit with the action when asked by kind, as on save, for the text just typed', async () => {
    const { client } = await start();
    await client.open(seedUri, 'echo start\n');
    await client.diagnostics(seedUri, 1);
    // Typed, then saved at once: the request for the save's actions follows the change without waiting for diagnostics.
    await client.replace(seedUri, SEED);
    const actions = await client.conn.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: seedUri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.aliascope'], triggerKind: 2 },
    });
    expect(actions.map((a) => a.kind)).toEqual(['source.fixAll.aliascope']);
    expect(actions[0].edit).toBeDefined();
    await client.apply(actions[0].edit!);
    expect(client.text(seedUri)).toBe(fixAll(SEED, { filename: join(ws, 'seed.sh') }).text);
    expect(client.text(seedUri)).toContain(`  ${WRAPPER}\n`);
    await client.diagnostics(seedUri, client.version(seedUri), (p) => p.diagnostics.length === 0);
  });

  it('explains a use on hover, and navigates between uses and the definition', async () => {
    const { client } = await start();
    await client.open(seedUri, SEED);
    await client.diagnostics(seedUri, 1, (p) => p.diagnostics.length >= 2);
    const td = { uri: seedUri };
    const hover = await client.conn.sendRequest<Hover>('textDocument/hover', { textDocument: td, position: { line: 4, character: 4 } });
    const text = (hover.contents as { value: string }).value;
    expect(text).toMatch(/does \*\*not\*\* expand here \(bash\)/);
    expect(text).toMatch(/lines 4–6 are read/);
    expect(text).toMatch(/read before the alias was defined/);
    const defHover = await client.conn.sendRequest<Hover>('textDocument/hover', { textDocument: td, position: { line: 8, character: 10 } });
    expect((defHover.contents as { value: string }).value).toMatch(/= `kubectl --insecure-skip-tls-verify=True`[\s\S]*0 of 2 uses expand/);
    expect(await client.conn.sendRequest('textDocument/hover', { textDocument: td, position: { line: 0, character: 3 } })).toBeNull();

    const defs = await client.conn.sendRequest<Location[]>('textDocument/definition', { textDocument: td, position: { line: 9, character: 3 } });
    expect(defs).toEqual([{ uri: seedUri, range: { start: { line: 8, character: 8 }, end: { line: 8, character: 15 } } }]);
    const refs = await client.conn.sendRequest<Location[]>('textDocument/references', {
      textDocument: td, position: { line: 8, character: 9 }, context: { includeDeclaration: true },
    });
    expect(refs.map((r) => r.range.start.line).sort()).toEqual([4, 8, 9]);
    const hl = await client.conn.sendRequest<DocumentHighlight[]>('textDocument/documentHighlight', { textDocument: td, position: { line: 4, character: 3 } });
    expect(hl.map((h) => [h.range.start.line, h.kind])).toEqual([[8, 3], [4, 1], [9, 1]]);
  });

  it('follows workspace configuration changes: severities, rules off, disable', async () => {
    const { client } = await start();
    await client.open(seedUri, SEED);
    await client.diagnostics(seedUri, 1, (p) => p.diagnostics.length >= 2);
    const count = client.published.length;
    client.settings = { rules: { 'function-read-before-alias': 'off', 'alias-in-function': 'info', 'alias-never-expands': 'off' } };
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const after = await client.diagnostics(seedUri, 1, (p) => client.published.indexOf(p) >= count);
    expect(after.diagnostics.map((d) => [d.code, d.severity])).toEqual([['alias-in-function', 3]]);
    client.settings = { enable: false };
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.diagnostics(seedUri, 1, (p) => p.diagnostics.length === 0);
    expect(await client.conn.sendRequest('textDocument/hover', { textDocument: { uri: seedUri }, position: { line: 4, character: 4 } })).toBeNull();
  });

  it('takes settings from initializationOptions and didChangeConfiguration when the client has no configuration requests', async () => {
    const { client } = await start({
      capabilities: { ...PUSH_CAPABILITIES, workspace: { ...PUSH_CAPABILITIES.workspace, configuration: false } },
      initializationOptions: { settings: { rules: { 'alias-in-function': 'off' } } },
    });
    await client.open(seedUri, SEED);
    expect(useCodes((await client.diagnostics(seedUri, 1)).diagnostics)).toEqual(['function-read-before-alias']);
    const count = client.published.length;
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: { aliascope: { shell: 'zsh' } } });
    const zsh = await client.diagnostics(seedUri, 1, (p) => client.published.indexOf(p) >= count);
    // zsh expands aliases without `shopt`, but reads function bodies just as early.
    expect(useCodes(zsh.diagnostics)).toEqual(['function-read-before-alias', 'alias-in-function']);
    expect(zsh.diagnostics[0].message).toMatch(/zsh runs the command/);
  });

  it('reads .aliascoperc.json, and re-reads it when the watched file changes', async () => {
    const dir = join(ws, 'rc');
    mkdirSync(dir, { recursive: true });
    const uri = fileUri(join(dir, 'seed.sh'));
    writeFileSync(join(dir, '.aliascoperc.json'), JSON.stringify({ rules: { 'alias-in-function': 'off' } }));
    const { client } = await start();
    await client.open(uri, SEED);
    const first = await client.diagnostics(uri, 1);
    expect(useCodes(first.diagnostics)).toEqual(['function-read-before-alias']);
    const count = client.published.length;
    writeFileSync(join(dir, '.aliascoperc.json'), JSON.stringify({ rules: { 'function-read-before-alias': 'warning' } }));
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(join(dir, '.aliascoperc.json')), type: 2 }] });
    const second = await client.diagnostics(uri, 1, (p) => client.published.indexOf(p) >= count);
    expect(second.diagnostics.filter((d) => d.code !== 'alias-never-expands').map((d) => [d.code, d.severity]))
      .toEqual([['function-read-before-alias', 2], ['alias-in-function', 1]]);
  });

  it('shows a broken .aliascoperc.json to the user, once, and lints without it', async () => {
    const dir = join(ws, 'badrc');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '.aliascoperc.json'), '{ "rules": ');
    const { client } = await start();
    const uri = fileUri(join(dir, 'seed.sh'));
    await client.open(uri, SEED);
    const published = await client.diagnostics(uri, 1);
    expect(useCodes(published.diagnostics)).toEqual(['function-read-before-alias', 'alias-in-function']);
    await client.open(fileUri(join(dir, 'other.sh')), SEED);
    await client.diagnostics(fileUri(join(dir, 'other.sh')), 1);
    const shown = client.shown.filter((m) => m.message.includes('.aliascoperc.json'));
    expect(shown).toHaveLength(1);
    expect(shown[0].type).toBe(2);
  });

  it('follows `source` inside the workspace only, and re-analyses when the sourced file changes', async () => {
    const dir = join(ws, 'src');
    const outside = mkdtempSync(join(tmpdir(), 'aliascope-outside-'));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'opts.sh'), 'true\n');
    writeFileSync(join(outside, 'opts.sh'), 'true\n');
    const script = (path: string) => `#!/bin/bash\nsource ${path}\nalias k='kubectl'\nk get pods\n`;
    const { client } = await start();
    // Inside: the sourced file leaves expand_aliases off, so `k` certainly does not expand.
    const inUri = fileUri(join(dir, 'main.sh'));
    await client.open(inUri, script('./opts.sh'));
    const inside = await client.diagnostics(inUri, 1);
    expect(useCodes(inside.diagnostics)).toEqual(['expand-aliases-off']);
    // Outside the workspace it is not read, so nothing is certain and nothing is reported.
    const outUri = fileUri(join(dir, 'other.sh'));
    await client.open(outUri, script(join(outside, 'opts.sh')));
    expect((await client.diagnostics(outUri, 1)).diagnostics).toEqual([]);
    // The editor's text of the sourced file counts, and changing it re-analyses its dependents.
    const count = client.published.length;
    await client.open(fileUri(join(dir, 'opts.sh')), 'shopt -s expand_aliases\n');
    await client.diagnostics(inUri, 1, (p) => client.published.indexOf(p) >= count && p.diagnostics.length === 0);
    rmSync(outside, { recursive: true, force: true });
  });

  it('follows the script-folder idiom, and goes to a definition in the sourced file', async () => {
    const dir = join(ws, 'idiom');
    mkdirSync(join(dir, 'lib'), { recursive: true });
    const lib = "# helpers\nalias ll='ls -l'\n";
    writeFileSync(join(dir, 'lib', 'compat.sh'), lib);
    const { client } = await start();
    const uri = fileUri(join(dir, 'main.sh'));
    await client.open(uri, '#!/bin/bash\nHERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"\nsource "$HERE/lib/compat.sh"\nll /tmp\n');
    const published = await client.diagnostics(uri, 1);
    expect(useCodes(published.diagnostics)).toEqual(['expand-aliases-off']);
    expect(published.diagnostics[0].message).toContain('lib/compat.sh');
    const td = { uri };
    const position = { line: 3, character: 0 };
    const defs = await client.conn.sendRequest<Location[]>('textDocument/definition', { textDocument: td, position });
    expect(defs).toEqual([{ uri: fileUri(join(dir, 'lib', 'compat.sh')), range: { start: { line: 1, character: 6 }, end: { line: 1, character: 8 } } }]);
    const refs = await client.conn.sendRequest<Location[]>('textDocument/references', { textDocument: td, position, context: { includeDeclaration: true } });
    expect(refs.map((r) => r.uri).sort()).toEqual([fileUri(join(dir, 'lib', 'compat.sh')), uri].sort());
    const hover = await client.conn.sendRequest<{ contents: { value: string } }>('textDocument/hover', { textDocument: td, position });
    expect(hover.contents.value).toContain('of lib/compat.sh');
    // rename: the definition in the sourced file and the use in the script
    expect(await client.conn.sendRequest('textDocument/prepareRename', { textDocument: td, position })).toMatchObject({ placeholder: 'll' });
    const edit = await client.conn.sendRequest<{ changes: Record<string, { newText: string; range: { start: { line: number } } }[]> }>(
      'textDocument/rename', { textDocument: td, position, newName: 'lsl' });
    expect(Object.entries(edit.changes).map(([u, es]) => [u, es.map((e) => [e.range.start.line, e.newText])]).sort())
      .toEqual([[fileUri(join(dir, 'lib', 'compat.sh')), [[1, 'lsl']]], [uri, [[3, 'lsl']]]].sort());
    await expect(client.conn.sendRequest('textDocument/rename', { textDocument: td, position, newName: 'a b' })).rejects.toThrow(/cannot be an alias name/);
    // symbols: the sourced file's alias is found from the open script; its outline lists it
    const symbols = await client.conn.sendRequest<{ name: string; location: Location }[]>('workspace/symbol', { query: 'l' });
    expect(symbols.map((x) => [x.name, x.location.uri])).toEqual([['ll', fileUri(join(dir, 'lib', 'compat.sh'))]]);
    const libUri = fileUri(join(dir, 'lib', 'compat.sh'));
    await client.open(libUri, lib);
    const outline = await client.conn.sendRequest<{ name: string; detail: string }[]>('textDocument/documentSymbol', { textDocument: { uri: libUri } });
    expect(outline.map((x) => [x.name, x.detail])).toEqual([['ll', 'alias = ls -l']]);
    // an unsaved edit of the sourced file re-analyses the script within 100 ms
    const count = client.published.length;
    const t0 = performance.now();
    await client.replace(libUri, `shopt -s expand_aliases\n${lib}`);
    await client.diagnostics(uri, 1, (p) => client.published.indexOf(p) >= count && p.diagnostics.length === 0);
    const ms = performance.now() - t0;
    console.log(`script re-analysed ${ms.toFixed(1)} ms after its sourced file changed`);
    expect(ms).toBeLessThan(100);
  });

  it('judges an open sourced file in the state of the workspace scripts that source it, and again when one changes', async () => {
    const dir = join(ws, 'context');
    mkdirSync(dir, { recursive: true });
    const main = '#!/bin/bash\nsource ./lib.sh\n';
    writeFileSync(join(dir, 'main.sh'), main);
    writeFileSync(join(dir, 'lib.sh'), 'true\n');
    const { client } = await start();
    const libUri = fileUri(join(dir, 'lib.sh'));
    // the editor's text, not the file's on disk
    await client.open(libUri, "alias ll='ls -l'\nll /tmp\n");
    // the workspace is indexed after the first diagnostics are out; then the file is judged again
    const first = await client.diagnostics(libUri, 1, (p) => p.diagnostics.length > 0);
    expect(first.diagnostics.map((d) => [d.code, d.range.start.line, d.message.replace(/.*\(/, '(')])).toEqual([
      ['alias-never-expands', 0, '(when sourced from main.sh line 2)'],
      ['expand-aliases-off', 1, '(when sourced from main.sh line 2)'],
    ]);
    // an unsaved edit of the sourcer that enables expand_aliases clears them
    const mainUri = fileUri(join(dir, 'main.sh'));
    await client.open(mainUri, main);
    const count = client.published.length;
    await client.replace(mainUri, '#!/bin/bash\nshopt -s expand_aliases\nsource ./lib.sh\n');
    await client.diagnostics(libUri, 1, (p) => client.published.indexOf(p) >= count && p.diagnostics.length === 0);
  });

  it('words a sourced file that names no shell for the shell of the scripts that source it', async () => {
    const dir = join(ws, 'dialect');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'main.sh'), '#!/bin/bash\nshopt -s expand_aliases\nsource ./lib.sh\n');
    writeFileSync(join(dir, 'lib.sh'), 'true\n');
    const { client } = await start();
    const libUri = fileUri(join(dir, 'lib.sh'));
    await client.open(libUri, "alias ll='ls -l'; ll /tmp\n");
    const judged = await client.diagnostics(libUri, 1, (p) => p.diagnostics.some((d) => d.message.includes('when sourced from')));
    const use = judged.diagnostics.find((d) => d.range.start.character === 18)!;
    expect(use.message).toContain('bash runs the command `ll`');
    expect(use.message).toContain('(when sourced from main.sh line 3)');
  });

  it('keeps alias-dies-with-script in a file nothing sources, not in one a workspace script sources by name', async () => {
    const dir = join(ws, 'dies');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'main.sh'), '#!/bin/bash\n. "$OS/colors"\n');
    const aliases = "#!/bin/bash\nalias ls='ls -G'\n";
    for (const name of ['colors', 'run']) {
      writeFileSync(join(dir, name), aliases);
      chmodSync(join(dir, name), 0o755);
    }
    const { client } = await start();
    const codes = (p: { diagnostics: Diagnostic[] }) => p.diagnostics.map((d) => d.code);
    const colorsUri = fileUri(join(dir, 'colors'));
    await client.open(colorsUri, aliases);
    // before the workspace is indexed the file is judged alone; then again as main.sh may source it
    await client.diagnostics(colorsUri, 1, (p) => codes(p).includes('alias-dies-with-script'));
    await client.diagnostics(colorsUri, 1, (p) => p.diagnostics.length === 0);
    const runUri = fileUri(join(dir, 'run'));
    await client.open(runUri, aliases);
    const run = await client.diagnostics(runUri, 1);
    expect(codes(run)).toEqual(['alias-dies-with-script']);
  });

  it('completes alias names that expand at the cursor, marks those that do not, leaves out later ones', async () => {
    const { client } = await start();
    const uri = fileUri(join(ws, 'complete.sh'));
    const text = "#!/bin/bash\nalias off1='ls'\nshopt -s expand_aliases\nalias on1='ls'\n\nalias later='ls'\n";
    await client.open(uri, text);
    await client.diagnostics(uri, 1);
    const items = await client.conn.sendRequest<{ label: string; detail: string }[]>('textDocument/completion', { textDocument: { uri }, position: { line: 4, character: 0 } });
    expect(items.map((i) => [i.label, i.detail]).sort()).toEqual([
      ['off1', 'alias: expands here'],
      ['on1', 'alias: expands here'],
    ]);
    // on the shopt line itself, read before it runs: off1 exists but does not expand
    const early = await client.conn.sendRequest<{ label: string; detail: string }[]>('textDocument/completion', { textDocument: { uri }, position: { line: 2, character: 0 } });
    expect(early.map((i) => [i.label, i.detail])).toEqual([['off1', 'alias: will not expand here: alias expansion is off when this line is read']]);
  });

  it('answers pull diagnostics when the client supports them, with unchanged reports', async () => {
    const { client, init } = await start({ capabilities: PULL_CAPABILITIES });
    expect(init.capabilities.diagnosticProvider).toMatchObject({ interFileDependencies: true });
    await client.open(seedUri, SEED);
    const report = await client.conn.sendRequest<DocumentDiagnosticReport & { resultId: string; items: Diagnostic[] }>(
      'textDocument/diagnostic', { textDocument: { uri: seedUri } });
    expect(report.kind).toBe('full');
    expect(useCodes(report.items)).toEqual(['function-read-before-alias', 'alias-in-function']);
    const again = await client.conn.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', {
      textDocument: { uri: seedUri }, previousResultId: report.resultId,
    });
    expect(again).toEqual({ kind: 'unchanged', resultId: report.resultId });
    client.settings = { rules: { 'alias-in-function': 'off' } };
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.until(() => (client.refreshes > 0 ? true : undefined), 5000, 'diagnostic refresh');
    const third = await client.conn.sendRequest<DocumentDiagnosticReport & { items: Diagnostic[] }>('textDocument/diagnostic', {
      textDocument: { uri: seedUri }, previousResultId: report.resultId,
    });
    expect(useCodes(third.items)).toEqual(['function-read-before-alias']);
    expect(client.published).toEqual([]);
  });

  it('keeps diagnostics of the last save while typing when run is onSave', async () => {
    const { client } = await start({ settings: { run: 'onSave' } });
    await client.open(seedUri, SEED);
    await client.diagnostics(seedUri, 1, (p) => p.diagnostics.length >= 2);
    await client.replace(seedUri, '#!/bin/bash\necho fine\n');
    await new Promise((r) => setTimeout(r, 300));
    expect(client.published.filter((p) => p.uri === seedUri).map((p) => p.version)).toEqual([1]);
    await client.conn.sendNotification('textDocument/didSave', { textDocument: { uri: seedUri } });
    await client.diagnostics(seedUri, 2, (p) => p.diagnostics.length === 0);
  });

  it('exits with 1 on exit without shutdown, and by itself when the editor process dies', async () => {
    const { client } = await start();
    await client.conn.sendNotification('exit');
    expect((await client.exited).code).toBe(1);

    const { spawn } = await import('child_process');
    const parent = spawn('sleep', ['0.5']);
    const orphan = (await start({ processId: parent.pid })).client;
    const t0 = Date.now();
    const { code } = await orphan.exited;
    expect(code).toBe(1);
    expect(Date.now() - t0).toBeLessThan(10_000);
  });
});

// npm run bench:lsp — the language server against bash-language-server, in one
// run, on the same scripts: didOpen → first diagnostics, one-character
// didChange → new diagnostics (p50/p95), typed in a comment, in a command and
// after an alias use, and RSS with 200 open documents.
// bash-language-server 5.8.1 (which diagnoses through the `shellcheck` on PATH)
// is installed with npm into a cache outside the clone the first time.
//   npm run bench:lsp [-- --no-peer]
import { ChildProcess, execFileSync, spawn } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { cpus, homedir, loadavg, tmpdir } from 'os';
import { join } from 'path';
import { pathToFileURL } from 'url';
import {
  createProtocolConnection, ProtocolConnection, PublishDiagnosticsParams, StreamMessageReader, StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { generatedScript, largestRealScript } from './lsp-corpus';

const ROOT = join(__dirname, '..');
const BLS_VERSION = '5.8.1';
const EDITS = Number(process.env.BENCH_EDITS ?? 200);
const DOCS = Number(process.env.BENCH_DOCS ?? 200);
const LINES = Number(process.env.BENCH_LINES ?? 10_000);
/** Fresh servers opened per script for the first-diagnostics spread: one run on a shared machine is one draw. */
const OPENS = Number(process.env.BENCH_OPENS ?? 9);
/** Caps, so a server that is slow on a script cannot hold the run for hours. */
const FIRST_TIMEOUT_MS = 150_000;
const EDIT_TIMEOUT_MS = 30_000;
const EDIT_BUDGET_MS = Number(process.env.BENCH_EDIT_BUDGET_MS ?? 90_000);
const DOCS_BUDGET_MS = 180_000;
const TARGET = { first: 300, p95: 20, rssMb: 300 };

interface ServerSpec {
  name: string;
  command: string[];
}

function bashLanguageServer(): ServerSpec | undefined {
  const prefix = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'aliascope', `bash-language-server-${BLS_VERSION}`);
  const cli = join(prefix, 'node_modules', 'bash-language-server', 'out', 'cli.js');
  if (!existsSync(cli)) {
    try {
      mkdirSync(prefix, { recursive: true });
      if (!existsSync(join(prefix, 'package.json'))) writeFileSync(join(prefix, 'package.json'), '{"private":true}\n');
      console.error(`installing bash-language-server@${BLS_VERSION} into ${prefix} …`);
      execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', `bash-language-server@${BLS_VERSION}`], { cwd: prefix, stdio: 'inherit' });
    } catch {
      console.error('bash-language-server could not be installed: measuring aliascope alone');
      return undefined;
    }
  }
  return { name: `bash-language-server ${BLS_VERSION}`, command: [process.execPath, cli, 'start'] };
}

class Session {
  readonly conn: ProtocolConnection;
  private readonly waiters: { uri: string; minVersion: number; resolve: (p: PublishDiagnosticsParams) => void }[] = [];

  constructor(readonly proc: ChildProcess) {
    this.conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      for (const w of [...this.waiters]) {
        // A server that does not version its pushes (bash-language-server) counts with any push after the edit.
        if (w.uri === p.uri && (p.version === undefined || p.version >= w.minVersion)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(p);
        }
      }
    });
    this.conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onNotification('window/logMessage', () => undefined);
    this.conn.onNotification('window/showMessage', () => undefined);
    this.conn.onNotification('$/progress', () => undefined);
    this.conn.listen();
  }

  /** Resolves with the milliseconds until the next push for `uri`, or null on timeout. */
  nextPush(uri: string, minVersion: number, timeout: number): Promise<number | null> {
    const t0 = performance.now();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        const i = this.waiters.findIndex((w) => w.resolve === done);
        if (i >= 0) this.waiters.splice(i, 1);
        resolve(null);
      }, timeout);
      const done = () => {
        clearTimeout(timer);
        resolve(performance.now() - t0);
      };
      this.waiters.push({ uri, minVersion, resolve: done });
    });
  }

  rssMb(): number {
    const status = readFileSync(`/proc/${this.proc.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
  }
}

async function start(spec: ServerSpec, rootPath: string): Promise<Session> {
  const proc = spawn(spec.command[0], spec.command.slice(1), { stdio: ['pipe', 'pipe', 'ignore'] });
  const s = new Session(proc);
  const rootUri = pathToFileURL(rootPath).href;
  await s.conn.sendRequest('initialize', {
    processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'bench' }],
    capabilities: {
      workspace: { configuration: true },
      textDocument: { publishDiagnostics: { versionSupport: true, relatedInformation: true }, synchronization: { didSave: true } },
    },
  });
  await s.conn.sendNotification('initialized', {});
  return s;
}

async function stop(s: Session): Promise<void> {
  await Promise.race([s.conn.sendRequest('shutdown').catch(() => undefined), new Promise((r) => setTimeout(r, 5000))]);
  await s.conn.sendNotification('exit').catch(() => undefined);
  await new Promise((r) => setTimeout(r, 200));
  if (s.proc.exitCode === null) s.proc.kill('SIGKILL');
  s.conn.dispose();
}

const pct = (xs: readonly number[], p: number) => {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

interface FileResult {
  first: number | null;
  edits: number[];
  timedOut: number;
}

type EditPlace = 'comment' | 'command' | 'command that uses an alias';
const PLACE_NAMES: EditPlace[] = ['comment', 'command', 'command that uses an alias'];

/**
 * Where to type, on the line nearest the middle that has such a place: the end
 * of a comment line (changes no command), the end of a line that is one simple
 * command, or the end of the first argument after an alias the script defines
 * (`k get pods`). Undefined when the script has no such place.
 */
function editPlace(text: string, place: EditPlace): { line: number; character: number } | undefined {
  const lines = text.split('\n');
  const aliases = new Set([...text.matchAll(/^\s*alias ([\w-]+)=/gm)].map((m) => m[1]));
  const find = (line: string): number | undefined => {
    if (place === 'comment') return /^\s*#/.test(line) ? line.length : undefined;
    if (place === 'command') return /^\s*[a-z_][\w-]*( [\w"$.=/-]+)+$/.test(line) ? line.length : undefined;
    const m = /^(\s*([\w-]+) [\w-]+)/.exec(line);
    return m && aliases.has(m[2]) ? m[1].length : undefined;
  };
  const mid = Math.floor(lines.length / 2);
  for (let d = 0; d < lines.length; d++) {
    for (const i of [mid + d, mid - d]) {
      const character = find(lines[i] ?? '');
      if (character !== undefined) return { line: i, character };
    }
  }
  return undefined;
}

async function measureFile(spec: ServerSpec, dir: string, name: string, text: string, at: { line: number; character: number }): Promise<FileResult> {
  const s = await start(spec, dir);
  const uri = pathToFileURL(join(dir, name)).href;
  const first = s.nextPush(uri, 1, FIRST_TIMEOUT_MS);
  await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'shellscript', version: 1, text } });
  const result: FileResult = { first: await first, edits: [], timedOut: 0 };
  const { line, character: end } = at;
  const t0 = Date.now();
  for (let v = 2; v < EDITS + 2 && Date.now() - t0 < EDIT_BUDGET_MS && result.first !== null; v++) {
    // Alternately type one character there and delete it.
    const add = v % 2 === 0;
    const range = add ? { start: { line, character: end }, end: { line, character: end } } : { start: { line, character: end }, end: { line, character: end + 1 } };
    const pushed = s.nextPush(uri, v, EDIT_TIMEOUT_MS);
    await s.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range, text: add ? 'x' : '' }] });
    const ms = await pushed;
    if (ms === null) result.timedOut++;
    else result.edits.push(ms);
    if (result.timedOut >= 3) break;
  }
  await stop(s);
  return result;
}

/** Lines commented out by typing `#` at their start, spread through the script. */
const COMMENT_OUT_PLACES = Number(process.env.BENCH_COMMENT_OUT ?? 40);

/**
 * Types `#` at the start of `COMMENT_OUT_PLACES` lines spread through the
 * script (lines that hold code, not blank or comment lines), each time waiting
 * for the diagnostics, then deletes it again: the edit that comments out a
 * whole line and the one that brings it back. Returns the ms of each.
 */
async function measureCommentOut(spec: ServerSpec, dir: string, text: string): Promise<{ add: number[]; remove: number[]; timedOut: number }> {
  const lines = text.split('\n');
  const code = lines.map((l, i) => [l, i] as const).filter(([l]) => /^\s*[^\s#]/.test(l)).map(([, i]) => i);
  const picks = Array.from({ length: Math.min(COMMENT_OUT_PLACES, code.length) }, (_, k) => code[Math.floor(((k + 0.5) * code.length) / COMMENT_OUT_PLACES)]);
  const s = await start(spec, dir);
  const uri = pathToFileURL(join(dir, 'comment-out.sh')).href;
  const first = s.nextPush(uri, 1, FIRST_TIMEOUT_MS);
  await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'shellscript', version: 1, text } });
  const result = { add: [] as number[], remove: [] as number[], timedOut: 0 };
  if ((await first) === null) {
    await stop(s);
    return result;
  }
  let v = 1;
  for (const line of picks) {
    for (const add of [true, false]) {
      v++;
      const range = add ? { start: { line, character: 0 }, end: { line, character: 0 } } : { start: { line, character: 0 }, end: { line, character: 1 } };
      const pushed = s.nextPush(uri, v, EDIT_TIMEOUT_MS);
      await s.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range, text: add ? '#' : '' }] });
      const ms = await pushed;
      if (ms === null) result.timedOut++;
      else (add ? result.add : result.remove).push(ms);
    }
  }
  await stop(s);
  return result;
}

/** didOpen → first diagnostics in `OPENS` fresh servers, one after another. */
async function measureOpens(spec: ServerSpec, dir: string, text: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < OPENS; i++) {
    const s = await start(spec, dir);
    const uri = pathToFileURL(join(dir, `open-${i}.sh`)).href;
    const first = s.nextPush(uri, 1, FIRST_TIMEOUT_MS);
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'shellscript', version: 1, text } });
    const ms = await first;
    await stop(s);
    if (ms !== null) times.push(ms);
  }
  return times;
}

/** Opens `DOCS` different scripts, waits for their diagnostics, reads the server's RSS. */
async function measureDocs(spec: ServerSpec, dir: string, texts: string[]): Promise<{ rss: number; answered: number }> {
  const s = await start(spec, dir);
  const pushes: Promise<number | null>[] = [];
  const t0 = Date.now();
  for (let i = 0; i < texts.length; i++) {
    const uri = pathToFileURL(join(dir, `doc-${i}.sh`)).href;
    pushes.push(s.nextPush(uri, 1, Math.max(1000, DOCS_BUDGET_MS - (Date.now() - t0))));
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'shellscript', version: 1, text: texts[i] } });
  }
  const answered = (await Promise.all(pushes)).filter((x) => x !== null).length;
  const rss = s.rssMb();
  await stop(s);
  return { rss, answered };
}

const fmt = (ms: number | null | undefined) => (ms === null || ms === undefined || Number.isNaN(ms) ? '—' : ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(1)} ms`);
const mark = (ok: boolean) => (ok ? '✓' : '✗');

async function main(): Promise<void> {
  if (!existsSync(join(ROOT, 'out', 'server', 'main.js'))) throw new Error('run `npm run build` first');
  const startLoad = loadavg()[0].toFixed(1);
  const dir = mkdtempSync(join(tmpdir(), 'aliascope-bench-'));
  const real = largestRealScript();
  const generated = generatedScript(LINES);
  const scripts = [
    ...(real ? [{ label: `${real.path} (${Math.round(Buffer.byteLength(real.text) / 1024)} KB)`, text: real.text }] : []),
    { label: `generated (${Math.round(Buffer.byteLength(generated) / 1024)} KB)`, text: generated },
  ];
  const genLines = generated.split('\n');
  const docs = Array.from({ length: DOCS }, (_, i) => {
    const from = (i * 97) % Math.max(1, genLines.length - 300);
    return ['#!/bin/bash', 'shopt -s expand_aliases', ...genLines.slice(from, from + 300)].join('\n');
  });
  const servers: ServerSpec[] = [{ name: 'aliascope', command: [process.execPath, join(ROOT, 'bin', 'aliascope-lsp.js'), '--stdio'] }];
  // `--no-peer` measures aliascope alone, for a quick look; the table then has no comparison
  const bls = process.argv.includes('--no-peer') ? undefined : bashLanguageServer();
  if (bls) servers.push(bls);

  const rows: string[] = [];
  const rssRows: string[] = [];
  const openRows: string[] = [];
  // aliascope only: the peer takes seconds to minutes per open
  for (const sc of scripts) {
    console.error(`aliascope: ${sc.label}, ${OPENS} fresh opens …`);
    const t = (await measureOpens(servers[0], dir, sc.text)).sort((a, b) => a - b);
    const within = t.filter((x) => x <= TARGET.first).length;
    openRows.push(`| ${sc.label} | ${fmt(pct(t, 50))} ${mark(t.length > 0 && pct(t, 50) <= TARGET.first)} | ${fmt(t[0])} | ${fmt(t[t.length - 1])} | ${within}/${OPENS} |`);
  }
  const commentRows: string[] = [];
  for (const sc of real ? scripts.slice(0, 1) : []) {
    console.error(`aliascope: ${sc.label}, typing # at the start of ${COMMENT_OUT_PLACES} lines …`);
    const r = await measureCommentOut(servers[0], dir, sc.text);
    for (const [what, xs] of [['`#` typed at a line\'s start', r.add], ['that `#` deleted', r.remove], ['both', [...r.add, ...r.remove]]] as const) {
      commentRows.push(`| ${sc.label} | ${what} | ${fmt(pct(xs, 50))} | ${fmt(pct(xs, 95))} ${mark(xs.length > 0 && pct(xs, 95) <= TARGET.p95)} | ${xs.length}${r.timedOut ? ` (+${r.timedOut} timed out)` : ''} |`);
    }
  }
  for (const spec of servers) {
    for (const [sc, place] of scripts.flatMap((x) => PLACE_NAMES.map((p) => [x, p] as const))) {
      const at = editPlace(sc.text, place);
      if (!at) continue;
      console.error(`${spec.name}: ${sc.label}, typing in a ${place} …`);
      const r = await measureFile(spec, dir, 'bench.sh', sc.text, at);
      const p50 = pct(r.edits, 50);
      const p95 = pct(r.edits, 95);
      const mine = spec.name === 'aliascope';
      const tp = mine && r.edits.length ? ` ${mark(p95 <= TARGET.p95)}` : '';
      rows.push(`| ${spec.name} | ${sc.label} | ${place} | ${fmt(r.first)} | ${fmt(p50)} | ${fmt(p95)}${tp} | ${r.edits.length}${r.timedOut ? ` (+${r.timedOut} timed out)` : ''} |`);
    }
    console.error(`${spec.name}: ${DOCS} documents …`);
    const d = await measureDocs(spec, dir, docs);
    const tr = spec.name === 'aliascope' ? ` ${mark(d.rss <= TARGET.rssMb)}` : '';
    rssRows.push(`| ${spec.name} | ${DOCS} × 300-line scripts | ${d.rss.toFixed(0)} MB${tr} | ${d.answered}/${DOCS} |`);
  }
  rmSync(dir, { recursive: true, force: true });

  console.log(`\nbench:lsp — targets: first diagnostics ≤ ${TARGET.first} ms, p95 after an edit ≤ ${TARGET.p95} ms, RSS ≤ ${TARGET.rssMb} MB`);
  console.log(`(edits: up to ${EDITS}, stopping after ${EDIT_BUDGET_MS / 1000} s per server and script; — means no diagnostics within`
    + ` ${FIRST_TIMEOUT_MS / 1000} s: bash-language-server, for one, publishes nothing when ShellCheck passes its 10 s limit;`
    + ` load average at the start ${startLoad}, ${cpus().length} CPUs)\n`);
  console.log('(didOpen → first diagnostics in this table is one draw per row; the target is judged on the fresh opens further down)\n');
  console.log('| server | script | edits typed in a | didOpen → first diagnostics | edit → diagnostics p50 | p95 | edits measured |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) console.log(r);
  console.log(`\naliascope, didOpen → first diagnostics in ${OPENS} fresh servers per script:\n`);
  console.log('| script | median | fastest | slowest | within the target |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const r of openRows) console.log(r);
  if (commentRows.length) {
    console.log(`\naliascope, commenting out a whole line: \`#\` typed at the start of ${COMMENT_OUT_PLACES} code lines spread through the script, then deleted:\n`);
    console.log('| script | edit | p50 | p95 | edits measured |');
    console.log('| --- | --- | --- | --- | --- |');
    for (const r of commentRows) console.log(r);
  }
  console.log('\n| server | open documents | RSS after their diagnostics | documents answered |');
  console.log('| --- | --- | --- | --- |');
  for (const r of rssRows) console.log(r);
}

main().then(() => process.exit(0), (e) => {
  console.error(e);
  process.exit(1);
});

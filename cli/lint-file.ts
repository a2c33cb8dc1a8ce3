// One file, start to finish: read and decode, lint, apply directives, fix,
// and reduce the result to plain data a formatter (or another thread) can use.
import { sourceResolver } from '../host/sources';
import { closeSync, fstatSync, openSync, readFileSync } from 'fs';
import { join } from 'path';
import { aliasUses, applyDirectives, BYTE_ORDER_MARK, detectDialect, Diagnostic, DialectId, FileFacts, Fix, incompleteDiagnostic, LineIndex, lint, LintResult, lintSourced, parse, ParsedTexts, RULES, sourcedNames, Severity, UseReport } from '../rules';
import type { FileConfig } from '../host/config';
import { unifiedDiff } from './diff';
import { describeStatError } from './files';
import { fixToFixedPoint } from '../host/fix-loop';
import { ReadStamp, stampOf, writeAtomically, WriteRefused } from './fix';

export interface FileTask {
  /** Absolute path; for standard input, the --stdin-filename (or '<stdin>'). */
  path: string;
  /** Standard input's text, already read. */
  stdin?: Buffer;
  config: FileConfig;
  /** --shell: overrides everything else. */
  shell?: DialectId;
  fix: boolean;
  /** Compute fixes but do not write them (--fix-dry-run, or the diff format). */
  dryRun: boolean;
  diff: boolean;
  output: boolean;
  reportUnused: boolean;
  maxFileSize: number;
  /** List every alias use (--show-uses). */
  showUses?: boolean;
  /** The file's size when finding it already told (a hint for sharing out work; the read checks again). */
  size?: number;
}

/** How a file this one sources fares in its context. */
export interface ContextReport {
  path: string;
  messages: Message[];
  /** The `source` commands that ran it: the sourcing file and the 1-based line. */
  sites: { from: string; line: number }[];
  /** The dialect the sourcing file read it in. */
  dialect: DialectId;
  /** With --show-uses: its uses as the sourcing file's run reads them. */
  uses?: UseReport[];
}

export interface Position {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface Message extends Position {
  ruleId: string;
  severity: Severity;
  message: string;
  /** ESLint's shape: one range of the text and what replaces it. */
  fix?: { range: [number, number]; text: string };
  fixTitle?: string;
  fixRefusal?: string;
  /** ESLint's suggestions: offered, never applied by `--fix`. */
  suggestions?: { desc: string; fix: { range: [number, number]; text: string } }[];
  related: (Position & { message: string })[];
  /** The source line the message starts on, for code frames and fingerprints. */
  lineText: string;
}

export interface FileReport {
  path: string;
  messages: Message[];
  suppressedCount: number;
  /** The whole fixed text, when fixes changed something and it was asked for. */
  output?: string;
  diff?: string;
  /** The file is not UTF-8 and was read as Latin-1: its diff goes out in Latin-1 too, byte for byte. */
  latin1?: boolean;
  /** Fixes were written to disk. */
  written: boolean;
  /** Why the fixes were not (all) applied. */
  fixNote?: string;
  /** Not linted: one line saying why. */
  error?: string;
  /** The file has an exec bit (undefined for standard input): one without may run only where it is sourced (for cli/project.ts). */
  executable?: boolean;
  /** Not linted because it holds NUL bytes: an error when named, a note when found in a folder. */
  binary?: boolean;
  /** The error is a bug in aliascope, not a problem with the file. */
  internal?: boolean;
  /** The analysis hit its size or time budget, so problems may be missing. */
  incomplete?: boolean;
  /** Every file the analysis looked for through `source`, found or not (for --cache). */
  sources?: string[];
  /** --show-uses: every alias use, and the text they lie in. */
  uses?: UseReport[];
  text?: string;
  /** Other files the analysis ran through `source`. */
  read?: string[];
  /** How each file in `read` fares in this file's context (for cli/project.ts). */
  contexts?: ContextReport[];
  /**
   * Files this file may source, when nothing it reads holds alias text, so it
   * was not modelled: in its run they define no alias (for cli/project.ts).
   */
  sourcesUnmodelled?: string[];
  /** File names this file may source from a folder known only at run time (for cli/project.ts). */
  sourcedNames?: string[];
  /** The dialect it was read in (for cli/project.ts). */
  dialect?: DialectId;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const RULE_METAS = RULES.map((r) => r.meta);

function formatSize(bytes: number): string {
  return bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** Any exec bit: the file may be run as a script of its own. */
const EXEC_BITS = 0o111;

/** Whether a file mode has any execute bit: the rules judge an executable script differently. */
export const isExecutable = (mode: number): boolean => (mode & EXEC_BITS) !== 0;

function readInput(task: FileTask, stamp: (st: ReadStamp) => void): { bytes: Buffer; file: FileFacts } | string {
  if (task.stdin) return task.stdin.length > task.maxFileSize ? `standard input is ${formatSize(task.stdin.length)}, over the ${formatSize(task.maxFileSize)} limit (--max-file-size)` : { bytes: task.stdin, file: {} };
  // One open and one fstat: the size check and the read share them.
  let fd: number | undefined;
  try {
    fd = openSync(task.path, 'r');
    const st = fstatSync(fd);
    if (st.isDirectory()) return 'is a directory, not a file';
    if (st.size > task.maxFileSize) return `file is ${formatSize(st.size)}, over the ${formatSize(task.maxFileSize)} limit (--max-file-size)`;
    stamp(stampOf(st));
    return { bytes: readFileSync(fd), file: { executable: isExecutable(st.mode) } };
  } catch (e) {
    return describeStatError(task.path, e as NodeJS.ErrnoException);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Bytes to text; invalid UTF-8 is read as Latin-1, one character per byte, so
 * columns stay meaningful and fixes round-trip. A byte order mark stays in the
 * text: every shell reads it as part of the first word (`\uFEFFalias` is no
 * command), so the rules must see it; only what is shown leaves it out.
 */
export function decode(bytes: Buffer): { text: string; encoding: 'utf8' | 'latin1' } {
  let text: string;
  let encoding: 'utf8' | 'latin1' = 'utf8';
  try {
    text = utf8.decode(bytes);
  } catch {
    text = bytes.toString('latin1');
    encoding = 'latin1';
  }
  return { text, encoding };
}

/**
 * How many characters of the text are not shown: editors hide a leading byte
 * order mark, and ESLint's ranges count without it.
 */
const hiddenPrefix = (text: string): number => (text.startsWith(BYTE_ORDER_MARK) ? BYTE_ORDER_MARK.length : 0);

function toMessage(d: Pick<Diagnostic, 'ruleId' | 'severity' | 'message' | 'start' | 'end'> & Partial<Diagnostic>, text: string, lines: LineIndex): Message {
  const hidden = hiddenPrefix(text);
  const shown = (offset: number) => {
    const p = lines.position(offset);
    return { line: p.line + 1, column: (p.line === 0 ? Math.max(0, p.column - hidden) : p.column) + 1 };
  };
  const pos = (start: number, end: number): Position => {
    const s = shown(start);
    const e = shown(end);
    return { line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
  };
  const at = pos(d.start, d.end);
  const lineStart = at.line === 1 ? hidden : lines.offset(at.line - 1, 0);
  const nl = text.indexOf('\n', lineStart);
  const m: Message = {
    ruleId: d.ruleId, severity: d.severity, message: d.message, ...at,
    related: (d.related ?? []).map((r) => ({ ...pos(r.start, r.end), message: r.message })),
    lineText: text.slice(lineStart, nl === -1 ? text.length : nl).replace(/\r$/, ''),
  };
  if (d.fix && d.fix.edits.length > 0) {
    m.fix = eslintFix(text, d.fix, hidden);
    m.fixTitle = d.fix.title;
  }
  const suggestions = (d.suggestions ?? []).filter((f) => f.edits.length > 0);
  if (suggestions.length) m.suggestions = suggestions.map((f) => ({ desc: f.title, fix: eslintFix(text, f, hidden) }));
  if (d.fixRefusal) m.fixRefusal = d.fixRefusal;
  return m;
}

/** ESLint carries one range per fix, without the hidden prefix: the edits joined into the span they cover. */
function eslintFix(text: string, fix: Fix, hidden: number): { range: [number, number]; text: string } {
  const start = Math.min(...fix.edits.map((e) => e.start));
  const end = Math.max(...fix.edits.map((e) => e.end));
  const sorted = [...fix.edits].sort((a, b) => a.start - b.start);
  let replaced = '';
  let cursor = start;
  for (const e of sorted) {
    replaced += text.slice(cursor, e.start) + e.text;
    cursor = e.end;
  }
  return { range: [Math.max(0, start - hidden), Math.max(0, end - hidden)], text: replaced + text.slice(cursor, end) };
}

/** How `path`, a file the linted one sources, fares in the linted one's context, after its own directives. */
function sourcedReport(result: LintResult, path: string, task: FileTask): ContextReport | undefined {
  const sourced = lintSourced(result, path, { rules: task.config.rules });
  if (!sourced) return undefined;
  const { text } = sourced;
  const kept = sourced.diagnostics.length ? applyDirectives(text, () => parse(text), sourced.diagnostics, RULE_METAS).kept : [];
  const lines = new LineIndex(text);
  return {
    path, messages: kept.map((d) => toMessage(d, text, lines)), sites: sourced.sites.map((s) => ({ from: s.from, line: s.line })),
    dialect: result.analysis.dialect.id,
    ...(task.showUses ? { uses: aliasUses(result.analysis).filter((u) => u.filePath === path) } : {}),
  };
}

/** The files this thread's scripts source, each parsed once for all of them. */
const parsedTexts = new ParsedTexts();

export function lintFile(task: FileTask): FileReport {
  let read: ReadStamp | undefined;
  const input = readInput(task, (st) => { read = st; });
  const report: FileReport = { path: task.path, messages: [], suppressedCount: 0, written: false };
  if (typeof input === 'string') return { ...report, error: input };
  report.executable = input.file.executable;
  if (input.bytes.includes(0)) return { ...report, binary: true, error: 'binary file (it contains NUL bytes), not linted' };
  const { text, encoding } = decode(input.bytes);

  const seen = new Set<string>();
  let dialect = task.shell;
  if (!dialect && task.config.shell && detectDialect(text, task.path).source === 'default') dialect = task.config.shell;
  const options = { filename: task.path, dialect, rules: task.config.rules, resolveSource: sourceResolver({ docPath: task.path, cwd: process.cwd(), sourcePaths: task.config.sourcePaths, maxBytes: task.maxFileSize, seen }), parsedTexts, file: input.file };
  const run = (t: string) => {
    const result = lint(t, options);
    const { analysis } = result;
    // The core skips texts past its size limit without parsing them: no tree, nothing to silence.
    const parsed = !analysis.aborted || analysis.tree.rootNode.endIndex >= t.trimEnd().length;
    // the tree only if a directive may be there: most files are never parsed
    const directives = parsed ? applyDirectives(t, () => analysis.tree, result.diagnostics, RULE_METAS)
      : { kept: result.diagnostics, suppressed: [], unused: [], unknown: [] };
    return { text: t, result, aborted: analysis.aborted, uses: task.showUses ? aliasUses(analysis).filter((u) => u.filePath === analysis.file) : undefined, ...directives };
  };

  let final = run(text);
  if (task.fix || task.dryRun) {
    const outcome = fixToFixedPoint(text, (t) => run(t).kept, final.kept);
    if (outcome.refused) report.fixNote = outcome.refused;
    if (outcome.text !== text) {
      final = run(outcome.text);
      const bytes = outcome.text;
      if (task.output) report.output = bytes;
      if (task.diff) {
        report.diff = unifiedDiff(text, bytes, task.path);
        if (encoding === 'latin1') report.latin1 = true;
      }
      if (task.fix && !task.stdin) {
        try {
          writeAtomically(task.path, Buffer.from(bytes, encoding === 'utf8' ? 'utf8' : 'latin1'), read);
          report.written = true;
        } catch (e) {
          if (e instanceof WriteRefused) return { ...report, error: `not fixed: ${e.message}` };
          return { ...report, error: `cannot write the fixed file: ${describeStatError(task.path, e as NodeJS.ErrnoException)}` };
        }
      }
    }
  }

  if (final.aborted) report.incomplete = true;
  report.dialect = final.result.analysis.dialect.id;
  if (seen.size) report.sources = [...seen];
  const { sourceSites } = final.result.analysis;
  if (sourceSites.length) report.read = [...new Set(sourceSites.map((s) => s.file))].filter((f) => f !== task.path);
  else if (seen.size && final.result.analysis.units.length === 0) report.sourcesUnmodelled = [...seen].filter((f) => f !== task.path);
  if (report.read && !task.stdin) {
    // judging the uses of a file already read is cheap beside reading them again in a second pass
    const contexts = report.read.map((f) => sourcedReport(final.result, f, task)).filter((c): c is ContextReport => !!c);
    if (contexts.length) report.contexts = contexts;
  }
  const names = sourcedNames(final.text);
  if (names.length) report.sourcedNames = [...new Set(names)];
  report.suppressedCount = final.suppressed.length;
  if (final.uses) {
    report.uses = final.uses;
    report.text = final.text;
  }
  const unused = task.reportUnused ? final.unused : [];
  // Most files have nothing to report: index their lines only when something is.
  const incomplete = incompleteDiagnostic({ aborted: final.aborted });
  if (final.kept.length + final.unknown.length + unused.length === 0 && !incomplete) return report;
  const lines = new LineIndex(final.text);
  report.messages = final.kept.map((d) => toMessage(d, final.text, lines));
  if (incomplete) report.messages.push(toMessage(incomplete, final.text, lines));
  const directive = (p: { start: number; end: number; message: string }) =>
    toMessage({ ruleId: 'directive', severity: 'error', ...p }, final.text, lines);
  report.messages.push(...final.unknown.map(directive), ...unused.map(directive));
  report.messages.sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
  return report;
}

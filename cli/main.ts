// The command line: files in, a report and an exit code out.
import { readFileSync, readdirSync, statSync } from 'fs';
import { join, relative } from 'path';
import { DIALECT_IDS, DialectId, LineIndex, lint, Diagnostic } from '../rules';

interface Message {
  ruleId: string;
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fix?: { range: [number, number]; text: string };
}

interface FileResult {
  filePath: string;
  messages: Message[];
  errorCount: number;
  warningCount: number;
}

const USAGE = `Usage: aliascope [options] <file|dir>...

Options:
  --format stylish|json   Output format (default: stylish)
  --shell DIALECT         ${DIALECT_IDS.join('|')}; overrides shebang and extension
  -h, --help              Show this help`;

const SHELL_EXT = /\.(sh|bash|ksh|mksh|zsh|dash|bats)$/;

function collect(path: string, out: string[], top: boolean): void {
  const st = statSync(path);
  if (st.isDirectory()) {
    for (const e of readdirSync(path).sort()) {
      if (e === 'node_modules' || e.startsWith('.')) continue;
      collect(join(path, e), out, false);
    }
  } else if (top || SHELL_EXT.test(path) || /^#!.*\b(sh|bash|dash|ksh|mksh|zsh|ash)\b/.test(readFileSync(path, 'latin1').slice(0, 128))) {
    out.push(path);
  }
}

function toMessage(d: Diagnostic, lines: LineIndex): Message {
  const s = lines.position(d.start);
  const e = lines.position(d.end);
  const m: Message = {
    ruleId: d.ruleId, severity: d.severity === 'error' ? 2 : 1, message: d.message,
    line: s.line + 1, column: s.column + 1, endLine: e.line + 1, endColumn: e.column + 1,
  };
  if (d.fix && d.fix.edits.length === 1) m.fix = { range: [d.fix.edits[0].start, d.fix.edits[0].end], text: d.fix.edits[0].text };
  return m;
}

function stylish(results: FileResult[]): string {
  let out = '';
  let total = 0;
  for (const r of results) {
    if (r.messages.length === 0) continue;
    out += `\n${r.filePath}\n`;
    for (const m of r.messages) {
      out += `  ${m.line}:${m.column}  ${m.severity === 2 ? 'error  ' : 'warning'}  ${m.message}  ${m.ruleId}\n`;
      total++;
    }
  }
  return total ? `${out}\n✖ ${total} problem${total === 1 ? '' : 's'}\n` : '';
}

/** Writes, then exits once stdout has drained, so piped output arrives whole. */
function finish(output: string, code: number): void {
  process.exitCode = code;
  if (output) process.stdout.write(output);
}

export function main(argv: string[]): void {
  let format = 'stylish';
  let shell: DialectId | undefined;
  const paths: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h' || a === '--help') return finish(`${USAGE}\n`, 0);
    if (a === '--format') format = argv[++i] ?? '';
    else if (a === '--shell') shell = argv[++i] as DialectId;
    else if (a.startsWith('-')) {
      process.stderr.write(`aliascope: unknown option ${a}\n${USAGE}\n`);
      return finish('', 2);
    } else paths.push(a);
  }
  if (format !== 'stylish' && format !== 'json') {
    process.stderr.write(`aliascope: unknown format ${format}\n`);
    return finish('', 2);
  }
  if (shell && !DIALECT_IDS.includes(shell)) {
    process.stderr.write(`aliascope: unknown shell ${shell}; expected one of ${DIALECT_IDS.join(', ')}\n`);
    return finish('', 2);
  }
  if (paths.length === 0) {
    process.stderr.write(`${USAGE}\n`);
    return finish('', 2);
  }
  const files: string[] = [];
  let failed = false;
  for (const p of paths) {
    try {
      collect(p, files, true);
    } catch (e) {
      process.stderr.write(`aliascope: ${p}: ${(e as Error).message}\n`);
      failed = true;
    }
  }
  const results: FileResult[] = [];
  for (const f of files) {
    let text: string;
    try {
      text = readFileSync(f, 'utf8');
    } catch (e) {
      process.stderr.write(`aliascope: ${f}: ${(e as Error).message}\n`);
      failed = true;
      continue;
    }
    const { diagnostics } = lint(text, { filename: f, dialect: shell });
    const lines = new LineIndex(text);
    const messages = diagnostics.map((d) => toMessage(d, lines));
    results.push({
      filePath: format === 'json' ? f : relative(process.cwd(), f) || f,
      messages,
      errorCount: messages.filter((m) => m.severity === 2).length,
      warningCount: messages.filter((m) => m.severity === 1).length,
    });
  }
  const output = format === 'json' ? `${JSON.stringify(results)}\n` : stylish(results);
  const found = results.some((r) => r.messages.length > 0);
  finish(output, failed ? 2 : found ? 1 : 0);
}

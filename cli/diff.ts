// Unified diffs of fixed files, in the form `git apply` and `patch -p1` take.
import { relative, sep } from 'path';

const CONTEXT = 3;

/** Lines with their terminators, so CRLF and a missing final newline survive. */
function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

type Op = [kind: ' ' | '-' | '+', line: string];

/** Myers' O(ND) shortest edit script over lines. */
function editScript(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[max + k - 1] < v[max + k + 1]) ? v[max + k + 1] : v[max + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) { x++; y++; }
      v[max + k] = x;
      if (x >= n && y >= m) { found = true; break; }
    }
  }
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[max + k - 1] < vd[max + k + 1]) ? k + 1 : k - 1;
    const prevX = vd[max + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push([' ', a[--x]]);
      y--;
    }
    if (d > 0) ops.push(x === prevX ? ['+', b[--y]] : ['-', a[--x]]);
  }
  return ops.reverse();
}

function hunkLine([kind, line]: Op): string {
  return line.endsWith('\n') ? `${kind}${line}` : `${kind}${line}\n\\ No newline at end of file\n`;
}

/** Characters git quotes in a path: quotes, backslashes, control characters and all non-ASCII. */
const NEEDS_QUOTES = /["\\\x00-\x1f\x7f-\uffff]/;
const ESCAPES: Record<number, string> = { 7: 'a', 8: 'b', 9: 't', 10: 'n', 11: 'v', 12: 'f', 13: 'r', 34: '"', 92: '\\' };

/**
 * A path as git writes it in a diff header, which `git apply` and GNU patch
 * both read: C-quoted, with each other byte of its UTF-8 in octal, when it
 * holds such a character.
 */
export function diffPath(prefix: string, path: string): string {
  if (!NEEDS_QUOTES.test(path)) return prefix + path;
  let out = '';
  for (const byte of Buffer.from(prefix + path, 'utf8')) {
    if (ESCAPES[byte]) out += `\\${ESCAPES[byte]}`;
    else if (byte < 0x20 || byte >= 0x7f) out += `\\${byte.toString(8).padStart(3, '0')}`;
    else out += String.fromCharCode(byte);
  }
  return `"${out}"`;
}

/** A diff with paths relative to the current folder, prefixed a/ and b/ as git writes them. */
export function unifiedDiff(before: string, after: string, path: string): string {
  if (before === after) return '';
  const ops = editScript(splitLines(before), splitLines(after));
  const rel = relative(process.cwd(), path).split(sep).join('/');
  const [a, b] = [diffPath('a/', rel), diffPath('b/', rel)];
  // as git does, a tab ends a name with a blank in it, which GNU patch would otherwise cut there
  const end = a.includes(' ') && !a.startsWith('"') ? '\t' : '';
  let out = `diff --git ${a} ${b}\n--- ${a}${end}\n+++ ${b}${end}\n`;
  let i = 0;
  let oldLine = 1;
  let newLine = 1;
  while (i < ops.length) {
    if (ops[i][0] === ' ') { i++; oldLine++; newLine++; continue; }
    // A hunk: back up for context, then run until CONTEXT*2 unchanged lines separate changes.
    const start = Math.max(0, i - CONTEXT);
    let oStart = oldLine - (i - start);
    let nStart = newLine - (i - start);
    let end = i;
    let quiet = 0;
    for (let j = i; j < ops.length; j++) {
      if (ops[j][0] === ' ') {
        if (++quiet > CONTEXT * 2) break;
      } else {
        quiet = 0;
        end = j;
      }
    }
    const stop = Math.min(ops.length, end + 1 + CONTEXT);
    const body = ops.slice(start, stop);
    const oldCount = body.filter((o) => o[0] !== '+').length;
    const newCount = body.filter((o) => o[0] !== '-').length;
    if (oldCount === 0) oStart--;
    if (newCount === 0) nStart--;
    out += `@@ -${oStart},${oldCount} +${nStart},${newCount} @@\n${body.map(hunkLine).join('')}`;
    for (const o of ops.slice(i, stop)) {
      if (o[0] !== '+') oldLine++;
      if (o[0] !== '-') newLine++;
    }
    i = stop;
  }
  return out;
}

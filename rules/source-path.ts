// Which `source` arguments name a file the linter can find without running
// anything: a directive on the line before, or a path in the script's own
// folder written through one of the usual idioms. Pure text logic; the host
// turns the result into a file (see docs/sources.md).

/** The prefix of a path relative to the folder of the file that sources it. */
export const SCRIPT_DIR = '$SCRIPT_DIR';

const SELF = String.raw`(?:\$0|\$\{0\}|\$BASH_SOURCE|\$\{BASH_SOURCE(?:\[0\])?\})`;
const DIRNAME = String.raw`(?:\$\(dirname\s+(?:--\s+)?${SELF}\)|\x60dirname\s+(?:--\s+)?${SELF}\x60|\$\{(?:0|BASH_SOURCE(?:\[0\])?)%/\*\})`;
const REDIRECTS = String.raw`(?:\s*[12]?>\s*/dev/null|\s*2>&1)*`;
const cdPwd = (dir: string) => String.raw`\$\(cd\s+(?:-P\s+)?(?:--\s+)?${dir}${REDIRECTS}\s*(?:&&|;)\s*pwd(?:\s+-P)?\)`;
/** The folder idioms, without variables: `$(dirname "$0")`, `${BASH_SOURCE%/*}`, `$(cd … && pwd)`. */
const FOLDER = `(?:${cdPwd(DIRNAME)}|${DIRNAME})`;
/** What may follow the folder: a literal rest of the path. */
const REST = String.raw`/([^\s$\x60;&|()<>'\\]+)`;
const DIRECTIVE = /^[ \t]*#[ \t]*(?:shellcheck|aliascope)\b[^\n]*?\bsource=(\S+)/;
const ASSIGNMENT = /(?:^|[\s;&|])(?:(?:export|readonly|local|typeset|declare(?:[ \t]+-\w+)*)[ \t]+)?([A-Za-z_]\w*)=/gm;

/** Double quotes only group here; the idioms read the same without them. */
const unquote = (text: string) => text.replace(/"/g, '');

function folderWith(vars: ReadonlySet<string>): string {
  const names = [...vars].map((v) => String.raw`\$${v}\b|\$\{${v}\}`).join('|');
  return names ? `(?:${FOLDER}|${names})` : FOLDER;
}

/**
 * The path a `source` argument names relative to the script's folder, as
 * `$SCRIPT_DIR/rest`, or null. `vars` are the variables that hold the folder.
 */
export function folderPath(word: string, vars: ReadonlySet<string>): string | null {
  const m = new RegExp(`^${folderWith(vars)}${REST}`).exec(unquote(word));
  return m ? `${SCRIPT_DIR}/${m[1]}` : null;
}

/** Variables assigned exactly once in the text, from a folder idiom (or from another such variable). */
export function folderVariables(text: string): Set<string> {
  const vars = new Set<string>();
  // every idiom names the script through one of these
  if (!/BASH_SOURCE|\$\{?0\b/.test(text)) return vars;
  const counts = new Map<string, number>();
  for (const m of text.matchAll(ASSIGNMENT)) counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
  for (let grew = true; grew; ) {
    grew = false;
    const whole = new RegExp(`^${folderWith(vars)}(?=$|[\\s;&|])`);
    for (const m of text.matchAll(ASSIGNMENT)) {
      const name = m[1];
      if (vars.has(name) || counts.get(name) !== 1) continue;
      if (whole.test(unquote(text.slice(m.index! + m[0].length, text.indexOf('\n', m.index! + m[0].length) >>> 0)))) {
        vars.add(name);
        grew = true;
      }
    }
  }
  return vars;
}

/** The path a `# shellcheck source=` / `# aliascope source=` directive on the line before `at` names. */
export function directivePath(text: string, at: number): string | null {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  if (lineStart === 0) return null;
  const prevStart = text.lastIndexOf('\n', lineStart - 2) + 1;
  const m = DIRECTIVE.exec(text.slice(prevStart, lineStart - 1));
  if (!m || m[1] === '/dev/null') return null;
  return m[1].startsWith('SCRIPTDIR/') ? `${SCRIPT_DIR}/${m[1].slice('SCRIPTDIR/'.length)}` : m[1];
}

/** Every directive path in a text, for the quick look that must find all the model follows. */
export function directivePaths(text: string): string[] {
  const out: string[] = [];
  if (!text.includes('source=')) return out;
  for (const m of text.matchAll(new RegExp(DIRECTIVE.source, 'gm'))) if (m[1] !== '/dev/null') out.push(m[1].startsWith('SCRIPTDIR/') ? `${SCRIPT_DIR}/${m[1].slice(10)}` : m[1]);
  return out;
}

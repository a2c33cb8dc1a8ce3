// Which `source` arguments name a file the linter can find without running
// anything: a directive on the line before, or a path in the script's own
// folder written through one of the usual idioms. Pure text logic; the host
// turns the result into a file (see docs/sources.md).

/** The prefix of a path relative to the folder of the file that sources it. */
export const SCRIPT_DIR = '$SCRIPT_DIR';

const NAMED = String.raw`(?:\$0|\$\{0\}|\$BASH_SOURCE|\$\{BASH_SOURCE(?:\[0\])?\})`;
/** `readlink -f`, `realpath` and their options: the same file, by its real path. */
const CANONICAL = String.raw`(?:readlink\s+(?:-[a-z]*[fem][a-z]*\s+)+|realpath\s+(?:-[a-zA-Z]+\s+)*)(?:--\s+)?`;
/** The script's own path, or its real path (where the linter reads it). */
const SELF = String.raw`(?:${NAMED}|\$\(${CANONICAL}${NAMED}\))`;
const DIRNAME_OF_SELF = String.raw`(?:\$\(dirname\s+(?:--\s+)?${SELF}\)|\x60dirname\s+(?:--\s+)?${SELF}\x60|\$\{(?:0|BASH_SOURCE(?:\[0\])?)%/\*\})`;
const DIRNAME = String.raw`(?:${DIRNAME_OF_SELF}|\$\(${CANONICAL}${DIRNAME_OF_SELF}\))`;
const REDIRECTS = String.raw`(?:\s*[12]?>\s*/dev/null|\s*2>&1)*`;
const cdPwd = (dir: string) => String.raw`\$\(cd\s+(?:-P\s+)?(?:--\s+)?${dir}${REDIRECTS}\s*(?:&&|;)\s*pwd(?:\s+-P)?\)`;
/** The folder idioms, without variables: `$(dirname "$0")`, `${BASH_SOURCE%/*}`, `$(cd … && pwd)`. */
const FOLDER = `(?:${cdPwd(DIRNAME)}|${DIRNAME})`;
/** What may follow the folder: a literal rest of the path. */
const REST = String.raw`/([^\s$\x60;&|()<>'\\]+)`;
const DIRECTIVE = /^[ \t]*#[ \t]*(?:shellcheck|aliascope)\b[^\n]*?\bsource=(\S+)/;
const ASSIGNMENT = /(?:^|[\s;&|])(?:(?:export|readonly|local|typeset|declare(?:[ \t]+-\w+)*)[ \t]+)?([A-Za-z_]\w*)=/gm;

/** Writes that are no `name=`: `for name in`, `read [-r …] names`, `name+=`, `printf -v name`, `getopts spec name`. */
const OTHER_WRITES = /(?:^|[\s;&|({])(?:for\s+([A-Za-z_]\w*)\s|read(?:\s+-[a-zA-Z]+(?:\s+[^\s-][^\s;&|]*)?)*((?:\s+[A-Za-z_]\w*)+)|printf\s+-v\s*([A-Za-z_]\w*)|getopts\s+\S+\s+([A-Za-z_]\w*))|([A-Za-z_]\w*)\+=/gm;

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

/** A literal relative path looked up in the script's folder, where `cd "$(dirname "$0")"` makes the shell look; null for any other path. */
export function inScriptFolder(path: string): string | null {
  return /^[/$]/.test(path) ? null : `${SCRIPT_DIR}/${path.replace(/^(\.\/+)+/, '')}`;
}

/** Text that may change the working directory, which a relative `source` path is looked up in. */
export const CHANGES_DIRECTORY = /(^|[\s;&|({])(cd|pushd|popd)(\s|$)/m;

/** Whether a word is the script's folder itself, written with an idiom or a variable in `vars`. */
export function scriptFolder(word: string, vars: ReadonlySet<string>): boolean {
  return new RegExp(`^${folderWith(vars)}$`).test(unquote(word));
}

/** Variables assigned exactly once in the text, from a folder idiom (or from another such variable). */
export function folderVariables(text: string): Set<string> {
  const vars = new Set<string>();
  // every idiom names the script through one of these
  if (!/BASH_SOURCE|\$\{?0\b/.test(text)) return vars;
  const counts = new Map<string, number>();
  for (const m of text.matchAll(ASSIGNMENT)) counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
  // other writes: a loop, `read`, `+=`, `printf -v`, `getopts` (any of them makes the value unknown)
  for (const m of text.matchAll(OTHER_WRITES)) for (const name of (m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5] ?? '').split(/\s+/)) {
    if (/^[A-Za-z_]\w*$/.test(name)) counts.set(name, (counts.get(name) ?? 0) + 2);
  }
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

/**
 * The prefix of a path to look for only in the source paths: the host's
 * (`sourcePaths`) and the `source-path=` folders of the sourcing file.
 */
export const SEARCH_ONLY = '$SOURCE_PATH';

const SEARCH_DIRECTIVE = /^[ \t]*#[ \t]*(?:shellcheck|aliascope)\b[^\n]*?\bsource-path=(\S+)/gm;

/**
 * The folders `# shellcheck source-path=DIR` / `# aliascope source-path=DIR`
 * directives name, anywhere in the text (ShellCheck scopes one below the
 * shebang to the file and others to the next command; here each serves the
 * whole file, and only for paths not found otherwise). `SCRIPTDIR` is the
 * script's folder.
 */
export function searchPaths(text: string): string[] {
  if (!text.includes('source-path=')) return [];
  const out: string[] = [];
  for (const m of text.matchAll(SEARCH_DIRECTIVE)) {
    const dir = m[1].replace(/\/+$/, '');
    out.push(dir === 'SCRIPTDIR' ? SCRIPT_DIR : dir.startsWith('SCRIPTDIR/') ? `${SCRIPT_DIR}/${dir.slice('SCRIPTDIR/'.length)}` : dir);
  }
  return out;
}

/**
 * `$var/rest` or `${var}/rest` with the expansion stripped, as ShellCheck
 * does, for a file that has `source-path=` folders to look in: `$SOURCE_PATH/rest`.
 */
export function strippedPath(word: string): string | null {
  const m = new RegExp(String.raw`^(?:\$[A-Za-z_]\w*|\$\{[A-Za-z_]\w*\})${REST}`).exec(unquote(word));
  return m ? `${SEARCH_ONLY}/${m[1]}` : null;
}

/**
 * A resolver that also looks a relative path up in the `source-path=` folders
 * of the file that sources it, when it is not found otherwise; a path under
 * `SEARCH_ONLY` is looked up only in the host's source paths and in those folders.
 */
export function withSearchPaths<R extends { text: string; name: string }>(
  resolve: ((path: string, from?: string) => R | undefined) | undefined, docName: string, docText: string,
): ((path: string, from?: string) => R | undefined) | undefined {
  if (!resolve) return resolve;
  const dirs = new Map<string, string[]>([[docName, searchPaths(docText)]]);
  const note = (found: R | undefined): R | undefined => {
    if (found && !dirs.has(found.name)) dirs.set(found.name, searchPaths(found.text));
    return found;
  };
  return (path, from) => {
    const only = path.startsWith(`${SEARCH_ONLY}/`);
    const found = resolve(path, from);
    if (found || path.startsWith('/') || path.startsWith(`${SCRIPT_DIR}/`)) return note(found);
    const rest = only ? path.slice(SEARCH_ONLY.length + 1) : path;
    for (const dir of dirs.get(from ?? docName) ?? []) {
      const found = resolve(`${dir}/${rest}`, from);
      if (found) return note(found);
    }
    return undefined;
  };
}

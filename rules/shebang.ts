// A shebang line: the shell it names (through `env` too) and the options it
// passes, some of which change aliases before the first line is read.

/** What a shebang's options set before the script's first line runs. */
export interface StartOptions {
  /** bash's `expand_aliases`, from `-O expand_aliases` or `+O expand_aliases`. */
  expandAliases?: boolean;
  /** zsh's `aliases` option, from `-o no_aliases`, `--noaliases`, `+o aliases` and the like. */
  zshAliases?: boolean;
  /** bash's posix mode, from `--posix`, `-o posix` or `POSIXLY_CORRECT` in `env`'s assignments. */
  posix?: boolean;
  /**
   * `-i`: an interactive shell, which expands aliases, and first runs
   * startup files (`~/.bashrc`, `$ENV`) that aliascope cannot see.
   */
  interactive?: boolean;
}

export interface Shebang {
  /** The interpreter's base name (`bash`), past `env`; `busybox` only for its shell (`busybox sh`), else empty. */
  program: string;
  start: StartOptions;
}

/** `env`'s options that take the next word as their value. */
const ENV_VALUE_OPTIONS = new Set(['-u', '-C', '-P', '--unset', '--chdir']);

/** The words of a shebang line after `#!`, past `env` and its options and assignments; undefined for no shebang. */
export function readShebang(line: string): Shebang | undefined {
  const m = /^#!\s*(\S+)(.*)$/.exec(line);
  if (!m) return undefined;
  let program = baseName(m[1]);
  // the system passes the rest of the line as one argument: only `env -S` splits it
  const rest = m[2].trim();
  let words = rest ? [rest] : [];
  const env: Record<string, string> = {};
  if (program === 'env') {
    words = rest.split(/\s+/).filter(Boolean);
    const splits = words.some((w) => /^(?:-S|--split-string=)/.test(w));
    let i = 0;
    for (; i < words.length; i++) {
      const w = words[i];
      const split = /^(?:-S|--split-string=)(.+)$/.exec(w);
      if (split) {
        words.splice(i, 1, split[1]);
        i--;
      } else if (ENV_VALUE_OPTIONS.has(w)) i++;
      else if (/^[A-Za-z_]\w*=/.test(w)) env[w.slice(0, w.indexOf('='))] = w.slice(w.indexOf('=') + 1);
      else if (!w.startsWith('-')) break;
    }
    program = baseName(words[i] ?? '');
    // without -S, env takes `bash -e` as the name of one program, which no system has: the dialect is still meant
    words = splits ? words.slice(i + 1) : [];
  } else if (program === 'busybox') words = rest.split(/\s+/).filter(Boolean);
  if (program === 'busybox') {
    program = words[0] === 'sh' || words[0] === 'ash' ? 'busybox' : '';
    words = words.slice(1);
  }
  return { program, start: startOptions(program, words, env) };
}

function baseName(path: string): string {
  return path.split('/').pop() ?? '';
}

/** zsh spells an option in any case, with or without underscores. */
export const zshOption = (name: string): string => name.toLowerCase().replace(/_/g, '');

/** What the interpreter's own options (the words before the script's name) set. */
function startOptions(program: string, words: string[], env: Record<string, string>): StartOptions {
  const start: StartOptions = {};
  if (env.POSIXLY_CORRECT !== undefined) start.posix = true;
  const zsh = /^zsh/.test(program);
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const on = w.startsWith('-');
    if (w === '--posix') start.posix = true;
    else if (w === '--norc' || w === '--noprofile' || w === '--login') continue;
    else if (zsh && /^--(no-?)?aliases$/i.test(w.replace(/_/g, ''))) start.zshAliases = !/^--no/i.test(w);
    else if (/^[-+][A-Za-z]*[oO]$/.test(w) && i + 1 < words.length) {
      const name = words[++i];
      const letter = w[w.length - 1];
      if (letter === 'O' && name === 'expand_aliases') start.expandAliases = on;
      else if (letter === 'o' && name === 'posix') start.posix = on;
      else if (letter === 'o' && zsh && /^(no)?aliases$/.test(zshOption(name))) start.zshAliases = on !== zshOption(name).startsWith('no');
      if (/^-[A-Za-z]*i/.test(w)) start.interactive = true;
    } else if (/^-[A-Za-z]*i[A-Za-z]*$/.test(w)) start.interactive = true;
    else if (!/^[-+]/.test(w)) break;
  }
  return start;
}

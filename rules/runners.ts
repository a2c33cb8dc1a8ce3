// Programs that run a command named in their arguments (`sudo ll`, `xargs ll`,
// `find . -exec ll {} +`, `sh -c 'll'`). They look the name up on PATH, or
// hand it to a new shell, so an alias of that name never runs there: aliases
// exist only in the shell that defines them. One row per program says where
// its command word is.
import { timeIsProgram, type Dialect } from './dialects';
import type { SyntaxNode } from './parse';
import { literal } from './words';

export interface Runner {
  /** Options that take the next word as their value (`-u USER`); `-uUSER` and `--user=USER` hold their own. */
  valued?: string[];
  /** Operands before the command (`timeout DURATION`, `chroot DIR`). */
  operands?: number;
  /** NAME=VALUE words before the command are settings (`env X=1 ll`). */
  assignments?: boolean;
  /** The command is the word after one of these (`find … -exec ll {} +`). */
  after?: string[];
  /** The command is the first word of the string after `-c`, which a new shell runs. */
  shellString?: boolean;
  /** Options after which no command word can be told from the text: it runs none (`sudo -e` edits a file), or takes it from the option's value (`env -S`). */
  stops?: string[];
  /** Runs the command only where this holds: elsewhere the word is the shell's own (`time`). */
  onlyWhere?: (d: Dialect, args: SyntaxNode[]) => boolean;
}

const SHELL: Runner = { shellString: true };

export const RUNNERS: Record<string, Runner> = {
  sudo: {
    valued: ['-u', '-g', '-h', '-p', '-C', '-D', '-r', '-t', '-U', '-T', '-R', '--user', '--group', '--host', '--prompt',
      '--close-from', '--chdir', '--role', '--type', '--other-user', '--command-timeout', '--chroot'],
    stops: ['-e', '--edit', '-l', '--list', '-v', '--validate', '-K', '--remove-timestamp', '-V', '--version'],
  },
  doas: { valued: ['-u', '-C'] },
  env: { valued: ['-u', '-C', '--unset', '--chdir'], stops: ['-S', '--split-string'], assignments: true },
  nohup: {},
  nice: { valued: ['-n', '--adjustment'] },
  ionice: { valued: ['-c', '-n', '--class', '--classdata'] },
  setsid: {},
  stdbuf: { valued: ['-i', '-o', '-e'] },
  timeout: { valued: ['-s', '-k', '--signal', '--kill-after'], operands: 1 },
  chroot: { valued: ['--userspec', '--groups'], operands: 1 },
  flock: { valued: ['-w', '-E', '--timeout', '--conflict-exit-code'], operands: 1 },
  watch: { valued: ['-n', '--interval', '-q', '--equexit'] },
  // `--replace`, `--eof` and `--max-lines` take a value only after `=`
  xargs: {
    valued: ['-a', '-d', '-E', '-I', '-L', '-n', '-P', '-s', '--arg-file', '--delimiter', '--max-args', '--max-procs', '--max-chars',
      '--process-slot-var'],
  },
  exec: { valued: ['-a'] },
  time: { valued: ['-o', '-f', '--output', '--format'], onlyWhere: (d, args) => timeIsProgram(d.time, args[0]?.text) },
  find: { after: ['-exec', '-execdir', '-ok', '-okdir'] },
  sh: SHELL, bash: SHELL, dash: SHELL, zsh: SHELL, ksh: SHELL, mksh: SHELL,
};

/** The command word a runner is given: a literal word in the arguments, or the first word of its `-c` string. */
export interface RunWord {
  name: string;
  start: number;
  end: number;
  /** Where the shell word that holds it starts: its own start, or that of the `-c` string. */
  wordStart: number;
  /** It directly follows the runner's own name, where an alias of the runner ending in a blank would make the shell expand it. */
  next: boolean;
}

/** The word a program runs as a command, or null when there is none or it cannot be known from the text. */
export function commandRunBy(runner: Runner, args: SyntaxNode[], dialect: Dialect): RunWord | null {
  if (runner.onlyWhere && !runner.onlyWhere(dialect, args)) return null;
  if (runner.shellString) return shellStringCommand(args);
  let operands = runner.operands ?? 0;
  let options = true;
  let takesValue = false;
  let found = !runner.after;
  for (let i = 0; i < args.length; i++) {
    const word = literal(args[i]);
    // an expansion before the command word: which word is the command is known only at run time
    if (word === null) return null;
    if (!found) {
      found = runner.after!.includes(word);
      continue;
    }
    if (takesValue) {
      takesValue = false;
      continue;
    }
    if (options && word === '--') {
      options = false;
      continue;
    }
    if (options && word.startsWith('-') && word !== '-') {
      // `-S'…'`, `--split-string=…`: the option with its value attached
      if (runner.stops?.some((o) => word === o || word.startsWith(o.startsWith('--') ? `${o}=` : o))) return null;
      takesValue = runner.valued?.includes(word) ?? false;
      continue;
    }
    if (runner.assignments && /^[A-Za-z_]\w*=/.test(word)) continue;
    if (operands > 0) {
      operands--;
      continue;
    }
    return { name: word, start: args[i].startIndex, end: args[i].endIndex, wordStart: args[i].startIndex, next: i === 0 && !runner.after };
  }
  return null;
}

/** `sh -c 'll …'`: the first word of the string, when the shell is not interactive (`-i` reads startup files, which may define it). */
function shellStringCommand(args: SyntaxNode[]): RunWord | null {
  for (let i = 0; i < args.length; i++) {
    const word = literal(args[i]);
    if (word === null || !word.startsWith('-') || word === '-' || word === '--') return null;
    if (/^-\w*i/.test(word)) return null;
    if (!/^-\w*c\w*$/.test(word)) continue;
    const code = args[i + 1];
    const body = code && literal(code);
    if (!body) return null;
    const m = /^[ \t\n]*([^\s;&|()<>`'"\\$]+)/.exec(body);
    if (!m) return null;
    // the word's place in the document, when the string is written plainly inside its quotes
    const at = code.text.indexOf(m[1]);
    return at < 0 ? null : { name: m[1], start: code.startIndex + at, end: code.startIndex + at + m[1].length, wordStart: code.startIndex, next: false };
  }
  return null;
}

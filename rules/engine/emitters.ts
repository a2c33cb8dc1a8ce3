// Programs whose output scripts `eval` as a matter of course, and which print
// nothing but variable assignments and exports: `eval "$(dircolors -b)"`,
// `eval "$(ssh-agent -s)"`, `eval $(apt-config shell DIR Dir/d)`, also through
// a variable the statement before assigned (`RES=$(apt-config shell …)` then
// `eval $RES`). The values are unknown, but the commands are not: such an eval
// defines no alias and changes no option. Each entry gives code of the same
// shape as what the program prints (the same commands, `_` for values), which
// the eval then reads and runs in place of the output; the runner still checks
// that no alias or function of the program's name runs instead.
// test/engine/emitters.test.ts checks every shape against the real program.
// Values that come from the environment (ssh-agent's $TMPDIR) are taken to
// hold no shell syntax.
import type { SyntaxNode } from '../parse';
import { literal } from '../words';

interface Emitter {
  /**
   * Whether the program prints its code with these arguments (each word's
   * value, null where it is not literal), rather than a listing, help, an
   * error message or the output of a command it runs.
   */
  accepts(args: (string | null)[]): boolean;
  /** Code of the shape the program prints with these arguments. */
  prints(args: (string | null)[]): string;
}

/** What stands for a program's output: the program, and code of the shape it prints. */
export interface Printed {
  program: string;
  code: string;
}

/** A variable that holds a program's output. */
export type Assigned = Printed & { name: string };

const DIRCOLORS_SHELLS = new Set(['-b', '--sh', '--bourne-shell', '-c', '--csh', '--c-shell']);
const SSH_AGENT_FLAGS = new Set(['-s', '-c', '-k']);
/** ssh-agent's options that take a value: a socket path, a lifetime, a hash name. */
const SSH_AGENT_VALUED = new Set(['-a', '-t', '-E']);
/** An option value ssh-agent prints as it is (the socket path, unquoted) that cannot hold shell syntax. */
const PLAIN_VALUE = /^[\w./+:@%-]+$/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Stands for a path whose value is not known: not an option, and not plain enough to be printed as it is. */
const SOME_PATH = '\u0000/';

export const EMITTERS: Readonly<Record<string, Emitter>> = {
  dircolors: {
    // the shell to print for, and at most one database file: a path (a bare `$f` could be `-p`, which prints the database)
    accepts: (args) => args.every((a) => a !== null && (DIRCOLORS_SHELLS.has(a) || (a !== '' && !a.startsWith('-'))))
      && args.filter((a) => !DIRCOLORS_SHELLS.has(a!)).length <= 1,
    // both forms: without -b or -c the program picks one from $SHELL
    prints: () => "LS_COLORS='_';\nexport LS_COLORS\nsetenv LS_COLORS '_'\n",
  },
  'ssh-agent': {
    accepts: (args) => {
      for (let i = 0; i < args.length; i++) {
        const a = args[i];
        if (a !== null && SSH_AGENT_VALUED.has(a) && i + 1 < args.length && PLAIN_VALUE.test(args[i + 1] ?? '')) i++;
        else if (a === null || !SSH_AGENT_FLAGS.has(a)) return false;
      }
      return true;
    },
    // the Bourne and C shell forms (`-c`, or a csh in $SHELL), and what -k prints in each
    prints: () => 'SSH_AUTH_SOCK=_; export SSH_AUTH_SOCK;\nSSH_AGENT_PID=_; export SSH_AGENT_PID;\necho Agent pid _;\n'
      + 'setenv SSH_AUTH_SOCK _;\nsetenv SSH_AGENT_PID _;\n'
      + 'unset SSH_AUTH_SOCK;\nunset SSH_AGENT_PID;\nunsetenv SSH_AUTH_SOCK;\nunsetenv SSH_AGENT_PID;\necho Agent pid _ killed;\n',
  },
  'apt-config': {
    // `shell` and pairs of a variable name (printed as given) and a configuration
    // key; apt-config reads options anywhere, so no key may look like one
    accepts: ([first, ...pairs]) => first === 'shell' && pairs.length > 0 && pairs.length % 2 === 0
      && pairs.every((a, i) => (i % 2 === 0 ? a !== null && IDENTIFIER.test(a) : a === null || !a.startsWith('-'))),
    prints: ([, ...pairs]) => pairs.filter((_, i) => i % 2 === 0).map((name) => `${name}='_'\n`).join(''),
  },
};

/**
 * A word's value for `accepts`: its literal value; for a double-quoted path,
 * a stand-in that is not an option; else null. Braces are left to the shell,
 * which may expand them into options (`{-p,}`).
 */
function argumentValue(node: SyntaxNode): string | null {
  const text = node.text;
  if (/[{}]/.test(text)) return null;
  const value = literal(node);
  if (value !== null) return value;
  // `"$HOME/.dircolors"`: one word, whatever the variable holds, and a path, not an option alone
  return node.type === 'string' && /^"[^-][^"]*\//.test(text) ? SOME_PATH : null;
}

/** Redirections that leave the program's output as it is, or drop it: `2>/dev/null`, `</dev/null`, `>/dev/null`. */
const HARMLESS_REDIRECT = /^(?:[02]?>|<)\s*\/dev\/null$/;

/**
 * The code of the shape a command substitution's output has, when it runs one
 * of the programs above with arguments that make it print its code (and no
 * redirection that could add to that output); null otherwise.
 */
export function printedCode(substitution: SyntaxNode): Printed | null {
  const body = substitution.namedChildren;
  if (body.length !== 1) return null;
  let cmd: SyntaxNode | null = body[0];
  const redirects: SyntaxNode[] = [];
  if (cmd.type === 'redirected_statement') {
    redirects.push(...cmd.namedChildren.filter((c) => c.type.endsWith('redirect')));
    cmd = cmd.childForFieldName('body');
  }
  if (!cmd || cmd.type !== 'command') return null;
  // a prefix assignment (`PATH=… dircolors`) may run another program; a redirect may sit before the name
  for (const c of cmd.namedChildren) {
    if (c.type === 'variable_assignment') return null;
    if (c.type.endsWith('redirect')) redirects.push(c);
  }
  if (!redirects.every((r) => HARMLESS_REDIRECT.test(r.text))) return null;
  const name = cmd.childForFieldName('name');
  const program = name ? literal(name) : null;
  const emitter = program !== null && Object.hasOwn(EMITTERS, program) ? EMITTERS[program] : undefined;
  if (!emitter) return null;
  const args = cmd.childrenForFieldName('argument').map(argumentValue);
  return emitter.accepts(args) ? { program: program!, code: emitter.prints(args) } : null;
}

/**
 * What the statement just before an eval assigned, when it was a program's
 * output of a known shape: `agent=$(ssh-agent -s)` then `eval "$agent"`. That
 * statement ran right before, in this shell: not in a pipeline, where each
 * side runs in a subshell of its own, nor in the background.
 */
export function assignedBefore(evalCommand: SyntaxNode): Assigned | null {
  // each parent is found by a walk from the root: ask once per level
  let statement = evalCommand;
  let parent = statement.parent;
  if (parent?.type === 'redirected_statement') {
    statement = parent;
    parent = parent.parent;
  }
  if (parent?.type === 'pipeline') return null;
  let prev = statement.previousNamedSibling;
  while (prev?.type === 'comment') prev = prev.previousNamedSibling;
  if (prev?.type !== 'variable_assignment' || prev.nextSibling?.type === '&') return null;
  // `NAME=$(…)` or `NAME="$(…)"`; `+=` appends to a value not known here
  const [name, op, value] = prev.children;
  if (name?.type !== 'variable_name' || op?.type !== '=' || !value) return null;
  const parts = value.type === 'string' ? value.namedChildren : [value];
  if (parts.length !== 1 || parts[0].type !== 'command_substitution') return null;
  if (value.type === 'string' && value.text !== `"${parts[0].text}"`) return null;
  const printed = printedCode(parts[0]);
  return printed === null ? null : { name: name.text, ...printed };
}

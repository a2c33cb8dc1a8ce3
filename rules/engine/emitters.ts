// Programs whose output scripts `eval` as a matter of course, and which print
// nothing but variable assignments and exports: `eval "$(dircolors -b)"`,
// `eval "$(ssh-agent -s)"`, `eval $(apt-config shell DIR Dir/d)`, also through
// a variable the statement before assigned (`RES=$(apt-config shell …)` then
// `eval $RES`). The values
// are unknown, but the commands are not: such an eval defines no alias and
// changes no option. Each entry gives code of the same shape as what the
// program prints (the same commands, `_` for values), which the eval then
// reads and runs in place of the output. test/engine/emitters.test.ts checks
// every shape against the real program's output.
import type { SyntaxNode } from '../parse';
import { literal } from '../words';

interface Emitter {
  /**
   * Whether the program prints its code with these arguments (each word's
   * value, null where it is not literal), rather than a listing, an error
   * message or the output of a command it runs.
   */
  accepts(args: (string | null)[]): boolean;
  /** Code of the shape the program prints with these arguments. */
  prints(args: (string | null)[]): string;
}

const DIRCOLORS_SHELLS = new Set(['-b', '--sh', '--bourne-shell', '-c', '--csh', '--c-shell']);
const SSH_AGENT_FLAGS = new Set(['-s', '-c', '-k']);
/** ssh-agent's options that take a value: a socket path, a lifetime, a hash name. */
const SSH_AGENT_VALUED = new Set(['-a', '-t', '-E']);
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

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
        if (a !== null && SSH_AGENT_VALUED.has(a) && i + 1 < args.length) i++;
        else if (a === null || !SSH_AGENT_FLAGS.has(a)) return false;
      }
      return true;
    },
    // the Bourne and C shell forms, and what -k prints
    prints: () => 'SSH_AUTH_SOCK=_; export SSH_AUTH_SOCK;\nSSH_AGENT_PID=_; export SSH_AGENT_PID;\necho Agent pid _;\n'
      + 'setenv SSH_AUTH_SOCK _;\nsetenv SSH_AGENT_PID _;\n'
      + 'unset SSH_AUTH_SOCK;\nunset SSH_AGENT_PID;\necho Agent pid _ killed;\n',
  },
  'apt-config': {
    // `shell` and pairs of a variable name and a configuration key; the names are printed as given
    accepts: ([first, ...pairs]) => first === 'shell' && pairs.length > 0 && pairs.length % 2 === 0
      && pairs.every((a, i) => i % 2 === 1 || (a !== null && IDENTIFIER.test(a))),
    prints: ([, ...pairs]) => pairs.filter((_, i) => i % 2 === 0).map((name) => `${name}='_'\n`).join(''),
  },
};

/** A word's value for `accepts`: its literal value, else, for a path, a stand-in that is not an option. */
function argumentValue(node: SyntaxNode): string | null {
  const value = literal(node);
  if (value !== null) return value;
  // `"$HOME/.dircolors"`: whatever the variable holds, the word is a path, not an option alone
  return /^[^-]*\//.test(node.text) && !node.text.startsWith('-') ? 'path/' : null;
}

/**
 * Code of the shape a command substitution's output has, when it runs one of
 * the programs above (redirections allowed) with arguments that make it
 * print its code; null otherwise.
 */
export function printedCode(substitution: SyntaxNode): string | null {
  const body = substitution.namedChildren;
  if (body.length !== 1) return null;
  let cmd: SyntaxNode | null = body[0];
  if (cmd.type === 'redirected_statement') cmd = cmd.childForFieldName('body');
  if (!cmd || cmd.type !== 'command') return null;
  // `VAR=x dircolors` changes the environment, which is fine; anything but words after the name is not
  const name = cmd.childForFieldName('name');
  const program = name ? literal(name) : null;
  const emitter = program !== null && Object.hasOwn(EMITTERS, program) ? EMITTERS[program] : undefined;
  if (!emitter) return null;
  const args = cmd.childrenForFieldName('argument').map(argumentValue);
  return emitter.accepts(args) ? emitter.prints(args) : null;
}

/**
 * What the statement just before an eval assigned, when it was a program's
 * output of a known shape: `agent=$(ssh-agent -s)` then `eval "$agent"`. That
 * statement ran right before (in a pipeline each side runs in a subshell of
 * its own, so the value would not reach the eval there).
 */
export function assignedBefore(evalCommand: SyntaxNode): { name: string; code: string } | null {
  let statement = evalCommand;
  if (statement.parent?.type === 'redirected_statement') statement = statement.parent;
  if (statement.parent?.type === 'pipeline') return null;
  let prev = statement.previousNamedSibling;
  while (prev?.type === 'comment') prev = prev.previousNamedSibling;
  if (prev?.type !== 'variable_assignment') return null;
  // `NAME=$(…)` or `NAME="$(…)"`; `+=` appends to a value not known here
  const [name, op, value] = prev.children;
  if (name?.type !== 'variable_name' || op?.type !== '=' || !value) return null;
  const parts = value.type === 'string' ? value.namedChildren : [value];
  if (parts.length !== 1 || parts[0].type !== 'command_substitution') return null;
  if (value.type === 'string' && value.text !== `"${parts[0].text}"`) return null;
  const code = printedCode(parts[0]);
  return code === null ? null : { name: name.text, code };
}

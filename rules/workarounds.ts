// The places where tree-sitter-bash reads shell text differently from the
// shells, and how the lexer (segments.ts) rewrites each one, at the same
// length, into text it reads right. One row per workaround: the lexer applies
// it by name, and test/engine/workarounds.test.ts checks every row's example.

export interface Workaround {
  /** What tree-sitter-bash gets wrong, and what the rewrite puts there. */
  why: string;
  /** A line the shells accept that needs the workaround. */
  example: string;
  /**
   * Whether tree-sitter-bash reports an error on the example. False where it
   * misreads without one, or where this small example reads right and only
   * larger real scripts went wrong: the test notices when either changes.
   */
  errors: boolean;
}

export const WORKAROUNDS = {
  'andor-after-heredoc': {
    why: '`cmd <<E &&` continued after the here-document body is beyond the grammar, which reads the body\'s first line as the command after `&&`; the operator is blanked and the list resumes after the body',
    example: 'cat <<E &&\nbody\nE\necho done\n',
    errors: false,
  },
  'quoted-heredoc-body': {
    why: 'a quoted here-document body is plain text, but tree-sitter-bash still scans it for quotes and substitutions; it is blanked',
    example: "cat <<'E'\nit's `here\nE\n",
    errors: false,
  },
  'heredocs-on-one-line': {
    why: 'several here-documents started on one line are beyond the grammar, which loses every body after the first and the code after them; when nothing between the operators can change an alias or an option, the earlier operators and delimiter lines are blanked, and the bodies read as one body of the last command',
    example: 'cat <<A; cat <<B\nH:$(date)\nA\nH:`date`\nB\necho done\n',
    errors: true,
  },
  'heredoc-then-command': {
    why: 'commands after a here-document on its line, past a `;`, an `&` or another here-document, or an operator right after the delimiter word (`<<EOF&&`), are beyond the grammar, which reads them as words of the redirect (or of the delimiter) and the rest of the text as the body; where no body holds a substitution, each operator with its word and each body with its delimiter line are blanked, so the line reads as the commands it holds',
    example: 'cat <<E; echo done\nbody\nE\necho after\n',
    errors: true,
  },
  'heredoc-leading-backslash': {
    why: 'an unquoted here-document body that starts with a backslash is read by tree-sitter-bash as words of the redirect, and the body as empty; the backslash, with the `$`, backtick or backslash it escapes, becomes plain text',
    example: 'cat <<E\n\\$HOME is $(date)\nE\n',
    errors: false,
  },
  'heredoc-indent': {
    why: 'in an unquoted here-document body, a line that starts with blanks followed by a substitution or by the line\'s end makes tree-sitter-bash read the rest of the body as plain text, losing its substitutions; the blanks are replaced by text',
    example: 'cat <<E\n  $(date)\nE\n',
    errors: false,
  },
  'heredoc-backtick': {
    why: 'tree-sitter-bash reads no backtick substitution in a here-document body; `cmd` becomes $(cmd) over the character before it, so the command keeps its offsets (the engine still reads it at a backtick\'s time, from the original text)',
    example: 'cat <<E\nnow: `date`\nE\n',
    errors: false,
  },
  'heredoc-comment': {
    why: 'a here-document with no command, used as a block comment, is text the shell never runs; it is blanked whole',
    example: "<<'COMMENT'\nshopt -s expand_aliases\nCOMMENT\n",
    errors: true,
  },
  'heredoc-without-command': {
    why: 'a here-document with no command is missing from the grammar; `:<<` in its place reads the same',
    example: '<< E\n$(date)\nE\n',
    errors: true,
  },
  'escaped-heredoc-word': {
    why: 'a delimiter quoted with a backslash (`<<\\E`) is not read as a here-document; the backslash is blanked',
    example: 'cat <<\\E\nbody\nE\n',
    errors: false,
  },
  'case-test-next': {
    why: "bash's `;;&` (go on testing patterns) is missing; it is read as `;;`",
    example: 'case x in x) echo a ;;& *) echo b ;; esac\n',
    errors: false,
  },
  'herestring-after-group': {
    why: 'a here-string after a brace group (`{ …; } <<< "$x"`) is missing; `<` with the same word reads the same',
    example: '{ read -r a; echo "$a"; } <<< "x"\n',
    errors: true,
  },
  'read-write-redirect': {
    why: '`<>` (open for reading and writing) is missing; `>>` keeps the descriptor and file',
    example: 'exec 3<>/tmp/file\n',
    errors: true,
  },
  'subshell-in-double-paren': {
    why: '`((cmd) | other)` is read as arithmetic only; the first `(` moves into the blank before it, giving `( (`',
    example: 'true; ((echo a) | cat)\n',
    errors: true,
  },
  'escaped-paren': {
    why: '`\\(` is a plain word, but the grammar wants a letter after the backslash, and inside `[ ]` reads a bare parenthesis as grouping',
    example: '[ \\( -n x \\) ]\n',
    errors: true,
  },
  'backtick-leading-newline': {
    why: 'a backtick body that starts with a newline and a blank is read as a closing backtick; the newline is escaped one character later',
    example: 'x=`\n  date`\n',
    errors: false,
  },
  'plain-dollar': {
    why: 'a `$` that starts no expansion (`sed s/.$//`) is a plain character, but the grammar wants an expansion',
    example: 'x=`sed s/.$//`\n',
    errors: true,
  },
  'substitution-of-file': {
    why: '`$(< file)` has no rule; `$(: file)` reads the same for alias purposes',
    example: 'x=$(< /etc/hostname)\n',
    errors: false,
  },
  'for-without-in': {
    why: '`for i do` (no `in`) is missing; `for i;do` is the form the grammar knows',
    example: 'for i do echo "$i"; done\n',
    errors: true,
  },
  'test-lone-operand': {
    why: 'a lone `-` or `~` operand of `[` has no rule in its test grammar; a same-length word reads the same',
    example: '[ "$1" = - ]\n',
    errors: true,
  },
  'brace-after-reserved-word': {
    why: 'a reserved word may follow another (`done }`), but the grammar wants `done;}`',
    example: '{ for i in 1; do :; done }\n',
    errors: true,
  },
  'arithmetic': {
    why: 'arithmetic holds no command, and the grammar misreads much of it (`?:`, `#`, bases); it becomes a number',
    example: 'echo $(( 16#ff ))\n',
    errors: false,
  },
  'extglob': {
    why: 'an extglob group is a pattern, never a command; the grammar reads its parentheses as a subshell',
    example: 'ls !(*.o)\n',
    errors: true,
  },
  'array-extglob': {
    why: 'an extglob group inside an array assignment is a pattern; it is blanked',
    example: 'a=(x !(*.o))\n',
    errors: true,
  },
  'parameter-pattern': {
    why: 'the pattern of `${x/…}` and friends holds no command, and the grammar misreads parentheses and quotes in it',
    example: 'echo "${x//(/}"\n',
    errors: false,
  },
  'double-bracket-test': {
    why: '`[[ … ]]` holds no command, and the grammar misreads regexes and `<`/`>` in it',
    example: '[[ $x =~ ^(a|b)$ ]]\n',
    errors: false,
  },
  'case-pattern': {
    why: 'a case pattern is never a command, and the grammar misreads quotes and extglob in one',
    example: 'case $x in *" -t"?( *)) echo t ;; esac\n',
    errors: true,
  },
} satisfies Record<string, Workaround>;

export type WorkaroundId = keyof typeof WORKAROUNDS;

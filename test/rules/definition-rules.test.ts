import { RULES_BY_ID } from '../../rules';
import { ruleTester } from '../support/rule-tester';

const rule = (id: string) => RULES_BY_ID.get(id)!;

ruleTester(rule('alias-function-clash'), {
  valid: [
    { code: "ll() { ls -l \"$@\"; }\nalias ll='ls -la'\n" },
    { code: "alias ll='ls -l'\nunalias ll\nll() { ls -la \"$@\"; }\n" },
    { code: "alias ll='ls -l'\nfunction ll { ls -la \"$@\"; }\n", dialect: 'ksh' },
    { code: "#!/bin/bash\nalias ll='ls -l'\nll() { ls -la \"$@\"; }\n" },
    // bash runs a `$( )` or `<( )` body from its printed form, where the name is not expanded
    { code: "shopt -s expand_aliases\nalias k='echo hi'\nx=$(k () { echo fn; }; \\k)\n", dialect: 'bash' },
    { code: "shopt -s expand_aliases\nalias k='echo hi'\ncat <(k () { echo fn; }; \\k)\n", dialect: 'bash' },
    // and ksh93 expands the name only after a blank
    { code: "alias k='echo hi'\nk() { echo fn; }\n", dialect: 'ksh' },
  ],
  invalid: [
    {
      code: "alias ll='ls -l'\nll() { ls -la \"$@\"; }\n",
      errors: [{ line: 2, column: 1, endColumn: 3, message: 'defined at line 1' }],
    },
    {
      // a value that is a name of its own: the shell defines that function in its place
      code: "alias qf='realname'\nqf() { echo fn; }\n",
      errors: [{ line: 2, column: 1, endColumn: 3, message: 'defines `realname` instead of `qf`' }],
    },
    {
      code: "#!/bin/bash\nshopt -s expand_aliases\nalias ll='ls -l'\nll() { ls -la \"$@\"; }\n",
      errors: [{ line: 4, column: 1, endColumn: 3 }],
    },
    {
      // backticks are read as written; bash --posix reads `$( )` so too
      code: "shopt -s expand_aliases\nalias k='echo hi'\nx=`k () { echo fn; }`\n",
      dialect: 'bash',
      errors: [{ line: 3, column: 4, endColumn: 5 }],
    },
    {
      code: "alias k='echo hi'\nx=$(k () { echo fn; }; \\k)\n",
      dialect: 'bash-posix',
      errors: [{ line: 2, column: 5, endColumn: 6 }],
    },
    {
      code: "alias k='echo hi'\nk () { echo fn; }\n",
      dialect: 'ksh',
      errors: [{ line: 2, column: 1, endColumn: 2 }],
    },
  ],
});

ruleTester(rule('alias-positional-params'), {
  valid: [
    { code: "alias greet='echo hello'\n" },
    { code: "alias cost='echo \\$5'\n" },
    // ShellCheck's SC2142 false alarms (its issues #1960, #3159, #3245): the parameters are not the alias's
    { code: "alias f='f(){ echo You said: \"$@\"; }; f'\n" },
    { code: "alias mypy='f() { command mypy \"${@:-.}\"; }; f'\n" },
    { code: "alias cols='bash -c '\\''IFS=:; echo \"${*}\"'\\'' --'\n" },
    // zsh's anonymous function takes the alias's arguments as its own
    { code: "alias a='() { ls \"$@\"; }'\n", dialect: 'zsh' },
    { code: "alias a='() { ls \"$@\" ; foo }'\n", dialect: 'zsh' },
    // zsh bodies whose `{` touches a word, or whose `}` follows one
    { code: "alias pinga='(){echo ping 10.$1}'\n", dialect: 'zsh' },
    { code: "alias dkIf='function dkIf_(){ docker images -f \"reference=*$1*\" }; dkIf_'\n", dialect: 'zsh' },
    { code: "alias f='f(){ echo $1 }; f'\n", dialect: 'zsh' },
    { code: "alias f='function f { echo $1 }; f'\n", dialect: 'zsh' },
    { code: "alias col1='awk '\\''{print $1}'\\'''\n" },
    // `${#x}` is a length, `${x[1]}` an element
    { code: "alias len='echo ${#HOME} ${x[1]}'\n" },
    // macros pasted into function bodies on purpose
    { code: "alias guard='if [ \"$1\" = --help ]; then echo usage; return 0; fi'\nf() {\n  guard\n  echo \"$1\"\n}\n" },
    { code: "alias first='x=$1'\nf() { first; echo \"$x\"; }\n" },
  ],
  invalid: [
    { code: "alias greet='echo \"hello $1\"'\n", errors: [{ line: 1, column: 7, endColumn: 30, message: 'uses `$1`' }] },
    // a use with arguments expects them to reach the alias
    { code: "alias first='x=$1'\nf() { first bob; }\n", errors: [{ line: 1, column: 7, endColumn: 19 }] },
    { code: "alias all='printf %s \"$@\"'\n", errors: [{ line: 1, column: 7, endColumn: 27 }] },
    { code: "alias n='echo ${#}'\n", errors: [{ line: 1, column: 7, endColumn: 20 }] },
    // before the function, the parameter is the caller's
    { code: "alias f='echo $1; () { echo x }'\n", dialect: 'zsh', errors: [{ line: 1, column: 7, endColumn: 33 }] },
    // outside zsh `() {` is no function
    { code: "alias a='() { ls \"$@\"; }'\n", dialect: 'bash', errors: [{ line: 1, column: 7, endColumn: 26 }] },
  ],
});

ruleTester(rule('alias-definition-expansion'), {
  valid: [
    { code: "alias here='echo $PWD'\n" },
    { code: "alias ll=\"ls -l\"\n" },
    // a variable set to build the value, then unset: expanding it now is the point
    { code: "_ls='ls --group-directories-first'\nalias ls=\"$_ls --color=auto\"\nunset _ls\n" },
    // it extends the alias in effect, read from the alias table
    { code: "alias ls=\"${aliases[ls]:-ls} --color=auto\"\n", dialect: 'zsh' },
    { code: "alias ls=\"${BASH_ALIASES[ls]:-ls} --color=auto\"\n", dialect: 'bash' },
  ],
  invalid: [
    { code: "alias here=\"echo $PWD\"\n", errors: [{ line: 1, column: 7, endColumn: 23, message: 'expanded when the alias is defined' }] },
    { code: "alias today=\"echo $(date)\"\n", errors: [{ line: 1, column: 7, endColumn: 27 }] },
    // another variable is unset
    { code: "alias here=\"echo $PWD\"\nunset OLDPWD\n", errors: [{ line: 1, column: 7, endColumn: 23 }] },
  ],
});

const script = { executable: true };
ruleTester(rule('alias-dies-with-script'), {
  valid: [
    // used by the script itself
    { code: "#!/bin/sh\nalias k='kubectl'\nk get pods\n", file: script },
    // no exec bit, or not known: it is meant to be sourced
    { code: "#!/bin/sh\nalias k='kubectl'\n", file: { executable: false } },
    { code: "#!/bin/sh\nalias k='kubectl'\n" },
    // no shebang
    { code: "alias k='kubectl'\n", file: script },
    // another linted file sources it
    { code: "#!/bin/sh\nalias k='kubectl'\n", file: { executable: true, sourced: true } },
    // a startup file
    { code: "#!/bin/bash\nalias k='kubectl'\n", filename: 'home/.bashrc', file: script },
    { code: "#!/bin/zsh\nalias k='kubectl'\n", filename: 'home/.zshrc', file: script },
    // written to be sourced too
    { code: "#!/bin/bash\n[[ ${BASH_SOURCE[0]} != \"$0\" ]] || echo 'source me'\nalias k='kubectl'\n", file: script },
    { code: "#!/bin/sh\n(return 0 2>/dev/null) || echo 'source me'\nalias k='kubectl'\n", file: script },
    // a guard for an interactive shell, or a return outside a function
    { code: "#!/bin/bash\n[[ $- == *i* ]] || return 0\nalias k='kubectl'\n", file: script },
    { code: "#!/bin/sh\n[ -n \"$PS1\" ] || exit 0\nalias k='kubectl'\n", file: script },
    { code: "#!/bin/zsh\n[[ -o interactive ]] || exit 0\nalias k='kubectl'\n", file: script },
    { code: "#!/bin/sh\nif [ -z \"$HOME\" ]; then return; fi\nalias k='kubectl'\n", file: script },
    // its name is looked at: `alias k` prints it, a function may inspect it
    { code: "#!/bin/sh\nalias k='kubectl'\nalias k >/dev/null && echo defined\n", file: script },
    // zsh's suffix and global aliases are used by file names and arguments, not as command names
    { code: "#!/bin/zsh\nalias -s txt=cat\nhello.txt\n", file: script },
    { code: "#!/bin/zsh\nalias -g G='| grep'\nls G x\n", file: script },
    // the script reads its whole alias table
    { code: "#!/bin/zsh\nalias ll='ls -l'\nfor a in ${(k)aliases}; do print $a; done\n", file: script },
    { code: "#!/bin/bash\nalias ll='ls -l'\nalias | grep -c ll\n", file: script },
    // defined in a function that never runs: alias-in-function's business, not this rule's
    { code: "#!/bin/sh\nsetup() { alias k='kubectl'; }\n", file: script },
    // a file aliascope cannot read runs after it, and may use it
    { code: "#!/bin/sh\nalias k='kubectl'\n. \"$HOME/more.sh\"\n", file: script },
    // a bash script that switches its own expansion on: an unused alias is dead code
    { code: "#!/bin/bash\nshopt -s expand_aliases\nalias k='kubectl'\n", file: script },
    // ... or whose unreadable bootstrap, or dynamic eval, may do so first
    { code: "#!/bin/bash\nsource \"$(cd \"${BASH_SOURCE[0]%/*}\" && pwd)/lib/boot.sh\"\nalias k='kubectl'\n", file: script },
    { code: "#!/bin/bash\neval \"$SETUP\"\nalias k='kubectl'\n", file: script },
  ],
  invalid: [
    {
      // in sh aliases expand anyway: a file aliascope cannot read first says nothing of intent
      code: "#!/bin/sh\n. \"$HOME/more.sh\"\nalias k='kubectl'\n",
      file: script,
      errors: [{ line: 3, column: 7, endColumn: 18 }],
    },
    {
      code: "#!/bin/bash\nalias k='kubectl'\nalias kgp='kubectl get pods'\n",
      file: script,
      errors: [
        { line: 2, column: 7, endColumn: 18, message: 'dies when the script exits' },
        { line: 3, column: 7, endColumn: 29 },
      ],
    },
    {
      // a return inside a function says nothing of being sourced
      code: "#!/bin/sh\nf() { return 0; }\nalias k='kubectl'\n",
      file: script,
      errors: [{ line: 3, column: 7, endColumn: 18 }],
    },
    {
      // a variable named alias is not the alias table
      code: "#!/bin/sh\nfor alias in a b; do echo \"${alias}\"; done\nalias k='kubectl'\n",
      file: script,
      errors: [{ line: 3, column: 7, endColumn: 18 }],
    },
    {
      // a regular zsh alias, beside a suffix one
      code: "#!/bin/zsh\nalias -s txt=cat\nalias -r ll='ls -l'\n",
      file: script,
      errors: [{ line: 3, column: 10, endColumn: 20 }],
    },
    {
      // defined by a function the script calls
      code: "#!/bin/sh\nsetup() {\n  alias k='kubectl'\n}\nsetup\n",
      file: script,
      errors: [{ line: 3, column: 9, endColumn: 20 }],
    },
  ],
});

ruleTester(rule('irregular-whitespace'), {
  valid: [
    // the carriage return goes to the last argument, or to a comment: the use expands
    { code: "alias qa='echo x' #\r\nqa U1\r\nqa U2 #\r\n" },
    // a name that is no alias, and an alias name in a file with Unix line endings
    { code: "alias qa='echo x' #\r\nls\r\n" },
    { code: "alias qa='echo x'\nqa\n" },
    // an option the model does not follow
    { code: "shopt -s extglob\r\nalias qa='echo x' #\r\nqa U1\r\n", dialect: 'bash' },
    // a carriage return inside quotes is part of the value, not at its end
    { code: "alias qa='echo \r' #\r\nqa U1\r\n" },
    // a no-break space in a word that is no alias, and a form feed alone on a line (a page break)
    { code: "alias qa='echo x'\necho a\u00a0b\n\f\nqa\n" },
    // a byte order mark joined to a shebang, or to a command that touches no alias
    { code: "\uFEFF#!/bin/sh\nalias qa='echo x'\nqa\n" },
    { code: "\uFEFFecho hi\nalias qa='echo x'\nqa\n" },
  ],
  invalid: [
    {
      code: "alias qa='echo x' #\r\nqa\r\n",
      errors: [{ line: 2, column: 1, endColumn: 3, message: '`qa` is read as `qa\\r`' }],
    },
    {
      // a definition line that ends CRLF defines the name all the same, with the carriage return in its value
      code: "alias qa='echo x'\r\nif true; then qa; fi; qa\r\n",
      errors: [
        { line: 1, column: 7, endColumn: 18, message: 'The value of alias `qa` is read as `echo x\\r`' },
        { line: 2, column: 23, endColumn: 25 },
      ],
    },
    {
      code: "alias ll=\"ls -l\"\r\nll /tmp #\r\n",
      errors: [{ line: 1, column: 7, endColumn: 17, message: 'its last word is `-l\\r`, not `-l`' }],
    },
    {
      code: "shopt -s expand_aliases\r\nalias qa='echo x' #\r\nqa U1 #\r\n",
      dialect: 'bash',
      errors: [{ line: 1, column: 10, endColumn: 24, message: 'read as `expand_aliases\\r`' }],
    },
    {
      code: "alias qa='echo x'\nqa\u00a0/tmp\nqa\f\n",
      errors: [
        { line: 2, column: 1, endColumn: 3, message: '`qa` is read as `qa\\u00a0/tmp`: a no-break space (U+00A0) is part of the word' },
        { line: 3, column: 1, endColumn: 3, message: 'a form feed' },
      ],
    },
    {
      // pasted from a web page: the alias is never defined
      code: "alias\u00a0qa='echo x'\nqa\n",
      errors: [{ line: 1, column: 1, endColumn: 6, message: 'no `alias` command runs' }],
    },
    {
      code: "alias qa='echo x' #\r\nsetopt no_aliases\r\nqa U1 #\r\n",
      dialect: 'zsh',
      errors: [{ line: 2, column: 8, endColumn: 18 }],
    },
    {
      // a byte order mark is part of the first word: the alias is never defined (the mark is column 1 here; the CLI hides it)
      code: "\uFEFFalias qa='echo x'\nqa\n",
      errors: [{ line: 1, column: 1, endColumn: 7, message: '`alias` is read as `\\ufeffalias`, so no `alias` command runs' }],
    },
    {
      code: "\uFEFFshopt -s expand_aliases\nalias qa='echo x'\nqa\n",
      dialect: 'bash',
      errors: [{ line: 1, column: 1, endColumn: 7, message: 'no `shopt` command runs' }],
    },
  ],
});

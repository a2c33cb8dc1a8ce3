import { RULES_BY_ID } from '../../rules';
import { ruleTester } from '../support/rule-tester';

const rule = (id: string) => RULES_BY_ID.get(id)!;

ruleTester(rule('same-unit'), {
  valid: [
    { code: "alias k='echo hi'\nk\n" },
    // an alias that opens a here-document: the lines after its use are the document's body, not code (yash's test harness)
    { code: "alias t='cat >/dev/null <<\\E'\nt\nalias qb='echo B'; qb U2\nE\n" },
    { code: "alias k='echo hi'; \\\n:\nk\n" },
    { code: "f() { alias k='echo hi'; }\n" },
    { code: "alias k='echo hi'; unalias k; k\n" },
    { code: "alias k='echo hi'\nk\n", dialect: 'zsh' },
    // the other branches run only when the definition did not: they mean the plain command
    { code: "if good; then\n  alias let='let --'\nelif let 1; then\n  let 2\nelse\n  let 3\nfi\n" },
    // so do the other items of a `case`
    { code: "case \"$1\" in\n  a) alias k='echo hi' ;;\n  *) k ;;\nesac\n" },
  ],
  invalid: [
    {
      // an item that falls through runs the next one after it
      code: "case \"$1\" in\n  a) alias k='echo hi' ;&\n  *) k ;;\nesac\n",
      dialect: 'bash',
      errors: [{ line: 2, column: 12, endColumn: 23 }, { line: 3, column: 6, endColumn: 7 }],
      // (and where `$1` is not `a`, it runs with no definition at all)
      refusal: 'the use runs before the definition',
    },
    {
      // only the use on the definition's own branch runs after it
      code: "if good; then alias k='echo hi'; k 1; else k 2; fi\n",
      errors: [{ line: 1, column: 21, endColumn: 32 }, { line: 1, column: 34, endColumn: 35 }],
      output: "if good; then k() { echo hi \"$@\"; }; k 1; else k 2; fi\n",
    },
    {
      // a definition in the condition has run before the other branches
      code: "if alias k='echo hi'; [ -n \"$X\" ]; then :; else k 2; fi\n",
      errors: [{ line: 1, column: 10, endColumn: 21 }, { line: 1, column: 49, endColumn: 50 }],
      output: "if k() { echo hi \"$@\"; }; [ -n \"$X\" ]; then :; else k 2; fi\n",
    },
    {
      // in a loop the other branch may run in a later round, after the definition ran
      code: "for i in 1 2; do if [ $i = 1 ]; then alias k='echo hi'; else k 2; fi; done\n",
      errors: [{ line: 1, column: 44, endColumn: 55 }, { line: 1, column: 62, endColumn: 63 }],
      suggested: "for i in 1 2; do if [ $i = 1 ]; then k() { echo hi \"$@\"; }; else k 2; fi; done\n",
    },
    {
      // the condition does not matter: the whole line is read before any of it runs
      code: "if [ -n \"$X\" ]; then alias k='echo hi'; fi; k\n",
      errors: [{ line: 1, column: 28, endColumn: 39 }, { line: 1, column: 45, endColumn: 46 }],
      output: "if [ -n \"$X\" ]; then k() { echo hi \"$@\"; }; fi; k\n",
    },
    {
      // commands after a here-document on its line are read with it
      code: "alias k='echo hi'; cat <<A; k\nbody\nA\n",
      errors: [{ line: 1, column: 7, endColumn: 18 }, { line: 1, column: 29, endColumn: 30 }],
      output: "k() { echo hi \"$@\"; }; cat <<A; k\nbody\nA\n",
    },
    {
      code: "alias k='kubectl --x'; k get ns\n",
      errors: [
        { line: 1, column: 7, endColumn: 22, message: 'used later in the same parse unit (line 1)' },
        { line: 1, column: 24, endColumn: 25, message: '`k` is read together with its definition on line 1' },
      ],
      output: 'k() { kubectl --x "$@"; }; k get ns\n',
    },
    // no fix where the function would keep what the alias command had around it: a redirection, `command`, or the quotes of an eval string
    {
      code: "alias k='echo hi' >/dev/null; k\n",
      errors: [{ line: 1, column: 7, endColumn: 18 }, { line: 1, column: 31, endColumn: 32 }],
      refusal: 'has a redirection',
    },
    {
      code: "command alias k='echo hi'; k\n",
      errors: [{ line: 1, column: 15, endColumn: 26 }, { line: 1, column: 28, endColumn: 29 }],
      refusal: 'runs through `command`',
    },
    {
      code: "eval \"alias k='echo hi'; k\"\n",
      errors: [{ line: 1, column: 13, endColumn: 24 }, { line: 1, column: 26, endColumn: 27 }],
      refusal: 'double-quoted string',
    },
    {
      // an earlier definition is still in effect: the use runs it, not the plain command
      code: "alias k='echo old'\nalias k='echo new'; k\n",
      errors: [
        { line: 2, column: 7, endColumn: 19 },
        { line: 2, column: 21, endColumn: 22, message: 'sh (dash) runs the earlier definition from line 1, not this one.' },
      ],
    },
    {
      code: "{ alias ll='ls -l'\n  ll /tmp\n}\n",
      dialect: 'ksh',
      errors: [{ line: 1, column: 9, endColumn: 19 }, { line: 2, column: 3, endColumn: 5, message: 'lines 1–3' }],
      output: '{ ll() { ls -l "$@"; }\n  ll /tmp\n}\n',
    },
    {
      code: "alias k='echo hi' && k\n",
      dialect: 'mksh',
      errors: [{ line: 1, column: 7, endColumn: 18 }, { line: 1, column: 22, endColumn: 23 }],
      output: 'k() { echo hi "$@"; } && k\n',
    },
    {
      code: "shopt -s expand_aliases\nalias a='echo A' b='echo B'; a\n",
      dialect: 'bash',
      errors: [{ line: 2, column: 7, endColumn: 17 }, { line: 2, column: 30, endColumn: 31 }],
      output: "shopt -s expand_aliases\na() { echo A \"$@\"; }; alias b='echo B'; a\n",
    },
    {
      code: "alias -- k=\"kubectl get\"; k pods\n",
      errors: [{ line: 1, column: 10, endColumn: 25 }, { line: 1, column: 27, endColumn: 28 }],
      output: 'k() { kubectl get "$@"; }; k pods\n',
    },
    {
      code: "alias k='echo hi '; k x\n",
      errors: [{ line: 1, column: 7, endColumn: 19 }, { line: 1, column: 21, endColumn: 22 }],
      refusal: 'ends in a blank',
    },
    {
      code: "alias begin='{'; begin\n",
      errors: [{ line: 1, column: 7, endColumn: 16 }, { line: 1, column: 18, endColumn: 23 }],
      refusal: 'not a complete command',
    },
    {
      code: "alias ls=\"ls $OPTS\"; ls\n",
      errors: [{ line: 1, column: 7, endColumn: 20 }, { line: 1, column: 22, endColumn: 24 }],
      refusal: 'expanded when the alias is defined',
    },
    {
      code: "alias k.get='kubectl get'; k.get\n",
      errors: [{ line: 1, column: 7, endColumn: 26 }, { line: 1, column: 28, endColumn: 33 }],
      refusal: 'not a valid function name',
    },
    {
      // the wrapper would reach the command through the very name it defines
      code: "alias command='command echo hi'; command x\n",
      errors: [{ line: 1, column: 7, endColumn: 32 }, { line: 1, column: 34, endColumn: 41 }],
      refusal: 'a function named `command` would call itself',
    },
    {
      code: "alias export='echo'; export A=1\nunset x; alias unset=:; unset y\n",
      errors: [{ line: 1, column: 7, endColumn: 20 }, { line: 1, column: 22, endColumn: 28 },
        { line: 2, column: 16, endColumn: 23 }, { line: 2, column: 25, endColumn: 30 }],
    },
    {
      // the alias runs the function; a wrapper would replace it, and `command greet` would skip it
      code: "greet() { echo \"$*\"; }\nalias greet='greet --loud'; greet x\n",
      errors: [{ line: 2, column: 7, endColumn: 27 }, { line: 2, column: 29, endColumn: 34 }],
      refusal: 'the script defines a function `greet`',
    },
    {
      // a function has no counterpart for zsh's regular-alias option; the fix left a bare `alias -r`
      code: "alias -r k='echo hi'; k\n",
      dialect: 'zsh',
      errors: [{ line: 1, column: 10, endColumn: 21 }, { line: 1, column: 23, endColumn: 24 }],
      refusal: 'the alias command has options',
    },
    {
      // `noglob` stops globbing of the words as they are read: a function's arguments are already globbed
      code: "alias e='noglob echo'; e b*\n",
      dialect: 'zsh',
      errors: [{ line: 1, column: 7, endColumn: 22 }, { line: 1, column: 24, endColumn: 25 }],
      refusal: '`noglob` acts on the words as they are read',
    },
    {
      // ksh93 takes only portable names for functions; bash and mksh take this one
      code: "alias git-st='git status'; git-st\n",
      dialect: 'ksh',
      errors: [{ line: 1, column: 7, endColumn: 26 }, { line: 1, column: 28, endColumn: 34 }],
      refusal: 'not a valid function name in ksh93',
    },
    {
      code: "alias git-st='git status'; git-st\n",
      dialect: 'mksh',
      errors: [{ line: 1, column: 7, endColumn: 26 }, { line: 1, column: 28, endColumn: 34 }],
      output: "git-st() { git status \"$@\"; }; git-st\n",
    },
  ],
});

ruleTester(rule('function-read-before-alias'), {
  valid: [
    { code: "alias k='echo hi'\nf() { k; }\nf\n" },
    { code: "f() { echo \"$(k)\"; }\nalias k='echo hi'\nf\n", dialect: 'zsh' },
    // the eval reads the printed body of `f` again, with the alias in effect
    { code: "shopt -s expand_aliases\nf() { k; }\nalias k='echo hi'\neval \"$(declare -f f)\"\nf\n", dialect: 'bash' },
    // bash reads a `$( )` in a body when it runs: there the alias was defined, then removed or replaced on purpose
    { code: "shopt -s expand_aliases\nalias k='echo hi'\nf() { echo \"$(k)\"; }\nunalias k\nf\n", dialect: 'bash' },
    { code: "shopt -s expand_aliases\nalias k='echo hi'\nf() { echo \"$(k)\"; }\nalias k='echo bye'\nf\n", dialect: 'bash' },
    // so do code that prints it through a filter, and a `source` of its printed text
    { code: "shopt -s expand_aliases\nf() { k; }\nalias k='echo hi'\neval \"$(declare -f f | sed 's/x/y/')\"\nf\n", dialect: 'bash' },
    { code: "shopt -s expand_aliases\nf() { k; }\nalias k='echo hi'\nsource <(declare -f f)\nf\n", dialect: 'bash' },
    // a probe that calls a function, whose body runs the plain command to decide whether to define the alias (rustup-init.sh)
    { code: "has_local() {\n  local _has_local\n}\nhas_local 2>/dev/null || alias local=typeset\n" },
    { code: "has_local() { local x; }\nif ! has_local 2>/dev/null; then alias local=typeset; fi\n" },
    { code: "has_local() { local x; }\nhas_local 2>/dev/null\nif [ $? -ne 0 ]; then alias local=typeset; fi\n" },
  ],
  invalid: [
    {
      // `alias debug='#'` hides the rest of its own line only: the next line is read as written
      code: "alias debug='#'\nf() {\n  debug \"entering f\"\n  ll /\n}\nalias ll='echo EXP'\nf\n",
      errors: [{ line: 4, column: 3, endColumn: 5 }],
      output: "alias debug='#'\nf() {\n  debug \"entering f\"\n  ll /\n}\nll() { echo EXP \"$@\"; }\nf\n",
    },
    {
      // a condition that does not call the function is no probe of it, nor one that only tests its name
      code: "f() { k; }\ntrue || alias k='echo hi'\nf\n",
      errors: [{ line: 1, column: 7, endColumn: 8 }],
    },
    {
      code: "build() { k; }\nif [ \"$1\" = build ]; then alias k='echo hi'; fi\nbuild\n",
      errors: [{ line: 1, column: 11, endColumn: 12 }],
      output: "build() { k; }\nif [ \"$1\" = build ]; then k() { echo hi \"$@\"; }; fi\nbuild\n",
    },
    {
      // another use runs before the definition: moving it up as a function fixes both, where a rewrite in place would not
      code: "f() { k 1; }\nk 2\nalias k='echo hi'\nf\n",
      errors: [{ line: 1, column: 7, endColumn: 8 }],
      output: "f() { k 1; }\nk() { echo hi \"$@\"; }\nk 2\nf\n",
    },
    {
      code: "f() { k; }\nif [ -n \"$X\" ]; then alias k='echo hi'; fi\nf\n",
      errors: [{ line: 1, column: 7, endColumn: 8 }],
      output: "f() { k; }\nif [ -n \"$X\" ]; then k() { echo hi \"$@\"; }; fi\nf\n",
    },
    {
      // in the subshell that runs the definition, the other function's body had been read before
      code: "setup() { alias k='echo hi'; }\nuse() { k; }\n( setup; use )\n",
      errors: [{ line: 2, column: 9, endColumn: 10, message: 'before `setup` ran the alias definition at line 1' }],
    },
    {
      // the classic case: the definition is in a function that runs after the other was read
      code: "func1() { kubectl get ns; }\nmain() {\n  alias kubectl='kubectl --x'\n  func1\n}\nmain\n",
      errors: [{ line: 1, column: 11, endColumn: 18, message: 'inside `func1`, which was read at line 1, before `main` ran the alias definition at line 3' }],
      output: "func1() { kubectl get ns; }\nmain() {\n  kubectl() { command kubectl --x \"$@\"; }\n  func1\n}\nmain\n",
    },
    {
      // zsh's `command cd` looks only for an external `cd`: the wrapper reaches the builtin with `builtin`
      code: "go() { cd; pwd; }\nalias cd='cd /tmp'\ngo\n",
      dialect: 'zsh',
      errors: [{ line: 1, column: 8, endColumn: 10 }],
      output: "go() { cd; pwd; }\ncd() { builtin cd /tmp \"$@\"; }\ngo\n",
    },
    {
      code: "f() {\n  kubectl get ns\n}\nalias kubectl='kubectl --insecure-skip-tls-verify=True'\nf\n",
      errors: [{ line: 2, column: 3, endColumn: 10, message: 'inside `f`, which was read at line 1, before the alias was defined at line 4' }],
      output: "f() {\n  kubectl get ns\n}\nkubectl() { command kubectl --insecure-skip-tls-verify=True \"$@\"; }\nf\n",
    },
    {
      code: "g() { echo \"$(k)\"; }\nalias k='echo hi'\ng\n",
      dialect: 'sh',
      errors: [{ line: 1, column: 15, endColumn: 16 }],
      output: "g() { echo \"$(k)\"; }\nk() { echo hi \"$@\"; }\ng\n",
    },
    {
      // ksh93 has no `local`: the usual stand-in, defined too late; the keyword of a declaration is a use
      code: "f() { local x=1; }\nalias local=typeset\nf\n",
      dialect: 'ksh',
      errors: [{ line: 1, column: 7, endColumn: 12, message: 'inside `f`, which was read at line 1, before the alias was defined at line 2' }],
      refusal: '`local` reads its arguments as assignments',
    },
  ],
});

ruleTester(rule('alias-in-function'), {
  valid: [
    { code: "setup() { alias k='echo hi'; }\nsetup\nk\n" },
    // the alias names the same command by its path: nothing is missed
    { code: "setup() { p=$(command -v sed); alias sed=\"$p\"; }\nsed x\nsetup\n" },
    { code: "setup() {\n  export sed_path=\"$(bin_path sed)\"\n  alias sed=\"${sed_path}\"\n}\nsed x\nsetup\n" },
    { code: "setup() { p=`which sed`; alias sed=\"$p\"; }\nsed x\nsetup\n" },
    // a trap handler, or a command named at run time, may have run the function first
    { code: "setup() { alias k='echo hi'; }\ntrap setup USR1\nkill -USR1 $$\nk\nsetup\n" },
    { code: "setup() { alias k='echo hi'; }\nfor step in setup; do \"$step\"; done\nk\nsetup\n" },
    { code: "setup() { alias k='echo hi'; }\nf=setup; $f\nk\nsetup\n" },
    // an alias whose value calls the function runs it
    { code: "setup() { alias k='echo hi'; }\nalias init='setup; :'\ninit\nk\n" },
  ],
  invalid: [
    {
      // the use is in the very subshell that calls the function: read with the call, before it ran
      code: "setup() { alias k='echo hi'; }\nx=$(setup; k)\n",
      errors: [{ line: 2, column: 12, endColumn: 13, message: 'is read before `setup` runs' }],
    },
    {
      // the function runs, but returns before the definition
      code: "setup() { return; alias k='echo hi'; }\nsetup\nk\n",
      errors: [{ line: 3, column: 1, endColumn: 2, message: 'read where the alias has never been defined: its definition at line 1 is inside `setup`, which runs but never reaches it' }],
    },
    {
      // a function the script never calls: nothing is read after it runs
      code: "setup() { alias k='echo hi'; }\nnohup setup\nk\n",
      errors: [{ line: 3, column: 1, endColumn: 2, message: 'read where `setup` has not run (this script never calls it)' }],
      refusal: 'the definition does not run in the shell that uses it',
    },
    {
      // another command's path
      code: "setup() { p=$(command -v gsed); alias sed=\"$p\"; }\nsed x\nsetup\n",
      errors: [{ line: 2, column: 1, endColumn: 4, message: 'read before `setup` runs' }],
      refusal: 'the value is expanded when the alias is defined',
    },
    {
      // a variable also set to something else
      code: "setup() { p=$(command -v sed); alias sed=\"$p\"; }\np=/opt/bin/sed2\nsed x\nsetup\n",
      errors: [{ line: 3, column: 1, endColumn: 4, message: 'read before `setup` runs' }],
      refusal: 'the value is expanded when the alias is defined',
    },
    {
      code: "main() {\n  alias k='echo hi'\n  k\n}\nmain\n",
      errors: [{ line: 3, column: 3, endColumn: 4, message: 'inside `main` itself' }],
      output: "main() {\n  k() { echo hi \"$@\"; }\n  k\n}\nmain\n",
    },
    {
      code: "setup() { alias k='echo hi'; }\nk\nsetup\n",
      errors: [{ line: 2, column: 1, endColumn: 2, message: 'read before `setup` runs' }],
      // `k` runs before `setup` has run: a function made by `setup` would not exist yet either
      refusal: 'the use runs before the definition',
    },
  ],
});

// Fixes that would change what already works are only suggestions; --fix leaves them.
ruleTester(rule('alias-in-function'), {
  valid: [],
  invalid: [
    {
      code: "f() { alias setx='local x=5'; setx; }\nf\n",
      dialect: 'bash',
      errors: [{ line: 1, column: 31, endColumn: 35 }],
      suggested: "f() { setx() { local x=5 \"$@\"; }; setx; }\nf\n",
      refusal: '`local` in the value would act on the new function',
    },
    {
      code: "f() { alias bail='return 0'; bail; }\nf\n",
      errors: [{ line: 1, column: 30, endColumn: 34 }],
      suggested: "f() { bail() { return 0 \"$@\"; }; bail; }\nf\n",
      refusal: '`return`',
    },
  ],
});

ruleTester(rule('same-unit'), {
  valid: [],
  invalid: [
    {
      code: "alias two='echo a; echo b'; two | tr a A\n",
      errors: [{ line: 1, column: 7, endColumn: 27 }, { line: 1, column: 29, endColumn: 32 }],
      suggested: "two() { echo a; echo b \"$@\"; }; two | tr a A\n",
      refusal: 'the value is several commands',
    },
    {
      // pasted, `>&2` comes before the use's `2>/dev/null`; around a call, after it
      code: "alias k='echo hi >&2'; k 2>/dev/null\n",
      errors: [{ line: 1, column: 7, endColumn: 22 }, { line: 1, column: 24, endColumn: 25 }],
      suggested: "k() { echo hi >&2 \"$@\"; }; k 2>/dev/null\n",
      refusal: 'the value has a redirection',
    },
    // zsh's integer, float and readonly, and mksh's integer, declare a function's own variables
    ...([['zsh', 'integer n=5'], ['zsh', 'readonly ro=1'], ['mksh', 'integer n=5']] as const).map(([dialect, value]) => ({
      code: `alias k='${value}'; k\n`,
      dialect,
      errors: [{ line: 1, column: 7, endColumn: 11 + value.length }, { line: 1, column: 13 + value.length, endColumn: 14 + value.length }],
      suggested: `k() { ${value} "$@"; }; k\n`,
      refusal: `\`${value.split(' ')[0]}\` in the value would act on the new function`,
    })),
    {
      // a quoted or escaped name skips the alias on purpose, and would call the function
      code: "alias grep='grep -c'; grep x f\n\\grep -h root f\n",
      dialect: 'bash',
      errors: [{ line: 1, column: 7, endColumn: 21 }, { line: 1, column: 23, endColumn: 27 }],
      suggested: "grep() { command grep -c \"$@\"; }; grep x f\n\\grep -h root f\n",
      refusal: '`\\grep` skips the alias on purpose',
    },
    {
      // bash's readonly is global, even in a function
      code: "alias k='readonly ro=1'; k\n",
      dialect: 'bash',
      errors: [{ line: 1, column: 7, endColumn: 24 }, { line: 1, column: 26, endColumn: 27 }],
      output: "k() { readonly ro=1 \"$@\"; }; k\n",
    },
    {
      code: "alias k='echo hi >&2'; k x\n",
      errors: [{ line: 1, column: 7, endColumn: 22 }, { line: 1, column: 24, endColumn: 25 }],
      output: "k() { echo hi >&2 \"$@\"; }; k x\n",
    },
    {
      code: "alias two='echo a; echo b'; two\n",
      errors: [{ line: 1, column: 7, endColumn: 27 }, { line: 1, column: 29, endColumn: 32 }],
      output: "two() { echo a; echo b \"$@\"; }; two\n",
    },
    {
      // a file aliascope cannot read may define `k`; `k() {` would then not parse
      code: ". ./lib.sh\nalias k='echo hi'; k\n",
      errors: [{ line: 2, column: 7, endColumn: 18 }, { line: 2, column: 20, endColumn: 21 }],
      suggested: ". ./lib.sh\nk() { echo hi \"$@\"; }; k\n",
      refusal: 'may define an alias of the same name first',
    },
  ],
});

ruleTester(rule('function-read-before-alias'), {
  valid: [],
  invalid: [
    {
      code: "f() { k; }\nsetup() { alias k='echo hi'; }\nf\nsetup\nf\n",
      errors: [{ line: 1, column: 7, endColumn: 8 }],
      // the wrapper helps the second call of `f` only
      suggested: "f() { k; }\nsetup() { k() { echo hi \"$@\"; }; }\nf\nsetup\nf\n",
      refusal: 'also runs before the definition',
    },
  ],
});

ruleTester(rule('subshell-alias'), {
  valid: [
    { code: "( alias k='echo hi'\n  k )\n" },
    { code: "true | alias k='echo hi'\nk\n", dialect: 'zsh' },
    // busybox reads `&>` as one redirection
    { code: "alias k='echo hi' &>/dev/null\nk\n", dialect: 'busybox' },
  ],
  invalid: [
    {
      // the function that defines it ran only in a subshell, before the other function was read
      code: "setup() { alias k='echo hi'; }\n( setup )\nuse() { k; }\nuse\n",
      errors: [{ line: 3, column: 9, endColumn: 10, message: 'inside `setup`, which runs only in a subshell' }],
    },
    {
      code: "( alias k='echo hi' )\nk\n",
      errors: [{ line: 2, column: 1, endColumn: 2, message: 'in a subshell' }],
    },
    {
      // dash reads `&>` as `&` and then `>`: the definition runs in a background job
      code: "alias k='echo hi' &>/dev/null\nk\n",
      dialect: 'sh',
      errors: [{ line: 2, column: 1, endColumn: 2, message: 'in a background job (sh (dash) reads `&>` as `&` and then `>`)' }],
    },
    {
      // a trap may have defined it first: the use may expand, only not to this definition
      code: "trap 'alias k=\"echo trap\"' USR1\n( alias k='echo hi' )\nkill -USR1 $$\nk\n",
      errors: [{ line: 4, column: 1, endColumn: 2, message: 'does not get the alias defined at line 2 in a subshell: a subshell\'s aliases never reach the shell that started it; sh (dash) does not run this alias. A `trap`' }],
    },
    {
      // the function that defines it ran, but only in a subshell
      code: "init() { alias k='echo hi'; }\n( init )\nk\ninit | cat\n",
      errors: [{ line: 3, column: 1, endColumn: 2, message: 'defined at line 1 inside `init`, which runs only in a subshell' }],
    },
    {
      // bash runs a coprocess in a subshell
      code: "shopt -s expand_aliases\ninit() { alias k='echo hi'; }\ncoproc init\nwait\nk\n",
      dialect: 'bash',
      errors: [{ line: 5, column: 1, endColumn: 2, message: 'defined at line 2 inside `init`, which runs only in a subshell' }],
    },
    {
      code: "true | alias k='echo hi'\nk\n",
      dialect: 'bash-posix',
      errors: [{ line: 2, column: 1, endColumn: 2 }],
    },
    {
      code: "alias k='echo hi' &\nwait\nk\n",
      errors: [{ line: 3, column: 1, endColumn: 2 }],
    },
  ],
});

ruleTester(rule('use-before-definition'), {
  valid: [
    { code: "alias k='echo hi'\nk\n" },
    // an alias whose value holds a comment takes the rest of its line; one that ends in a backslash, at a line's end, the next line
    { code: "alias note='echo # note:'\nnote; ll /\nalias ll='ls -l'\n" },
    { code: "alias e='echo \\'\ne\nll /\nalias ll='ls -l'\n" },
    // a here-document opened by an alias on a line tree-sitter misreads (`= -`), parsed again on its own: its body is still no code
    { code: "alias t='cat >/dev/null <<E'\nt; [ \"$1\" = - ]\nll body\nE\nalias ll='ls -l'\n" },
    // the plain command is what the alias decorates, also past `command` and with a value known only at run time
    { code: "ls /tmp\nalias ls='ls -F'\n" },
    { code: "ls /tmp\nalias ls='command ls -F'\n" },
    // zsh's precommand modifiers decorate it too
    { code: "mkdir -p x\nalias mkdir='nocorrect mkdir'\n", dialect: 'zsh' },
    { code: "mkdir -p x\nalias mkdir='nocorrect command mkdir'\n", dialect: 'zsh' },
    { code: "ls /tmp\nalias ls=\"ls ${flags}\"\n" },
    // the use calls the script's function of the same name
    { code: "foo() { echo; }\nfoo\nalias foo='echo x'\n" },
    // a shell builtin that the alias later replaces: the earlier use means the builtin
    { code: "echo first\nalias echo='printf \"A:%s\\\\n\"'\necho second\n" },
    // bash reads a trap's handler when the trap fires
    { code: "shopt -s expand_aliases\ntrap 'k' EXIT\nalias k='echo hi'\n", dialect: 'bash' },
    // a `$( )` in a body that bash reads when the function runs, before an alias that decorates the command
    { code: "f() { x=$(ls); }\nf\nalias ls='ls -F'\n", dialect: 'bash' },
  ],
  invalid: [
    {
      // once the here-document an alias opened has closed, the text is read as written again
      code: "alias t='cat >/dev/null <<\\E'\nt\nany text\nE\nll /\nalias ll='ls -l'\n",
      errors: [{ line: 5, column: 1, endColumn: 3 }],
      output: "alias t='cat >/dev/null <<\\E'\nt\nany text\nE\nll() { ls -l \"$@\"; }\nll /\n",
    },
    {
      // zsh reads a trap's handler as the trap is set
      code: "trap 'k' EXIT\nalias k='echo hi'\n",
      dialect: 'zsh',
      errors: [{ line: 1, column: 7, endColumn: 8, message: "`k` on line 1 is in a trap's handler, which zsh reads as the `trap` command on line 1 runs, before the alias is defined at line 2" }],
      refusal: 'cannot tell whether this use runs after the definition',
      // the handler runs at exit, after the definition: a function defined there is found then
      suggested: "trap 'k' EXIT\nk() { echo hi \"$@\"; }\n",
    },
    {
      // bash, zsh and ksh93 read a `$( )` or backticks in a body only when the function runs: here before the definition
      code: "f() { x=$(k); echo \"$x\"; }\nf\nalias k='echo hi'\n",
      dialect: 'bash',
      errors: [{ line: 1, column: 11, endColumn: 12, message: '`k` on line 1 is in a `$( )` that bash reads only when `f` runs, and `f` ran from line 2, before the alias is defined at line 3' }],
      output: "f() { x=$(k); echo \"$x\"; }\nk() { echo hi \"$@\"; }\nf\n",
    },
    {
      code: "f() { x=`k`; }\nmain() { f; }\nmain\nalias k='echo hi'\n",
      dialect: 'zsh',
      errors: [{ line: 1, column: 10, endColumn: 11, message: 'in backticks that zsh reads only when `f` runs, and `f` ran from line 3' }],
      output: "f() { x=`k`; }\nmain() { f; }\nk() { echo hi \"$@\"; }\nmain\n",
    },
    {
      code: "k get pods\nalias k='kubectl'\n",
      errors: [{ line: 1, column: 1, endColumn: 2, message: 'read before the alias is defined at line 2' }],
      output: "k() { kubectl \"$@\"; }\nk get pods\n",
    },
    {
      // a file without a final newline still has none
      code: "k get pods\nalias k='kubectl'",
      errors: [{ line: 1, column: 1, endColumn: 2 }],
      output: "k() { kubectl \"$@\"; }\nk get pods",
    },
    {
      // with CRLF line endings the written `}\r` would close no function: the shell reads the carriage return as part of the word
      code: "k get pods\r\nalias k='kubectl'\r\n",
      errors: [{ line: 1, column: 1, endColumn: 2 }],
      refusal: 'Windows line endings',
    },
    {
      // moving the definition up would also change line 2, where bash never expands aliases
      code: "k get pods\nX=1 3>/dev/null k\nalias k='kubectl'\n",
      dialect: 'bash',
      errors: [{ line: 1, column: 1, endColumn: 2 }],
      refusal: 'would also change a use',
    },
    {
      // whatever the unknown file did, the use is read before this definition runs
      code: ". ./unknown.sh\nk\nalias k='echo hi'\n",
      errors: [{ line: 2, column: 1, endColumn: 2, message: 'A `source` of a file aliascope cannot read (line 1) may have defined `k` before' }],
      suggested: ". ./unknown.sh\nk() { echo hi \"$@\"; }\nk\n",
    },
    {
      // `command alias` in an eval string is `alias` all the same
      code: "n=k\neval \"command alias $n='echo t'\"\nk\nalias k='echo hi'\n",
      errors: [{ line: 3, column: 1, endColumn: 2, message: 'An `eval` of a string aliascope cannot follow (line 2) may have defined `k` before' }],
      suggested: "n=k\neval \"command alias $n='echo t'\"\nk() { echo hi \"$@\"; }\nk\n",
    },
    {
      // a trap's handler that defines only another alias leaves this use certain
      code: "trap \"alias x='echo t'\" USR1\nk\nalias k='echo hi'\n",
      errors: [{ line: 2, column: 1, endColumn: 2, message: 'sh (dash) runs the command, not the alias.' }],
      output: "trap \"alias x='echo t'\" USR1\nk() { echo hi \"$@\"; }\nk\n",
    },
    {
      // bash defines an alias through its BASH_ALIASES array, which no `alias` command shows
      code: "#!/bin/bash\nshopt -s expand_aliases\nBASH_ALIASES[k]='echo arr'\nk\nalias k='echo hi'\n",
      errors: [{ line: 4, column: 1, endColumn: 2, message: 'bash does not run this alias. A write to the shell\'s alias array `BASH_ALIASES` (line 3) may have defined `k` before' }],
      // the new function would break where that alias is in effect: bash expands it in the name
      suggested: "#!/bin/bash\nshopt -s expand_aliases\nBASH_ALIASES[k]='echo arr'\nk() { echo hi \"$@\"; }\nk\n",
    },
    {
      code: "aliases[k]='echo arr'\nk\nalias k='echo hi'\n",
      dialect: 'zsh',
      errors: [{ line: 2, column: 1, endColumn: 2, message: 'zsh does not run this alias. A write to the shell\'s alias array `aliases` or `galiases` (line 1)' }],
      suggested: "aliases[k]='echo arr'\nk() { echo hi \"$@\"; }\nk\n",
    },
    {
      // reading the array defines nothing; elsewhere than zsh, `aliases` is an array like any other
      code: "echo \"${BASH_ALIASES[k]}\"\naliases[k]='echo arr'\nk\nalias k='echo hi'\n",
      dialect: 'bash',
      errors: [{ line: 3, column: 1, endColumn: 2, message: 'bash runs the command, not the alias' }],
      output: "echo \"${BASH_ALIASES[k]}\"\naliases[k]='echo arr'\nk() { echo hi \"$@\"; }\nk\n",
    },
  ],
});

ruleTester(rule('expand-aliases-off'), {
  valid: [
    { code: "#!/bin/bash\nshopt -s expand_aliases\nalias k='echo hi'\nk\n" },
    // a fallback for a builtin bash has: the probe always succeeds, so the alias is never defined (installers modelled on rustup's)
    { code: "#!/bin/bash\nhas_local() {\n  local _has_local\n}\nhas_local 2>/dev/null || alias local=typeset\nf() { local v=x; }\n" },
    { code: "#!/bin/bash\nif command -v local >/dev/null; then :; elif command -v typeset >/dev/null; then alias local=typeset; fi\nf() { local v=x; }\n" },

    { code: "alias k='echo hi'\nk\n", dialect: 'bash', filename: 'home/.bashrc' },
    { code: "alias k='echo hi'\nk\n", dialect: 'bash-posix' },
    { code: "#!/bin/sh\nalias k='echo hi'\nk\n" },
    // a trap's handler may switch the option on at any time, here through the function it names
    { code: "#!/bin/bash\nsetup() { shopt -s expand_aliases; }\ntrap setup USR1\nalias k='echo hi'\nk\n" },
    // zsh restores options a function made local when it returns
    { code: "alias k='echo hi'\nf() { setopt localoptions noaliases; }\nf\nk\n", dialect: 'zsh' },
    { code: "alias k='echo hi'\nf() { emulate -L zsh; unsetopt aliases; }\nf\nk\n", dialect: 'zsh' },
    // bash restores posix mode, which expands aliases, where a function made the `set -o` options local
    { code: "alias k='echo hi'\nf() { local -; set +o posix; }\nf\nk\n", dialect: 'bash-posix' },
    // zsh's `options` array switches the option too
    { code: "unsetopt aliases\noptions[aliases]=on\nalias k='echo hi'\nk\n", dialect: 'zsh' },
  ],
  invalid: [
    {
      // a fallback for a program, which a machine may lack: there the alias is defined and does not expand
      code: "#!/bin/bash\ncommand -v kubectl >/dev/null || alias kubectl='minikube kubectl --'\nkubectl get pods\n",
      errors: [{ line: 3, column: 1, endColumn: 8 }],
      suggested: "#!/bin/bash\nshopt -s expand_aliases\ncommand -v kubectl >/dev/null || alias kubectl='minikube kubectl --'\nkubectl get pods\n",
    },
    {
      // `local` outside a function fails in bash, so this probe defines the alias; so may one that is not the whole condition
      code: "#!/bin/bash\nlocal _x 2>/dev/null || alias local=typeset\nf() { local v=x; }\n",
      errors: [{ line: 3, column: 7, endColumn: 12 }],
      suggested: "#!/bin/bash\nshopt -s expand_aliases\nlocal _x 2>/dev/null || alias local=typeset\nf() { local v=x; }\n",
    },
    {
      code: "#!/bin/bash\n[ -n \"$X\" ] && command -v local >/dev/null || alias local=typeset\nf() { local v=x; }\n",
      errors: [{ line: 3, column: 7, endColumn: 12 }],
      suggested: "#!/bin/bash\nshopt -s expand_aliases\n[ -n \"$X\" ] && command -v local >/dev/null || alias local=typeset\nf() { local v=x; }\n",
    },
    {
      code: "#!/bin/bash\nalias k='echo hi'\nk\n",
      errors: [{ line: 3, column: 1, endColumn: 2, message: '`expand_aliases` is off' }],
      output: "#!/bin/bash\nshopt -s expand_aliases\nalias k='echo hi'\nk\n",
    },
    {
      // unsetting POSIXLY_CORRECT, which the script never set, leaves posix mode off
      code: "#!/bin/bash\nunset POSIXLY_CORRECT\nalias k='echo hi'\nk\n",
      errors: [{ line: 4, column: 1, endColumn: 2, message: '`expand_aliases` is off' }],
      output: "#!/bin/bash\nshopt -s expand_aliases\nunset POSIXLY_CORRECT\nalias k='echo hi'\nk\n",
    },
    {
      // the script switched the option on, then off in a function it called: the message says where
      code: "#!/bin/bash\nshopt -s expand_aliases\nalias k='echo hi'\noff() {\n  shopt -u expand_aliases\n}\nk 1\noff\nk 2\n",
      errors: [{ line: 9, column: 1, endColumn: 2, message: 'only while `shopt -s expand_aliases` is in effect, and the script switches it off again on line 5' }],
      refusal: 'the script switches expand_aliases or posix mode itself',
    },
    {
      // a switch that comes after the use, or in a comment, is not why: the option was never on
      code: "#!/bin/bash\n# not: shopt -u expand_aliases\nalias k='echo hi'\nk\nshopt -u expand_aliases\n",
      errors: [{ line: 4, column: 1, endColumn: 2, message: 'only after `shopt -s expand_aliases` has run on an earlier line' }],
      refusal: 'the script switches expand_aliases or posix mode itself',
    },
    {
      // in posix mode aliases expand from the start: the script's own `shopt -u` switched them off
      code: "alias k='echo hi'\nshopt -u expand_aliases\nk\n",
      dialect: 'bash-posix',
      errors: [{ line: 3, column: 1, endColumn: 2, message: 'the script switched it off' }],
      refusal: 'the script switches expand_aliases',
    },
    {
      // a wrapper that runs its arguments runs `shopt` here
      code: "#!/bin/bash\nrun() { \"$@\"; }\nrun shopt -s expand_aliases\nalias k='echo hi'\nk\nrun shopt -u expand_aliases\nk\n",
      errors: [{ line: 7, column: 1, endColumn: 2, message: '`expand_aliases` is off' }],
      refusal: 'the script switches expand_aliases',
    },
    {
      // the option would also expand whatever aliases a file aliascope cannot read defines: only a suggestion
      code: "#!/bin/bash\nalias k='echo hi'\nk\n. \"$HOME/.myrc\"\nrm -f ./scratch\n",
      errors: [{ line: 3, column: 1, endColumn: 2, message: '`expand_aliases` is off' }],
      refusal: 'the option also expands any alias that code aliascope cannot follow defines',
      suggested: "#!/bin/bash\nshopt -s expand_aliases\nalias k='echo hi'\nk\n. \"$HOME/.myrc\"\nrm -f ./scratch\n",
    },
    {
      // a handler that only defines aliases switches no option either
      code: "#!/bin/bash\ntrap \"alias x='echo t'\" USR1\nalias k='echo hi'\nk\n",
      errors: [{ line: 4, column: 1, endColumn: 2, message: '`expand_aliases` is off' }],
      output: "#!/bin/bash\nshopt -s expand_aliases\ntrap \"alias x='echo t'\" USR1\nalias k='echo hi'\nk\n",
    },
    {
      // a cleanup handler's `set +e` switches no alias option
      code: "#!/bin/bash\ncleanup() { set +e; rm -f x; }\ntrap cleanup EXIT\nalias k='echo hi'\nk\n",
      errors: [{ line: 5, column: 1, endColumn: 2, message: '`expand_aliases` is off' }],
      output: "#!/bin/bash\nshopt -s expand_aliases\ncleanup() { set +e; rm -f x; }\ntrap cleanup EXIT\nalias k='echo hi'\nk\n",
    },
    {
      code: "#!/usr/bin/env bash\nalias k='echo hi'\nshopt -s expand_aliases; k\n",
      errors: [{ line: 3, column: 26, endColumn: 27 }],
      output: "#!/usr/bin/env bash\nshopt -s expand_aliases\nalias k='echo hi'\nshopt -s expand_aliases; k\n",
    },
    {
      // the written `shopt -s expand_aliases\r` would name no option
      code: "#!/bin/bash\r\nalias k='echo hi' #\r\nk x\r\n",
      errors: [{ line: 3, column: 1, endColumn: 2 }],
      refusal: 'Windows line endings',
    },
    {
      // the first round reads `k` with its definition, in one line of the eval string: the option alone does not help there
      code: "#!/bin/bash\nfor i in 1 2; do eval 'alias k=\"echo hi\"; k'; done\n",
      errors: [{ line: 2, column: 43, endColumn: 44 }],
      refusal: 'the use also runs where the alias is not defined',
      suggested: "#!/bin/bash\nshopt -s expand_aliases\nfor i in 1 2; do eval 'alias k=\"echo hi\"; k'; done\n",
    },
  ],
});

ruleTester(rule('alias-never-expands'), {
  valid: [
    { code: "alias k='echo hi'\n" },
    { code: "alias k='echo hi'\nk\n" },
    { code: "alias k='echo hi'; k\n" },
    // the trap's handler is read and run at exit, with the alias in effect
    { code: "k\nalias k='echo hi'\ntrap 'k' EXIT\n" },
    // a use of another alias whose value names this one may expand it
    { code: "f() { k; }\nalias k='echo hi'\nalias kk='k'\nf\nkk\n" },
    // bash reads the command after `time -p` as one of its own
    { code: "shopt -s expand_aliases\nf() { k; }\nalias k='echo hi'\ntime -p k\nf\n", dialect: 'bash' },
    // tree-sitter-bash misreads `time { …; }`: the use there may expand
    { code: "shopt -s expand_aliases\nf() { k; }\nalias k='echo hi'\ntime { k; }\nf\n", dialect: 'bash' },
  ],
  invalid: [
    {
      code: "f() { k; }\nalias k='echo hi'\nf\n",
      errors: [{ line: 2, column: 7, endColumn: 18, message: 'its only use is' }],
    },
    {
      // bash --posix runs the program time for `time -p`: `k` is its argument
      code: "f() { k; }\nalias k='echo hi'\ntime -p k\nf\n",
      dialect: 'bash-posix',
      errors: [{ line: 2, column: 7, endColumn: 18, message: 'its only use is' }],
    },
  ],
});

ruleTester(rule('alias-in-heredoc-substitution'), {
  valid: [
    // dash and bash outside posix mode expand it
    { code: "alias today='date +%F'\ncat <<EOF\nOn $(today)\nEOF\n", dialect: 'sh' },
    { code: "shopt -s expand_aliases\nalias today='date +%F'\ncat <<EOF\nOn $(today)\nEOF\n", dialect: 'bash' },
    // outside a here-document, and where the name is written to stop expansion
    { code: "alias today='date +%F'\necho \"On $(today)\"\n", dialect: 'bash-posix' },
    { code: "alias today='date +%F'\ncat <<EOF\nOn $(\\today)\nEOF\n", dialect: 'bash-posix' },
  ],
  invalid: [
    {
      code: "alias today='date +%F'\ncat <<EOF\nOn $(today)\nEOF\n",
      dialect: 'bash-posix',
      errors: [{ line: 3, column: 6, endColumn: 11, message: '`today` on line 3 is in a `$( )` inside a here-document, where bash --posix never expands aliases; it runs the command, not the alias defined at line 1.' }],
      output: "today() { date +%F \"$@\"; }\ncat <<EOF\nOn $(today)\nEOF\n",
    },
  ],
});

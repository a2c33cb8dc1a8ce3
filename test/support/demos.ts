// Small scripts, one per behaviour where shells are known to differ or where
// the naive "defined before use" rule is wrong. Each use is marked (see shells.ts).
export interface Demo {
  name: string;
  files: Record<string, string>;
  /** Uses the engine must decide: those around a construct recovery parses again. */
  certain?: string[];
}

const d = (name: string, main: string, extra: Record<string, string> = {}, certain?: string[]): Demo =>
  ({ name, files: { 'main.sh': main, ...extra }, certain });
/** The text with Windows line endings. A definition line ends in a comment, which takes the carriage return, so the value prints clean. */
const crlf = (text: string): string => text.replace(/\n/g, '\r\n');

export const DEMOS: Demo[] = [
  d('same_line', `alias qa='echo EXP'; qa U1 || echo NX:U1
qa U2 || echo NX:U2
`),
  d('brace_group', `{ alias qa='echo EXP'
  qa U1 || echo NX:U1
}
qa U2 || echo NX:U2
`),
  d('function_order', `f() { qa U1 || echo NX:U1; }
alias qa='echo EXP'
f
g() { qa U2 || echo NX:U2; }
unalias qa
g
`),
  d('shopt_same_line', `alias qa='echo EXP'
shopt -s expand_aliases; qa U1 || echo NX:U1
qa U2 || echo NX:U2
`),
  d('shopt_in_function', `alias qa='echo EXP'
f() { shopt -s expand_aliases; }
qa U1 || echo NX:U1
f
qa U2 || echo NX:U2
`),
  d('comsub_same_line', `alias qa='echo EXP'; echo "C:$(qa U1 || echo NX:U1)"
`),
  d('comsub_function_before_alias', `f() { echo "C:$(qa U1 || echo NX:U1)"; }
alias qa='echo EXP'
f
`),
  d('comsub_unalias_same_line', `alias qa='echo EXP'
unalias qa; echo "C:$(qa U1 || echo NX:U1)"
`),
  d('comsub_multiline', `echo "C:$(alias qa='echo EXP'
qa U1 || echo NX:U1)"
`),
  d('comsub_in_loop', `for i in 1 2; do
  echo "C:$(qa U1 || echo NX:U1)"
  alias qa='echo EXP'
done
`),
  d('backtick_same_line', "alias qa='echo EXP'; echo \"B:`qa U1 || echo NX:U1`\"\n"),
  d('backtick_unalias_same_line', "alias qa='echo EXP'\nunalias qa; echo \"B:`qa U1 || echo NX:U1`\"\n"),
  d('backtick_multiline', "echo \"B:`alias qa='echo EXP'\nqa U1 || echo NX:U1`\"\n"),
  d('heredoc_prev_line', "alias qa='echo EXP'\ncat <<E\nH:$(qa U1 || echo NX:U1)\nH:`qa U2 || echo NX:U2`\nE\n"),
  d('heredoc_andand', `alias qa='echo EXP'; cat <<E &&
body
E
qa U1 || echo NX:U1
qa U2 || echo NX:U2
`),
  d('continuation', `alias qa='echo EXP'; \\
qa U1 || echo NX:U1
alias qb='echo EXP' # comment \\
qb U2 || echo NX:U2
`),
  d('eval_multiline', `eval 'alias qa="echo EXP"
qa U1 || echo NX:U1'
`),
  d('eval_same_line', `alias qa='echo EXP'; eval 'qa U1 || echo NX:U1'
`),
  d('source_def_and_use', `. ./inc.sh
qs U2 || echo NX:U2
`, { 'inc.sh': `alias qs='echo EXP'
qs U1 || echo NX:U1
` }),
  // ksh93 reads a sourced file whole: a line tree-sitter gets wrong leaves the other lines certain
  d('source_whole_recovered', `alias qc='echo EXP'
. ./inc.sh
qd U3 || echo NX:U3
`, { 'inc.sh': `: <>/dev/null && true
alias qd='echo EXP'
qc U1 || echo NX:U1; qd U2 || echo NX:U2
` }, ['U1', 'U2', 'U3']),
  d('pipeline_last', `true | alias qa='echo EXP'
qa U1 || echo NX:U1
`),
  // grouped option letters: bash reads `-qs` as `-q -s`; the other shells have no shopt
  d('shopt_grouped_flags', `shopt -qs expand_aliases 2>/dev/null
alias qa='echo EXP'
qa U1 || echo NX:U1
`),
  // bash's lastpipe runs the last element in the script's own shell; the other shells have no shopt
  d('pipeline_last_lastpipe', `shopt -s lastpipe 2>/dev/null
true | alias qa='echo EXP'
qa U1 || echo NX:U1
shopt -u lastpipe 2>/dev/null
true | alias qb='echo EXP'
qb U2 || echo NX:U2
`),
  // a function run by a trap handler, or by a command named only at run time, has run before the next line is read
  d('trap_handler_function', `setup() { alias qa='echo EXP'; }
trap setup USR1
kill -USR1 $$
qa U1 || echo NX:U1
`),
  d('trap_handler_alias', `trap "alias qb='echo EXP'" USR1
kill -USR1 $$
qa U1 || echo NX:U1
alias qa='echo EXP'
qb U2 || echo NX:U2
`, {}, ['U1']),
  d('alias_calls_function', `setup() { alias qa='echo EXP'; }
alias init='setup now'
init
qa U1 || echo NX:U1
`),
  d('function_forwards_arguments', `run() { "$@"; }
setup() { alias qa='echo EXP'; }
run setup
qa U1 || echo NX:U1
`, {}, ['U1']),
  d('zsh_local_options', `alias qa='echo EXP'
f() { setopt localoptions noaliases; }
f
qa U1 || echo NX:U1
g() { emulate -L zsh; unsetopt aliases; }
g
qa U2 || echo NX:U2
`),
  d('posix_local_dash', `alias qa='echo EXP'
f() { local -; set +o posix; }
f
qa U1 || echo NX:U1
`),
  d('eval_command_prefix', `n=qa
eval "command alias $n='echo EXP'"
qa U1 || echo NX:U1
`),
  d('alias_in_alias_value', `f() { qa U1 || echo NX:U1; }
alias qa='echo EXP'
alias qr='qa'
f
qr U2 || echo NX:U2
`),
  d('dynamic_command_name', `setup() { alias qa='echo EXP'; }
for step in setup; do "$step"; done
qa U1 || echo NX:U1
`),
  // a substitution in an assignment that a command holds runs with that command
  d('substitution_in_assignments', `alias qa='echo EXP'
export X="$(qa U1 || echo NX:U1)"; echo "$X"
A=1 B="$(qa U2 || echo NX:U2)"; echo "$B"
Y="$(qa U3 || echo NX:U3)" env | grep '^Y='
`, {}, ['U1', 'U2', 'U3']),
  // what follows a here-document's operator on its line runs after it, as the operator says
  d('heredoc_operator_line', `cat <<EOF && alias qa='echo EXP'
body
EOF
f() { qa U1 || echo NX:U1; }
f
cat <<EOF | alias qb='echo EXP'
body
EOF
qb U2 || echo NX:U2
cat <<EOF | cat && alias qc='echo EXP'
body
EOF
qc U3 || echo NX:U3
`),
  // `time` is a keyword in bash, zsh, ksh93 and mksh: the command after it is read and run as the shell's own
  d('time_keyword', `alias qa='echo EXP'
time qa U1 2>/dev/null || echo NX:U1
time alias qb='echo EXP' 2>/dev/null
qb U2 || echo NX:U2
time -p qa U3 2>/dev/null || echo NX:U3
`),
  d('background', `alias qa='echo EXP' &
wait
qa U1 || echo NX:U1
`),
  d('subshell', `( alias qa='echo EXP'
qa U1 || echo NX:U1 )
qa U2 || echo NX:U2
`),
  d('prefix_assign_redir', `alias qa='echo EXP'
X=1 qa U1 || echo NX:U1
3>/dev/null qa U2 || echo NX:U2
X=1 3>/dev/null qa U3 || echo NX:U3
X=1 3>/dev/null Y=2 qa U4 || echo NX:U4
3>/dev/null X=1 qa U5 || echo NX:U5
`),
  d('quoting', `alias qa='echo EXP'
\\qa U1 || echo NX:U1
'qa' U2 || echo NX:U2
command qa U3 || echo NX:U3
qa U4 || echo NX:U4
`),
  d('loop_second_iteration', `for i in 1 2; do
  qa U1 || echo NX:U1
  alias qa='echo EXP'
done
`),
  d('unalias_same_line', `alias qa='echo EXP'
unalias qa; qa U1 || echo NX:U1
qa U2 || echo NX:U2
`),
  d('conditional_definition', `if [ -n "$HOME" ]; then alias qa='echo EXP'; fi
qa U1 || echo NX:U1
`),
  d('alias_in_function_called', `main() {
  alias qa='echo EXP'
  qa U1 || echo NX:U1
}
main
qa U2 || echo NX:U2
`),
  d('function_defined_after_call', `alias qa='echo EXP'
f() { qa U1 || echo NX:U1; }
f
`),
  d('exit_stops_reading', `alias qa='echo EXP'
exit 0
qa U1 || echo NX:U1
`),
  // constructs tree-sitter-bash misparses, which recovery parses again
  d('recovered_done_brace', `{ for i in 1; do alias qa='echo EXP'; done }
qa U1 || echo NX:U1
`),
  d('recovered_for_without_in', `set -- a
for i do alias qb='echo EXP'; qb U2 || echo NX:U2; done
qb U3 || echo NX:U3
`),
  d('recovered_heredoc_oror', `alias qa='echo EXP'; cat <<E >/dev/null ||
body
E
true; qa U1 || echo NX:U1
qa U2 || echo NX:U2
`),
  d('recovered_test_operands', `alias qa='echo EXP'; [ "$1" = - ] || [ \\( x = x \\) -a ~ != - ]; qa U1 || echo NX:U1
qa U2 || echo NX:U2
`, {}, ['U1', 'U2']),
  d('recovered_nested_subshell', `alias qa='echo EXP'; ((qa U1 || echo NX:U1) | cat)
qa U2 || echo NX:U2
`, {}, ['U1', 'U2']),
  d('recovered_bare_heredoc', `{ alias qa='echo EXP'; <<\\E
body
E
qa U1 || echo NX:U1
}
qa U2 || echo NX:U2
`, {}, ['U1', 'U2']),
  d('recovered_case_patterns', `alias qa='echo EXP'; case "a b" in ?*' '?*) qa U1 || echo NX:U1;; esac
qa U2 || echo NX:U2
`, {}, ['U1', 'U2']),
  d('recovered_extglob_pattern', `shopt -s extglob
alias qa='echo EXP'; case "a b" in *"a"?( )b) qa U1 || echo NX:U1;; esac
qa U2 || echo NX:U2
`, {}, ['U1', 'U2']),
  d('recovered_backtick_newline', `alias qa='echo EXP'; x=\`echo a\`; y=\`
  qa U1 || echo NX:U1\`; echo "$y"
qa U2 || echo NX:U2
`, {}, ['U1', 'U2']),
  d('recovered_string_continuation', `alias qa='echo EXP'; echo "a\\
\${HOME}b" >/dev/null; qa U1 || echo NX:U1
qa U2 || echo NX:U2
`, {}, ['U1', 'U2']),
  d('recovered_read_write', `alias qa='echo EXP'; ( : <>/dev/null ) && qa U1 || echo NX:U1
qa U2 || echo NX:U2
`, {}, ['U1', 'U2']),
  d('recovered_backtick_dollar', "alias qa='echo EXP'; x=`echo ab | sed s/b$//`; qa U1 || echo NX:U1\nqa U2 || echo NX:U2\n"),
  d('set_posix', `alias qa='echo EXP'
set -o posix
qa U1 || echo NX:U1
set +o posix
qa U2 || echo NX:U2
`),
  // bash in posix mode looks for a name without a slash in PATH alone, out of it in the working directory too
  d('posix_source_search', `shopt -s expand_aliases
alias qa='echo EXP'
set -o posix
command . off.sh 2>/dev/null
set +o posix
shopt -s expand_aliases
qa U1 || echo NX:U1
command . off.sh
qa U2 || echo NX:U2
`, { 'off.sh': 'unalias qa\n' }, ['U2']),
  // `local -` brings posix mode back when the function returns; a function's here-document is read by the mode it runs in
  d('posix_local_restore', `shopt -s expand_aliases
alias qa='echo EXP'
f() { local -; set -o posix; }
f
qa U1 || echo NX:U1
shopt -s expand_aliases
g() {
cat <<E
G:$(qa U2 || echo NX:U2)
E
}
g
set +o posix
shopt -s expand_aliases
g
`),
  // `set -o posix` switches expand_aliases only when the mode changes; setting POSIXLY_CORRECT always does
  d('posix_already_on', `alias qa='echo EXP'
POSIXLY_CORRECT=1
shopt -u expand_aliases
set -o posix
qa U1 || echo NX:U1
shopt -s expand_aliases
set +o posix
set +o posix
qa U2 || echo NX:U2
shopt -s expand_aliases
set +o posix
qa U3 || echo NX:U3
POSIXLY_CORRECT=1
shopt -u expand_aliases
POSIXLY_CORRECT=1
qa U4 || echo NX:U4
`, {}, ['U1', 'U2', 'U3', 'U4']),
  // setting POSIXLY_CORRECT, or `shopt -o`, switches posix mode like `set -o`
  d('posixly_correct', `alias qa='echo EXP'
POSIXLY_CORRECT=1
qa U1 || echo NX:U1
unset POSIXLY_CORRECT
qa U2 || echo NX:U2
shopt -s expand_aliases
unset POSIXLY_CORRECT
qa U3 || echo NX:U3
`, {}, ['U1', 'U2', 'U3']),
  d('shopt_o_posix', `alias qa='echo EXP'
shopt -o -s posix
qa U1 || echo NX:U1
shopt -o -u posix
qa U2 || echo NX:U2
`, {}, ['U1', 'U2']),
  // zsh's `set -o` names the options `setopt` does
  d('zsh_set_o_aliases', `alias qa='echo EXP'
unsetopt aliases
qa U1 || echo NX:U1
set -o aliases
qa U2 || echo NX:U2
set +o aliases
qa U3 || echo NX:U3
`, {}, ['U1', 'U2', 'U3']),
  // here-documents tree-sitter-bash misreads: two started on one line, an indented
  // substitution, backticks (rules/workarounds.ts)
  d('heredoc_workarounds', `alias qa='echo EXP'
cat <<A; cat <<B
H:$(qa U1 || echo NX:U1)
A
H:\`qa U2 || echo NX:U2\`
B
cat <<E
  $(qa U3 || echo NX:U3)

	\`qa U4 || echo NX:U4\`
E
`, {}, ['U1', 'U2', 'U3', 'U4']),
  // a here-document body that starts with a backslash (rules/workarounds.ts)
  d('heredoc_leading_backslash', `alias qa='echo EXP'; cat <<E
\\$HOME: $(qa U1 || echo NX:U1)
E
qa U2 || echo NX:U2
`, {}, ['U1', 'U2']),
  // a `<<-` body and delimiter indented with tabs
  d('heredoc_strip_tabs', `alias qa='echo EXP'; cat <<-E
\t$(qa U1 || echo NX:U1)
\tE
qa U2 || echo NX:U2
`, {}, ['U1', 'U2']),
  // a relative path is looked up in the directory the shell is in, which a `cd` changes
  d('cd_before_source', `alias qa='echo EXP'
cd sub
. ./off.sh
qa U1 || echo NX:U1
`, { 'off.sh': 'unalias qa\n', 'sub/off.sh': ':\n' }),
  // a value ending in a tab chains the next word, but not in zsh; one that is empty or blanks only, or ends
  // in an operator, leaves the next word to start a command, everywhere
  d('chain_ends', `shopt -s expand_aliases 2>/dev/null
alias qa='echo EXP'
alias qt='echo CH\t'
qt qa U1 || echo NX:U1h
alias qe=''
qe qa U2 || echo NX:U2
alias x1='echo A;'
x1 qa U3 || echo NX:U3
alias x2='true &&'
x2 qa U4 || echo NX:U4
alias x3='echo B |'
x3 qa U5 || echo NX:U5
alias x4='\t'
x4 qa U6 || echo NX:U6
`, {}, ['U2', 'U3', 'U4', 'U5', 'U6']),
  // an alias named `time` replaces the keyword in bash and zsh, and the program in dash and busybox
  d('time_alias', `shopt -s expand_aliases 2>/dev/null
f() { time U1 2>/dev/null || echo NX:U1; }
alias time='echo EXP'
time U2 2>/dev/null || echo NX:U2
f
`),
  // zsh's `emulate MODE` sets the `aliases` option again; bare `emulate` prints the mode
  d('zsh_emulate', `alias qa='echo EXP'
unsetopt aliases
emulate
qa U1 || echo NX:U1
emulate sh
qa U2 || echo NX:U2
unsetopt aliases
emulate -R ksh
qa U3 || echo NX:U3
unsetopt aliases
emulate zsh -o noaliases
qa U4 || echo NX:U4
`, {}, ['U1', 'U2', 'U3']),
  // dash has no `function` keyword: it runs the body's lines at top level, then stops at the `}`
  d('function_keyword', `alias qa='echo EXP'
function f {
  qa U1 || echo NX:U1
}
f 2>/dev/null
qa U2 || echo NX:U2
`),
  // a function named like a builtin runs in its place (a stub such as `shopt() { :; }`), until `unset -f`
  d('builtin_function', `shopt -s expand_aliases 2>/dev/null
alias qa='echo EXP'
unalias() { :; }
unalias qa
qa U1 || echo NX:U1
alias() { :; }
alias qb='echo EXP'
qb U2 || echo NX:U2
unset -f alias
alias qc='echo EXP'
qc U3 || echo NX:U3
`),
  // a special builtin is another matter: zsh and bash run the function, mksh the builtin; the others stop at the definition
  d('special_builtin_function', `shopt -s expand_aliases 2>/dev/null
alias qa='echo EXP'
eval() { :; }
eval 'unalias qa'
qa U1 || echo NX:U1
`),
  // `exec {fd}>file` opens a descriptor and goes on in bash, zsh and ksh93; elsewhere it runs `{fd}`, which is not found
  d('named_descriptor', `shopt -s expand_aliases 2>/dev/null
alias qa='echo EXP'
exec {fd}>/dev/null
qa U1 || echo NX:U1
`, {}, ['U1']),
  // a here-string after a brace group (a syntax error in dash, busybox and mksh)
  d('group_herestring', `shopt -s expand_aliases 2>/dev/null
alias qa='echo EXP'
{ qa U1 || echo NX:U1; } <<< "x"
`, {}, ['U1']),
  // `break 2` and `continue 2` leave the outer loop too; the line after the inner loop never runs
  d('break_levels', `shopt -s expand_aliases 2>/dev/null
for i in 1 2; do
  for j in 1; do break 2; done
  alias qa='echo EXP'
done
qa U1 || echo NX:U1
for i in 1 2; do
  for j in 1; do continue 2; done
  alias qb='echo EXP'
done
qb U2 || echo NX:U2
`, {}, ['U1', 'U2']),
  // zsh's `unfunction` removes a function as `unset -f` does
  d('zsh_unfunction', `d() { alias qa='echo EXP'; }
unfunction d
d 2>/dev/null
qa U1 || echo NX:U1
`, {}, ['U1']),
  // dash reads `&>` as `&` then `>`: the alias is defined in a background job
  d('ampersand_redirect', `shopt -s expand_aliases 2>/dev/null
alias qa='echo EXP' &>/dev/null
qa U1 || echo NX:U1
`, {}, ['U1']),
  // zsh's `disable -a` switches an alias off; `setopt +o aliases` unsets the option
  d('zsh_alias_switch', `alias qa='echo EXP' qb='echo EXP'
disable -a qa
qa U1 || echo NX:U1
setopt +o aliases
qb U2 || echo NX:U2
`),
  // an alias whose value removes another alias
  d('alias_value_unalias', `shopt -s expand_aliases 2>/dev/null
alias qa='unalias qb' qb='echo EXP'
qa
qb U1 || echo NX:U1
`),
  // a trap's handler that sources a file runs it when the signal comes: a quoted `.` counts
  d('trap_source', `shopt -s expand_aliases 2>/dev/null
alias qa='echo EXP'
trap '. ./inc.sh' USR1
kill -USR1 $$
qa U1 || echo NX:U1
`, { 'inc.sh': 'unalias qa\n' }),
  // an alias whose value is `.` sources the file named after its use
  d('alias_value_source', `shopt -s expand_aliases 2>/dev/null
alias qa='echo EXP' load=.
load ./inc.sh
qa U1 || echo NX:U1
`, { 'inc.sh': 'unalias qa\n' }),
  // an alias whose value is `return` may end the sourced file that uses it
  d('alias_value_return', `shopt -s expand_aliases 2>/dev/null
. ./inc.sh
qb U1 || echo NX:U1
`, { 'inc.sh': `alias ret=return
ret
alias qb='echo EXP'
` }),
  // only the value's command words can change the shell: \`echo QB-ALIAS\` cannot
  d('alias_value_word', `shopt -s expand_aliases 2>/dev/null
alias qb='echo QB-ALIAS'
qb U1 || echo NX:U1
qb U2 || echo NX:U2
`, {}, ['U1', 'U2']),
  // bash --posix reads `<( )` with its line and again when it runs
  d('procsub_read_and_run', `shopt -s expand_aliases 2>/dev/null
alias qa='echo EXP'
f() { cat <(qa U1 || echo NX:U1); }
unalias qa
f
`),
  // ksh93 and mksh refuse a name with `/` and define nothing after it in the command
  d('refused_alias_name', `shopt -s expand_aliases 2>/dev/null
alias 'q/x=echo' qa='echo EXP' 2>/dev/null
qa U1 || echo NX:U1
`, {}, ['U1']),
  // plain bash that enters posix mode reads substitutions by posix rules: a function's `$( )` as read, a here-document's never
  d('posix_mode_midway', `shopt -s expand_aliases
alias qa='echo EXP'
f() { x=$(qb U1 || echo NX:U1); echo "$x"; }
alias qb='echo EXP'
set -o posix
f
cat <<EOF
$(qa U2 || echo NX:U2)
EOF
g() { y=$(qa U3 || echo NX:U3); echo "$y"; }
set +o posix
g
`),
  // options of `alias` and `unalias`: refused, or another kind of alias, in some shells; zsh's `-g` defines one commands expand
  d('alias_options', `shopt -s expand_aliases 2>/dev/null
alias -x qa='echo EXP' 2>/dev/null
qa U1 || echo NX:U1
alias -p qb='echo EXP' >/dev/null 2>&1
qb U2 || echo NX:U2
alias -g qc='echo EXP' 2>/dev/null
qc U3 || echo NX:U3
alias qd='echo EXP'
unalias -s qd 2>/dev/null
qd U4 || echo NX:U4
alias qe='echo EXP'
unalias -m 'q*' 2>/dev/null
qe U5 || echo NX:U5
`),
  // `builtin` runs nothing in dash, busybox and ksh93; zsh's `command` runs no builtin unless POSIX_BUILTINS is set
  d('prefix_runs_builtin', `shopt -s expand_aliases 2>/dev/null
builtin alias qa='echo EXP' 2>/dev/null
qa U1 || echo NX:U1
command alias qb='echo EXP' 2>/dev/null
qb U2 || echo NX:U2
alias qc='echo EXP'
command unalias qc 2>/dev/null
qc U3 || echo NX:U3
`, {}, ['U1']),
  // a test of a shell's version variable: known in each shell, so a branch for another shell defines nothing
  d('version_guard', `shopt -s expand_aliases 2>/dev/null
if [ -n "$ZSH_VERSION" ]; then alias qa='echo EXP'; fi
qa U1 || echo NX:U1
[ -n "\${BASH_VERSION:-}" ] && alias qb='echo EXP'
qb U2 || echo NX:U2
if [ -z "\${KSH_VERSION-}" ]; then alias qc='echo EXP'; else unalias qc 2>/dev/null; fi
qc U3 || echo NX:U3
f() { qd U4 || echo NX:U4; }
[ -n "$BASH_VERSION" ] || alias qd='echo EXP'
f
if [[ -z \${ZSH_VERSION-} ]]; then alias qe='echo EXP'; fi
qe U5 || echo NX:U5
if [ -n $ZSH_VERSION ]; then alias qf='echo EXP'; fi
qf U6 || echo NX:U6
`),
  // the keyword of a declaration or `unset` is read as a command name: an alias of that name replaces it
  d('declaration_keyword', `shopt -s expand_aliases 2>/dev/null
alias export='echo EXP'
( export U1-x 2>/dev/null ) || echo NX:U1
f() { ( local U2-x 2>/dev/null ) || echo NX:U2; }
alias local='echo EXP'
f
g() { ( local U3-x 2>/dev/null ) || echo NX:U3; }
g
alias unset='echo EXP'; ( unset U4-x 2>/dev/null ) || echo NX:U4
( unset U5-x 2>/dev/null ) || echo NX:U5
alias typeset='echo EXP'; ( typeset U6-x 2>/dev/null ) || echo NX:U6
( typeset U7-x 2>/dev/null ) || echo NX:U7
`, {}, ['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7']),
  // a name without a slash: `.` looks in PATH alone but in bash; `source` in the working directory too in bash, zsh and mksh
  d('dot_name_searches_path', `shopt -s expand_aliases 2>/dev/null
alias qa='echo EXP'
. ./off.sh
qa U1 || echo NX:U1
alias qa='echo EXP'
. off.sh 2>/dev/null
qa U2 || echo NX:U2
`, { 'off.sh': 'unalias qa\n' }),
  d('source_name_searches_path', `shopt -s expand_aliases 2>/dev/null
alias qa='echo EXP'
source off.sh 2>/dev/null
qa U1 || echo NX:U1
`, { 'off.sh': 'unalias qa\n' }),
  // commands after a here-document on its line, past a `;`, an `&` or another here-document
  d('heredoc_then_command', `alias qa='echo EXP'; cat <<A; qa U1 || echo NX:U1
body
A
qa U2 || echo NX:U2
cat <<B >/dev/null & qb U3 || echo NX:U3
body
B
wait
alias qb='echo EXP'
cat <<C && cat <<D; qb U4 || echo NX:U4
c
C
d
D
cat <<F&&alias qc='echo EXP'&&qc U5 || echo NX:U5
f
F
`, {}, ['U1', 'U2', 'U3', 'U4', 'U5']),
  // bash 5.2 runs this body printed again, without the `;` after `fi`: a syntax error
  d('comsub_heredoc_in_compound', `alias qa='echo EXP'
shopt -s expand_aliases 2>/dev/null
echo "C:$(if true; then cat <<A
H
A
fi; qa U1 || echo NX:U1)"
qa U2 || echo NX:U2
`),
  // bash runs a $( ) body from its printed form, redirections after the words
  d('prefix_in_comsub', `shopt -s expand_aliases 2>/dev/null
alias qa='echo EXP'
echo "A:$(X=1 3>/dev/null qa U1 || echo NX:U1)"
echo "B:$(f() { X=1 3>/dev/null qa U2 || echo NX:U2; }; f)"
echo "C:$(echo \`X=1 3>/dev/null qa U3 || echo NX:U3\`)"
echo "D:$(eval 'X=1 3>/dev/null qa U4 || echo NX:U4')"
X=1 3>/dev/null qa U5 || echo NX:U5
`, {}, ['U1', 'U2', 'U4', 'U5']),
  // a literal word in the list: the body runs at least once
  d('for_literal_list', `alias qa='echo EXP'
for i in 1 $nothing; do unalias qa; done
qa U1 || echo NX:U1
`, {}, ['U1']),
  // `set` options end at `--` or the first word that is not one; combined flags may end in `o`
  d('set_positional', `alias qa='echo EXP'
set -- -o posix "$HOME"
qa U1 || echo NX:U1
x='-o posix'
set -- $x
qa U2 || echo NX:U2
set -ao posix
qa U3 || echo NX:U3
`, {}, ['U1', 'U2', 'U3']),
  // a carriage return is part of the line's last word: here an argument's, or a comment's
  d('crlf_lines', crlf(`alias qa='echo EXP' #
qa U1 || echo NX:U1
qa U2 || echo NX:U2 #
echo "$(qa U3 || echo NX:U3 #
)"
`), {}, ['U1', 'U2', 'U3']),
  // bash rejects the option `expand_aliases\r`, and takes it without the carriage return
  d('crlf_shopt', crlf(`shopt -s expand_aliases
alias qa='echo EXP' #
qa U1 || echo NX:U1
shopt -s expand_aliases #
qa U2 || echo NX:U2
`), {}, ['U1', 'U2']),
  // the delimiter of a here-document on a CRLF line is `EOF\r`, and its last line is too
  d('crlf_heredoc', crlf(`alias qa='echo EXP'; cat <<EOF
hi
EOF
qa U1 || echo NX:U1 #
cat <<E
$(qa U2 || echo NX:U2)
E
`), {}, ['U1', 'U2']),
  // an alias whose value opens a here-document: the lines after its use are its body, up to the delimiter
  d('alias_opens_heredoc', `alias qa='echo EXP'
alias t='cat >/dev/null <<\\E'
t
alias qa='echo CHANGED'; qa U1 || echo NX:U1
E
qa U2 || echo NX:U2
`, {}, ['U2']),
  // an alias whose value opens a brace group: the shell reads the lines after its use into the group, up to `end`
  d('alias_opens_brace', `alias begin='{' end='}'
begin
alias qa='echo EXP'
qa U1 || echo NX:U1
end
qa U2 || echo NX:U2
`),
  // a byte order mark is part of the file's first word: `\uFEFFalias` is no command
  d('bom_first_word', `\uFEFFalias qa='echo EXP'
qa U1 || echo NX:U1
alias qa='echo EXP'
qa U2 || echo NX:U2
`, {}, ['U1', 'U2']),
  // a value that ends in a form feed (or a line's carriage return): mksh reads the next word as an alias, as after a blank
  d('alias_value_form_feed', "shopt -s expand_aliases 2>/dev/null\nalias qa='echo EXP' #\nalias qs='echo CH\f'\nqs qa U1 || echo NX:U1\n", {}, ['U1']),
];

// Reductions of false alarms met on real scripts (see docs/real-world.md).
// Each must stay silent; each was reported before its fix.
import { describe, expect, it } from 'vitest';
import { lint, LintOptions } from '../../rules';

const quiet = (text: string, filename?: string) =>
  expect(lint(text, { filename }).diagnostics.map((d) => `${d.ruleId}: ${d.message}`)).toEqual([]);

/** Every diagnostic, as `rule line:column`: what stays reported beside the false alarm that went. */
function reports(text: string, options: LintOptions = {}): string[] {
  const r = lint(text, options);
  const lines = text.slice(0).split('\n');
  const at = (o: number) => {
    let line = 0;
    let start = 0;
    while (line < lines.length - 1 && start + lines[line].length + 1 <= o) start += lines[line++].length + 1;
    return `${line + 1}:${o - start + 1}`;
  };
  return r.diagnostics.map((d) => `${d.ruleId} ${at(d.start)}`);
}

const script = { executable: true };

describe('real-world reductions', () => {
  it('a file meant to be sourced ends at a top-level return', () => {
    quiet('return 0\nalias alias=:\n', 'examples/zshenv');
  });

  it('redefining the `alias` builtin is not a use of it', () => {
    quiet('#!/bin/sh\nalias alias=:\n');
  });

  it('an alias whose value is its own name changes nothing', () => {
    quiet('#!/bin/zsh\nbindkey -lL | grep x\n(\n  alias bindkey=bindkey\n  bindkey () { :; }\n)\n');
  });

  it('a library without a shebang inherits expand_aliases from whoever sources it', () => {
    quiet('function catch { return 1; }\nalias catch="noglob catch"\ncatch x\n', 'lib/catch');
  });

  it('a command used before an alias that decorates it is the plain command on purpose', () => {
    quiet("#!/bin/sh\ngrep -q x /etc/hosts\nalias grep='grep --color=auto'\n");
  });

  it('zsh start-up files and autoloaded functions are zsh', () => {
    expect(lint('', { filename: 'usr/share/zsh/functions/Exceptions/catch' }).dialect.dialect.id).toBe('zsh');
    expect(lint('', { filename: 'home/u/.zshrc' }).dialect.dialect.id).toBe('zsh');
  });

  // class C: the definition is not idle when the file's aliases outlive it
  it('an alias of a file written to be sourced is for the shell that sources it', () => {
    // home-fries: the function that defines it is called by the interactive shell; the
    // function read before it still runs the plain command
    const text = '#!/usr/bin/env bash\nwire() {\n  alias ag=\'ag --smart-case\'\n}\npeek() {\n  ag -A 0 "$@"\n}\n'
      + 'if [ "$0" = "${BASH_SOURCE[0]}" ]; then\n  echo \'source me\' >&2\n  exit 1\nfi\n';
    expect(reports(text)).toEqual(['function-read-before-alias 6:3']);
  });

  it('a definition that code aliascope cannot follow may have used is not idle', () => {
    // scm_breeze: the alias is meant for the file sourced after it
    const sourced = '#!/bin/bash\nshopt -s expand_aliases\nsetup() {\n  alias sed="$sed_path"\n'
      + '  type whence >/dev/null 2>&1 || whence() { type "$@" | sed -e \'s/x//\'; }\n  source "$lib/shortcuts.sh"\n}\nsetup\n';
    expect(reports(sourced)).toEqual(['alias-definition-expansion 4:9', 'alias-in-function 5:57']);
    // poudriere: an eval of a variable runs after it
    const evaled = 'check() {\n  assert_ret 0 "$@"\n}\nalias assert_ret=\'_assert_ret "$LINENO"\'\neval "$hook"\n';
    expect(reports(evaled)).toEqual(['function-read-before-alias 2:3']);
  });

  // alias-dies-with-script
  it('an alias for another shell, named after a declaration command, is not reported where it is never defined', () => {
    // bug-report: `local` for ksh93, which has only typeset; in bash the branch never runs
    const text = '#!/bin/bash\nif [[ ${KSH_VERSION-} ]]; then\n  alias local=typeset\nfi\nf() {\n  local x=1\n  echo "$x"\n}\nf\n';
    expect(reports(text, { file: script })).toEqual([]);
  });

  it('a script that writes aliases for itself leaves an unused one as dead code, not one meant for its caller', () => {
    // bash-oo-framework: expand_aliases on, and the other aliases used
    expect(reports('#!/usr/bin/env bash\nshopt -s expand_aliases\nalias @return=\'printf "%s\\n"\'\nalias @get=\'printf "%s\\n"\'\n', { file: script })).toEqual([]);
    expect(reports('#!/bin/sh\nalias @return=\'printf "%s\\n"\'\nalias @get=\'printf "%s\\n"\'\n@return done\n', { file: script })).toEqual([]);
    // still reported: nothing says the aliases are the script's own
    expect(reports('#!/bin/sh\nalias @return=\'printf "%s\\n"\'\nalias @get=\'printf "%s\\n"\'\n', { file: script }))
      .toEqual(['alias-dies-with-script 2:7', 'alias-dies-with-script 3:7']);
  });

  // class G
  it('an alias that sets the positional parameters through eval is a macro over the caller\'s', () => {
    // modernish: shellquoteparams quotes "$@" in place
    expect(reports('alias quoteparams=\'{ _q "$@" && eval "set -- $R"; }\'\n')).toEqual([]);
    expect(reports('alias greet=\'echo "hello $1"; eval "$x"\'\n')).toEqual(['alias-positional-params 1:7']);
  });

  // class E
  it('a dotfile that is not executable is sourced, and inherits expand_aliases', () => {
    // mathiasbynens/dotfiles: .functions, sourced by .bash_profile; `o` was still read before the alias
    const text = '#!/usr/bin/env bash\no() {\n  open .\n}\nalias open=xdg-open\nop() {\n  open "$@"\n}\n';
    expect(reports(text, { filename: 'home/.functions', file: { executable: false } })).toEqual(['function-read-before-alias 3:3']);
    expect(reports(text, { filename: 'home/.functions' })).toEqual(['function-read-before-alias 3:3']);
    // run as a script of its own: the option is off
    expect(reports(text, { filename: 'home/.functions', file: script }))
      .toEqual(['function-read-before-alias 3:3', 'alias-never-expands 5:7', 'expand-aliases-off 7:3']);
    expect(reports(text, { filename: 'home/functions.sh' }))
      .toEqual(['function-read-before-alias 3:3', 'alias-never-expands 5:7', 'expand-aliases-off 7:3']);
  });

  // class A
  it('a function read before the alias runs the function of the alias\'s name that the script defines for it', () => {
    // poudriere: assert_ret is a function for "$@" contexts and an alias that adds $LINENO
    const text = '_assert_ret() { shift 2; "$@"; }\nassert_ret() { _assert_ret "${lineinfo-}" "$@"; }\n'
      + 'assert_true() { assert_ret 0 "$@"; }\nalias assert_ret=\'_assert_ret "$LINENO" \'\nassert_true true\n';
    expect(reports(text)).toEqual([]);
    // without the function, the early function runs a missing command
    expect(reports('assert_true() { assert_ret 0 "$@"; }\nalias assert_ret=\'_assert_ret "$LINENO" \'\nassert_true true\n'))
      .toEqual(['function-read-before-alias 1:17', 'alias-never-expands 2:7']);
  });

  it('an alias to a variable holding the path of its own command runs that command', () => {
    // scm_breeze's test: `export sed_path="$(bin_path sed)"` `alias sed="$sed_path"`, with `whence` read before
    const setup = (path: string) => `#!/bin/bash\nsetUp() {\n  export sed_path="$(${path})"\n  alias sed="$sed_path"\n`
      + '  whence() { type "$@" | sed -e "s/x//"; }\n}\nsetUp\n';
    expect(reports(setup('bin_path sed'))).toEqual(['alias-definition-expansion 4:9']);
    // another command's path is a different command
    expect(reports(setup('command -v gsed'))).toEqual(['alias-definition-expansion 4:9', 'alias-never-expands 4:9', 'alias-in-function 5:26']);
  });

  // class D
  it('an alias defined in a command substitution is for the commands it runs', () => {
    // ksh93's tests: `alias cat=false` inside $( ) to test whence; the other cats are the command
    const text = 'x=$(cat </dev/null)\ngot=$(alias cat=false\n  whence -a cat)\ncat /dev/null\n';
    expect(reports(text, { dialect: 'ksh' })).toEqual([]);
    // a plain subshell is still reported: its alias was meant to outlive it
    expect(reports('( alias cat=false )\ncat /dev/null\n', { dialect: 'ksh' })).toEqual(['alias-never-expands 1:9', 'subshell-alias 2:1']);
    // so is a substitution that never names the alias again: nothing in it was meant to run it
    expect(reports("x=$(alias k='echo hi'; echo set)\nk\n")).toEqual(['alias-never-expands 1:11', 'subshell-alias 2:1']);
  });

  it('`${ cmd; }` runs in the current shell (ksh93), so its definitions reach what follows', () => {
    // ksh93's tests: the use gets 'echo shared', not the subshell's definition, nor none
    const text = 'alias al=\'echo main\'\n( alias al=\'echo sub\' )\nv=${ alias al=\'echo shared\'; } && [[ $(eval \'al\') == shared ]] && echo ok\n';
    expect(reports(text, { dialect: 'ksh' })).toEqual([]);
  });

  it('a use on another branch of the `if` that defines the alias runs the command', () => {
    // modernish: `let --` where the builtin takes it, the builtin as is on the elif
    const text = "#!/bin/sh\nif let -- 1; then\n\talias let='let --'\nelif let 1; then\n\tgood=y\nfi\n";
    expect(reports(text)).toEqual([]);
    // a use on the definition's own branch is still read before it runs
    expect(reports(text.replace('\nelif', '\n\tlet 2\nelif'))).toEqual(['same-unit 3:8', 'same-unit 4:2']);
  });
});

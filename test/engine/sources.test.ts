// A file with no alias text of its own is modelled only when a file it can
// source has some: the quick look for such files must find every path the
// model itself would follow.
import { describe, expect, it } from 'vitest';
import { lint, sourcedNames, Tri } from '../../rules';

function uses(files: Record<string, string>) {
  const { analysis } = lint(files['main.sh'], {
    filename: 'main.sh',
    resolveSource: (p) => (p in files ? { text: files[p], name: p } : undefined),
  });
  return analysis.uses.map((u) => ({ name: u.name, outcomes: u.resolutions.map((r) => r.outcome) }));
}

const LIB = "shopt -s expand_aliases\nalias ll='ls -l'\n";

describe('following source to alias text', () => {
  it.each([
    ['a plain path', '. ./lib.sh'],
    ['a double-quoted path with a space', 'source "./lib dir.sh"'],
    ['a single-quoted path', "source './lib dir.sh'"],
    ['a path in parts', 'source ./"lib dir".sh'],
    ['an escaped space', 'source ./lib\\ dir.sh'],
    ['a file that sources the file with the alias', 'source ./mid.sh'],
    ['a path after a semicolon', 'true;. ./lib.sh'],
    ['a path in a single-quoted eval string', "eval '. ./lib.sh'"],
    ['a path after a command in an eval string', 'eval "x=1; source ./lib.sh"'],
    ['a path in an eval string with a quote further on', "eval '. ./lib.sh'\n# the script's end"],
  ])('models %s', (_, line) => {
    const files = {
      'main.sh': `#!/bin/bash\n${line}\nll /tmp\n`,
      './lib.sh': LIB,
      './lib dir.sh': LIB,
      './mid.sh': 'source ./lib.sh\n',
    };
    expect(uses(files)).toEqual([{ name: 'll', outcomes: [1] }]);
  });

  it.each([
    ['a path with an expansion', 'source "$dir/lib.sh"'],
    ['a path that does not resolve', 'source ./missing.sh'],
  ])('has nothing to model for %s', (_, line) => {
    expect(uses({ 'main.sh': `#!/bin/bash\n${line}\nll /tmp\n`, './lib.sh': LIB })).toEqual([]);
  });
});

describe("the script's own folder", () => {
  it.each([
    ['dirname of $0', '. "$(dirname "$0")/lib.sh"'],
    ['dirname of readlink -f $0', '. "$(dirname "$(readlink -f "$0")")/lib.sh"'],
    ['dirname of realpath -- $0', '. "$(dirname -- "$(realpath -- "$0")")/lib.sh"'],
    ['readlink -e of the dirname', 'source "$(readlink -e "$(dirname "$0")")/lib.sh"'],
    ['cd to the dirname of readlink -f BASH_SOURCE, and pwd', 'DIR=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)\n. "$DIR/lib.sh"'],
  ])('is followed: %s', (_, lines) => {
    expect(uses({ 'main.sh': `#!/bin/bash\n${lines}\nll /tmp\n`, '$SCRIPT_DIR/lib.sh': LIB })).toEqual([{ name: 'll', outcomes: [1] }]);
  });

  it('is not where BASH_SOURCE names it outside bash, where the variable is unset', () => {
    const main = (shell: string) => `#!/bin/${shell}\n. "\${BASH_SOURCE%/*}/lib.sh"\nll /tmp\n`;
    expect(uses({ 'main.sh': main('bash'), '$SCRIPT_DIR/lib.sh': LIB })).toEqual([{ name: 'll', outcomes: [1] }]);
    expect(uses({ 'main.sh': main('zsh'), '$SCRIPT_DIR/lib.sh': "alias ll='ls -l'\n" })).toEqual([{ name: 'll', outcomes: [Tri.Maybe] }]);
  });

  it('is the started script\'s for $0 in a sourced file, except in zsh, where $0 names that file', () => {
    const files = (shell: string, at: string) => ({
      'main.sh': `#!/bin/${shell}\n. ${at}/a.sh\nll /tmp\n`, [`${at}/a.sh`]: '. "$(dirname "$0")/lib.sh"\n',
      '$SCRIPT_DIR/lib.sh': shell === 'bash' ? LIB : "alias ll='ls -l'\n",
    });
    expect(uses(files('bash', './lib'))).toEqual([{ name: 'll', outcomes: [Tri.Maybe] }]);
    expect(uses(files('bash', '.'))).toEqual([{ name: 'll', outcomes: [1] }]);
    expect(uses(files('zsh', './lib'))).toEqual([{ name: 'll', outcomes: [1] }]);
  });

  it.each([
    ['a loop', 'for HERE in sub; do :; done'],
    ['read', 'read -r HERE < /dev/null'],
    ['+=', 'HERE+=/sub'],
    ['printf -v', 'printf -v HERE %s sub'],
    ['getopts', 'getopts d: HERE'],
  ])('is not a variable written again, by %s', (_, write) => {
    const main = `#!/bin/bash\nHERE=$(dirname "$0")\n${write}\n. "$HERE/lib.sh"\nll /tmp\n`;
    expect(uses({ 'main.sh': main, '$SCRIPT_DIR/lib.sh': LIB })).toEqual([]);
    expect(uses({ 'main.sh': main.replace(`${write}\n`, ''), '$SCRIPT_DIR/lib.sh': LIB })).toEqual([{ name: 'll', outcomes: [1] }]);
  });

  it('is not taken from readlink without -f, -e or -m, which prints a link\'s target as written', () => {
    expect(uses({ 'main.sh': '#!/bin/bash\n. "$(dirname "$(readlink "$0")")/lib.sh"\nll /tmp\n', '$SCRIPT_DIR/lib.sh': LIB })).toEqual([]);
  });
});

describe('source-path directives', () => {
  it.each([
    ['SCRIPTDIR with a folder, and a path through a variable', '# shellcheck source-path=SCRIPTDIR/lib\nsource "$dir/aliases.sh"', '$SCRIPT_DIR/lib/aliases.sh'],
    ['SCRIPTDIR, and a braced variable', '# shellcheck source-path=SCRIPTDIR\n. "${HERE}/aliases.sh"', '$SCRIPT_DIR/aliases.sh'],
    ['a relative folder, and a literal path found nowhere else', '# aliascope source-path=lib/\n. aliases.sh', 'lib/aliases.sh'],
  ])('are searched: %s', (_, lines, path) => {
    expect(uses({ 'main.sh': `#!/bin/bash\n${lines}\nll /tmp\n`, [path]: LIB })).toEqual([{ name: 'll', outcomes: [1] }]);
  });

  it('do not make a path with an expansion followable without them, nor one with two expansions', () => {
    expect(uses({ 'main.sh': '#!/bin/bash\nsource "$dir/aliases.sh"\nll /tmp\n', 'aliases.sh': LIB, '$SCRIPT_DIR/aliases.sh': LIB })).toEqual([]);
    expect(uses({ 'main.sh': '#!/bin/bash\n# shellcheck source-path=SCRIPTDIR\nsource "$a/$b.sh"\nll /tmp\n', '$SCRIPT_DIR/aliases.sh': LIB })).toEqual([]);
  });
});

describe('file names sourced from a folder known only at run time', () => {
  it.each([
    ['a double-quoted folder variable', '. "$OS/bash_colors"', ['bash_colors']],
    ['a bare braced variable', 'source ${dir}/lib.sh', ['lib.sh']],
    ['after a semicolon, and inside a function', 'f() { true; . "$dir/aliases"; }', ['aliases']],
    ['a command substitution folder', '. $(dirname $0)/aliases.sh', []],
    ['a single-quoted word, never expanded', "source '$x/lib.sh'", []],
    ['a literal path, which sourcedPaths follows', '. ./lib.sh', []],
    ['a file name that is itself an expansion', '. "$a"', []],
    ['a glob', '. "$d"/*.sh', []],
    ['a dot that is not the command', 'echo a. "$OS/colors"', []],
    ['a loop over a glob', 'for f in "$dir"/*.sh; do . "$f"; done', ['*.sh']],
    ['a loop over names, in a folder', 'for f in lib.sh util.sh; do . "./$f"; done', ['lib.sh', 'util.sh']],
    ['a loop in a function, over several lines', 'load() {\n  for file in "$1"/*.bash; do\n    source "${file}"\n  done\n}', ['*.bash']],
    ['a variable no loop sets', 'f=x\n. "$f"', []],
    ['a home folder, by tilde or quoted variable', '. ~/scripts/aliases\n[ -f ~/x ] && . ~/x\nsource "$HOME"/lib/util.sh', ['aliases', 'x', 'util.sh']],
    ['a quoted tilde, never expanded', '. "~/scripts/aliases"', []],
    ['a name with a blank in quotes', '. "$HOME/my aliases"', []],
  ])('%s', (_, line, names) => {
    expect(sourcedNames(`#!/bin/bash\n${line}\n`)).toEqual(names);
  });
});

// A relative path is looked up where the shell is: the host's folders hold only until a `cd`.
describe('the working directory', () => {
  const ll = (main: string) => uses({ 'main.sh': `#!/bin/bash\n${main}`, './lib.sh': LIB, '$SCRIPT_DIR/lib.sh': LIB }).filter((u) => u.name === 'll');

  it.each([
    ['the script is where it started', '. ./lib.sh\nll\n'],
    ["it went into the script's folder", 'cd "$(dirname "$0")" || exit 1\n. ./lib.sh\nll\n'],
    ["it went into the script's folder through a variable", 'here=$(cd "${BASH_SOURCE%/*}" && pwd)\ncd -P -- "$here"\nsource lib.sh\nll\n'],
    ['only a subshell moved', '(cd /tmp && ls)\n. ./lib.sh\nll\n'],
  ])('follows a relative path when %s', (_, main) => {
    expect(ll(main)).toEqual([{ name: 'll', outcomes: [Tri.Yes] }]);
  });

  it.each([
    ['a cd anywhere else', 'cd /tmp\n. ./lib.sh\nll\n'],
    ['a cd in a function that ran', 'go() { cd sub; }\ngo\n. ./lib.sh\nll\n'],
    ['a cd on one branch', 'if [ -n "$1" ]; then cd "$(dirname "$0")"; fi\n. ./lib.sh\nll\n'],
    ['a pushd', 'pushd "$(dirname "$0")"\n. ./lib.sh\nll\n'],
  ])('follows no relative path after %s', (_, main) => {
    const { analysis } = lint(`#!/bin/bash\nalias ll=x\n${main}`, {
      filename: 'main.sh', resolveSource: (p) => (p === './lib.sh' || p === '$SCRIPT_DIR/lib.sh' ? { text: LIB, name: p } : undefined),
    });
    expect(analysis.unknowns.map((u) => u.what)).toEqual(['source']);
  });
});

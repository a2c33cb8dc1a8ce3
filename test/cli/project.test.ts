// The linted files as one project: a file other linted files source is judged
// in the state each sourcer has at its `source` line. Each claim about what
// bash does is checked by running bash on the same files.
import { spawnSync } from 'child_process';
import { chmodSync } from 'fs';
import { join } from 'path';
import { describe, expect, it } from 'vitest';
import { aliascope, project } from './helpers';

interface JsonFile {
  filePath: string;
  messages: { ruleId: string; line: number; column: number; message: string; fix?: unknown }[];
}

/** `file → ["line:column rule: message"]` for every linted file. */
function lintJson(dir: string, args: string[] = ['.']): Record<string, string[]> {
  const r = aliascope(['--format', 'json', ...args], { cwd: dir });
  expect(r.stderr).toBe('');
  return Object.fromEntries((JSON.parse(r.stdout) as JsonFile[])
    .map((f) => [f.filePath.slice(dir.length + 1), f.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`)]));
}

/** What bash prints, both streams, running `script` in `dir`. */
function bash(dir: string, script: string): string {
  return spawnSync('bash', ['-c', `bash ${script} 2>&1`], { cwd: dir, encoding: 'utf8' }).stdout;
}

const NEVER = '1:7 alias-never-expands: Alias `ll` never expands: its only use is read when the alias is not in effect.';
const OFF = '`ll` on line 2 is read while `expand_aliases` is off, so bash runs the command, not the alias; non-interactive bash expands aliases only after `shopt -s expand_aliases` has run on an earlier line.';

describe('a file other linted files source', () => {
  it('is judged in the state of its sourcer, and the message names the source line', () => {
    const dir = project({
      'main.sh': '#!/bin/bash\nsource ./lib.sh\necho done\n',
      'lib.sh': "alias ll='echo expanded'\nll\n",
    });
    expect(lintJson(dir)).toEqual({
      'lib.sh': [`${NEVER} (when sourced from main.sh line 2)`, `2:1 expand-aliases-off: ${OFF} (when sourced from main.sh line 2)`],
      'main.sh': [],
    });
    // on its own, a file without a shebang may be sourced by a shell with expand_aliases on
    expect(lintJson(dir, ['lib.sh'])).toEqual({ 'lib.sh': [] });
    expect(bash(dir, 'main.sh')).toBe('./lib.sh: line 2: ll: command not found\ndone\n');
  });

  it('loses the false alarm of its own run when its sourcer enables expand_aliases', () => {
    const lib = "#!/bin/bash\nalias ll='echo expanded'\nll\n";
    const dir = project({
      'main.sh': '#!/bin/bash\nshopt -s expand_aliases\n. ./lib.sh\n',
      'lib.sh': lib,
    });
    // alone, it is a script of its own, where bash leaves expand_aliases off
    expect(lintJson(dir, ['lib.sh'])).toEqual({
      'lib.sh': ['2:7 alias-never-expands: Alias `ll` never expands: its only use is read when the alias is not in effect.', '3:1 expand-aliases-off: `ll` on line 3 is read while `expand_aliases` is off, so bash runs the command, not the alias; non-interactive bash expands aliases only after `shopt -s expand_aliases` has run on an earlier line.'],
    });
    expect(lintJson(dir)).toEqual({ 'lib.sh': [], 'main.sh': [] });
    expect(bash(dir, 'main.sh')).toBe('expanded\n');
  });

  it('is reported only when the use fails in every file that sources it', () => {
    const dir = project({
      'on.sh': '#!/bin/bash\nshopt -s expand_aliases\nsource ./lib.sh\n',
      'off.sh': '#!/bin/bash\nsource ./lib.sh\n',
      'lib.sh': "alias ll='echo expanded'\nll\n",
    });
    expect(lintJson(dir)).toEqual({ 'lib.sh': [], 'off.sh': [], 'on.sh': [] });
    expect(bash(dir, 'on.sh')).toBe('expanded\n');
    expect(bash(dir, 'off.sh')).toBe('./lib.sh: line 2: ll: command not found\n');

    const both = project({
      'a.sh': '#!/bin/bash\nsource ./lib.sh\n',
      'b.sh': '#!/bin/bash\ntrue\nsource ./lib.sh\n',
      'lib.sh': "alias ll='echo expanded'\nll\n",
    });
    expect(lintJson(both)['lib.sh']).toEqual([`${NEVER} (when sourced from a.sh line 2, b.sh line 3)`, `2:1 expand-aliases-off: ${OFF} (when sourced from a.sh line 2, b.sh line 3)`]);
  });

  it('uses the definitions its sourcer made before the source line', () => {
    const dir = project({
      'main.sh': "#!/bin/bash\nshopt -s expand_aliases\nsource ./lib.sh\nalias ll='echo expanded'\nsource ./lib.sh\n",
      'lib.sh': 'll\n',
    });
    // the first run of lib.sh gets no alias, the second gets it: not every run fails
    expect(lintJson(dir)).toEqual({ 'lib.sh': [], 'main.sh': [] });
    expect(bash(dir, 'main.sh')).toBe('./lib.sh: line 1: ll: command not found\nexpanded\n');
  });

  it('does not report a use in a function its sourcers never call: a library for the interactive shell', () => {
    const dir = project({
      'main.sh': '#!/bin/bash\nsource ./lib.sh\nhello\n',
      'lib.sh': "alias ll='ls -l'\nlsl() { ll \"$@\"; }\nhello() { echo hello; }\n",
    });
    expect(lintJson(dir)).toEqual({ 'lib.sh': [], 'main.sh': [] });
    // once the script calls it, it fails there
    const calls = project({
      'main.sh': '#!/bin/bash\nsource ./lib.sh\nlsl /\n',
      'lib.sh': "alias ll='ls -l'\nlsl() { ll \"$@\"; }\n",
    });
    expect(lintJson(calls)['lib.sh']).toEqual([
      '1:7 alias-never-expands: Alias `ll` never expands: its only use is read when the alias is not in effect. (when sourced from main.sh line 2)',
      '2:9 expand-aliases-off: `ll` on line 2 is read while `expand_aliases` is off, so bash runs the command, not the alias; non-interactive bash expands aliases only after `shopt -s expand_aliases` has run on an earlier line. (when sourced from main.sh line 2)',
    ]);
    expect(bash(calls, 'main.sh')).toContain('ll: command not found');
  });

  it('an executable library another linted file sources does not lose its aliases when it exits', () => {
    const lib = "#!/bin/bash\nalias k='kubectl'\n";
    const alone = project({ 'lib.sh': lib });
    chmodSync(join(alone, 'lib.sh'), 0o755);
    expect(lintJson(alone)['lib.sh'].map((m) => m.split(':')[0] + ' ' + m.split(' ')[1])).toEqual(['2 alias-dies-with-script:']);
    const dir = project({ 'main.sh': '#!/bin/bash\nsource ./lib.sh\n', 'lib.sh': lib });
    chmodSync(join(dir, 'lib.sh'), 0o755);
    expect(lintJson(dir)).toEqual({ 'lib.sh': [], 'main.sh': [] });
  });

  it('an executable file another linted file may source by name, from a folder known only at run time, keeps its aliases', () => {
    const colors = "#!/bin/bash\nalias ls='ls -G'\n";
    const dir = project({ 'main.sh': '#!/bin/bash\n. "$OS/colors"\n', 'os/colors': colors, 'os/other': colors });
    for (const f of ['os/colors', 'os/other']) chmodSync(join(dir, f), 0o755);
    const found = lintJson(dir);
    expect(found['os/colors']).toEqual([]);
    expect(found['os/other'].map((m) => m.split(' ')[1])).toEqual(['alias-dies-with-script:']);
  });

  it('a file with no exec bit that another linted file may source from a folder known only at run time starts in that file\'s state, not with expand_aliases off', () => {
    const lib = "#!/bin/bash\nalias ll='echo EXP'\nf() { ll U1 || echo NX:U1; }\n";
    const dir = project({ 'main.sh': '#!/bin/bash\nshopt -s expand_aliases\nsource "${LIBDIR}/lib.sh"\nf\n', 'lib.sh': lib });
    expect(spawnSync('bash', ['main.sh'], { cwd: dir, env: { ...process.env, LIBDIR: dir }, encoding: 'utf8' }).stdout).toBe('EXP U1\n');
    expect(lintJson(dir)).toEqual({ 'lib.sh': [], 'main.sh': [] });
    // with an exec bit it may also run on its own, where expand_aliases is off: that run is reported
    chmodSync(join(dir, 'lib.sh'), 0o755);
    expect(lintJson(dir)['lib.sh'].map((m) => m.split(' ')[1])).toEqual(['alias-never-expands:', 'expand-aliases-off:']);
  });

  it('a script with no exec bit that a loop over a glob may source keeps its findings: `bash build.sh` runs it with expand_aliases off', () => {
    const build = "#!/bin/bash\nalias mk='echo EXP'\nmk U1 || echo NX:U1\n";
    const dir = project({ 'loader.sh': '#!/bin/bash\nfor f in "$HOME"/rc.d/*.sh; do . "$f"; done\n', 'build.sh': build });
    expect(bash(dir, 'build.sh')).toContain('NX:U1');
    expect(lintJson(dir)['build.sh'].map((m) => m.split(' ')[1])).toEqual(['alias-never-expands:', 'expand-aliases-off:']);
  });

  it('an executable file another linted file sources from the home folder, by tilde, keeps its aliases', () => {
    const dir = project({ 'scripts/functions': '#!/usr/bin/env bash\nsource ~/scripts/aliases\n', 'scripts/aliases': "#!/usr/bin/env bash\nalias qa='echo EXP'\n" });
    chmodSync(join(dir, 'scripts/aliases'), 0o755);
    expect(lintJson(dir)['scripts/aliases']).toEqual([]);
  });

  it('an executable file that a loop over a glob may source keeps its aliases; one the glob does not match does not', () => {
    const ls = "#!/bin/bash\nalias ll='ls -l'\n";
    const dir = project({
      'loader.sh': '#!/bin/bash\nload() {\n  for file in "$1"/*.sh; do\n    source "$file"\n  done\n}\nload "$HOME/aliases"\n',
      'aliases/ls.sh': ls, 'aliases/ls.bash': ls,
    });
    for (const f of ['aliases/ls.sh', 'aliases/ls.bash']) chmodSync(join(dir, f), 0o755);
    const found = lintJson(dir);
    expect(found['aliases/ls.sh']).toEqual([]);
    expect(found['aliases/ls.bash'].map((m) => m.split(' ')[1])).toEqual(['alias-dies-with-script:']);
  });

  it('is judged where the program starts, not in a sourcer that is itself sourced', () => {
    const dir = project({
      'main.sh': "#!/bin/bash\nshopt -s expand_aliases\nalias ll='echo expanded'\nsource ./mid.sh\n",
      'mid.sh': 'source ./lib.sh\n',
      'lib.sh': 'll\n',
    });
    // mid.sh on its own would leave lib.sh without the alias; main.sh gives it
    expect(lintJson(dir)).toEqual({ 'lib.sh': [], 'main.sh': [], 'mid.sh': [] });
    expect(bash(dir, 'main.sh')).toBe('expanded\n');
  });

  it('ends on files that source each other', () => {
    const dir = project({
      'a.sh': "alias ll='echo expanded'\n[ -n \"$DONE\" ] || { DONE=1; source ./b.sh; }\n",
      'b.sh': 'source ./a.sh\nll\n',
    });
    expect(lintJson(dir)).toEqual({ 'a.sh': [], 'b.sh': [] });
  });

  it('keeps the fix its own run found when the same finding holds in context', () => {
    const dir = project({
      'main.sh': '#!/bin/bash\nsource ./lib.sh\n',
      'lib.sh': "#!/bin/bash\nf() { k get pods; }\nalias k='kubectl'\nf\n",
    });
    const r = aliascope(['--format', 'json', '.'], { cwd: dir });
    const lib = (JSON.parse(r.stdout) as JsonFile[]).find((f) => f.filePath.endsWith('lib.sh'))!;
    expect(lib.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.fix ? 'fix' : 'no fix'}`)).toEqual([
      '2:7 function-read-before-alias fix',
      '3:7 alias-never-expands no fix',
    ]);
    expect(lib.messages[0].message).not.toContain('when sourced from');
  });

  it('is worded as its sourcers see it where that differs from its own run: the use runs their alias', () => {
    const dir = project({
      'main.sh': "#!/bin/bash\nshopt -s expand_aliases\nalias ll='echo main'\n. ./lib.sh\n",
      'lib.sh': "#!/bin/bash\nll\nalias ll='echo lib'\n",
    });
    expect(lintJson(dir)['lib.sh']).toEqual([
      '2:1 use-before-definition: `ll` on line 2 is read before the alias is defined at line 3; bash runs the earlier definition from line 3 of main.sh, not this one. (when sourced from main.sh line 4)',
      '3:7 alias-never-expands: This definition of alias `ll` never takes effect: its only use is read when it is not in effect, and may run another definition instead. (when sourced from main.sh line 4)',
    ]);
    expect(bash(dir, 'main.sh')).toBe('main\n');
  });

  it('--show-uses: a use expands only if it does for every sourcer, one that defines no alias included', () => {
    const dir = project({
      'main.sh': "#!/bin/bash\nshopt -s expand_aliases\nalias qa='echo EXPANDED'\n. ./lib.sh\n",
      'other.sh': '#!/bin/bash\n. ./lib.sh\n',
      'lib.sh': 'qa\n',
    });
    const expands = (files: string[]) => {
      const r = aliascope(['--format', 'json', '--show-uses', ...files], { cwd: dir });
      const lib = (JSON.parse(r.stdout) as (JsonFile & { uses: { name: string; expands: boolean | null }[] })[]).find((f) => f.filePath.endsWith('lib.sh'))!;
      return lib.uses.map((u) => `${u.name} ${u.expands}`);
    };
    expect(expands(['main.sh', 'lib.sh'])).toEqual(['qa true']);
    expect(expands(['main.sh', 'other.sh', 'lib.sh'])).toEqual(['qa null']);
    expect(bash(dir, 'main.sh')).toBe('EXPANDED\n');
    expect(bash(dir, 'other.sh')).toMatch(/qa: command not found/);
  });

  it('is worded for the shell that sources it when it names none itself', () => {
    const dir = project({
      'main.sh': '#!/bin/bash\nshopt -s expand_aliases\nsource ./lib.sh\n',
      'lib.sh': "alias ll='echo expanded'; ll L1 || echo NX:L1\n",
    });
    expect(lintJson(dir)['lib.sh']).toEqual([
      '1:7 same-unit: Alias `ll` is used later in the same parse unit (line 1), which the shell reads before this definition runs. (when sourced from main.sh line 3)',
      '1:27 same-unit: `ll` is read together with its definition on line 1, before `alias ll` has run; bash runs the command `ll`, not the alias. (when sourced from main.sh line 3)',
    ]);
    expect(bash(dir, 'main.sh')).toContain('NX:L1');
  });

  it('names only the places that source it in the shell its wording names', () => {
    const dir = project({
      'main.sh': '#!/bin/bash\nshopt -s expand_aliases\nsource ./lib.sh\n',
      'other.sh': '#!/bin/sh\n. ./lib.sh\n',
      'lib.sh': "alias ll='echo expanded'; ll L1 || echo NX:L1\n",
    });
    const use = lintJson(dir)['lib.sh'].find((m) => m.startsWith('1:27'))!;
    expect(use).toMatch(/^1:27 same-unit: .*bash runs the command `ll`, not the alias\. \(when sourced from main\.sh line 3\)$/);
  });
});

describe('source-path directives', () => {
  it('find a file sourced through a variable in the folder they name, relative to the script', () => {
    const dir = project({
      'bin/main.sh': '#!/bin/bash\n# shellcheck source-path=SCRIPTDIR/../lib\nsource "$LIBDIR/aliases.sh"\nll\n',
      'lib/aliases.sh': "alias ll='echo expanded'\n",
    });
    expect(lintJson(dir, ['bin/main.sh'])).toEqual({
      'bin/main.sh': ['4:1 expand-aliases-off: `ll` on line 4 (an alias defined at line 1 of ../lib/aliases.sh) is read while `expand_aliases` is off, so bash runs the command, not the alias; non-interactive bash expands aliases only after `shopt -s expand_aliases` has run on an earlier line.'],
    });
    expect(spawnSync('bash', ['-c', 'LIBDIR=lib bash bin/main.sh 2>&1'], { cwd: dir, encoding: 'utf8' }).stdout).toBe('bin/main.sh: line 4: ll: command not found\n');
  });
});

// Uses and definitions on the two sides of a `source` command: a function read
// before the file that defines its alias is sourced, and a sourced file judged
// in the state its sourcer has. Each expected diagnostic is checked against
// bash: `qa U1 || echo NX:U1` prints EXP when the alias expanded, NX when not.
import { describe, expect, it } from 'vitest';
import { LineIndex, lint, lintSourced } from '../../rules';
import { runBatch } from '../support/shells';

type Files = Record<string, string>;

const resolver = (files: Files) => (p: string) => (p in files ? { text: files[p], name: p } : undefined);

/** `line:column rule: message` of each diagnostic of main.sh. */
function lintMain(files: Files): string[] {
  const text = files['main.sh'];
  const lines = new LineIndex(text);
  return lint(text, { filename: 'main.sh', resolveSource: resolver(files) }).diagnostics.map((d) => {
    const p = lines.position(d.start);
    return `${p.line + 1}:${p.column + 1} ${d.ruleId}: ${d.message}`;
  });
}

/** The same for `file`, judged where main.sh sources it; null when main.sh does not run it. */
function lintInContext(files: Files, file: string): string[] | null {
  const result = lint(files['main.sh'], { filename: 'main.sh', resolveSource: resolver(files) });
  const sourced = lintSourced(result, file);
  if (!sourced) return null;
  const lines = new LineIndex(sourced.text);
  return sourced.diagnostics.map((d) => {
    const p = lines.position(d.start);
    return `${p.line + 1}:${p.column + 1} ${d.ruleId}: ${d.message}`;
  });
}

/** What bash did at each marked use, in order of the runs. */
async function bash(files: Files): Promise<Record<string, string>> {
  const [seen] = await runBatch('bash', [{ files }]);
  return Object.fromEntries([...seen].map(([label, obs]) => [label, obs.map((o) => o.outcome).join('')]));
}

const LIB = 'alias qa="echo EXP:D1"\n';
const READ_BEFORE = '`qa` on line 3 is inside `f`, which was read at line 3, before the alias was defined at line 1 of ./lib.sh; bash runs the command, not the alias.';

describe('a function read before the file that defines its alias is sourced', () => {
  it('is reported as the same code written inline is', async () => {
    const files = { 'main.sh': '#!/bin/bash\nshopt -s expand_aliases\nf() { qa U1 || echo NX:U1; }\nsource ./lib.sh\nf\n', './lib.sh': LIB };
    expect(lintMain(files)).toEqual([`3:7 function-read-before-alias: ${READ_BEFORE}`]);
    const inline = { 'main.sh': files['main.sh'].replace('source ./lib.sh', LIB.trim()) };
    expect(lintMain(inline)).toEqual([
      '3:7 function-read-before-alias: `qa` on line 3 is inside `f`, which was read at line 3, before the alias was defined at line 4; bash runs the command, not the alias.',
      '4:7 alias-never-expands: Alias `qa` never expands: its only use is read when the alias is not in effect.',
    ]);
    expect(await bash(files)).toEqual({ U1: 'N' });
  });

  it('is reported when the definition comes through a file the sourced file sources', async () => {
    const files = {
      'main.sh': '#!/bin/bash\nshopt -s expand_aliases\nf() { qa U1 || echo NX:U1; }\nsource ./mid.sh\nf\n',
      './mid.sh': 'source ./lib.sh\n',
      './lib.sh': LIB,
    };
    expect(lintMain(files)).toEqual([`3:7 function-read-before-alias: ${READ_BEFORE}`]);
    expect(await bash(files)).toEqual({ U1: 'N' });
  });

  it('is reported when the file is sourced by a function called later, or on the line that defines the function', async () => {
    const called = { 'main.sh': '#!/bin/bash\nshopt -s expand_aliases\nload() { source ./lib.sh; }\nf() { qa U1 || echo NX:U1; }\nload\nf\n', './lib.sh': LIB };
    const sameLine = { 'main.sh': '#!/bin/bash\nshopt -s expand_aliases\nsource ./lib.sh; f() { qa U1 || echo NX:U1; }\nf\n', './lib.sh': LIB };
    expect(lintMain(called)).toEqual([`4:7 function-read-before-alias: ${READ_BEFORE.replace(/line 3/g, 'line 4')}`]);
    expect(lintMain(sameLine)).toEqual([`3:24 function-read-before-alias: ${READ_BEFORE}`]);
    expect(await bash(called)).toEqual({ U1: 'N' });
    expect(await bash(sameLine)).toEqual({ U1: 'N' });
  });

  it('is not reported when a function sourced the file before the function is read', async () => {
    const files = { 'main.sh': '#!/bin/bash\nshopt -s expand_aliases\nload() { source ./lib.sh; }\nload\nf() { qa U1 || echo NX:U1; }\nf\n', './lib.sh': LIB };
    expect(lintMain(files)).toEqual([]);
    expect(await bash(files)).toEqual({ U1: 'E' });
  });

  it('is not reported when the file is sourced before the function is read', async () => {
    const files = { 'main.sh': '#!/bin/bash\nshopt -s expand_aliases\nsource ./lib.sh\nf() { qa U1 || echo NX:U1; }\nf\n', './lib.sh': LIB };
    expect(lintMain(files)).toEqual([]);
    expect(await bash(files)).toEqual({ U1: 'E' });
  });

  it('is not reported when the file is sourced both before and after the function', async () => {
    const files = {
      'main.sh': '#!/bin/bash\nshopt -s expand_aliases\nsource ./lib.sh\nf() { qa U1 || echo NX:U1; }\nsource ./lib.sh\nf\n',
      './lib.sh': LIB,
    };
    expect(lintMain(files)).toEqual([]);
    expect(await bash(files)).toEqual({ U1: 'E' });
  });
});

describe('a sourced file in the state of its sourcer', () => {
  const OFF = '2:1 expand-aliases-off: `qa` on line 2 is read while `expand_aliases` is off, so bash runs the command, not the alias; non-interactive bash expands aliases only after `shopt -s expand_aliases` has run on an earlier line.';

  it('gets the aliases and options its sourcer set before the source line', async () => {
    const files = { 'main.sh': `#!/bin/bash\nshopt -s expand_aliases\n${LIB}source ./lib.sh\n`, './lib.sh': 'true\nqa U1 || echo NX:U1\n' };
    expect(lintInContext(files, './lib.sh')).toEqual([]);
    expect(await bash(files)).toEqual({ U1: 'E' });
  });

  it('fails where its sourcer leaves expand_aliases off', async () => {
    const files = { 'main.sh': '#!/bin/bash\nsource ./lib.sh\n', './lib.sh': `${LIB}qa U1 || echo NX:U1\n` };
    expect(lintInContext(files, './lib.sh')).toEqual([
      '1:7 alias-never-expands: Alias `qa` never expands: its only use is read when the alias is not in effect.',
      OFF,
    ]);
    expect(await bash(files)).toEqual({ U1: 'N' });
  });

  it('fails only if every run fails: once off, once on', async () => {
    const files = {
      'main.sh': '#!/bin/bash\nsource ./lib.sh\nshopt -s expand_aliases\nsource ./lib.sh\n',
      './lib.sh': `${LIB}qa U1 || echo NX:U1\n`,
    };
    expect(lintInContext(files, './lib.sh')).toEqual([]);
    expect(await bash(files)).toEqual({ U1: 'NE' });
  });

  it('has no context where its sourcer never runs it', () => {
    const files = { 'main.sh': '#!/bin/bash\nload() { source ./lib.sh; }\n', './lib.sh': `${LIB}qa U1 || echo NX:U1\n` };
    expect(lintInContext(files, './lib.sh')).toBeNull();
  });
});

describe('a use outside functions and the `source` command that defines its alias', () => {
  const SAME_UNIT = '`qa` is read together with `source ./lib.sh` on line 3, which defines the alias at line 1 of ./lib.sh, before that command has run; bash runs the command `qa`, not the alias.';
  const BEFORE = '`qa` on line 3 is read before the alias is defined at line 1 of ./lib.sh, which `source ./lib.sh` on line 4 runs; bash runs the command, not the alias.';
  const main = (body: string) => `#!/bin/bash\nshopt -s expand_aliases\n${body}`;

  it('is reported in the unit that sources the file, as the definition written there is', async () => {
    const files = { 'main.sh': main('source ./lib.sh; qa U1 || echo NX:U1\nqa U2 || echo NX:U2\n'), './lib.sh': LIB };
    expect(lintMain(files)).toEqual([`3:18 same-unit: ${SAME_UNIT}`]);
    const inline = lintMain({ 'main.sh': files['main.sh'].replace('source ./lib.sh', LIB.trim()) });
    expect(inline.filter((d) => d.startsWith('3:'))).toContainEqual(expect.stringMatching(/^3:\d+ same-unit: `qa` is read together with its definition/));
    expect(await bash(files)).toEqual({ U1: 'N', U2: 'E' });
  });

  it('is reported when read before the source line', async () => {
    const files = { 'main.sh': main('qa U1 || echo NX:U1\nsource ./lib.sh\nqa U2 || echo NX:U2\n'), './lib.sh': LIB };
    expect(lintMain(files)).toEqual([`3:1 use-before-definition: ${BEFORE}`]);
    expect(await bash(files)).toEqual({ U1: 'N', U2: 'E' });
  });

  it('is reported through a file the sourced file sources', async () => {
    const files = { 'main.sh': main('source ./mid.sh && qa U1 || echo NX:U1\n'), './mid.sh': 'source ./lib.sh\n', './lib.sh': LIB };
    expect(lintMain(files)).toEqual([`3:20 same-unit: ${SAME_UNIT.replace('`source ./lib.sh`', '`source ./mid.sh`')}`]);
    expect(await bash(files)).toEqual({ U1: 'N' });
  });

  it('is not reported where the use decides whether the file is sourced, or runs on another branch', async () => {
    const probe = { 'main.sh': main('qa U1 >/dev/null 2>&1 || source ./lib.sh\nqa U2 || echo NX:U2\n'), './lib.sh': LIB };
    const branch = { 'main.sh': main('if [ -r ./lib.sh ]; then source ./lib.sh; else qa U1 || echo NX:U1; fi\nqa U2 || echo NX:U2\n'), './lib.sh': LIB };
    expect(lintMain(probe)).toEqual([]);
    expect(lintMain(branch)).toEqual([]);
    expect(await bash(probe)).toEqual({ U2: 'E' });
    expect(await bash(branch)).toEqual({ U2: 'E' });
  });

  it('is not reported in the body of a function that a probe calls to decide whether the file is sourced', async () => {
    const probe = { 'main.sh': main('has_qa() { qa U1 >/dev/null 2>&1; }\nhas_qa || source ./lib.sh\nqa U2 || echo NX:U2\n'), './lib.sh': LIB };
    expect(lintMain(probe)).toEqual([]);
    expect(await bash(probe)).toEqual({ U2: 'E' });
    // a test that only mentions the function's name calls no function
    const dispatch = { 'main.sh': main('build() { qa U1 || echo NX:U1; }\n[ "$1" = build ] || source ./lib.sh\nbuild\n'), './lib.sh': LIB };
    expect(lintMain(dispatch).map((d) => d.split(' ')[1])).toEqual(['function-read-before-alias:']);
    expect(await bash(dispatch)).toEqual({ U1: 'N' });
  });

  it('is reported where the unit was parsed again on its own, past a tree-sitter misparse', async () => {
    const files = { 'main.sh': main('[ "$1" = - ] || source ./lib.sh; qa U1 || echo NX:U1\n'), './lib.sh': LIB };
    const { analysis, diagnostics } = lint(files['main.sh'], { filename: 'main.sh', resolveSource: resolver(files) });
    expect(analysis.units.map((u) => u.src !== undefined && !u.uncertain)).toEqual([true, true]);
    expect(diagnostics.map((d) => `${d.ruleId} ${files['main.sh'].slice(d.start, d.end)}`)).toEqual(['same-unit qa']);
    expect(await bash(files)).toEqual({ U1: 'N' });
  });

  it('is reported inside the function whose body sources the file, as alias-in-function', async () => {
    const files = { 'main.sh': main('setup() {\n  source ./lib.sh\n  qa U1 || echo NX:U1\n}\nsetup\nsetup\nqa U2 || echo NX:U2\n'), './lib.sh': LIB };
    expect(lintMain(files)).toEqual([
      '5:3 alias-in-function: `qa` on line 5 is inside `setup`, whose body was read before `source ./lib.sh` on line 4 in it defined the alias (at line 1 of ./lib.sh); bash runs the command, not the alias.',
    ]);
    expect(await bash(files)).toEqual({ U1: 'NN', U2: 'E' });
  });

  it('is reported where the file is sourced only in a subshell, as subshell-alias', async () => {
    const files = { 'main.sh': main('( source ./lib.sh )\nqa U1 || echo NX:U1\nf() { qa U2 || echo NX:U2; }\nf\n'), './lib.sh': LIB };
    const message = (line: number) => `${line}:${line === 5 ? 7 : 1} subshell-alias: \`qa\` on line ${line} does not expand: the alias is defined at line 1 of ./lib.sh, which \`source ./lib.sh\` on line 3 runs in a subshell, and a subshell's aliases never reach the shell that started it.`;
    expect(lintMain(files)).toEqual([message(4), message(5)]);
    expect(await bash(files)).toEqual({ U1: 'N', U2: 'N' });
  });

  it('is reported inside the subshell that sources the file, as the definition written there is', async () => {
    const files = { 'main.sh': main('( source ./lib.sh; qa U1 || echo NX:U1 )\n(\n  source ./lib.sh\n  qa U2 || echo NX:U2\n)\n'), './lib.sh': LIB };
    expect(lintMain(files)).toEqual([`3:20 same-unit: ${SAME_UNIT}`, `6:3 same-unit: ${SAME_UNIT.replace('line 3', 'lines 4–7')}`]);
    const inline = lintMain({ 'main.sh': files['main.sh'].replace(/source \.\/lib\.sh/g, LIB.trim()) });
    expect(inline.filter((d) => / same-unit: `qa` is read together/.test(d)).map((d) => d.split(' ')[0])).toEqual(['3:27', '6:3']);
    expect(await bash(files)).toEqual({ U1: 'N', U2: 'N' });
  });

  it('is judged against the main shell\'s `source` where a subshell sources the file too', async () => {
    const later = { 'main.sh': main('( source ./lib.sh )\nqa U1 || echo NX:U1\nsource ./lib.sh\nqa U2 || echo NX:U2\n'), './lib.sh': LIB };
    const sameLine = { 'main.sh': main('source ./lib.sh; ( source ./lib.sh ); qa U1 || echo NX:U1\n'), './lib.sh': LIB };
    expect(lintMain(later)).toEqual([`4:1 use-before-definition: ${BEFORE.replace('line 3', 'line 4').replace('line 4 runs', 'line 5 runs')}`]);
    expect(lintMain(sameLine)).toEqual([`3:39 same-unit: ${SAME_UNIT}`]);
    expect(await bash(later)).toEqual({ U1: 'N', U2: 'E' });
    expect(await bash(sameLine)).toEqual({ U1: 'N' });
  });

  it('is judged against the `eval` whose string sources the file', async () => {
    const sameLine = { 'main.sh': main("eval 'source ./lib.sh'; qa U1 || echo NX:U1\nqa U2 || echo NX:U2\n"), './lib.sh': LIB };
    const before = { 'main.sh': main("qa U1 || echo NX:U1\neval 'x=1; . ./lib.sh'\nqa U2 || echo NX:U2\n"), './lib.sh': LIB };
    expect(lintMain(sameLine)).toEqual([`3:25 same-unit: ${SAME_UNIT.replace('`source ./lib.sh`', "`eval 'source ./lib.sh'`")}`]);
    expect(lintMain(before)).toEqual([`3:1 use-before-definition: ${BEFORE.replace('`source ./lib.sh`', "`eval 'x=1; . ./lib.sh'`")}`]);
    expect(await bash(sameLine)).toEqual({ U1: 'N', U2: 'E' });
    expect(await bash(before)).toEqual({ U1: 'N', U2: 'E' });
  });

  it('is judged against an `eval` whose words, joined, source the file', async () => {
    const files = { 'main.sh': main('eval . ./lib.sh; qa U1 || echo NX:U1\nqa U2 || echo NX:U2\n'), './lib.sh': LIB };
    expect(lintMain(files)).toEqual([`3:18 same-unit: ${SAME_UNIT.replace('`source ./lib.sh`', '`eval . ./lib.sh`')}`]);
    expect(await bash(files)).toEqual({ U1: 'N', U2: 'E' });
  });

  it('is not judged against an `eval` whose string sources the file in a function or subshell it defines', () => {
    const inFunction = { 'main.sh': main("eval 'load() { source ./lib.sh; }'; qa U1\nload\n"), './lib.sh': LIB };
    const inSubshell = { 'main.sh': main("eval '( source ./lib.sh )'; qa U1\n"), './lib.sh': LIB };
    for (const files of [inFunction, inSubshell]) expect(lintMain(files)).toEqual([]);
  });

  it('is not reported where lastpipe runs the last element of a pipeline, which sources the file, in the script\'s shell', async () => {
    const files = { 'main.sh': main('shopt -qs lastpipe\necho | . ./lib.sh\nqa U1 || echo NX:U1\necho x | while read -r l; do . ./lib.sh; done\nqa U2 || echo NX:U2\n'), './lib.sh': LIB };
    expect(lintMain(files)).toEqual([]);
    expect(await bash(files)).toEqual({ U1: 'E', U2: 'E' });
  });

  it('is reported before the function that sources the file has run, as alias-in-function', async () => {
    const later = { 'main.sh': main('f() { . ./lib.sh; }\nqa U1 || echo NX:U1\nf\nqa U2 || echo NX:U2\n'), './lib.sh': LIB };
    const sameLine = { 'main.sh': main('f() { . ./lib.sh; }\nf; qa U1 || echo NX:U1\n'), './lib.sh': LIB };
    const message = (line: number) => `\`qa\` on line ${line} is read before \`f\` runs, but the alias is defined at line 1 of ./lib.sh, which \`. ./lib.sh\` on line 3 inside \`f\` runs, and exists only after \`f\` has run; bash runs the command, not the alias.`;
    expect(lintMain(later)).toEqual([`4:1 alias-in-function: ${message(4)}`]);
    expect(lintMain(sameLine)).toEqual([`4:4 alias-in-function: ${message(4)}`]);
    expect(await bash(later)).toEqual({ U1: 'N', U2: 'E' });
    expect(await bash(sameLine)).toEqual({ U1: 'N' });
  });

  it('is reported in the function whose body sources the file where the file is sourced again later', async () => {
    const files = { 'main.sh': main('f() {\n  . ./lib.sh\n  qa U1 || echo NX:U1\n}\nf\n. ./lib.sh\nf\n'), './lib.sh': LIB };
    expect(lintMain(files).map((d) => d.split(': ')[0])).toEqual(['5:3 alias-in-function']);
    expect(await bash(files)).toEqual({ U1: 'NN' });
  });

  it('is function-read-before-alias for a function read before the subshell that sources the file and calls it', async () => {
    const files = { 'main.sh': main('g() { qa U1 || echo NX:U1; }\n( . ./lib.sh; g )\n'), './lib.sh': LIB };
    expect(lintMain(files)).toEqual([`3:7 function-read-before-alias: ${READ_BEFORE.replace('`f`', '`g`')}`]);
    const inline = lintMain({ 'main.sh': files['main.sh'].replace('. ./lib.sh', LIB.trim()) });
    expect(inline.map((d) => d.split(': ')[0])).toEqual(['3:7 function-read-before-alias', '4:9 alias-never-expands']);
    expect(await bash(files)).toEqual({ U1: 'N' });
    // an eval the model cannot follow may read the function anew after the file ran
    const reread = { ...files, 'main.sh': main('g() { qa U1 || echo NX:U1; }\n( . ./lib.sh; eval "$(declare -f g)"; g )\n') };
    expect(lintMain(reread)).toEqual([]);
    expect(await bash(reread)).toEqual({ U1: 'E' });
  });

  it('is reported where `builtin` or `command` runs the `source`', async () => {
    for (const prefix of ['builtin source', 'command .']) {
      const files = { 'main.sh': main(`${prefix} ./lib.sh; qa U1 || echo NX:U1\n`), './lib.sh': LIB };
      expect(lintMain(files).map((d) => d.split(': ')[0])).toEqual([`3:${prefix.length + 12} same-unit`]);
      expect(await bash(files)).toEqual({ U1: 'N' });
    }
  });

  it('is subshell-alias where the sourced file defines the alias in a subshell of its own', async () => {
    const files = { 'main.sh': main('. ./lib.sh\nqa U1 || echo NX:U1\n'), './lib.sh': `( ${LIB.trim()} )\n` };
    expect(lintMain(files)).toEqual([
      '4:1 subshell-alias: `qa` on line 4 does not expand: the alias is defined at line 1 of ./lib.sh in a subshell there (the file is run by `. ./lib.sh` on line 3), and a subshell\'s aliases never reach the shell that started it.',
    ]);
    expect(await bash(files)).toEqual({ U1: 'N' });
  });

  it('is same-unit on the line of a command substitution that sources the file, and silent on its next lines', async () => {
    const files = { 'main.sh': main('x=$(. ./lib.sh; qa U1 || echo NX:U1\nqa U2 || echo NX:U2); echo "$x"\n'), './lib.sh': LIB };
    expect(lintMain(files).map((d) => d.split(': ')[0])).toEqual(['3:17 same-unit']);
    expect(await bash(files)).toEqual({ U1: 'N', U2: 'E' });
  });

  it('is same-unit on every line of a command substitution in a shell that reads it with its command', async () => {
    const files = { 'main.sh': '#!/bin/sh\nx=$(. ./lib.sh\nqa U1 || echo NX:U1); echo "$x"\n', './lib.sh': LIB };
    expect(lintMain(files).map((d) => d.split(': ')[0])).toEqual(['3:1 same-unit']);
    const [seen] = await runBatch('sh', [{ files }]);
    expect(Object.fromEntries([...seen].map(([label, obs]) => [label, obs.map((o) => o.outcome).join('')]))).toEqual({ U1: 'N' });
  });

  it('is not reported where the aliases a command substitution defined are evaluated in the shell', async () => {
    const files = { 'main.sh': main('eval "$(. ./lib.sh; alias)"\nqa U1 || echo NX:U1\n'), './lib.sh': LIB };
    expect(lintMain(files)).toEqual([]);
    expect(await bash(files)).toEqual({ U1: 'E' });
  });

  it('is alias-in-function before any call of the sourced file\'s function that defines the alias', async () => {
    const files = { 'main.sh': main('. ./lib.sh\nqa U1 || echo NX:U1\ndefine\nqa U2 || echo NX:U2\n'), './lib.sh': `define() { ${LIB.trim()}; }\n` };
    expect(lintMain(files)).toEqual([
      '4:1 alias-in-function: `qa` on line 4 is read before `define` runs, but the alias is defined at line 1 of ./lib.sh inside `define` and exists only after `define` has run; bash runs the command, not the alias.',
    ]);
    // a word naming the function before the use may be a call: nothing is claimed
    const calledBefore = { ...files, 'main.sh': main('. ./lib.sh\n( define )\nqa U1 || echo NX:U1\n') };
    expect(lintMain(calledBefore)).toEqual([]);
    expect(await bash(files)).toEqual({ U1: 'N', U2: 'E' });
  });

  it('is same-unit after the `source` on its line of an eval string, and silent on the string\'s next lines', async () => {
    const files = { 'main.sh': main("eval '. ./lib.sh; qa U1 || echo NX:U1\nqa U2 || echo NX:U2'\n"), './lib.sh': LIB };
    expect(lintMain(files).map((d) => d.split(': ')[0])).toEqual(['3:19 same-unit']);
    expect(await bash(files)).toEqual({ U1: 'N', U2: 'E' });
  });

  it('is not claimed read before the function that sources the file where a word may have called it, or an unalias explains it', async () => {
    const indirect = { 'main.sh': main('load() { . ./lib.sh; }\nf=load\n$f\nqa U1 || echo NX:U1\nload\n'), './lib.sh': LIB };
    const trapped = { 'main.sh': main('load() { . ./lib.sh; }\ntrap load USR1; kill -USR1 $$\nqa U1 || echo NX:U1\nload\n'), './lib.sh': LIB };
    const unaliased = { 'main.sh': main('load() { . ./lib.sh; }\nload\nunalias qa\nqa U1 || echo NX:U1\n'), './lib.sh': LIB };
    for (const files of [indirect, trapped, unaliased]) expect(lintMain(files)).toEqual([]);
    expect(await bash(indirect)).toEqual({ U1: 'E' });
    expect(await bash(trapped)).toEqual({ U1: 'E' });
  });

  it('is alias-in-function read before a function of a sourced file that sources the definition runs', async () => {
    const files = { 'main.sh': main('source ./mid.sh\nqa U1 || echo NX:U1\nsource ./mid.sh; qa U2 || echo NX:U2\nload\nqa U3 || echo NX:U3\n'), './mid.sh': 'load() { . ./lib.sh; }\n', './lib.sh': LIB };
    const readBefore = (line: number) => `\`qa\` on line ${line} is read before \`load\` runs, but the alias is defined at line 1 of ./lib.sh, which \`load\` (defined at line 1 of ./mid.sh, which \`source ./mid.sh\` on line 3 runs) sources, and exists only after \`load\` has run; bash runs the command, not the alias.`;
    expect(lintMain(files)).toEqual([`4:1 alias-in-function: ${readBefore(4)}`, `5:18 alias-in-function: ${readBefore(5)}`]);
    expect(await bash(files)).toEqual({ U1: 'N', U2: 'N', U3: 'E' });
  });

  it('is not claimed read before a sourced file\'s function that sources the definition where a word may have called it', async () => {
    const mid = 'load() { . ./lib.sh; }\n';
    const cases: Files[] = [
      // the sourced file calls it, or another of its functions does, which the script calls
      { 'main.sh': main('source ./mid.sh\nqa U1 || echo NX:U1\n'), './mid.sh': `${mid}load\n`, './lib.sh': LIB },
      { 'main.sh': main('source ./mid.sh\ninit\nqa U1 || echo NX:U1\n'), './mid.sh': `${mid}init() { load; }\n`, './lib.sh': LIB },
      // the script names it, perhaps to call it indirectly
      { 'main.sh': main('source ./mid.sh\nf=load; $f\nqa U1 || echo NX:U1\n'), './mid.sh': mid, './lib.sh': LIB },
      { 'main.sh': main('source ./mid.sh\ntrap load USR1; kill -USR1 $$\nqa U1 || echo NX:U1\n'), './mid.sh': mid, './lib.sh': LIB },
      { 'main.sh': main('source ./mid.sh\nqa U1 || echo NX:U1\n'), './mid.sh': `${mid}trap load USR1; kill -USR1 $$\n`, './lib.sh': LIB },
      // the sourced file sources the definition's file outside its functions too
      { 'main.sh': main('source ./mid.sh\nqa U1 || echo NX:U1\n'), './mid.sh': `${mid}. ./lib.sh\n`, './lib.sh': LIB },
    ];
    for (const files of cases) expect(lintMain(files).filter((d) => d.includes('alias-in-function'))).toEqual([]);
    expect(await Promise.all(cases.map(bash))).toEqual(cases.map(() => ({ U1: 'E' })));
    // an alias that decorates the command of its own name: a use before it means the command
    const decorating = { 'main.sh': main('source ./mid.sh\ngrep -q . /dev/null\nload\n'), './mid.sh': mid, './lib.sh': "alias grep='grep --color=auto'\n" };
    expect(lintMain(decorating)).toEqual([]);
  });

  it('is subshell-alias where the function that sources the file ran only in subshells', async () => {
    const files = { 'main.sh': main('load() { . ./lib.sh; }\n( load )\nqa U1 || echo NX:U1\nload | cat\nqa U2 || echo NX:U2\n'), './lib.sh': LIB };
    expect(lintMain(files).map((d) => d.split(': ')[0])).toEqual(['5:1 subshell-alias', '7:1 subshell-alias']);
    expect(await bash(files)).toEqual({ U1: 'N', U2: 'N' });
  });

  it('is same-unit in a subshell whose pipeline sources the file last under lastpipe', async () => {
    const files = { 'main.sh': main('shopt -qs lastpipe\n( echo | . ./lib.sh\nqa U1 || echo NX:U1 )\n'), './lib.sh': LIB };
    expect(lintMain(files).map((d) => d.split(': ')[0])).toEqual(['5:1 same-unit']);
    expect(await bash(files)).toEqual({ U1: 'N' });
  });

  it('is subshell-alias in a function read after a file that defines the alias in a subshell of its own', async () => {
    const files = { 'main.sh': main('. ./lib.sh\ng() { qa U1 || echo NX:U1; }\ng\n'), './lib.sh': `( ${LIB.trim()} )\n` };
    expect(lintMain(files).map((d) => d.split(': ')[0])).toEqual(['4:7 subshell-alias']);
    expect(await bash(files)).toEqual({ U1: 'N' });
  });

  it('is not reported for an alias that decorates the command of its own name', async () => {
    const files = { 'main.sh': main('grep -q . /dev/null\nsource ./lib.sh\n'), './lib.sh': "alias grep='grep --color=auto'\n" };
    expect(lintMain(files)).toEqual([]);
  });

  it('is not reported where the file is sourced earlier too, or after an unalias, nor for a decorating alias a function sources later', () => {
    const earlier = { 'main.sh': main('source ./lib.sh\nsource ./lib.sh; qa U1\n'), './lib.sh': LIB };
    const unaliased = { 'main.sh': main('source ./lib.sh; unalias qa; qa U1\n'), './lib.sh': LIB };
    const decorating = { 'main.sh': main('load() { source ./lib.sh; }\ngrep -q . /dev/null\nload\n'), './lib.sh': "alias grep='grep --color=auto'\n" };
    for (const files of [earlier, unaliased, decorating]) expect(lintMain(files)).toEqual([]);
  });

  it('is reported after code aliascope cannot follow, which may have left an alias of the name, as in one file', () => {
    const note = ' A `source` of a file aliascope cannot read (line 3) may have defined `qa` before; the use would then run that definition, still not this one.';
    const files = { 'main.sh': main('source "$1"\nsource ./lib.sh; qa U1\n'), './lib.sh': LIB };
    // (the shell does not run this alias; what else it may run is named after)
    expect(lintMain(files)).toEqual([`4:18 same-unit: ${SAME_UNIT.replace('line 3', 'line 4').replace('runs the command `qa`, not the alias', 'does not run this alias')}${note}`]);
    const inline = lintMain({ 'main.sh': files['main.sh'].replace('source ./lib.sh', LIB.trim()) });
    expect(inline.find((d) => d.startsWith('4:') && d.includes('same-unit: `qa`'))).toContain(note);
  });
});

describe('a sourced file and a definition its sourcer makes after sourcing it', () => {
  const main = (body: string) => `#!/bin/bash\nshopt -s expand_aliases\n${body}`;

  it('is reported as read before the definition, at the top level and in a function read then', async () => {
    const files = { 'main.sh': main(`source ./lib.sh\n${LIB}lf\n`), './lib.sh': 'qa U1 || echo NX:U1\nlf() { qa U2 || echo NX:U2; }\n' };
    expect(lintInContext(files, './lib.sh')).toEqual([
      '1:1 use-before-definition: `qa` on line 1 is read before the alias is defined at line 4 of main.sh; bash runs the command, not the alias.',
      '2:8 function-read-before-alias: `qa` on line 2 is inside `lf`, which was read at line 2, before the alias was defined at line 4 of main.sh; bash runs the command, not the alias.',
    ]);
    expect(await bash(files)).toEqual({ U1: 'N', U2: 'N' });
  });

  it('is reported where one function body or subshell sources the file and then defines the alias', async () => {
    const files = { 'main.sh': main(`main() {\n  source ./lib.sh\n  ${LIB}  lf\n}\nmain\n`), './lib.sh': 'qa U1 || echo NX:U1\nlf() { qa U2 || echo NX:U2; }\n' };
    expect(lintInContext(files, './lib.sh')?.map((d) => d.split(': ')[0])).toEqual(['1:1 use-before-definition', '2:8 function-read-before-alias']);
    expect(await bash(files)).toEqual({ U1: 'N', U2: 'N' });
    // a second call sources the file again, now with the alias defined
    const twice = { ...files, 'main.sh': `${files['main.sh']}main\n` };
    expect(lintInContext(twice, './lib.sh')).toEqual([]);
    expect(await bash(twice)).toEqual({ U1: 'NE', U2: 'NE' });
    // one subshell does the same
    const subshell = { ...files, 'main.sh': main(`( source ./lib.sh; ${LIB.trim()}\nlf )\n`) };
    expect(lintInContext(subshell, './lib.sh')?.map((d) => d.split(': ')[0])).toEqual(['1:1 use-before-definition', '2:8 function-read-before-alias']);
    expect(await bash(subshell)).toEqual({ U1: 'N', U2: 'N' });
    // the definition at the top level, the `source` in a function: when that runs is another question
    const apart = { ...files, 'main.sh': main(`load() { source ./lib.sh; }\nload\n${LIB}lf\n`) };
    expect(lintInContext(apart, './lib.sh')).toEqual([]);
  });

  it('reads a file that a function sources as a file, not as part of that function\'s body', async () => {
    const files = { 'main.sh': main('f() { . ./lib.sh; }\nf\n'), './lib.sh': `qa U1 || echo NX:U1\n${LIB}` };
    expect(lintInContext(files, './lib.sh')?.map((d) => d.split(': ')[0])).toEqual(['1:1 use-before-definition', '2:7 alias-never-expands']);
    expect(await bash(files)).toEqual({ U1: 'N' });
  });

  it('is not reported where the definition is on another branch, decorates its command, or the file is sourced again after it', async () => {
    const branch = { 'main.sh': main(`if [ -n "$1" ]; then source ./lib.sh; else ${LIB.trim()}; fi\n`), './lib.sh': 'qa U1 || echo NX:U1\n' };
    const decorating = { 'main.sh': main("source ./lib.sh\nalias grep='grep --color=auto'\n"), './lib.sh': 'grep -q . /dev/null\n' };
    const again = { 'main.sh': main(`source ./lib.sh\n${LIB}source ./lib.sh\n`), './lib.sh': 'qa U1 || echo NX:U1\n' };
    for (const files of [branch, decorating, again]) expect(lintInContext(files, './lib.sh')).toEqual([]);
    expect(await bash(again)).toEqual({ U1: 'NE' });
  });
});

describe('a sourced file that ksh93 reads whole', () => {
  it('has its functions read before any of its definitions run, and says so', async () => {
    const files = { 'main.sh': '. ./lib.sh\nhelper\n', './lib.sh': "alias qa='echo EXP'\nhelper() { qa U1 || echo NX:U1; }\n" };
    const result = lint(files['main.sh'], { filename: 'main.sh', dialect: 'ksh', resolveSource: resolver(files) });
    const messages = lintSourced(result, './lib.sh')?.diagnostics.map((d) => `${d.ruleId}: ${d.message}`);
    expect(messages).toEqual(['alias-never-expands: Alias `qa` never expands: its only use is read when the alias is not in effect.', expect.stringMatching(/^function-read-before-alias: .* read at line 2 together with the rest of its file, which ksh93 reads whole before running any of it, so before the alias was defined at line 1;/)]);
    const [seen] = await runBatch('ksh', [{ files: { 'main.sh': files['main.sh'], 'lib.sh': files['./lib.sh'] } }]);
    expect(seen.get('U1')?.map((o) => o.outcome)).toEqual(['N']);
  });
});

// --show-uses: the margin listing and the json `uses` array, for small scripts
// whose every use is worked out by hand.
import { describe, expect, it } from 'vitest';
import { aliascope, project } from './helpers';

const SCRIPT = [
  '#!/bin/bash',
  'shopt -s expand_aliases',
  "alias v='ls '",
  'v x',
  'alias x=echo',
  'v x',
  'f() { w; }',
  '',
].join('\n');

describe('--show-uses', () => {
  it('marks each use line in the margin: ✓ with the definition line, ✗ when it does not expand', () => {
    const dir = project({ 'a.sh': SCRIPT });
    const r = aliascope(['--show-uses', 'a.sh'], { cwd: dir });
    expect(r.stdout).toBe([
      'a.sh',
      '            1 | #!/bin/bash',
      '            2 | shopt -s expand_aliases',
      "            3 | alias v='ls '",
      '✓ v@3 ✗ x   4 | v x',
      '            5 | alias x=echo',
      '✓ v@3 ✓ x@5 6 | v x',
      '            7 | f() { w; }',
      '',
    ].join('\n'));
  });

  it('marks ? a use that code the analysis cannot follow may have changed', () => {
    const dir = project({ 'a.sh': '#!/bin/bash\nshopt -s expand_aliases\nalias k=kubectl\neval "$x"\nk\n' });
    expect(aliascope(['--show-uses', 'a.sh'], { cwd: dir }).stdout).toBe([
      'a.sh',
      '    1 | #!/bin/bash',
      '    2 | shopt -s expand_aliases',
      '    3 | alias k=kubectl',
      '    4 | eval "$x"',
      '? k 5 | k',
      '',
    ].join('\n'));
  });

  it('paints the marks when colour is asked for, and not under NO_COLOR', () => {
    const dir = project({ 'a.sh': 'alias k=kubectl\nk\n' });
    const painted = aliascope(['--show-uses', '--color', '-s', 'bash', 'a.sh'], { cwd: dir }).stdout;
    expect(painted.split('\n')[2]).toBe('\u001b[31m✗ k\u001b[0m \u001b[2m2 |\u001b[0m k');
    const plain = aliascope(['--show-uses', '-s', 'bash', 'a.sh'], { cwd: dir, env: { NO_COLOR: '1' } }).stdout;
    expect(plain).toBe('a.sh\n    1 | alias k=kubectl\n✗ k 2 | k\n');
  });

  it('gives each file a uses array in json', () => {
    const dir = project({ 'a.sh': SCRIPT });
    const r = aliascope(['--show-uses', '-f', 'json', 'a.sh'], { cwd: dir });
    const [file] = JSON.parse(r.stdout);
    const at = (line: number, column: number) => ({ filePath: `${dir}/a.sh`, line, column });
    expect(file.uses).toEqual([
      { name: 'v', line: 4, column: 1, endLine: 4, endColumn: 2, expands: true, definition: at(3, 1),
        reason: 'when line 4 is read it expands: the alias is `ls ` (defined at line 3), expansion is on' },
      { name: 'x', line: 4, column: 3, endLine: 4, endColumn: 4, expands: false, definition: null,
        reason: 'the use is read before the alias is defined' },
      { name: 'v', line: 6, column: 1, endLine: 6, endColumn: 2, expands: true, definition: at(3, 1),
        reason: 'when line 6 is read it expands: the alias is `ls ` (defined at line 3), expansion is on' },
      { name: 'x', line: 6, column: 3, endLine: 6, endColumn: 4, expands: true, definition: at(5, 1),
        reason: 'when line 6 is read it expands: the alias is `echo` (defined at line 5), expansion is on' },
    ]);
  });

  it('judges a file the others source where they source it, as without the flag', () => {
    const dir = project({ 'main.sh': '#!/bin/bash\nshopt -s expand_aliases\n. ./lib.sh\nk\n', 'lib.sh': "#!/bin/bash\n# the\n# lines\n# before\nalias k='echo hi'\nk\n" });
    const plain = aliascope(['-f', 'json', 'main.sh', 'lib.sh'], { cwd: dir });
    const shown = aliascope(['--show-uses', '-f', 'json', 'main.sh', 'lib.sh'], { cwd: dir });
    const messages = (stdout: string) => JSON.parse(stdout).map((f: { messages: unknown[] }) => f.messages);
    expect(shown.status).toBe(plain.status);
    expect(messages(shown.stdout)).toEqual(messages(plain.stdout));
    // on its own, lib.sh would run with expand_aliases off; main.sh sources it with it on
    const lib = JSON.parse(shown.stdout).find((f: { filePath: string }) => f.filePath.endsWith('lib.sh'));
    expect(lib.uses.map((u: { line: number; expands: boolean }) => [u.line, u.expands])).toEqual([[6, true]]);
    // its reason counts lines in lib.sh, not in main.sh
    expect(lib.uses[0].reason).toMatch(/^when line 6 is read it expands/);
    const alone = JSON.parse(aliascope(['--show-uses', '-f', 'json', 'lib.sh'], { cwd: dir }).stdout)[0];
    expect(alone.uses.map((u: { line: number; expands: boolean }) => [u.line, u.expands])).toEqual([[6, false]]);
  });

  it('leaves json without uses when not asked', () => {
    const dir = project({ 'a.sh': SCRIPT });
    const [file] = JSON.parse(aliascope(['-f', 'json', 'a.sh'], { cwd: dir }).stdout);
    expect(file.uses).toBeUndefined();
  });
});

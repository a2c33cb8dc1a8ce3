// Each idiom for "a file in my own folder" is followed by the shared resolver,
// and real bash agrees that the alias the sourced file defines expands.
import { execFileSync } from 'child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { describe, expect, it } from 'vitest';
import { sourceResolver } from '../../host/sources';
import { lint } from '../../rules';
import { tempDir } from '../support/temp';

const LIB = "shopt -s expand_aliases\nalias ll='echo expanded'\n";

const IDIOMS: [string, string][] = [
  ['$(dirname "$0")', 'source "$(dirname "$0")/lib/lib.sh"'],
  ['${BASH_SOURCE%/*}', '. "${BASH_SOURCE%/*}/lib/lib.sh"'],
  ['$(dirname "${BASH_SOURCE[0]}")', 'source "$(dirname "${BASH_SOURCE[0]}")/lib/lib.sh"'],
  ['a variable from $(cd … && pwd)', 'HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"\nsource "$HERE/lib/lib.sh"'],
  ['a variable from another such variable', 'HERE=$(dirname "$0")\nLIB="$HERE/lib"\nsource "${HERE}/lib/lib.sh"'],
  ['a shellcheck directive', '# shellcheck source=lib/lib.sh\nsource "$somewhere"'],
  ['an aliascope directive with SCRIPTDIR', '# aliascope source=SCRIPTDIR/lib/lib.sh\nsource "$somewhere"'],
];

function project(line: string): string {
  const dir = tempDir('aliascope-src-');
  mkdirSync(join(dir, 'lib'));
  writeFileSync(join(dir, 'lib', 'lib.sh'), LIB);
  writeFileSync(join(dir, 'main.sh'), `#!/bin/bash\n${line}\nll\n`);
  return dir;
}

function outcomes(dir: string, cwd: string) {
  const path = join(dir, 'main.sh');
  const src = readFileSync(path, 'utf8');
  const { analysis } = lint(src, { filename: path, resolveSource: sourceResolver({ docPath: path, cwd, sourcePaths: [] }) });
  return analysis.uses.map((u) => ({ name: u.name, outcomes: u.resolutions.map((r) => r.outcome) }));
}

describe('the shared source resolver', () => {
  it.each(IDIOMS)('follows %s', (_, line) => {
    const dir = project(line);
    expect(outcomes(dir, dir)).toEqual([{ name: 'll', outcomes: [1] }]);
    if (!line.includes('$somewhere')) {
      // bash run from elsewhere finds the file the same way
      const out = execFileSync('bash', [join(dir, 'main.sh')], { cwd: tmpdir(), encoding: 'utf8' });
      expect(out.trim()).toBe('expanded');
    }
  });

  it('does not follow a path through a folder that does not exist, as bash cannot', () => {
    const dir = project('source ./nowhere/../lib/lib.sh');
    expect(outcomes(dir, dir)).toEqual([]);
    expect(execFileSync('bash', ['-c', 'bash main.sh 2>&1; true'], { cwd: dir, encoding: 'utf8' })).toContain('No such file or directory');
    mkdirSync(join(dir, 'nowhere'));
    expect(outcomes(dir, dir)).toEqual([{ name: 'll', outcomes: [1] }]);
  });

  it('looks for a name the shell finds in PATH alone only in the source paths', () => {
    const dir = tempDir('aliascope-src-');
    mkdirSync(join(dir, 'lib'));
    writeFileSync(join(dir, 'lib.sh'), 'in the working directory\n');
    writeFileSync(join(dir, 'lib', 'lib.sh'), 'in a source path\n');
    const docPath = join(dir, 'main.sh');
    const resolve = (sourcePaths: string[]) => sourceResolver({ docPath, cwd: dir, sourcePaths });
    expect(resolve([])('$SOURCE_PATH/lib.sh')).toBeUndefined();
    expect(resolve([join(dir, 'lib')])('$SOURCE_PATH/lib.sh')?.text).toBe('in a source path\n');
    expect(resolve([join(dir, 'lib')])('lib.sh')?.text).toBe('in the working directory\n');
  });

  it('models a script whose only alias text is in a file it finds in the source paths by name', () => {
    const dir = tempDir('aliascope-src-');
    mkdirSync(join(dir, 'lib'));
    writeFileSync(join(dir, 'lib', 'lib.sh'), "alias k='echo hi'\n");
    // dash does not look in the working directory, which holds a file of that name without alias text
    writeFileSync(join(dir, 'lib.sh'), 'echo plain\n');
    const path = join(dir, 'main.sh');
    const text = '#!/bin/sh\nk\n. lib.sh\nk\n';
    const { diagnostics } = lint(text, { filename: path, resolveSource: sourceResolver({ docPath: path, cwd: dir, sourcePaths: [join(dir, 'lib')] }) });
    expect(diagnostics.map((d) => `${d.ruleId} ${d.start}`)).toEqual([`use-before-definition ${text.indexOf('k')}`]);
  });

  it('does not treat a variable assigned twice as the folder', () => {
    const dir = project('HERE=$(dirname "$0")\nHERE=/elsewhere\nsource "$HERE/lib/lib.sh"');
    expect(outcomes(dir, dir)).toEqual([]);
  });
});

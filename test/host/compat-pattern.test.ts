// A pattern common in real projects: a bash script without expand_aliases
// sources, through a variable holding its own folder, a compatibility file
// that defines aliases for GNU tools under a `uname` test. None of them ever
// expands in the script, and bash agrees.
import { execFileSync } from 'child_process';
import { mkdirSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { describe, expect, it } from 'vitest';
import { sourceResolver } from '../../host/sources';
import { applyFixes, Fix, lint } from '../../rules';
import { tempDir } from '../support/temp';

const COMPAT = `if [ "$(uname)" = Darwin ]; then
  alias sed='gsed'
  alias readlink='greadlink'
else
  alias sed='echo gnu-sed'
  alias readlink='echo gnu-readlink'
fi
`;
const MAIN = `#!/bin/bash
HERE="$(cd "$(dirname "\${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/lib/compat.sh"
sed --version
readlink --version
`;

function project(main: string): string {
  const dir = tempDir('aliascope-compat-');
  mkdirSync(join(dir, 'lib'));
  writeFileSync(join(dir, 'lib', 'compat.sh'), COMPAT);
  writeFileSync(join(dir, 'main.sh'), main);
  return dir;
}

const bash = (dir: string) => execFileSync('bash', [join(dir, 'main.sh')], { cwd: tmpdir(), encoding: 'utf8' });

function diagnostics(dir: string, text: string) {
  const path = join(dir, 'main.sh');
  return lint(text, { filename: path, resolveSource: sourceResolver({ docPath: path, cwd: tmpdir(), sourcePaths: [] }) }).diagnostics;
}

describe('a compatibility file sourced through the script folder', () => {
  it('reports every alias it defines as never expanding, as bash shows', () => {
    const dir = project(MAIN);
    expect(bash(dir)).not.toMatch(/gnu-/);
    const found = diagnostics(dir, MAIN);
    expect(found.map((d) => [d.ruleId, MAIN.slice(d.start, d.end)])).toEqual([
      ['expand-aliases-off', 'sed'],
      ['expand-aliases-off', 'readlink'],
    ]);
    expect(found[0].message).toContain('of lib/compat.sh');
    // the fix makes bash expand them
    const fixed = applyFixes(MAIN, found.map((d) => d.fix).filter((f): f is Fix => !!f)).text;
    const fixedDir = project(fixed);
    expect(bash(fixedDir).trim().split('\n')).toEqual(['gnu-sed --version', 'gnu-readlink --version']);
    expect(diagnostics(fixedDir, fixed)).toEqual([]);
  });
});

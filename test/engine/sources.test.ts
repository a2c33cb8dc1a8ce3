// A file with no alias text of its own is modelled only when a file it can
// source has some: the quick look for such files must find every path the
// model itself would follow.
import { describe, expect, it } from 'vitest';
import { lint } from '../../rules';

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

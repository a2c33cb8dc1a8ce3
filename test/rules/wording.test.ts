// The wording of messages and hovers where it once went wrong: a single line
// "is" read (not "line 7 are read"), and a definition in another file is
// named by its file and line.
import { describe, expect, it } from 'vitest';
import { lint, LineIndex } from '../../rules';
import { aliasAt, explain } from '../../rules/explain';

const hoverAt = (text: string, needle: string, options: Parameters<typeof lint>[1] = {}): string => {
  const { analysis } = lint(text, { filename: '/w/main.sh', ...options });
  const found = aliasAt(analysis, text.indexOf(needle));
  expect(found, `an alias at ${needle}`).toBeDefined();
  const index = new LineIndex(text);
  return explain(analysis, found!, (o) => index.position(o).line + 1);
};

describe('wording', () => {
  it('says "line N is read" for one line and "lines A–B are read" for several', () => {
    const one = '#!/bin/bash\nshopt -s expand_aliases\nalias k=kubectl; k get pods\n';
    const hover = hoverAt(one, 'k get');
    expect(hover).toMatch(/when line 3 is read/);
    const messages = lint(one, { filename: '/w/main.sh' }).diagnostics.map((d) => d.message);
    expect(messages.join('\n')).toMatch(/line 3/);
    const several = '#!/bin/bash\nshopt -s expand_aliases\nf() {\n  k get ns\n}\nalias k=kubectl\nf\n';
    expect(hoverAt(several, 'k get')).toMatch(/when lines 3–5 are read/);
    for (const text of [one, several, hover]) expect(text).not.toMatch(/\bline \d+ are\b|\blines [\d–]+ is\b/);
  });

  it('names the file and line of a definition in a sourced file', () => {
    const lib = '# helpers\nalias k=kubectl\n';
    const main = '#!/bin/bash\n. ./lib.sh\nk get ns\n';
    const resolveSource = (path: string) => (path === './lib.sh' ? { text: lib, name: '/w/lib.sh' } : undefined);
    const { diagnostics } = lint(main, { filename: '/w/main.sh', resolveSource });
    const messages = diagnostics.map((d) => d.message).join('\n');
    expect(messages).toMatch(/alias defined at line 2 of lib\.sh/);
    expect(hoverAt(main, 'k get', { resolveSource })).toMatch(/defined at line 2 of lib\.sh/);
    expect(messages).not.toMatch(/another file/);
  });

  it('says why a use read with the `source` of its alias does not expand, and points at that command', () => {
    const main = '#!/bin/sh\n. ./lib.sh; k get pods\n';
    const resolveSource = (path: string) => (path === './lib.sh' ? { text: "alias k='kubectl'\n", name: '/w/lib.sh' } : undefined);
    const [d] = lint(main, { filename: '/w/main.sh', resolveSource }).diagnostics;
    expect(d.message).toBe('`k` is read together with `. ./lib.sh` on line 2, which defines the alias at line 1 of lib.sh, before that command has run; sh (dash) runs the command `k`, not the alias.');
    expect(d.related?.map((r) => [main.slice(r.start, r.end), r.message])).toEqual([
      ['. ./lib.sh', 'this runs the file that defines alias `k`'],
      ['. ./lib.sh; k get pods', 'line 2 is read at once'],
    ]);
    expect(d.definition).toBeUndefined();
    expect(hoverAt(main, 'k get', { resolveSource })).toMatch(/Why: the file that defines the alias is sourced in the same line \(parse unit\) that uses it/);
  });
});

// Carrying an analysis over a comment edit must give exactly what a new
// analysis of the edited text gives, and must refuse every other edit.
import { readFileSync } from 'fs';
import { join } from 'path';
import { describe, expect, it } from 'vitest';
import { generatedScript } from '../../bench/lsp-corpus';
import { lint, parse, RULES } from '../../rules';
import { applyDirectives } from '../../rules/directives';
import { commentOnlyChange, Comments, shiftDiagnostic } from '../../server/carry';
import { ROOT } from './client';

const SEED = readFileSync(join(ROOT, 'examples', 'kubectl-seed.sh'), 'utf8');
/** Comments beside look-alikes: `#` in strings, here-documents, words and arithmetic, a directive, a shebang. */
const TRICKY = `#!/bin/bash
# top comment
shopt -s expand_aliases
alias k='kubectl --x'
f() { # opens f
  k get ns   # uses k
  echo "# not a comment" a#b $((1#0)) \${x#y}
}
cat <<EOF
# inside a here-document
EOF
# shellcheck disable=SC2262
alias j='echo'; j x # same line
f
`;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const CHARS = ['x', ' ', '#', '\\', "'", '"', '$(', ')', '`', '\n', '}', 'k', ''];

describe('carrying diagnostics over a comment edit', () => {
  it.each([
    ['the seed, commented', SEED.replace('func1() {', '# lists namespaces\nfunc1() { # read before the alias').replace('  func1\n', '  func1 # the call\n')],
    ['comments beside look-alikes', TRICKY],
    ['a generated script', generatedScript(600)],
  ])('gives what a new analysis gives, for random one-place edits in %s', (_, text) => {
    const rand = rng(text.length);
    const before = lint(text, { checkFixes: false }).diagnostics;
    const metas = RULES.map((r) => r.meta);
    const silenced = (t: string, ds: typeof before) => applyDirectives(t, parse(t), ds, metas);
    const beforeKept = silenced(text, before);
    const comments = Comments.of(parse(text));
    let carried = 0;
    let refused = 0;
    for (let i = 0; i < 300; i++) {
      // edits next to a `#` half the time, so comments are hit often
      const hashes = [...text.matchAll(/#/g)].map((m) => m.index!);
      const near = hashes[Math.floor(rand() * hashes.length)] + Math.floor(rand() * 12);
      const at = Math.min(text.length, rand() < 0.5 ? near : Math.floor(rand() * text.length));
      const removed = rand() < 0.4 ? Math.floor(rand() * 3) : 0;
      const inserted = CHARS[Math.floor(rand() * CHARS.length)];
      const next = text.slice(0, at) + inserted + text.slice(Math.min(text.length, at + removed));
      const shift = commentOnlyChange(text, next, comments);
      if (!shift) {
        refused++;
        continue;
      }
      carried++;
      const fresh = lint(next, { checkFixes: false }).diagnostics;
      expect(before.map((d) => shiftDiagnostic(d, shift)), JSON.stringify({ at, removed, inserted })).toEqual(fresh);
      expect(comments.moved(shift).list()).toEqual(Comments.of(parse(next)).list());
      // what directives silence and what they get wrong moves with the text, too
      const after = silenced(next, fresh);
      expect(beforeKept.kept.map((d) => shiftDiagnostic(d, shift))).toEqual(after.kept);
      expect(beforeKept.unknown.map((u) => shiftDiagnostic({ ...u, ruleId: 'directive', severity: 'warning', related: [] }, shift)))
        .toEqual(after.unknown.map((u) => ({ ...u, ruleId: 'directive', severity: 'warning', related: [] })));
    }
    expect(carried).toBeGreaterThan(20);
    expect(refused).toBeGreaterThan(20);
  });

  it.each([
    ['a here-document line', '# inside a here-document', 'EOF\n# inside a'],
    ['a string', '"# not a comment"', '"# not'],
    ['a directive', '# shellcheck disable=SC2262', '# shellcheck'],
    ['the shebang', '#!/bin/bash', '#!/bin/'],
    ['a comment to a directive', '# top comment', '# '],
  ])('refuses an edit in %s', (_, _line, prefix) => {
    const at = TRICKY.indexOf(prefix) + prefix.length;
    const insert = _ === 'a comment to a directive' ? 'shellcheck shell=sh ' : 'x';
    const next = TRICKY.slice(0, at) + insert + TRICKY.slice(at);
    expect(commentOnlyChange(TRICKY, next, Comments.of(parse(TRICKY)))).toBeUndefined();
  });

  it('accepts typing at the end of a plain comment and deleting it again', () => {
    const at = TRICKY.indexOf('# uses k') + '# uses k'.length;
    const next = `${TRICKY.slice(0, at)}ubectl${TRICKY.slice(at)}`;
    expect(commentOnlyChange(TRICKY, next, Comments.of(parse(TRICKY)))).toEqual({ start: at, oldEnd: at, delta: 6 });
    expect(commentOnlyChange(next, TRICKY, Comments.of(parse(next)))).toEqual({ start: at, oldEnd: at + 6, delta: -6 });
    const emptied = `${TRICKY.slice(0, at - 6)}${TRICKY.slice(at)}`;
    expect(commentOnlyChange(TRICKY, emptied, Comments.of(parse(TRICKY)))).toEqual({ start: at - 6, oldEnd: at, delta: -6 });
  });
});

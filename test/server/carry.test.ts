// Carrying an analysis over an edit must give exactly what a new analysis of
// the edited text gives, and must refuse every edit where it might not.
import { readFileSync } from 'fs';
import { join } from 'path';
import { describe, expect, it } from 'vitest';
import { generatedScript } from '../../bench/lsp-corpus';
import { Diagnostic, lint, parse, RULES } from '../../rules';
import { applyDirectives } from '../../rules/directives';
import { advanced, carriedShift, Origin, originOf, shiftDiagnostic } from '../../server/carry';
import { ROOT } from './client';

const SEED = readFileSync(join(ROOT, 'examples', 'kubectl-seed.sh'), 'utf8');
/**
 * Comments and words beside look-alikes: `#` in strings, here-documents, words and arithmetic, a directive, a shebang.
 * The `echo` names `k`, so it is never carried: an edit after its `"#` is refused unless that `#` is taken for a comment.
 */
const TRICKY = `#!/bin/bash
# top comment
shopt -s expand_aliases
alias k='kubectl --x'
f() { # opens f
  k get ns   # uses k
  echo "# not a comment" a#b $((1#0)) \${x#y} k
  printf '%s\\n' "plain words" 'single quoted' > /dev/null
}
cat <<EOF
# inside a here-document
EOF
# shellcheck disable=SC2262
alias j='echo'; j x # same line
for w in one two; do echo "$w"; done
f
`;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const INSERTS = ['x', 'k', 'f', 'j', ' ', '#', '\\', "'", '"', '$(', ')', '`', '\n', '}', '=', 'alias', 'fi', '1', '.', '%', '@', ':', ''];
const metas = RULES.map((r) => r.meta);
/** What an editor is shown: the core's diagnostics less those directives silence, plus bad directives. */
function reported(text: string, ds: Diagnostic[]): Diagnostic[] {
  const { kept, unknown } = applyDirectives(text, parse(text), ds, metas);
  return [...kept, ...unknown.map((u): Diagnostic => ({ ruleId: 'directive', severity: 'warning', related: [], ...u }))];
}

describe('carrying an analysis over an edit', () => {
  it.each([
    ['the seed, commented', SEED.replace('func1() {', '# lists namespaces\nfunc1() { # read before the alias').replace('  func1\n', '  func1 # the call\n')],
    ['comments and words beside look-alikes', TRICKY],
    ['a generated script', generatedScript(400)],
  ])('gives what a new analysis gives, through chains of random edits in %s', (_, start) => {
    const rand = rng(start.length);
    let carried = 0;
    let refused = 0;
    for (let chain = 0; chain < 12; chain++) {
      let text = start;
      let result = lint(text, { checkFixes: false });
      let shown = reported(text, result.diagnostics);
      let origin: Origin = originOf(result.analysis);
      for (let step = 0; step < 25; step++) {
        // edits next to a `#`, a quote or a word half the time, so comments and words are hit often
        const marks = [...text.matchAll(/[#'"a-z]/g)].map((m) => m.index!);
        const near = marks[Math.floor(rand() * marks.length)] + Math.floor(rand() * 6);
        const at = Math.min(text.length, rand() < 0.6 ? near : Math.floor(rand() * text.length));
        const removed = rand() < 0.3 ? 1 + Math.floor(rand() * 2) : 0;
        const next = text.slice(0, at) + INSERTS[Math.floor(rand() * INSERTS.length)] + text.slice(Math.min(text.length, at + removed));
        const shift = carriedShift(text, next, origin, shown);
        const fresh = lint(next, { checkFixes: false });
        const freshShown = reported(next, fresh.diagnostics);
        if (shift) {
          carried++;
          expect(shown.map((d) => shiftDiagnostic(d, shift)), JSON.stringify({ chain, step, next })).toEqual(freshShown);
          origin = advanced(origin, shift);
        } else {
          refused++;
          origin = originOf(fresh.analysis);
        }
        text = next;
        result = fresh;
        shown = freshShown;
      }
    }
    expect(carried).toBeGreaterThan(15);
    expect(refused).toBeGreaterThan(30);
  });

  const tryEdit = (text: string, after: string, insert: string, removed = 0) => {
    const at = text.indexOf(after) + after.length;
    const next = text.slice(0, at) + insert + text.slice(at + removed);
    const { analysis, diagnostics } = lint(text, { checkFixes: false });
    return carriedShift(text, next, originOf(analysis), reported(text, diagnostics));
  };

  it.each([
    ['a here-document line', '# inside a', 'x'],
    ['a string holding a #', '"# not', 'x'],
    ['a directive', '# shellcheck', 'x'],
    ['the shebang', '#!/bin/', 'x'],
    ['a comment made a directive', '# ', 'shellcheck shell=sh '],
    ['the name of a command that uses an alias', '  k', 'x'],
    ['a command name, with a character tree-sitter-bash rejects there', '  printf', '%'],
    ['an argument, with a character tree-sitter-bash rejects in some words', '/dev/nu', '@'],
    ['a word made an alias use', 'printf', '\nk'],
    ['a word given a quote', '"plain', '"'],
    ['a word made a keyword', 'for w in one two; do echo "$w"; done\n', 'fi', 0],
    ['a word made a call of a function', 'two; do echo "$w"; done\n', 'f', 1],
    ['a word of the statement that defines an alias', "alias k='kubectl --", 'y'],
    ['a word after a blank, at its start', 'printf ', 'x'],
    ['the end of an alias definition, after its closing quote', "alias k='kubectl --x'", 'y'],
    ['a closing quote followed by a blank', '"plain words"', ' x'],
  ])('refuses an edit in %s', (_, after, insert, removed = 0) => {
    expect(tryEdit(TRICKY, after, insert, removed)).toBeUndefined();
  });

  it.each([
    ['at the end of a plain comment', '# uses k', 'ubectl'],
    ['inside a word no model looks at', '/dev/nu', 'x'],
    ['inside double-quoted text', '"plain wo', 'x'],
    ['inside single-quoted text', "'single quo", 'x'],
    ['right after a closing double quote', '"plain words"', 'x.y'],
    ['in an argument of a command that uses an alias', '  k get', 's'],
    ['right after a closing single quote', "'single quoted'", 'x'],
  ])('carries typing %s', (_, after, insert) => {
    const at = TRICKY.indexOf(after) + after.length;
    expect(tryEdit(TRICKY, after, insert)).toEqual({ start: at, oldEnd: at, delta: insert.length });
  });

  it.each([
    ['after an alias whose value ends in a blank, where the next word is in command position too', "alias s='sudo '\ns k get\n", 's k g'],
    ['after `command`, whose argument is the name run', 'command k get\n', 'command k'],
    ['with a substitution in the command', 'k get "$(date)" x\n', 'k get "$(date)" x'],
  ])('refuses typing in an argument %s', (_, body, after) => {
    expect(tryEdit(`shopt -s expand_aliases\nalias k='kubectl'\n${body}`, after, 'y')).toBeUndefined();
  });

  it('refuses typing after the closing quote of a command name, which could spell an alias', () => {
    expect(tryEdit("shopt -s expand_aliases\nalias kx='echo'\n'k' a\n", "'k'", 'x')).toBeUndefined();
  });

  it('carries deleting what was typed in a comment', () => {
    const at = TRICKY.indexOf('# uses k') + '# uses k'.length;
    const next = `${TRICKY.slice(0, at)}ubectl${TRICKY.slice(at)}`;
    const { analysis } = lint(next, { checkFixes: false });
    expect(carriedShift(next, TRICKY, originOf(analysis), [])).toEqual({ start: at, oldEnd: at + 6, delta: -6 });
  });
});

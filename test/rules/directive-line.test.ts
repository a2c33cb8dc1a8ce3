// Where the editor's "Disable <rule> for this line" puts its comment: a line
// that then silences the finding, or none at all where no comment line can
// (a here-document's body would take the comment as text, and a comment
// between continued lines would break the command).
import { describe, expect, it } from 'vitest';
import { applyDirectives, directiveLineFor, lint, parse, RULES } from '../../rules';

const METAS = RULES.map((r) => r.meta);

/** The text with the directive inserted for the first finding of `rule`, or null when none is offered. */
function disabled(text: string, rule: string): { text: string; silenced: boolean } | null {
  // the last finding of the rule: a use, after its definition
  const target = lint(text, { dialect: 'bash-posix' }).diagnostics.filter((d) => d.ruleId === rule).pop()!;
  expect(target, rule).toBeDefined();
  const at = directiveLineFor(text, parse(text), target.start);
  if (at === null) return null;
  const indent = /^[ \t]*/.exec(text.slice(at))![0];
  const next = `${text.slice(0, at)}${indent}# aliascope disable=${rule}\n${text.slice(at)}`;
  const { kept } = applyDirectives(next, () => parse(next), lint(next, { dialect: 'bash-posix' }).diagnostics, METAS);
  return { text: next, silenced: !kept.some((d) => d.ruleId === rule) };
}

describe('the line of a disable directive', () => {
  it('goes before the statement that holds the finding, indented like it', () => {
    expect(disabled("f() {\n  k x\n}\nalias k='echo hi'\nf\n", 'function-read-before-alias')).toEqual({
      text: "f() {\n  # aliascope disable=function-read-before-alias\n  k x\n}\nalias k='echo hi'\nf\n", silenced: true,
    });
  });

  it('goes before a here-document\'s command, never into its body', () => {
    const got = disabled("shopt -s expand_aliases\nalias k='echo hi'\ncat <<EOF\nline $(k 1)\nEOF\n", 'alias-in-heredoc-substitution');
    expect(got?.text.split('\n').slice(2, 4)).toEqual(['# aliascope disable=alias-in-heredoc-substitution', 'cat <<EOF']);
    expect(got?.silenced).toBe(true);
  });

  it('is not offered on the continued line of a command past the first of its line', () => {
    expect(disabled("alias k='echo hi'; echo a \\\n  && k 1\n", 'same-unit')).toBeNull();
  });
});
